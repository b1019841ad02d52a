package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kiosk/data/datatest"
)

// personGap is how long a person takes between two keys: far slower than
// a scanner.
const personGap = 300 * time.Millisecond

// press delivers a key as Fyne's desktop driver does (see scanAsKeyboard):
// KeyDown, TypedKey and KeyUp to the focused widget, or the canvas's
// handler when nothing has the focus; then a person's pause.
func (k *testKiosk) press(name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	k.keyDown(ev)
	if f := k.window.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
	} else {
		k.window.Canvas().OnTypedKey()(ev)
	}
	k.keyUp(ev)
	k.now = k.now.Add(personGap)
}

// keyDown and keyUp go to the focused widget, or to the canvas's
// handlers, which Attach makes the key sink's (the test canvas has none).
func (k *testKiosk) keyDown(ev *fyne.KeyEvent) { k.keyable().KeyDown(ev) }
func (k *testKiosk) keyUp(ev *fyne.KeyEvent)   { k.keyable().KeyUp(ev) }

func (k *testKiosk) keyable() desktop.Keyable {
	if f, ok := k.window.Canvas().Focused().(desktop.Keyable); ok {
		return f
	}
	return k.sink
}

// shiftTab is Shift+Tab: Fyne passes Tab without its modifier.
func (k *testKiosk) shiftTab() {
	shift := &fyne.KeyEvent{Name: desktop.KeyShiftLeft}
	k.keyDown(shift)
	k.press(fyne.KeyTab)
	k.keyUp(shift)
}

// typeSlowly types text as a person does: a character at a time, as the
// driver sends it (a Space also as a key).
func (k *testKiosk) typeSlowly(text string) {
	for _, r := range text {
		c := k.window.Canvas()
		if r == ' ' {
			if f := c.Focused(); f != nil {
				f.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
			}
		}
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		} else {
			c.OnTypedRune()(r)
		}
		k.now = k.now.Add(personGap)
	}
}

// tabTo presses Tab until the cursor is on o, and fails when a whole round
// of the screen's controls does not reach it.
func (k *testKiosk) tabTo(t *testing.T, o fyne.CanvasObject) {
	t.Helper()
	for range len(k.cursor.stops()) + 1 {
		k.press(fyne.KeyTab)
		if k.cursor.target == o {
			return
		}
	}
	t.Fatalf("Tab does not reach %T on screen %d", o, k.Current())
}

// ringBox is where the ring is drawn: around the control, inside it.
func (k *testKiosk) ringBox(t *testing.T) box {
	t.Helper()
	if !k.cursor.layer.Visible() {
		t.Fatal("no cursor on screen")
	}
	return box{k.cursor.inner.Position(), fyne.NewPos(k.cursor.inner.Size().Width, k.cursor.inner.Size().Height)}
}

func TestKeysAloneFindASessionAndItsCode(t *testing.T) {
	k := newTestKiosk(t)
	k.tabTo(t, k.nav[ScreenProgramme])
	k.press(fyne.KeyReturn)
	if k.Current() != ScreenProgramme || k.cursor.target != fyne.CanvasObject(k.Programme.Search) || k.focusedField() != k.Programme.Search {
		t.Fatalf("screen %d, cursor on %T, focus in %v: want the Programme's search field", k.Current(), k.cursor.target, k.focusedField())
	}
	// Another day, by its tab, and back to the first.
	k.tabTo(t, k.Programme.DayButtons[3])
	k.typeSlowly(" ")
	if k.Programme.day != k.Programme.days[3].Date {
		t.Fatalf("day %q, want the fourth, %q", k.Programme.day, k.Programme.days[3].Date)
	}
	k.tabTo(t, k.Programme.DayButtons[0])
	k.press(fyne.KeyReturn)
	// The list: the cursor goes down a row, Enter opens it.
	k.tabTo(t, k.Programme.List)
	if len(k.Programme.Items) < 2 {
		t.Fatalf("%d sessions on the first day", len(k.Programme.Items))
	}
	first := k.ringBox(t)
	k.press(fyne.KeyDown)
	if second := k.ringBox(t); second.pos.Y <= first.pos.Y {
		t.Fatalf("the ring did not go down a row: %v then %v", first, second)
	}
	k.press(fyne.KeyReturn)
	if got, want := k.Programme.Detail.Title.Text, k.Programme.Items[1].Title; got != want {
		t.Fatalf("detail %q, want the second session %q", got, want)
	}
	// Its take-away code.
	k.tabTo(t, k.Programme.Detail.Calendar.Button)
	k.press(fyne.KeyReturn)
	if !k.Programme.Detail.Calendar.QR.Visible() {
		t.Fatal("Enter on Add to my calendar showed no code")
	}
	// Escape closes the detail, then goes Home.
	k.press(fyne.KeyEscape)
	if k.Programme.selected != "" || k.Programme.Detail.body.Visible() {
		t.Fatal("Escape left the detail open")
	}
	k.press(fyne.KeyEscape)
	if k.Current() != ScreenHome {
		t.Fatalf("Escape went to screen %d, not Home", k.Current())
	}
}

