package ical

import (
	"strings"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/contentline"
	"kiosk/data/qrimage"
	"kiosk/data/qrimage/qrcheck"
)

var (
	bali  = mustZone("Asia/Makassar")
	event = data.Event{ID: "ga85", Name: "85th General Assembly", Venue: "Bali Nusa Dua Convention Center", TimeZone: "Asia/Makassar"}
	stamp = time.Date(2016, 11, 8, 1, 2, 3, 0, time.UTC)
)

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

func sample() data.SessionDetail {
	return data.SessionDetail{
		Session: data.Session{
			ID:          "GA-S07",
			Title:       "Cybercrime; threats, trends\\and responses",
			Description: "Opening remarks,\nthen a panel.",
			Start:       time.Date(2016, 11, 8, 10, 30, 0, 0, bali),
			End:         time.Date(2016, 11, 8, 12, 0, 0, 0, bali),
		},
		Room: data.Room{ID: "r1", Name: "Nusa Dua Hall, level 1"},
	}
}

// parse reads a calendar object back as a reader would: it checks the
// frame and returns the VEVENT's properties, unescaped.
func parse(t *testing.T, text string) map[string]string {
	t.Helper()
	if strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\n") {
		t.Fatalf("line ended without CR: %q", text)
	}
	for i, l := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if len(l) > contentline.MaxOctets {
			t.Errorf("line %d is %d octets", i, len(l))
		}
	}
	lines := contentline.Unfold(text)
	want := []string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + ProdID}
	for i, w := range want {
		if lines[i] != w {
			t.Fatalf("line %d = %q, want %q", i, lines[i], w)
		}
	}
	if lines[len(lines)-1] != "END:VCALENDAR" {
		t.Fatalf("last line %q", lines[len(lines)-1])
	}
	props := map[string]string{}
	in := false
	for _, l := range lines {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("line without a colon: %q", l)
		}
		switch {
		case l == "BEGIN:VEVENT":
			in = true
		case l == "END:VEVENT":
			in = false
		case in:
			props[name] = contentline.Unescape(value)
		}
	}
	return props
}

func TestSessionEvent(t *testing.T) {
	out := Session(event, sample(), bali, stamp)
	p := parse(t, out)
	checks := map[string]string{
		"UID":      "GA-S07@ga85.kiosk",
		"DTSTAMP":  "20161108T010203Z",
		"DTSTART":  "20161108T023000Z", // 10:30 in Bali is 02:30 UTC
		"DTEND":    "20161108T040000Z",
		"SUMMARY":  "Cybercrime; threats, trends\\and responses",
		"LOCATION": "Nusa Dua Hall, level 1, Bali Nusa Dua Convention Center",
	}
	for k, v := range checks {
		if p[k] != v {
			t.Errorf("%s = %q, want %q", k, p[k], v)
		}
	}
	if want := "10:30–12:00 Asia/Makassar. Opening remarks, then a panel."; p["DESCRIPTION"] != want {
		t.Errorf("DESCRIPTION = %q, want %q", p["DESCRIPTION"], want)
	}
	if !strings.Contains(out, `SUMMARY:Cybercrime\; threats\, trends\\and responses`) {
		t.Errorf("summary not escaped:\n%s", out)
	}
	if Session(event, sample(), bali, stamp.Add(time.Hour)) == out {
		t.Error("DTSTAMP does not follow the time the code is made")
	}
	if p2 := parse(t, Session(event, sample(), bali, stamp.Add(time.Hour))); p2["UID"] != p["UID"] {
		t.Error("UID changes between two showings of one session")
	}
}

// TestLongSessionsStaySmall: whatever the sources hold, the object keeps
// to MaxOctets and its QR code to version 17 at level M.
func TestLongSessionsStaySmall(t *testing.T) {
	s := sample()
	for _, title := range []string{
		strings.Repeat("A very long session title, with commas; ", 20),
		strings.Repeat("اجتماع إقليمي: أفريقيا، ", 30),
		strings.Repeat(",;\\", 200),
	} {
		s.Title, s.Description, s.Room.Name = title, title, title
		out := Session(event, s, bali, stamp)
		if len(out) > MaxOctets {
			t.Errorf("%d octets, over %d", len(out), MaxOctets)
		}
		_, version, err := qrimage.Image(out, 400)
		if err != nil || version > 17 {
			t.Errorf("QR version %d (%v), want at most 17", version, err)
		}
		parse(t, out)
	}
}

// TestQRCodeReadsBack decodes the drawn code with a barcode reader and
// parses the event out of it.
func TestQRCodeReadsBack(t *testing.T) {
	s := sample()
	s.Title = "Réunion régionale : Afrique, 2016 (séance 1)"
	out := Session(event, s, bali, stamp)
	img, version, err := qrimage.Image(out, 480)
	if err != nil {
		t.Fatal(err)
	}
	got := qrcheck.Read(t, img)
	if got != out {
		t.Fatalf("read back\n%q\nwant\n%q", got, out)
	}
	p := parse(t, out)
	if p["SUMMARY"] != s.Title || p["DTSTART"] != "20161108T023000Z" {
		t.Errorf("parsed %v", p)
	}
	t.Logf("%d octets, QR version %d at level M", len(out), version)
}

// BenchmarkSessionQR is what tapping "Add to my calendar" costs: write the
// event and draw its code.
func BenchmarkSessionQR(b *testing.B) {
	s := sample()
	s.Description = strings.Repeat("A long description of the session. ", 20)
	for b.Loop() {
		if _, _, err := qrimage.Image(Session(event, s, bali, stamp), 480); err != nil {
			b.Fatal(err)
		}
	}
}

// Text from the sources cannot end a property or open another: a line
// break in a title stays inside SUMMARY, escaped.
func TestSourcesCannotInjectProperties(t *testing.T) {
	s := sample()
	s.Title = "Harmless\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected"
	s.Description = "x\nDTSTART:19700101T000000Z\rLOCATION:nowhere"
	s.Room.Name = "Hall;ALTREP=\"http://evil\":x"
	out := Session(event, s, bali, stamp)
	if n := strings.Count(out, "\r\nBEGIN:VEVENT\r\n"); n != 1 {
		t.Fatalf("%d events in\n%s", n, out)
	}
	p := parse(t, out)
	if p["DTSTART"] != "20161108T023000Z" || !strings.HasPrefix(p["SUMMARY"], "Harmless") {
		t.Fatalf("a property was overwritten: %v", p)
	}
	if _, ok := p["LOCATION;ALTREP=\"http"]; ok || !strings.HasPrefix(p["LOCATION"], "Hall;ALTREP") {
		t.Fatalf("location parameter injected: %v", p)
	}
}
