package ui

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kiosk/data/datatest"
	"kiosk/data/demo"
	"kiosk/data/store"
)

func TestTheOnScreenKeyboardTypesIntoTheTouchedField(t *testing.T) {
	k := newTestKiosk(t)
	test.Tap(k.nav[ScreenDirectory])
	if k.Keyboard.Visible() {
		t.Fatal("the keyboard is open before a field was touched")
	}
	test.Tap(k.Directory.Search)
	if !k.Keyboard.Visible() || k.Keyboard.Target() != k.Directory.Search {
		t.Fatalf("touching the search field: keyboard open %v, for %p", k.Keyboard.Visible(), k.Keyboard.Target())
	}
	test.Tap(k.Keyboard.Keys["j"])
	if k.Directory.Search.Text != "j" || k.Directory.Total != 2 {
		t.Fatalf("after j: %q, %d delegates", k.Directory.Search.Text, k.Directory.Total)
	}
	test.Tap(k.Keyboard.Keys["ü"])
	if k.Directory.Search.Text != "jü" || k.Directory.Total != 1 || k.Directory.Items[0].ID != datatest.StockID {
		t.Fatalf("after jü: %q, %+v", k.Directory.Search.Text, k.Directory.Items)
	}
	test.Tap(k.Keyboard.Backspace)
	if k.Directory.Search.Text != "j" || k.Directory.Total != 2 {
		t.Fatalf("after backspace: %q, %d delegates", k.Directory.Search.Text, k.Directory.Total)
	}
	test.Tap(k.Keyboard.Space)
	test.Tap(k.Keyboard.Keys["d"])
	test.Tap(k.Keyboard.Keys["e"])
	if k.Directory.Search.Text != "j de" || k.Directory.Total != 1 {
		t.Fatalf("after 'j de': %q, %d delegates", k.Directory.Search.Text, k.Directory.Total)
	}
	// A physical keyboard still types into the field as the keys go.
	if f := k.window.Canvas().Focused(); f != fyne.Focusable(k.Directory.Search) {
		t.Fatalf("the search field lost the focus to %T", f)
	}
	test.Tap(k.Keyboard.Close)
	if k.Keyboard.Visible() || k.Directory.Search.Text != "j de" {
		t.Fatalf("closing: open %v, search %q", k.Keyboard.Visible(), k.Directory.Search.Text)
	}

	// Capitals, for a code typed by hand; Shift stays on until tapped.
	test.Tap(k.Directory.Search)
	test.Tap(k.Keyboard.Shift)
	test.Tap(k.Keyboard.Keys["a"])
	test.Tap(k.Keyboard.Keys["b"])
	test.Tap(k.Keyboard.Shift)
	test.Tap(k.Keyboard.Keys["c"])
	if k.Directory.Search.Text != "j deABc" || k.Keyboard.Keys["a"].Text != "a" {
		t.Fatalf("after shift: %q, key %q", k.Directory.Search.Text, k.Keyboard.Keys["a"].Text)
	}
	for range 3 {
		test.Tap(k.Keyboard.Backspace)
	}
	// Enter closes the keyboard on a search field.
	test.Tap(k.Keyboard.Enter)
	if k.Keyboard.Visible() {
		t.Fatal("Enter left the keyboard open")
	}
	test.Tap(k.Directory.Search)

	// The Programme's field too; leaving the screen closes the keyboard.
	test.Tap(k.nav[ScreenProgramme])
	test.Tap(k.Programme.Search)
	for _, key := range []string{"o", "p", "e", "n"} {
		test.Tap(k.Keyboard.Keys[key])
	}
	if k.Programme.Search.Text != "open" || len(k.Programme.Items) == 0 || k.Programme.Items[0].ID != datatest.OpeningID {
		t.Fatalf("programme search %q: %+v", k.Programme.Search.Text, k.Programme.Items)
	}
	test.Tap(k.nav[ScreenHome])
	if k.Keyboard.Visible() {
		t.Fatal("the keyboard stayed open on Home")
	}
}

// Staff type a badge code by hand on the Check in screen; Enter takes it.
func TestACodeTypedOnTheKeyboardChecksIn(t *testing.T) {
	k := newTestKiosk(t)
	test.Tap(k.nav[ScreenCheckIn])
	test.Tap(k.CheckIns.Manual)
	if !k.Keyboard.Visible() {
		t.Fatal("touching the code field opened no keyboard")
	}
	before, _, _ := k.store.CheckInCount(context.Background())
	code := k.badge(t, datatest.StockID, 1)
	for _, r := range code {
		key := strings.ToLower(string(r))
		b := k.Keyboard.Keys[key]
		if b == nil {
			k.CheckIns.Manual.TypedRune(r) // a character the keyboard lacks, from a physical keyboard
			continue
		}
		if (strings.ToUpper(key) == string(r)) != k.Keyboard.shift && strings.ToUpper(key) != key {
			test.Tap(k.Keyboard.Shift)
		}
		test.Tap(b)
	}
	if k.CheckIns.Manual.Text != code {
		t.Fatalf("typed %q, want %q", k.CheckIns.Manual.Text, code)
	}
	test.Tap(k.Keyboard.Enter)
	after, _, _ := k.store.CheckInCount(context.Background())
	if after != before+1 || k.Current() != ScreenResult || k.Result.Name.Text != "Dr Jürgen Stock" {
		t.Fatalf("check-ins %d → %d, screen %d, name %q", before, after, k.Current(), k.Result.Name.Text)
	}
	if k.Keyboard.Visible() {
		t.Fatal("the keyboard stayed open over the result")
	}
}