func TestKeysAloneFindADelegate(t *testing.T) {
	t.Run("by typing", func(t *testing.T) {
		k := newTestKiosk(t)
		k.tabTo(t, k.nav[ScreenDirectory])
		k.press(fyne.KeyReturn)
		if k.focusedField() != k.Directory.Search {
			t.Fatal("the Directory's search field does not have the keys")
		}
		k.typeSlowly("kouassi")
		if len(k.Directory.Items) != 1 {
			t.Fatalf("%d delegates for kouassi", len(k.Directory.Items))
		}
		k.tabTo(t, k.Directory.List)
		// Typing goes where the ring is: no longer into the search.
		k.typeSlowly("x")
		if k.Directory.Search.Text != "kouassi" {
			t.Fatalf("search %q after a key with the cursor on the list", k.Directory.Search.Text)
		}
		k.press(fyne.KeyReturn)
		if !strings.Contains(k.Directory.Detail.Name.Text, "Kouassi") || !k.Directory.Detail.Contact.QR.Visible() {
			t.Fatalf("detail %q, contact code shown %v", k.Directory.Detail.Name.Text, k.Directory.Detail.Contact.QR.Visible())
		}
	})
	t.Run("by name range", func(t *testing.T) {
		k := newTestKiosk(t)
		k.tabTo(t, k.nav[ScreenDirectory])
		k.press(fyne.KeyReturn)
		b := k.Directory.Browse
		var tab *widget.Button
		for i, r := range b.ranges {
			if rangeCovers(r.Label, "kouassi") {
				tab = b.Ranges[i]
			}
		}
		if tab == nil {
			t.Fatalf("no tab for Kouassi among %q", tabLabels(b))
		}
		k.tabTo(t, tab)
		k.press(fyne.KeyReturn)
		if !b.NamesOpen() {
			t.Fatal("Enter on the tab did not show its names")
		}
		name := b.NameButtons[datatest.KouassiID]
		if name == nil {
			t.Fatalf("Kouassi is not among the names of %q", tabLabels(b))
		}
		k.tabTo(t, name)
		k.press(fyne.KeyReturn)
		if !strings.Contains(k.Directory.Detail.Name.Text, "Kouassi") {
			t.Fatalf("detail %q, want Kouassi", k.Directory.Detail.Name.Text)
		}
	})
	t.Run("by delegation", func(t *testing.T) {
		k := newTestKiosk(t)
		k.tabTo(t, k.nav[ScreenDirectory])
		k.press(fyne.KeyReturn)
		k.tabTo(t, k.Directory.Browse.Countries)
		k.press(fyne.KeyReturn)
		if !k.Directory.Browse.CountriesOpen() {
			t.Fatal("the delegations did not open")
		}
		k.tabTo(t, k.Directory.Browse.CountryButtons["IDN"])
		k.press(fyne.KeyReturn)
		if k.Directory.country != "IDN" || k.Directory.Browse.CountriesOpen() {
			t.Fatalf("country %q, grid open %v", k.Directory.country, k.Directory.Browse.CountriesOpen())
		}
		if k.cursor.target == nil {
			t.Fatal("the cursor went when its button did")
		}
	})
}

