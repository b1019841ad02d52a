package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/checkin"
	"kiosk/data/checkincode"
	"kiosk/data/datatest"
	"kiosk/data/keys"
)

func (k *testKiosk) badge(t testing.TB, delegate string, serial uint32) string {
	t.Helper()
	tok, err := badge.Issue(k.key, badge.Claims{EventID: "test-event", DelegateID: delegate, Serial: serial,
		ValidFrom: time.Date(2016, 11, 6, 0, 0, 0, 0, venue), ValidUntil: time.Date(2016, 11, 11, 0, 0, 0, 0, venue)})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// scanOnCanvas types a code as a scanner does, with nothing focused, then
// Enter. The test clock stands still, so the keys come faster than any
// person types.
func (k *testKiosk) scanOnCanvas(code string) {
	c := k.window.Canvas()
	c.Unfocus()
	test.TypeOnCanvas(c, code)
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

func TestScanOnHomeShowsWelcomeAndCode(t *testing.T) {
	k := newTestKiosk(t)
	k.scanOnCanvas(k.badge(t, datatest.StockID, 1))
	if k.Current() != ScreenResult {
		t.Fatalf("screen %d after a scan, want the result", k.Current())
	}
	r := k.Result
	if r.Headline.Text != "Welcome" || r.Name.Text != "Dr Jürgen Stock" || r.Country.Text != "Germany" ||
		r.What.Text != "Arrival at the venue" {
		t.Fatalf("result: %q %q %q %q", r.Headline.Text, r.Name.Text, r.Country.Text, r.What.Text)
	}
	if r.Band.FillColor != colourWelcome {
		t.Fatal("the welcome is not green")
	}
	id, pub, _ := k.desk.Identity(context.Background())
	v := checkincode.Verifier{EventID: "test-event", Kiosks: []data.KioskKey{{KioskID: id, PublicKey: pub}}}
	ci, err := v.Verify(r.CodeText)
	if err != nil || ci.DelegateID != datatest.StockID || !r.codeBox.Visible() {
		t.Fatalf("check-in code on screen: %+v %v", ci, err)
	}
	n, _, _ := k.store.CheckInCount(context.Background())
	if n != 1 {
		t.Fatalf("%d check-ins stored", n)
	}
	// The result goes away by itself, back to where the delegate was.
	k.now = k.now.Add(ResultShownFor + time.Second)
	k.Tick(k.now)
	if k.Current() != ScreenHome {
		t.Fatalf("after the result time: screen %d", k.Current())
	}
}

func TestScanIntoAFocusedSearchFieldIsACheckIn(t *testing.T) {
	k := newTestKiosk(t)
	k.Show(ScreenDirectory)
	k.Directory.Search.SetText("stock")
	k.now = k.now.Add(time.Second) // the person stopped typing a while ago
	test.Type(k.Directory.Search, k.badge(t, datatest.KouassiID, 3))
	k.Directory.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if k.Current() != ScreenResult || k.Result.Headline.Text != "Welcome" {
		t.Fatalf("screen %d, headline %q", k.Current(), k.Result.Headline.Text)
	}
	if k.Directory.Search.Text != "stock" {
		t.Fatalf("the scan was left in the search field: %q", k.Directory.Search.Text)
	}
	test.Tap(k.Result.Done)
	if k.Current() != ScreenDirectory {
		t.Fatalf("Done went to screen %d, want back to the directory", k.Current())
	}
}

func TestSecondScanSaysAlreadyCheckedIn(t *testing.T) {
	k := newTestKiosk(t)
	tok := k.badge(t, datatest.StockID, 1)
	k.scanOnCanvas(tok)
	k.now = k.now.Add(5 * time.Minute)
	k.scanOnCanvas(tok)
	r := k.Result
	if r.Headline.Text != "Already checked in" || !strings.Contains(r.Detail.Text, "at this kiosk, Mon 7 Nov at 09:30") {
		t.Fatalf("second scan: %q / %q", r.Headline.Text, r.Detail.Text)
	}
	if n, _, _ := k.store.CheckInCount(context.Background()); n != 1 {
		t.Fatalf("%d check-ins stored after two scans", n)
	}
}

func TestEachRefusalIsShownWithItsReason(t *testing.T) {
	k := newTestKiosk(t)
	_, stranger, _ := keys.Generate()
	forged, _ := badge.Issue(stranger, badge.Claims{EventID: "test-event", DelegateID: datatest.StockID, Serial: 1,
		ValidFrom: time.Date(2016, 11, 6, 0, 0, 0, 0, venue), ValidUntil: time.Date(2016, 11, 11, 0, 0, 0, 0, venue)})
	other, _ := badge.Issue(k.key, badge.Claims{EventID: "other-event", DelegateID: datatest.StockID, Serial: 1,
		ValidFrom: time.Date(2016, 11, 6, 0, 0, 0, 0, venue), ValidUntil: time.Date(2016, 11, 11, 0, 0, 0, 0, venue)})
	early, _ := badge.Issue(k.key, badge.Claims{EventID: "test-event", DelegateID: datatest.StockID, Serial: 1,
		ValidFrom: time.Date(2016, 11, 9, 0, 0, 0, 0, venue), ValidUntil: time.Date(2016, 11, 11, 0, 0, 0, 0, venue)})
	late, _ := badge.Issue(k.key, badge.Claims{EventID: "test-event", DelegateID: datatest.StockID, Serial: 1,
		ValidFrom: time.Date(2016, 11, 1, 0, 0, 0, 0, venue), ValidUntil: time.Date(2016, 11, 2, 0, 0, 0, 0, venue)})
	tests := []struct {
		name, code, headline, detail string
	}{
		{"not genuine", forged, "Badge not accepted", "not genuine"},
		{"another event", other, "Badge not accepted", "another event"},
		{"not yet valid", early, "Badge not accepted", "not valid yet"},
		{"expired", late, "Badge not accepted", "expired"},
		{"unknown delegate", k.badge(t, "D404", 9), "Please see the registration desk", "not in this kiosk's list"},
		{"layout mismatch", "KBéàé-)Dààà&é\"", "Please see the registration desk", "keyboard layout does not match"},
		{"not a badge", "https://example.org/x", "Not a badge", "not a badge"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k.scanOnCanvas(tt.code)
			r := k.Result
			if r.Outcome == nil || r.Outcome.Status != checkin.Refused {
				t.Fatalf("outcome %+v", r.Outcome)
			}
			if r.Headline.Text != tt.headline || !strings.Contains(r.Detail.Text, tt.detail) || r.Band.FillColor != colourRefused {
				t.Fatalf("shown %q / %q", r.Headline.Text, r.Detail.Text)
			}
			if r.Name.Text != "" || r.codeBox.Visible() {
				t.Fatal("a refusal shows a name or a check-in code")
			}
		})
	}
	// Revocation comes with the bundle.
	d := datatest.Event()
	d.Revoked = []data.Revocation{{Serial: 77}}
	if err := k.store.Install(context.Background(), d, datatest.Info(2), nil); err != nil {
		t.Fatal(err)
	}
	k.scanOnCanvas(k.badge(t, datatest.StockID, 77))
	if !strings.Contains(k.Result.Detail.Text, "withdrawn") {
		t.Fatalf("revoked badge: %q", k.Result.Detail.Text)
	}
	if n, _, _ := k.store.CheckInCount(context.Background()); n != 0 {
		t.Fatalf("refusals recorded %d check-ins", n)
	}
}

func TestStaffTypesABadgeCodeByHand(t *testing.T) {
	k := newTestKiosk(t)
	test.Tap(k.nav[ScreenCheckIn])
	if k.Current() != ScreenCheckIn || !strings.Contains(k.CheckIns.Purpose.Text, "arrival") {
		t.Fatalf("check-in screen: %d %q", k.Current(), k.CheckIns.Purpose.Text)
	}
	k.CheckIns.Manual.SetText(k.badge(t, datatest.PastikaID, 2))
	test.Tap(k.CheckIns.Submit)
	if k.Result.Headline.Text != "Welcome" || k.Result.Outcome.CheckIn.Method != data.MethodManual {
		t.Fatalf("manual check-in: %q %+v", k.Result.Headline.Text, k.Result.Outcome)
	}
	if k.CheckIns.Manual.Text != "" {
		t.Fatal("the typed code stays in the field")
	}
}

func TestPersonTypingFastEnterIsNotAScan(t *testing.T) {
	k := newTestKiosk(t)
	k.Show(ScreenDirectory)
	for _, r := range "jurgen stock" {
		k.now = k.now.Add(120 * time.Millisecond)
		k.Directory.Search.TypedRune(r)
	}
	k.now = k.now.Add(120 * time.Millisecond)
	k.Directory.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if k.Current() != ScreenDirectory || k.Directory.Search.Text != "jurgen stock" {
		t.Fatalf("typing a search and Enter: screen %d, text %q", k.Current(), k.Directory.Search.Text)
	}
}