// The PIN screen has its own keypad: touching its field opens no keyboard.
func TestThePINFieldOpensNoKeyboard(t *testing.T) {
	k := newTestKiosk(t)
	k.OpenStaff()
	test.Tap(k.PIN.Entry)
	if k.Keyboard.Visible() {
		t.Fatal("the keyboard opened over the PIN pad")
	}
}

func TestTheKeyboardHasAnArabicLayout(t *testing.T) {
	k := newTestKiosk(t)
	test.Tap(k.nav[ScreenDirectory])
	test.Tap(k.Directory.Search)
	if k.Keyboard.Keys["ش"] != nil {
		t.Fatal("Arabic letters on the Latin layout")
	}
	test.Tap(k.Keyboard.Switch)
	if k.Keyboard.Layout() != LayoutArabic || k.Keyboard.Keys["ش"] == nil || k.Keyboard.Keys["q"] != nil {
		t.Fatalf("after the switch: layout %d", k.Keyboard.Layout())
	}
	test.Tap(k.Keyboard.Keys["ش"])
	test.Tap(k.Keyboard.Keys["لا"])
	test.Tap(k.Keyboard.Keys["1"])
	if k.Directory.Search.Text != "شلا1" {
		t.Fatalf("typed %q", k.Directory.Search.Text)
	}
	// An idle reset goes back to the layout of the kiosk's language.
	k.Reset()
	if k.Keyboard.Keys["q"] == nil || k.Keyboard.Switch.Text != textKeyboardArabic || k.Keyboard.Visible() {
		t.Fatal("an idle reset did not bring the Latin keys back, closed")
	}
	// An Arabic kiosk opens the keyboard on the Arabic letters.
	k.Keyboard.SetDefaultLayout(LayoutArabic)
	k.Reset()
	test.Tap(k.nav[ScreenProgramme])
	test.Tap(k.Programme.Search)
	if k.Keyboard.Layout() != LayoutArabic || k.Keyboard.Keys["ش"] == nil {
		t.Fatalf("on an Arabic kiosk the keyboard opens on layout %d", k.Keyboard.Layout())
	}
}

// demoKiosk is a test kiosk on the demo event: 830 delegates, of whom
// those who consented are listed.
func demoKiosk(t *testing.T) (*testKiosk, map[string]bool) {
	t.Helper()
	return demoKioskWith(t, nil)
}

// demoKioskWith is demoKiosk with more in its Deps (My day, say).
func demoKioskWith(t *testing.T, more func(*testKiosk, *Deps)) (*testKiosk, map[string]bool) {
	t.Helper()
	ev, err := demo.Generate(demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Delegates) != 830 {
		t.Fatalf("the demo event has %d delegates, want 830", len(ev.Delegates))
	}
	listed := map[string]bool{}
	for _, d := range ev.Delegates {
		if d.Consent.Listed {
			listed[d.ID] = true
		}
	}
	k := newTestKioskWith(t, "test", more)
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Install(context.Background(), ev, datatest.Info(1), nil); err != nil {
		t.Fatal(err)
	}
	k.deps.Programme, k.deps.Directory = s, s
	k.now = time.Date(2016, 11, 8, 10, 15, 0, 0, venue)
	k.reloadEvent()
	return k, listed
}

// pageThrough collects the delegates of every page, tapping Next.
func pageThrough(t *testing.T, k *testKiosk, seen map[string]bool, what string) {
	t.Helper()
	d := k.Directory
	n := 0
	for {
		if len(d.Items) > directoryPageSize {
			t.Fatalf("%s: %d rows on a page", what, len(d.Items))
		}
		for _, it := range d.Items {
			if seen[it.ID] {
				t.Fatalf("%s: %s shown twice", what, it.ID)
			}
			seen[it.ID] = true
			n++
		}
		if d.Browse.Next.Disabled() {
			break
		}
		test.Tap(d.Browse.Next)
	}
	if n != d.Total {
		t.Fatalf("%s: paged through %d of %d", what, n, d.Total)
	}
}