func TestKeysAloneOpenAndUseTheOnScreenKeyboard(t *testing.T) {
	k := newTestKiosk(t)
	k.tabTo(t, k.nav[ScreenDirectory])
	k.press(fyne.KeyReturn)
	k.press(fyne.KeyReturn) // on the search field
	if !k.Keyboard.Visible() {
		t.Fatal("Enter on the search field did not open the on-screen keyboard")
	}
	k.tabTo(t, k.Keyboard.Keys["s"])
	k.press(fyne.KeyReturn)
	k.press(fyne.KeyRight) // to d, on the same row
	k.press(fyne.KeyReturn)
	k.press(fyne.KeyUp) // to e, the row above
	k.press(fyne.KeyReturn)
	if k.Directory.Search.Text != "sde" {
		t.Fatalf("search %q, want sde", k.Directory.Search.Text)
	}
	k.press(fyne.KeyEscape)
	if k.Keyboard.Visible() || k.Current() != ScreenDirectory {
		t.Fatalf("after Escape: keyboard open %v, screen %d", k.Keyboard.Visible(), k.Current())
	}
}

func TestKeysAloneSwitchLanguageAndOpenMyDay(t *testing.T) {
	k := newMyDayKiosk(t)
	// In English the language buttons read from the left, in Arabic from
	// the right: Tab goes from one to the next that way, Shift+Tab back.
	next := func(from, to string) {
		t.Helper()
		k.tabTo(t, k.Home.Languages[from])
		at := k.ringBox(t)
		k.press(fyne.KeyTab)
		if k.cursor.target != fyne.CanvasObject(k.Home.Languages[to]) {
			t.Fatalf("Tab from %s did not go to %s", from, to)
		}
		right := k.ringBox(t).pos.X > at.pos.X
		if right == (k.Language() == "ar") {
			t.Fatalf("in %s Tab from %s went right %v", k.Language(), from, right)
		}
		k.shiftTab()
		if k.cursor.target != fyne.CanvasObject(k.Home.Languages[from]) {
			t.Fatalf("Shift+Tab did not go back to %s", from)
		}
	}
	next("en", "fr")
	k.tabTo(t, k.Home.Languages["ar"])
	k.press(fyne.KeyReturn)
	if k.Language() != "ar" {
		t.Fatalf("language %q after Enter on العربية", k.Language())
	}
	next("ar", "es")
	// The navigation bar too.
	k.tabTo(t, k.nav[ScreenHome])
	home := k.ringBox(t)
	k.press(fyne.KeyTab)
	if k.cursor.target != fyne.CanvasObject(k.nav[ScreenProgramme]) || k.ringBox(t).pos.X >= home.pos.X {
		t.Fatal("in Arabic Tab from Home in the navigation bar does not go left to the Programme")
	}
	k.tabTo(t, k.Home.Languages["en"])
	k.typeSlowly(" ")
	if k.Language() != "en" {
		t.Fatalf("language %q after Space on English", k.Language())
	}
	k.tabTo(t, k.Home.MyDay)
	k.press(fyne.KeyReturn)
	if k.Current() != ScreenMyDay {
		t.Fatalf("screen %d, want My day", k.Current())
	}
	k.press(fyne.KeyEscape)
	if k.Current() != ScreenHome {
		t.Fatalf("Escape went to screen %d, not Home", k.Current())
	}
}

