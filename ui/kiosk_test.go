package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"crypto/ed25519"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kiosk/data/checkin"
	"kiosk/data/datatest"
	"kiosk/data/keys"
	"kiosk/data/staff"
	"kiosk/data/store"
)

// venue is the fixture's time zone.
var venue = mustLoad("Asia/Makassar")

func mustLoad(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// testKiosk is a kiosk on a real store with the fixture event, a settable
// clock, and background work run inline so results are on screen when a
// call returns.
type testKiosk struct {
	*Kiosk
	now    time.Time
	window fyne.Window
	store  *store.Store
	path   string // the store's file
	desk   *checkin.Desk
	key    ed25519.PrivateKey
	quits  int
}

func newTestKiosk(t testing.TB) *testKiosk { t.Helper(); return newTestKioskTrusting(t, "test") }

// newTestKioskTrusting makes a test kiosk whose event key is trusted with
// the given note (importer.NoteDemo: a kiosk that has only the demo key).
func newTestKioskTrusting(t testing.TB, note string) *testKiosk {
	t.Helper()
	return newTestKioskWith(t, note, nil)
}

// newTestKioskWith makes a test kiosk as newTestKioskTrusting does; more
// may add to its Deps (sync, say) before the kiosk is built.
func newTestKioskWith(t testing.TB, note string, more func(*testKiosk, *Deps)) *testKiosk {
	t.Helper()
	test.NewTempApp(t)
	// The modes are the app's, as the language is: every test kiosk
	// starts in the normal ones and leaves them so, whatever ran before.
	normalModes := func() { largeText.Store(false); highContrast.Store(false) }
	normalModes()
	t.Cleanup(normalModes)
	path := filepath.Join(t.TempDir(), "kiosk.db")
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Install(context.Background(), datatest.Event(), datatest.Info(1), nil); err != nil {
		t.Fatal(err)
	}
	pub, priv, _ := keys.Generate()
	if err := s.Trust(context.Background(), pub, note); err != nil {
		t.Fatal(err)
	}
	tk := &testKiosk{now: time.Date(2016, 11, 7, 9, 30, 0, 0, venue), store: s, path: path, key: priv}
	clock := func() time.Time { return tk.now }
	tk.desk = checkin.New(s, clock)
	deps := Deps{
		Programme: s, Directory: s, Desk: tk.desk,
		Staff:     staff.New(s, tk.desk, clock),
		Quit:      func() { tk.quits++ },
		Now:       clock,
		IdleAfter: 60 * time.Second,
		Go:        func(f func()) { f() },
		Installs:  s.InstallCount,
	}
	if more != nil {
		more(tk, &deps)
	}
	tk.Kiosk = New(deps)
	tk.window = test.NewTempWindow(t, tk.Content())
	tk.window.Resize(fyne.NewSize(1280, 800))
	tk.Attach(tk.window)
	return tk
}

func TestHomeShowsEventClockAndNowNext(t *testing.T) {
	k := newTestKiosk(t)
	if k.Current() != ScreenHome {
		t.Fatalf("starts on screen %d, want Home", k.Current())
	}
	if k.Home.EventName.Text != "Welcome to the Test General Assembly" {
		t.Fatalf("event name %q", k.Home.EventName.Text)
	}
	if got := k.Clock.Text; !strings.Contains(got, "Mon 7 Nov 2016") || !strings.Contains(got, "09:30") || !strings.Contains(got, "WITA") {
		t.Fatalf("clock %q: want venue time 09:30 WITA on Mon 7 Nov 2016", got)
	}
	if !strings.HasPrefix(k.Home.Today.Text, "Day 1 of 4") {
		t.Fatalf("today %q", k.Home.Today.Text)
	}
	if len(k.Home.NowItems) != 1 || k.Home.NowItems[0].ID != datatest.OpeningID {
		t.Fatalf("now %+v", k.Home.NowItems)
	}
	if len(k.Home.NextItems) != 3 || k.Home.NextItems[0].ID != "S4" {
		t.Fatalf("next %+v", k.Home.NextItems)
	}
	// An hour later the opening is over and the coffee break is on.
	k.now = k.now.Add(time.Hour)
	k.Tick(k.now)
	if len(k.Home.NowItems) != 1 || k.Home.NowItems[0].ID != "S4" {
		t.Fatalf("now after an hour %+v", k.Home.NowItems)
	}
}

func TestHomeAfterTheEvent(t *testing.T) {
	k := newTestKiosk(t)
	k.now = time.Date(2026, 11, 27, 10, 0, 0, 0, venue)
	k.Tick(k.now)
	if !strings.Contains(k.Home.Today.Text, "ended on Thursday 10 November 2016") {
		t.Fatalf("today %q", k.Home.Today.Text)
	}
	if len(k.Home.NowItems)+len(k.Home.NextItems) != 0 {
		t.Fatalf("sessions after the end: %+v %+v", k.Home.NowItems, k.Home.NextItems)
	}
}

func TestDirectorySearchAsYouType(t *testing.T) {
	k := newTestKiosk(t)
	test.Tap(k.nav[ScreenDirectory])
	if k.Current() != ScreenDirectory {
		t.Fatal("directory button did not open the directory")
	}
	if k.Directory.Total != 5 {
		t.Fatalf("empty search lists %d delegates, want the 5 listed", k.Directory.Total)
	}
	test.Type(k.Directory.Search, "j")
	if k.Directory.Total != 2 { // Jürgen Stock, Jónsdóttir; never the hidden Jürgen
		t.Fatalf("after 'j': %d results %+v", k.Directory.Total, k.Directory.Items)
	}
	test.Type(k.Directory.Search, "urgen")
	if k.Directory.Total != 1 || k.Directory.Items[0].ID != datatest.StockID {
		t.Fatalf("after 'jurgen': %+v", k.Directory.Items)
	}
	if k.Directory.Count.Text != "1 delegate" {
		t.Fatalf("count line %q", k.Directory.Count.Text)
	}
	k.Directory.List.Select(0)
	if k.Directory.Detail.Name.Text != "Dr Jürgen Stock" || k.Directory.Detail.Country.Text != "Germany" {
		t.Fatalf("detail %q %q", k.Directory.Detail.Name.Text, k.Directory.Detail.Country.Text)
	}
	k.Directory.Search.SetText("zzz")
	if k.Directory.Total != 0 || !strings.Contains(k.Directory.Count.Text, "No delegate matches") {
		t.Fatalf("no-match line %q", k.Directory.Count.Text)
	}
}

func TestDirectoryDetailShowsOnlyConsentedFields(t *testing.T) {
	k := newTestKiosk(t)
	k.Show(ScreenDirectory)
	test.Type(k.Directory.Search, "cote")
	if k.Directory.Total != 1 {
		t.Fatalf("'cote' finds %d", k.Directory.Total)
	}
	k.Directory.List.Select(0)
	if k.Directory.Detail.Organisation.Text != "" || k.Directory.Detail.Title.Text != "Head of NCB Abidjan" {
		t.Fatalf("organisation %q title %q", k.Directory.Detail.Organisation.Text, k.Directory.Detail.Title.Text)
	}
}

func TestDirectoryCountryFilter(t *testing.T) {
	k := newTestKiosk(t)
	k.Show(ScreenDirectory)
	if n := len(k.Directory.Country.Options); n != 6 { // all + 5 countries with listed delegates
		t.Fatalf("%d country options: %v", n, k.Directory.Country.Options)
	}
	k.Directory.SelectCountry("DEU")
	if k.Directory.Total != 1 || k.Directory.Items[0].ID != datatest.StockID {
		t.Fatalf("Germany filter: %+v", k.Directory.Items)
	}
}

func TestProgrammeDaysSearchAndDetail(t *testing.T) {
	k := newTestKiosk(t)
	test.Tap(k.nav[ScreenProgramme])
	if len(k.Programme.DayButtons) != 4 || k.Programme.DayButtons[0].Text != "Mon 7 Nov" {
		t.Fatalf("day tabs %d", len(k.Programme.DayButtons))
	}
	if len(k.Programme.Items) != 3 {
		t.Fatalf("today's programme has %d sessions, want 3", len(k.Programme.Items))
	}
	test.Tap(k.Programme.DayButtons[3])
	if len(k.Programme.Items) != 1 || k.Programme.Items[0].ID != datatest.ElectionID {
		t.Fatalf("day 4: %+v", k.Programme.Items)
	}
	test.Type(k.Programme.Search, "pastika")
	if len(k.Programme.Items) != 1 || k.Programme.Items[0].ID != datatest.OpeningID {
		t.Fatalf("search by speaker: %+v", k.Programme.Items)
	}
	k.Programme.List.Select(0)
	d := k.Programme.Detail
	if d.Title.Text != "Opening ceremony" || !strings.Contains(d.When.Text, "09:00 – 10:30") ||
		!strings.Contains(d.Speakers.Text, "I Made Mangku Pastika, Governor of Bali") {
		t.Fatalf("detail: %q %q %q", d.Title.Text, d.When.Text, d.Speakers.Text)
	}
}

func TestHomeSessionOpensInProgramme(t *testing.T) {
	k := newTestKiosk(t)
	k.Programme.Open(datatest.ElectionID)
	if k.Current() != ScreenProgramme || k.Programme.day != "2016-11-10" || k.Programme.Detail.Title.Text != "Election of the President" {
		t.Fatalf("screen %d day %s detail %q", k.Current(), k.Programme.day, k.Programme.Detail.Title.Text)
	}
}

func TestIdleResetClearsEverything(t *testing.T) {
	k := newTestKiosk(t)
	k.Show(ScreenProgramme)
	test.Type(k.Programme.Search, "cyber")
	k.Programme.List.Select(0)
	k.Show(ScreenDirectory)
	k.Directory.SelectCountry("DEU")
	test.Type(k.Directory.Search, "stock")
	k.Directory.List.Select(0)
	test.Tap(k.Directory.Country) // leaves the country list open
	if k.window.Canvas().Overlays().Top() == nil {
		t.Fatal("tapping the country filter opened no list")
	}

	k.now = k.now.Add(59 * time.Second)
	if k.CheckIdle(k.now) {
		t.Fatal("reset before the idle time was up")
	}
	if k.Directory.Search.Text != "stock" {
		t.Fatal("search cleared too early")
	}
	k.now = k.now.Add(2 * time.Second)
	if !k.CheckIdle(k.now) {
		t.Fatal("no reset after the idle time")
	}
	if k.Current() != ScreenHome {
		t.Fatalf("after idle reset on screen %d, want Home", k.Current())
	}
	if k.Directory.Search.Text != "" || k.Programme.Search.Text != "" || k.Directory.country != "" ||
		k.Directory.Country.Selected != "" {
		t.Fatalf("fields not cleared: %q %q %q", k.Directory.Search.Text, k.Programme.Search.Text, k.Directory.Country.Selected)
	}
	if k.Directory.Detail.Name.Text != "" || k.Directory.Detail.body.Visible() ||
		k.Programme.Detail.Title.Text != "" || k.Programme.Detail.body.Visible() {
		t.Fatal("details still on screen after idle reset")
	}
	if k.Directory.Total != 5 {
		t.Fatalf("directory after reset lists %d, want all 5", k.Directory.Total)
	}
	if k.window.Canvas().Overlays().Top() != nil {
		t.Fatal("the country list is still open after idle reset")
	}
}

func TestTypingCountsAsActivity(t *testing.T) {
	k := newTestKiosk(t)
	k.Show(ScreenDirectory)
	k.now = k.now.Add(50 * time.Second)
	test.Type(k.Directory.Search, "s")
	k.now = k.now.Add(50 * time.Second)
	if k.CheckIdle(k.now) {
		t.Fatal("reset 50 s after typing; typing must restart the idle timer")
	}
}

// An install made by another process on the same data folder (kioskctl
// bundle import) shows at once on the running kiosk: its event name and
// programme are the new ones after the next poll.
func TestAnInstallByAnotherProcessShowsOnTheRunningKiosk(t *testing.T) {
	tk := newTestKiosk(t)
	ctx := context.Background()
	tk.FollowInstalls(ctx)
	if tk.Title.Text != "Test GA" {
		t.Fatalf("title %q before the install", tk.Title.Text)
	}
	other, err := store.Open(ctx, tk.path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	renamed := datatest.Event()
	renamed.Event.ShortName = "Renamed GA"
	if err := other.Install(ctx, renamed, datatest.Info(2), nil); err != nil {
		t.Fatal(err)
	}
	tk.FollowInstalls(ctx)
	if tk.Title.Text != "Renamed GA" {
		t.Fatalf("title %q after another process installed a new version, want %q", tk.Title.Text, "Renamed GA")
	}
}
