package ui

import (
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kiosk/data/badge"
	"kiosk/data/contentline"
	"kiosk/data/datatest"
	"kiosk/data/keys"
	"kiosk/data/myday"
	"kiosk/data/qrimage/qrcheck"
	"kiosk/ui/i18n"
)

// vevent reads the properties of the VEVENT in a calendar object.
func vevent(t *testing.T, text string) map[string]string {
	t.Helper()
	props := map[string]string{}
	in := false
	for _, l := range contentline.Unfold(text) {
		name, value, _ := strings.Cut(l, ":")
		switch {
		case l == "BEGIN:VEVENT":
			in = true
		case l == "END:VEVENT":
			in = false
		case in:
			props[name] = contentline.Unescape(value)
		}
	}
	if !strings.HasPrefix(text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") || len(props) == 0 {
		t.Fatalf("not a calendar with an event: %q", text)
	}
	return props
}

// screenQR reads the QR code as the window shows it: the canvas is
// rendered and cropped to the code's place, so a code drawn too small or
// covered does not read.
func (k *testKiosk) screenQR(t *testing.T, o fyne.CanvasObject) string {
	t.Helper()
	shot := k.window.Canvas().Capture()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	scale := float32(shot.Bounds().Dx()) / k.window.Canvas().Size().Width
	size := o.Size()
	r := image.Rect(int(pos.X*scale), int(pos.Y*scale), int((pos.X+size.Width)*scale), int((pos.Y+size.Height)*scale))
	sub, ok := shot.(interface {
		SubImage(image.Rectangle) image.Image
	})
	if !ok || r.Empty() {
		t.Fatalf("cannot crop the screen to %v", r)
	}
	if dir := os.Getenv("KIOSK_SHOTS"); dir != "" {
		f, _ := os.Create(filepath.Join(dir, t.Name()+".png"))
		png.Encode(f, shot)
		f.Close()
		f, _ = os.Create(filepath.Join(dir, t.Name()+"-qr.png"))
		png.Encode(f, sub.SubImage(r))
		f.Close()
	}
	return qrcheck.Read(t, sub.SubImage(r))
}

func TestAddSessionToMyCalendar(t *testing.T) {
	k := newTestKiosk(t)
	k.window.Resize(fyne.NewSize(1920, 1080)) // the kiosk's screen
	k.Programme.Open(datatest.CyberID)
	cal := k.Programme.Detail.Calendar
	if cal.QR.Visible() || cal.Button.Text != i18n.T(txtAddToCalendar) {
		t.Fatal("the calendar code shows before it is asked for")
	}
	test.Tap(cal.Button)
	if !cal.QR.Visible() {
		t.Fatal("Add to my calendar shows no code")
	}
	got := k.screenQR(t, cal.QR.Image)
	if got != cal.QR.Text {
		t.Fatalf("the screen's code reads\n%q\nwant\n%q", got, cal.QR.Text)
	}
	p := vevent(t, got)
	want := map[string]string{
		"UID":     "S2@test-event.kiosk",
		"SUMMARY": "Cybercrime: threats ahead",
		// 11:00 at the venue, in the venue's zone, defined in the code.
		"DTSTART;TZID=Asia/Makassar": "20161107T110000",
		"DTEND;TZID=Asia/Makassar":   "20161107T123000",
		"LOCATION":                   "Kintamani Room, Convention Centre",
	}
	for name, v := range want {
		if p[name] != v {
			t.Errorf("%s = %q, want %q", name, p[name], v)
		}
	}
	t.Logf("calendar code: %d octets, version %d", len(cal.QR.Text), cal.QR.Version)
	// Another session: the code of the first one goes.
	k.Programme.showDetail(datatest.OpeningID)
	if cal.QR.Visible() {
		t.Fatal("the code of the previous session is still on show")
	}
	test.Tap(cal.Button)
	if vevent(t, cal.QR.Text)["UID"] != datatest.OpeningID+"@test-event.kiosk" {
		t.Fatalf("code for the wrong session: %q", cal.QR.Text)
	}
	test.Tap(cal.Button)
	if cal.QR.Visible() {
		t.Fatal("the second tap does not hide the code")
	}
}

// labelsContaining finds labels under o whose text holds s.
func labelsContaining(o fyne.CanvasObject, s string) int {
	n := 0
	switch v := o.(type) {
	case *widget.Label:
		if strings.Contains(v.Text, s) && v.Visible() {
			n++
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			n += labelsContaining(c, s)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			n += labelsContaining(c, s)
		}
	}
	return n
}

