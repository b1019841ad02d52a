package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// A delegate's contact code stands beside the profile on a wide screen,
// and below it at 1280 pixels, where beside it would squeeze the name to
// a few letters a line.
func TestDelegateCodeBesideOrBelow(t *testing.T) {
	k := newArabicKiosk(t)
	k.Show(ScreenDirectory)
	test.Type(k.Directory.Search, "kouassi")
	k.Directory.List.Select(0)
	k.Keyboard.Hide()
	code, name := k.Directory.Detail.Contact.QR.box, k.Directory.Detail.Name
	for _, c := range []struct {
		width  float32
		beside bool
	}{{1600, true}, {1280, false}} {
		k.window.Resize(fyne.NewSize(c.width, 1000))
		k.Content().Refresh()
		if !code.Visible() {
			t.Fatalf("%.0f: no contact code", c.width)
		}
		beside := code.Position().Y < name.Position().Y+name.Size().Height
		if beside != c.beside {
			t.Errorf("at %.0f pixels the code is at %v, the name at %v %v: beside %v, want %v",
				c.width, code.Position(), name.Position(), name.Size(), beside, c.beside)
		}
		if c.beside && code.Position().X > name.Position().X {
			t.Errorf("at %.0f pixels right to left, the code is right of the profile", c.width)
		}
	}
}