func TestAScanWhileTheCursorIsOnAButtonIsAScan(t *testing.T) {
	k := newTestKiosk(t)
	k.tabTo(t, k.nav[ScreenDirectory])
	before := k.checkIns(t)
	k.scanAsKeyboard(k.badge(t, datatest.StockID, 1))
	if k.checkIns(t) != before+1 || k.Current() != ScreenResult || k.Result.Name.Text != "Dr Jürgen Stock" {
		t.Fatalf("check-ins %d to %d, screen %d, name %q: the scan was not taken",
			before, k.checkIns(t), k.Current(), k.Result.Name.Text)
	}
	// The result screen: Tab finds Done, Enter goes back.
	k.tabTo(t, k.Result.Done)
	k.press(fyne.KeyReturn)
	if k.Current() != ScreenHome {
		t.Fatalf("Done went to screen %d", k.Current())
	}
	// A lone Enter works the button and checks nobody in.
	k.tabTo(t, k.nav[ScreenDirectory])
	k.typeSlowly("abc")
	k.press(fyne.KeyReturn)
	if k.Current() != ScreenDirectory || k.checkIns(t) != before+1 {
		t.Fatalf("screen %d, check-ins %d: Enter on a button should open it and check nobody in", k.Current(), k.checkIns(t))
	}
	// A scan with the cursor on a field other than the focused one.
	tabs := k.Directory.Browse.Ranges
	k.tabTo(t, tabs[len(tabs)-1])
	k.scanAsKeyboard(k.badge(t, datatest.PastikaID, 1))
	if k.checkIns(t) != before+2 || k.Directory.span != -1 {
		t.Fatalf("check-ins %d, range %d: the scan worked the tab", k.checkIns(t), k.Directory.span)
	}
}

func TestKeysAloneCheckInAndStaffMode(t *testing.T) {
	k := newTestKiosk(t)
	k.tabTo(t, k.nav[ScreenCheckIn])
	k.press(fyne.KeyReturn)
	k.tabTo(t, k.CheckIns.Manual)
	k.typeSlowly(k.badge(t, datatest.StockID, 1))
	k.press(fyne.KeyReturn)
	if k.Current() != ScreenResult || k.Result.Name.Text != "Dr Jürgen Stock" {
		t.Fatalf("screen %d, name %q: the code typed by hand was not checked in", k.Current(), k.Result.Name.Text)
	}
	k.press(fyne.KeyEscape)
	if k.Current() != ScreenCheckIn {
		t.Fatalf("Escape on the result went to screen %d", k.Current())
	}
	// Staff mode: Ctrl+Shift+S, the PIN typed, then its controls.
	k.OpenStaff()
	for range 2 { // chosen, then confirmed
		k.typeSlowly("2468")
		k.press(fyne.KeyReturn)
	}
	if !k.InStaffMode() {
		t.Fatalf("staff mode did not open: %q", k.PIN.Message.Text)
	}
	k.tabTo(t, k.Staff.Purpose)
	was := k.Staff.Purpose.SelectedIndex()
	k.press(fyne.KeyDown)
	if k.Staff.Purpose.SelectedIndex() == was {
		t.Fatal("Down on the purpose chose nothing else")
	}
	k.press(fyne.KeyEscape)
	if !k.InStaffMode() {
		t.Fatal("Escape left staff mode")
	}
	k.tabTo(t, k.Staff.Leave)
	k.press(fyne.KeyReturn)
	if k.InStaffMode() {
		t.Fatal("Enter on Leave staff mode did not leave it")
	}
}

func TestATouchHidesTheCursor(t *testing.T) {
	k := newTestKiosk(t)
	k.tabTo(t, k.nav[ScreenProgramme])
	test.Tap(k.nav[ScreenDirectory])
	if k.cursor.Visible() || k.cursor.layer.Visible() {
		t.Fatal("the cursor stayed after a touch")
	}
	k.press(fyne.KeyTab)
	k.now = k.now.Add(2 * time.Minute)
	k.CheckIdle(k.now)
	if k.cursor.Visible() {
		t.Fatal("the cursor stayed after the idle reset")
	}
}

