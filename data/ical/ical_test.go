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
	for _, name := range []string{"DTSTART", "DTEND"} {
		if at, ok := instant(t, lines, props, name); ok {
			props[name] = at.UTC().Format(utcLayout)
		}
	}
	return props
}

// instant reads a VEVENT time as a calendar does: a UTC time as it is; a
// local time with a TZID through the object's own VTIMEZONE, whose
// observance in force is the last one to begin at or before that local
// time. It knows nothing of the time-zone database, so a wrong VTIMEZONE
// gives a wrong instant.
func instant(t *testing.T, lines []string, props map[string]string, name string) (time.Time, bool) {
	t.Helper()
	if v, ok := props[name]; ok {
		at, err := time.Parse(utcLayout, v)
		if err != nil {
			t.Fatalf("%s:%s: %v", name, v, err)
		}
		return at, true
	}
	var tzid, local string
	for k, v := range props {
		if id, ok := strings.CutPrefix(k, name+";TZID="); ok {
			tzid, local = id, v
			delete(props, k)
		}
	}
	if tzid == "" {
		return time.Time{}, false
	}
	wall, err := time.Parse(localLayout, local)
	if err != nil {
		t.Fatalf("%s;TZID=%s:%s: %v", name, tzid, local, err)
	}
	var onset time.Time
	best, in, inZone := "", false, false
	var obsStart time.Time
	for _, l := range lines {
		k, v, _ := strings.Cut(l, ":")
		switch {
		case l == "BEGIN:VTIMEZONE":
			inZone = false
		case k == "TZID" && v == tzid:
			inZone = true
		case l == "BEGIN:STANDARD" || l == "BEGIN:DAYLIGHT":
			in = inZone
		case in && k == "DTSTART":
			if obsStart, err = time.Parse(localLayout, v); err != nil {
				t.Fatalf("observance DTSTART %q: %v", v, err)
			}
		case in && k == "TZOFFSETTO":
			if !obsStart.After(wall) && !obsStart.Before(onset) {
				onset, best = obsStart, v
			}
		case l == "END:STANDARD" || l == "END:DAYLIGHT":
			in = false
		}
	}
	if best == "" {
		t.Fatalf("no observance of %s in force at %s", tzid, local)
	}
	off, err := time.Parse("-0700", best)
	if err != nil {
		t.Fatalf("TZOFFSETTO %q: %v", best, err)
	}
	_, secs := off.Zone()
	return wall.Add(-time.Duration(secs) * time.Second), true
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
// to MaxOctets and its QR code to version 20 at level M.
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
		if err != nil || version > 20 {
			t.Errorf("QR version %d (%v), want at most 20", version, err)
		}
		parse(t, out)
	}
}

// The times are the venue's, named by its zone, which the object defines.
func TestTimesInTheVenuesZone(t *testing.T) {
	out := Session(event, sample(), bali, stamp)
	for _, want := range []string{
		"DTSTART;TZID=Asia/Makassar:20161108T103000\r\n",
		"DTEND;TZID=Asia/Makassar:20161108T120000\r\n",
		"BEGIN:VTIMEZONE\r\nTZID:Asia/Makassar\r\nBEGIN:STANDARD\r\n",
		// Makassar last changed its offset in 1945, from +0900.
		"DTSTART:19450923T000000\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0800\r\nTZNAME:WITA\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if strings.Index(out, "END:VTIMEZONE") > strings.Index(out, "BEGIN:VEVENT") {
		t.Error("the zone must be defined before the event that uses it")
	}
}

// A session across a change of offset carries both observances, and each
// end resolves to its true instant through them.
func TestSessionAcrossDaylightSavingChange(t *testing.T) {
	paris := mustZone("Europe/Paris")
	s := sample()
	// Clocks went back from 03:00 CEST to 02:00 CET on 30 October 2016.
	s.Start = time.Date(2016, 10, 30, 0, 30, 0, 0, time.UTC) // 02:30 CEST
	s.End = time.Date(2016, 10, 30, 2, 30, 0, 0, time.UTC)   // 03:30 CET
	out := Session(data.Event{ID: "ga85"}, s, paris, stamp)
	for _, want := range []string{
		"BEGIN:DAYLIGHT\r\nDTSTART:20160327T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n",
		"BEGIN:STANDARD\r\nDTSTART:20161030T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	p := parse(t, out)
	if p["DTSTART"] != "20161030T003000Z" || p["DTEND"] != "20161030T023000Z" {
		t.Errorf("read back as %s to %s", p["DTSTART"], p["DTEND"])
	}
}

// A venue in UTC, or a zone whose name would need quoting, gets UTC times
// with a Z and no zone.
func TestUTCWhenNoZoneToName(t *testing.T) {
	for _, loc := range []*time.Location{time.UTC, nil, time.FixedZone("a;b:c", 3600)} {
		out := Session(event, sample(), loc, stamp)
		if strings.Contains(out, "VTIMEZONE") || strings.Contains(out, "TZID") {
			t.Errorf("%v: zone written:\n%s", loc, out)
		}
		if p := parse(t, out); p["DTSTART"] != "20161108T023000Z" {
			t.Errorf("%v: DTSTART %q", loc, p["DTSTART"])
		}
	}
}

func TestOffsets(t *testing.T) {
	for secs, want := range map[int]string{28800: "+0800", -12600: "-0330", 0: "+0000", 20700: "+0545", -17762: "-045602"} {
		if got := offset(secs); got != want {
			t.Errorf("offset(%d) = %q, want %q", secs, got, want)
		}
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