func TestEveryListedDelegateIsReachedByLetterAndByDelegation(t *testing.T) {
	k, listed := demoKiosk(t)
	test.Tap(k.nav[ScreenDirectory])
	d := k.Directory
	if d.Total != len(listed) {
		t.Fatalf("the directory lists %d, the demo has %d listed", d.Total, len(listed))
	}
	if want := fmt.Sprintf("1–%d of %d delegates", directoryPageSize, len(listed)); d.Count.Text != want {
		t.Fatalf("count line %q, want %q", d.Count.Text, want)
	}
	pageThrough(t, k, map[string]bool{}, "all")

	byRange := map[string]bool{}
	for i, b := range d.Browse.Ranges {
		test.Tap(b)
		if d.span != i || b.Importance != widget.HighImportance || !d.Browse.NamesOpen() {
			t.Fatalf("range %q did not take", b.Text)
		}
		for {
			for id := range d.Browse.NameButtons {
				if byRange[id] {
					t.Fatalf("range %q: %s shown twice", b.Text, id)
				}
				byRange[id] = true
			}
			if d.Browse.Next.Disabled() {
				break
			}
			test.Tap(d.Browse.Next)
		}
	}
	if len(byRange) != len(listed) || len(d.Browse.Ranges) < 15 {
		t.Fatalf("by %d ranges: %d of %d listed delegates", len(d.Browse.Ranges), len(byRange), len(listed))
	}
	for id := range byRange {
		if !listed[id] {
			t.Fatalf("%s is not listed, yet shown", id)
		}
	}
	test.Tap(d.Browse.All)

	byCountry := map[string]bool{}
	countries := 0
	for page := 0; ; page++ {
		openCountryPage(t, k, page)
		codes := make([]string, 0, len(d.Browse.CountryButtons))
		for code := range d.Browse.CountryButtons {
			codes = append(codes, code)
		}
		last := d.Browse.CountryNext.Disabled()
		for _, code := range codes {
			openCountryPage(t, k, page)
			test.Tap(d.Browse.CountryButtons[code])
			if d.Browse.CountriesOpen() || d.country != code {
				t.Fatalf("tapping %s: grid open %v, country %q", code, d.Browse.CountriesOpen(), d.country)
			}
			countries++
			pageThrough(t, k, byCountry, "country "+code)
		}
		if last {
			break
		}
	}
	if len(byCountry) != len(listed) || countries < 100 {
		t.Fatalf("by %d delegations: %d of %d listed delegates", countries, len(byCountry), len(listed))
	}
	// An idle reset forgets the range, the delegation and the page.
	test.Tap(d.Browse.Ranges[1])
	k.Reset()
	if d.span != -1 || d.country != "" || d.offset != 0 || d.Browse.NamesOpen() {
		t.Fatalf("after a reset: range %d, country %q, offset %d, names open %v", d.span, d.country, d.offset, d.Browse.NamesOpen())
	}
}

// openCountryPage opens the delegations and turns to a page by touch: the
// grid opens at the page of the delegation chosen last.
func openCountryPage(t *testing.T, k *testKiosk, page int) {
	t.Helper()
	b := k.Directory.Browse
	test.Tap(b.Countries)
	if !b.CountriesOpen() {
		t.Fatal("the delegations did not open")
	}
	for !b.CountryPrevious.Disabled() {
		test.Tap(b.CountryPrevious)
	}
	for i := 0; i < page; i++ {
		test.Tap(b.CountryNext)
	}
}

// mmPerPx is a pixel's size on a 24-inch 16:9 screen at 1920x1080: the
// width is 24 × 16/√(16²+9²) = 20.92 in = 531.3 mm, over 1920 px.
const mmPerPx = 531.3 / 1920

// minTargetPx is 9 mm in pixels: 32.5, so 33.
var minTargetPx = float32(9 / mmPerPx)