// TestCursorScreenshot draws Home with the cursor on a button into
// $KIOSK_TEST_SCREENSHOTS, to look at the ring.
func TestCursorScreenshot(t *testing.T) {
	dir := os.Getenv("KIOSK_TEST_SCREENSHOTS")
	if dir == "" {
		t.Skip("KIOSK_TEST_SCREENSHOTS not set")
	}
	k := newTestKiosk(t)
	fyne.CurrentApp().Settings().SetTheme(Theme())
	shot := func(name string) {
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, k.window.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
	k.tabTo(t, k.Home.Languages["fr"])
	shot("cursor-home-language")
	k.tabTo(t, k.nav[ScreenDirectory])
	k.press(fyne.KeyReturn)
	shot("cursor-directory-nav")
	k.tabTo(t, k.Directory.List)
	k.press(fyne.KeyDown)
	shot("cursor-directory-list")
	// The keyboard needs the kiosk's screen: in a smaller window the
	// Directory's panes would have no height left.
	k.window.Resize(fyne.NewSize(1920, 1080))
	k.tabTo(t, k.Directory.Search)
	k.press(fyne.KeyReturn)
	k.tabTo(t, k.Keyboard.Keys["g"])
	shot("cursor-keyboard")
	k.press(fyne.KeyEscape)
	k.window.Resize(fyne.NewSize(1280, 800))
	k.SetLanguage("ar")
	k.tabTo(t, k.nav[ScreenProgramme])
	k.press(fyne.KeyReturn)
	k.tabTo(t, k.Programme.List)
	k.press(fyne.KeyReturn)
	k.tabTo(t, k.Programme.Detail.Calendar.Button)
	shot("cursor-programme-arabic")
}

func TestTheCursorBringsItsControlIntoView(t *testing.T) {
	k := newTestKiosk(t)
	fyne.CurrentApp().Settings().SetTheme(Theme()) // the kiosk's sizes: Home's columns scroll
	scrolled := 0
	for range len(k.cursor.stops()) {
		k.press(fyne.KeyTab)
		for _, s := range k.cursor.stops() {
			if s.obj != k.cursor.target || s.scroll == nil {
				continue
			}
			// Wholly in view, or its top when it is taller than the view.
			if s.at.pos.Y < s.view.pos.Y || (s.at.bottom() > s.view.bottom()+1 && s.at.pos.Y > s.view.pos.Y+ringOuterWidth+ringInnerWidth+ringGap+1) {
				t.Fatalf("the control under the cursor is out of its scroll's view: %v in %v", s.at, s.view)
			}
			if s.scroll.Offset.Y > 0 {
				scrolled++
			}
		}
	}
	if scrolled == 0 {
		t.Fatal("no control needed scrolling: the test shows nothing")
	}
}

func TestKeysAloneTurnThePages(t *testing.T) {
	k, _ := demoKiosk(t)
	d := k.Directory
	k.tabTo(t, k.nav[ScreenDirectory])
	k.press(fyne.KeyReturn)
	k.tabTo(t, d.Browse.Next)
	k.press(fyne.KeyReturn)
	if d.offset != directoryPageSize || k.cursor.target != fyne.CanvasObject(d.Browse.Next) {
		t.Fatalf("offset %d after Next, cursor on %T", d.offset, k.cursor.target)
	}
	// The last row of the page, below the fold: the list scrolls to it.
	k.tabTo(t, d.List)
	for range directoryPageSize - 1 {
		k.press(fyne.KeyDown)
	}
	// The ring is on that row, in view: not around the whole list (a
	// row not drawn), nor a sliver of it.
	ring := k.ringBox(t)
	if ring.size.Y < 40 || ring.size.Y >= d.List.Size().Height {
		t.Fatalf("the ring on the last row is %.0f px high, the list %.0f", ring.size.Y, d.List.Size().Height)
	}
	k.press(fyne.KeyReturn)
	if last := d.Items[directoryPageSize-1]; d.selected != last.ID || d.Detail.Name.Text == "" {
		t.Fatalf("detail of %q (%q), want the page's last delegate %s", d.selected, d.Detail.Name.Text, last.ID)
	}
	// The delegations, a page on.
	k.tabTo(t, d.Browse.Countries)
	k.press(fyne.KeyReturn)
	k.tabTo(t, d.Browse.CountryNext)
	k.press(fyne.KeyReturn)
	if d.Browse.countryPage != 1 {
		t.Fatalf("delegation page %d after Next", d.Browse.countryPage)
	}
	second := d.Browse.countries[countryPageSize]
	k.tabTo(t, d.Browse.CountryButtons[second.Code])
	k.press(fyne.KeyReturn)
	if d.country != second.Code {
		t.Fatalf("country %q, want %q", d.country, second.Code)
	}
}
