package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// At the windowed 1280x800 the on-screen keyboard fits under a screen in
// English and in Arabic (whose layout has a row more): its keys narrow,
// the Directory's tabs and pager step aside and, where still needed, the
// screens' buttons, so the window need not grow past the screen. Closing
// the keyboard brings everything back.
func TestKeyboardFitsAt1280x800(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		t.Run(lang, func(t *testing.T) {
			k := newArabicKiosk(t)
			k.SetLanguage(lang)
			size := fyne.NewSize(1280, 800)
			k.window.Resize(size)
			// A new kiosk shows them all, the keyboard closed.
			if !k.navBar.Visible() || !k.Directory.Browse.bar.Visible() || !k.Directory.countRow.Visible() || !k.Programme.dayBar.Visible() {
				t.Fatal("a new kiosk hides what only an open keyboard should")
			}
			for _, s := range []struct {
				screen Screen
				field  *searchEntry
			}{{ScreenDirectory, k.Directory.Search}, {ScreenProgramme, k.Programme.Search}} {
				k.Show(s.screen)
				k.Keyboard.open(s.field)
				// A letter typed: the results' reload keeps what typing
				// replaces aside.
				test.Tap(k.Keyboard.Keys["1"])
				k.Content().Refresh()
				if min := k.Content().MinSize(); min.Width > size.Width || min.Height > size.Height {
					t.Errorf("screen %d with the keyboard needs %v, more than %v", s.screen, min, size)
				}
				k.window.Canvas().Capture() // a negative size would panic the painter
				k.Keyboard.Hide()
				if !k.navBar.Visible() || !k.Directory.Browse.bar.Visible() || !k.Directory.countRow.Visible() || !k.Programme.dayBar.Visible() {
					t.Errorf("screen %d: closing the keyboard leaves the navigation %v, tabs %v, pager %v, days %v shown",
						s.screen, k.navBar.Visible(), k.Directory.Browse.bar.Visible(), k.Directory.countRow.Visible(), k.Programme.dayBar.Visible())
				}
			}
		})
	}
}