func TestTouchTargetsAreAtLeastNineMillimetres(t *testing.T) {
	k, _ := demoKiosk(t)
	k.window.Resize(fyne.NewSize(1920, 1080))
	check := func(what string, o fyne.CanvasObject) {
		t.Helper()
		s := o.Size()
		if s.Width < minTargetPx || s.Height < minTargetPx {
			t.Errorf("%s is %.0f x %.0f px = %.1f x %.1f mm; want at least 9 mm (%.1f px)",
				what, s.Width, s.Height, s.Width*mmPerPx, s.Height*mmPerPx, minTargetPx)
		}
	}
	for s, b := range k.nav {
		check(fmt.Sprintf("navigation button %d", s), b)
	}
	test.Tap(k.nav[ScreenDirectory])
	d := k.Directory
	check("search field", d.Search)
	check("country drop-down", d.Country)
	check("All", d.Browse.All)
	for _, b := range d.Browse.Ranges {
		check("range "+b.Text, b)
	}
	test.Tap(d.Browse.Ranges[0])
	for id, b := range d.Browse.NameButtons {
		check("name "+id, b)
	}
	test.Tap(d.Browse.All)
	check("Countries", d.Browse.Countries)
	check("Next", d.Browse.Next)
	check("Previous", d.Browse.Previous)
	check("a delegate row", shownRow(t, d.rows))
	test.Tap(d.Browse.Countries)
	for code, b := range d.Browse.CountryButtons {
		check("delegation "+code, b)
	}
	check("Back to the list", d.Browse.CountryBack)
	test.Tap(d.Browse.CountryBack)
	test.Tap(d.Search)
	for key, b := range k.Keyboard.Keys {
		check("key "+key, b)
	}
	for _, b := range []*widget.Button{k.Keyboard.Space, k.Keyboard.Backspace, k.Keyboard.Close, k.Keyboard.Switch, k.Keyboard.Shift, k.Keyboard.Enter} {
		check("key "+b.Text, b)
	}
	test.Tap(k.nav[ScreenProgramme])
	for _, b := range k.Programme.DayButtons {
		check("day "+b.Text, b)
	}
	check("a session row", shownRow(t, k.Programme.rows))
}

// shownRow is a row of a list that is laid out (a list makes a few rows
// more than it shows).
func shownRow[R any](t *testing.T, rows map[fyne.CanvasObject]R) fyne.CanvasObject {
	t.Helper()
	for o := range rows {
		if o.Visible() && o.Size().Height > 0 {
			return o
		}
	}
	t.Fatal("the list shows no row")
	return nil
}

// TestTouchScreenshots draws the touch screens at 1920x1080 into the
// folder named by KIOSK_TOUCH_SHOTS, to look at; without it, it does
// nothing.
func TestTouchScreenshots(t *testing.T) {
	dir := os.Getenv("KIOSK_TOUCH_SHOTS")
	if dir == "" {
		t.Skip("set KIOSK_TOUCH_SHOTS to a folder to draw the touch screens into")
	}
	k, _ := demoKiosk(t)
	fyne.CurrentApp().Settings().SetTheme(Theme())
	k.window.Resize(fyne.NewSize(1920, 1080))
	shot := func(name string) {
		t.Helper()
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, k.window.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
	shot("home")
	test.Tap(k.nav[ScreenDirectory])
	shot("directory")
	test.Tap(k.Directory.Search)
	for _, key := range []string{"m", "a"} {
		test.Tap(k.Keyboard.Keys[key])
	}
	shot("directory-keyboard")
	test.Tap(k.Keyboard.Switch)
	shot("directory-keyboard-arabic")
	test.Tap(k.Keyboard.Close)
	k.Directory.Search.SetText("")
	test.Tap(k.Directory.Browse.Ranges[len(k.Directory.Browse.Ranges)/2])
	shot("directory-range")
	for _, b := range k.Directory.Browse.NameButtons {
		test.Tap(b)
		break
	}
	shot("directory-range-delegate")
	test.Tap(k.Directory.Browse.Countries)
	shot("directory-countries")
	test.Tap(k.nav[ScreenProgramme])
	shot("programme")
}

func TestLongTitlesWrapInListRows(t *testing.T) {
	k, _ := demoKiosk(t)
	k.window.Resize(fyne.NewSize(1000, 900))
	test.Tap(k.nav[ScreenProgramme])
	p := k.Programme
	long, short := -1, -1
	for i, s := range p.Items {
		if long == -1 || len(s.Title) > len(p.Items[long].Title) {
			long = i
		}
		if short == -1 || len(s.Title) < len(p.Items[short].Title) {
			short = i
		}
	}
	title := p.Items[long].Title
	width := fyne.MeasureText(title, Theme().Size("text"), fyne.TextStyle{Bold: true}).Width
	if listW := p.List.Size().Width; width < listW/2 {
		t.Fatalf("the longest title %q (%.0f px) would fit a list %.0f px wide: the test needs a longer one", title, width, listW)
	}
	hl, hs := p.List.wrap.heightOf(long), p.List.wrap.heightOf(short)
	if hs == 0 || hl <= hs {
		t.Fatalf("the row of %q is %.0f px tall, the row of %q %.0f px: a long title must wrap onto more lines",
			title, hl, p.Items[short].Title, hs)
	}
	// A narrower list wraps more.
	k.window.Resize(fyne.NewSize(800, 900))
	if h := p.List.wrap.heightOf(long); h <= hl {
		t.Fatalf("at 800 px the long title's row is %.0f px, at 1000 px it was %.0f", h, hl)
	}
	test.Tap(k.nav[ScreenDirectory])
	if w := k.Directory.List.wrap; w.base == 0 || len(w.byText) == 0 {
		t.Fatal("the delegate rows are not measured")
	}
}
