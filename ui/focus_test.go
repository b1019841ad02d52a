package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kiosk/data/datatest"
)

// scanAsKeyboard types a code as a wedge scanner does, and delivers each
// key the way Fyne's desktop driver does (internal/driver/glfw/window.go,
// processCharInput and processKeyPressed): to the focused widget of the
// top layer when there is one, to the canvas's handlers only when nothing
// has the focus. The test clock stands still, so the burst is fast.
func (k *testKiosk) scanAsKeyboard(code string) {
	c := k.window.Canvas()
	for _, r := range code {
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		} else {
			c.OnTypedRune()(r)
		}
	}
	enter := &fyne.KeyEvent{Name: fyne.KeyReturn}
	if f := c.Focused(); f != nil {
		f.TypedKey(enter)
	} else {
		c.OnTypedKey()(enter)
	}
}

// tapFirstRow taps the first row of a list where a finger would, so that
// the list's own tap handling (which takes the keyboard focus) runs.
func (k *testKiosk) tapFirstRow(list fyne.CanvasObject) {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(list)
	test.TapCanvas(k.window.Canvas(), pos.AddXY(20, 15))
}

func TestAScanIsTakenInEveryFocusState(t *testing.T) {
	states := []struct {
		name  string
		setUp func(t *testing.T, k *testKiosk)
	}{
		{"home, nothing focused", func(t *testing.T, k *testKiosk) { k.window.Canvas().Unfocus() }},
		{"directory search field focused", func(t *testing.T, k *testKiosk) {
			test.Tap(k.nav[ScreenDirectory])
		}},
		{"directory row tapped", func(t *testing.T, k *testKiosk) {
			test.Tap(k.nav[ScreenDirectory])
			k.tapFirstRow(k.Directory.List)
			if k.Directory.Detail.Name.Text == "" {
				t.Fatal("the tap on a row showed no delegate")
			}
		}},
		{"programme row tapped", func(t *testing.T, k *testKiosk) {
			test.Tap(k.nav[ScreenProgramme])
			k.tapFirstRow(k.Programme.List)
			if k.Programme.Detail.Title.Text == "" {
				t.Fatal("the tap on a row showed no session")
			}
		}},
		{"country drop-down open", func(t *testing.T, k *testKiosk) {
			test.Tap(k.nav[ScreenDirectory])
			test.Tap(k.Directory.Country)
			if k.window.Canvas().Overlays().Top() == nil {
				t.Fatal("the drop-down did not open")
			}
		}},
		{"directory, on-screen keyboard open, keys tapped", func(t *testing.T, k *testKiosk) {
			test.Tap(k.nav[ScreenDirectory])
			test.Tap(k.Directory.Search)
			test.Tap(k.Keyboard.Keys["s"])
			test.Tap(k.Keyboard.Keys["t"])
			if !k.Keyboard.Visible() || k.Directory.Search.Text != "st" {
				t.Fatalf("keyboard open %v, search %q", k.Keyboard.Visible(), k.Directory.Search.Text)
			}
		}},
		{"programme, on-screen keyboard open, backspace tapped", func(t *testing.T, k *testKiosk) {
			test.Tap(k.nav[ScreenProgramme])
			test.Tap(k.Programme.Search)
			test.Tap(k.Keyboard.Keys["o"])
			test.Tap(k.Keyboard.Backspace)
			if !k.Keyboard.Visible() {
				t.Fatal("the keyboard did not open")
			}
		}},
		{"directory, delegations grid open", func(t *testing.T, k *testKiosk) {
			test.Tap(k.nav[ScreenDirectory])
			test.Tap(k.Directory.Browse.Countries)
			if !k.Directory.Browse.CountriesOpen() {
				t.Fatal("the grid did not open")
			}
		}},
		{"PIN pad open, a key tapped", func(t *testing.T, k *testKiosk) {
			k.OpenStaff()
			test.Tap(k.PIN.Keys["1"])
		}},
		{"PIN pad open, its field focused", func(t *testing.T, k *testKiosk) {
			k.OpenStaff()
			if f := k.window.Canvas().Focused(); f != fyne.Focusable(k.PIN.Entry) {
				t.Fatalf("the PIN field does not have the focus, %T has", f)
			}
		}},
		{"result screen of a previous scan", func(t *testing.T, k *testKiosk) {
			k.scanAsKeyboard(k.badge(t, datatest.PastikaID, 2))
			if k.Current() != ScreenResult {
				t.Fatal("the first scan showed no result")
			}
		}},
		{"staff mode", func(t *testing.T, k *testKiosk) {
			k.openStaff(t, "2468")
		}},
		{"staff mode, purpose drop-down open", func(t *testing.T, k *testKiosk) {
			k.openStaff(t, "2468")
			test.Tap(k.Staff.Purpose)
			if k.window.Canvas().Overlays().Top() == nil {
				t.Fatal("the drop-down did not open")
			}
		}},
	}
	for _, st := range states {
		t.Run(st.name, func(t *testing.T) {
			k := newTestKiosk(t)
			st.setUp(t, k)
			before, _, err := k.store.CheckInCount(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			k.scanAsKeyboard(k.badge(t, datatest.StockID, 1))
			after, _, _ := k.store.CheckInCount(context.Background())
			if after != before+1 {
				t.Fatalf("check-ins %d before the scan, %d after: the scan was lost (focus on %T)",
					before, after, k.window.Canvas().Focused())
			}
			if k.Current() != ScreenResult || k.Result.Headline.Text != "Welcome" || k.Result.Name.Text != "Dr Jürgen Stock" {
				t.Fatalf("screen %d, headline %q, name %q", k.Current(), k.Result.Headline.Text, k.Result.Name.Text)
			}
			if k.window.Canvas().Overlays().Top() != nil {
				t.Fatal("a drop-down is left open over the result")
			}
			if k.PIN.Entry.Text != "" && k.PIN.Entry.Text != "1" {
				t.Fatalf("the scan was left in the PIN field: %q", k.PIN.Entry.Text)
			}
		})
	}
}

// A scan typed into the search field while the UI was too busy to tell it
// apart made the count line quote a 180-character search, and the line
// widened the whole window beyond the screen.
func TestALongSearchDoesNotWidenTheWindow(t *testing.T) {
	k := newTestKiosk(t)
	k.Show(ScreenDirectory)
	k.Directory.Search.SetText(strings.Repeat("KBBCNRHKCJ", 18))
	if w := k.Content().MinSize().Width; w > 1280 {
		t.Fatalf("the kiosk needs %.0f px across after a long search; the window has 1280", w)
	}
}
