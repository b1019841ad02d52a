package ui

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"kiosk/data/myday"
)

// Home at both sizes and in both directions, with the language bar and My
// day on it: the first Now card and the first Next card are on screen
// whole, time, title and room, and the language buttons stay 9 mm.
func TestHomeShowsTheSessionCardsWhole(t *testing.T) {
	k, _ := demoKioskWith(t, func(tk *testKiosk, d *Deps) {
		d.MyDay = myday.New(tk.desk, tk.store, func() time.Time { return tk.now })
	})
	fyne.CurrentApp().Settings().SetTheme(Theme())
	t.Cleanup(func() { k.SetLanguage("en") })
	t.Cleanup(func() { k.Home.showCamera(false) })
	for _, lang := range []string{"en", "fr", "es", "ar"} {
		k.SetLanguage(lang)
		for _, size := range kioskSizes {
			for _, camera := range []bool{false, true} {
				k.Home.showCamera(camera)
				k.window.Resize(size)
				k.Show(ScreenHome)
				k.Content().Refresh()
				where := fmt.Sprintf("%s at %v (camera %v)", lang, size, camera)
				// The whole screen fits: a taller one grows the window past
				// the screen and cuts off the buttons at its foot.
				if need := k.Content().MinSize().Height; need > size.Height {
					t.Errorf("%s: Home needs %.0f px", where, need)
				}
				if k.Home.MyDay == nil || len(k.Home.NowItems) == 0 || len(k.Home.NextItems) == 0 {
					t.Fatalf("%s: Home has no My day or no Now and Next to show", where)
				}
				for name, col := range map[string]*container.Scroll{"Now": k.Home.nowScroll, "Next": k.Home.nextScroll} {
					box := col.Content.(*fyne.Container)
					shown, needed := col.Size().Height, box.Objects[0].MinSize().Height
					if shown < needed {
						t.Errorf("%s: %s's first card needs %.0f px, has %.0f", where, name, needed, shown)
					}
				}
				for code, b := range k.Home.Languages {
					if s := b.Size(); s.Height < minTargetPx || s.Width < minTargetPx {
						t.Errorf("%s: language %s is %.0f x %.0f px, under 9 mm", where, code, s.Width, s.Height)
					}
				}
			}
		}
	}
}