func TestContactCodeOnlyWithConsent(t *testing.T) {
	k := newTestKiosk(t)
	k.window.Resize(fyne.NewSize(1920, 1080)) // the kiosk's screen
	k.Show(ScreenDirectory)
	v := k.Directory.Detail
	k.Directory.showDetail(datatest.KouassiID)
	if !v.Contact.Visible() || v.Contact.Email.Text != "a.kouassi@example.ci" || v.Contact.Phone.Text != "+225 20 21 00 00" {
		t.Fatalf("consenting delegate: contact shown %v, %q %q", v.Contact.Visible(), v.Contact.Email.Text, v.Contact.Phone.Text)
	}
	got := k.screenQR(t, v.Contact.QR.Image)
	if got != v.Contact.QR.Text {
		t.Fatalf("the screen's code reads %q, want %q", got, v.Contact.QR.Text)
	}
	for _, line := range []string{"BEGIN:VCARD", "VERSION:3.0", "FN:Commissioner Aya Marie Kouassi",
		"EMAIL;TYPE=INTERNET:a.kouassi@example.ci", "TEL;TYPE=WORK,VOICE:+225 20 21 00 00", "ROLE:Head of delegation"} {
		if !strings.Contains(got, line+"\r\n") {
			t.Errorf("contact code lacks %q:\n%s", line, got)
		}
	}
	if strings.Contains(got, "Police Nationale") {
		t.Error("the code holds the organisation she did not consent to show")
	}
	// Stock's sources hold an email and a telephone, without consent.
	k.Directory.showDetail(datatest.StockID)
	if v.Contact.Visible() || v.Contact.QR.Visible() || v.Contact.QR.Text != "" {
		t.Fatal("contact shown for a delegate who did not consent")
	}
	for _, s := range []string{"j.stock@example.org", "+33 4 72"} {
		if n := labelsContaining(k.Content(), s); n != 0 {
			t.Fatalf("%q is on screen %d times", s, n)
		}
	}
}

func newMyDayKiosk(t *testing.T) *testKiosk {
	return newTestKioskWith(t, "test", func(tk *testKiosk, d *Deps) {
		d.MyDay = myday.New(tk.desk, tk.store, func() time.Time { return tk.now })
	})
}

func (k *testKiosk) checkIns(t *testing.T) int {
	t.Helper()
	n, _, err := k.store.CheckInCount(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestMyDayByBadgeChecksNobodyIn(t *testing.T) {
	k := newMyDayKiosk(t)
	if k.Home.MyDay == nil {
		t.Fatal("Home offers no My day")
	}
	test.Tap(k.Home.MyDay)
	if k.Current() != ScreenMyDay || k.MyDay.Heading.Text != i18n.T(txtMyDayPrompt) {
		t.Fatalf("screen %d, heading %q", k.Current(), k.MyDay.Heading.Text)
	}
	before := k.checkIns(t)
	k.scanOnCanvas(k.badge(t, datatest.KouassiID, 3))
	if k.Current() != ScreenMyDay {
		t.Fatalf("a scan on My day went to screen %d", k.Current())
	}
	if after := k.checkIns(t); after != before {
		t.Fatalf("My day recorded %d check-ins", after-before)
	}
	var ids []string
	for _, s := range k.MyDay.Plan.Sessions {
		ids = append(ids, s.ID)
	}
	if strings.Join(ids, ",") != datatest.OpeningID+",S4,"+datatest.CyberID {
		t.Fatalf("Kouassi's Monday: %v", ids)
	}
	if len(k.MyDay.Sessions.Objects) != 3 ||
		!strings.Contains(k.MyDay.Heading.Text, "Commissioner Aya Marie Kouassi") ||
		!strings.Contains(k.MyDay.Heading.Text, "Monday 7 November") ||
		k.MyDay.Who.Text != "Head of delegation  ·  Côte d'Ivoire" {
		t.Fatalf("My day shows %d cards, %q, %q", len(k.MyDay.Sessions.Objects), k.MyDay.Heading.Text, k.MyDay.Who.Text)
	}
	if labelsContaining(k.MyDay.Sessions, "Kintamani Room") != 1 {
		t.Fatal("the sessions do not say where they are")
	}
	// A badge that is not genuine: the reason, no day.
	_, stranger, _ := keys.Generate()
	forged, _ := badge.Issue(stranger, badge.Claims{EventID: "test-event", DelegateID: datatest.KouassiID, Serial: 3,
		ValidFrom: time.Date(2016, 11, 6, 0, 0, 0, 0, venue), ValidUntil: time.Date(2016, 11, 11, 0, 0, 0, 0, venue)})
	k.scanOnCanvas(forged)
	if k.MyDay.Heading.Text != "Badge not accepted" || len(k.MyDay.Sessions.Objects) != 0 {
		t.Fatalf("forged badge: %q with %d sessions", k.MyDay.Heading.Text, len(k.MyDay.Sessions.Objects))
	}
	// Left alone, the kiosk goes back to Home and forgets the day.
	k.scanOnCanvas(k.badge(t, datatest.KouassiID, 3))
	k.now = k.now.Add(61 * time.Second)
	if !k.CheckIdle(k.now) || k.Current() != ScreenHome || len(k.MyDay.Sessions.Objects) != 0 || k.MyDay.Plan.Name != "" {
		t.Fatalf("after idle: screen %d, %d sessions left", k.Current(), len(k.MyDay.Sessions.Objects))
	}
	if after := k.checkIns(t); after != before {
		t.Fatalf("My day recorded %d check-ins", after-before)
	}
	// On Home the same badge checks in as before.
	k.scanOnCanvas(k.badge(t, datatest.KouassiID, 3))
	if k.Current() != ScreenResult || k.checkIns(t) != before+1 {
		t.Fatalf("a scan on Home: screen %d, %d check-ins", k.Current(), k.checkIns(t)-before)
	}
}
