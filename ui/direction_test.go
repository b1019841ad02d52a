package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kiosk/data/datatest"
	"kiosk/ui/rtl"
)

// Arabic bundle text for the right-to-left screens: a session title with a
// year in brackets and Latin inside Arabic.
const (
	openingAr      = "الجمعية العامة الخامسة والثمانون (2016) للإنتربول: حفل الافتتاح"
	openingAboutAr = "يرحب الأمين العام Jürgen Stock بالوفود في قاعة Plenary Hall، الطابق الأرضي، ويعرض جدول أعمال الدورة لعام 2016."
	cyberAr        = "الجريمة السيبرانية: التهديدات المقبلة"
)

// newArabicKiosk is a test kiosk right to left whose sessions carry
// Arabic titles, with the kiosk's theme as the app's.
func newArabicKiosk(t *testing.T) *testKiosk {
	t.Helper()
	k := newTestKioskWith(t, "test", func(tk *testKiosk, _ *Deps) {
		ev := datatest.Event()
		for i := range ev.Sessions {
			switch ev.Sessions[i].ID {
			case datatest.OpeningID:
				ev.Sessions[i].Title, ev.Sessions[i].Description = openingAr, openingAboutAr
			case datatest.CyberID:
				ev.Sessions[i].Title = cyberAr
			}
		}
		if err := tk.store.Install(context.Background(), ev, datatest.Info(2), nil); err != nil {
			t.Fatal(err)
		}
	})
	fyne.CurrentApp().Settings().SetTheme(Theme())
	t.Cleanup(func() { rtl.SetRightToLeft(false) })
	k.SetRightToLeft(true)
	return k
}

// The Programme right to left: the list on the right, the detail on the
// left, Arabic titles shaped and in order, the navigation from the right.
func TestGoldenProgrammeRightToLeft(t *testing.T) {
	k := newArabicKiosk(t)
	k.Show(ScreenProgramme)
	k.Programme.Open(datatest.OpeningID)
	k.window.Resize(fyne.NewSize(1280, 1000)) // room for the description
	k.Content().Refresh()
	test.AssertImageMatches(t, "programme_rtl.png", k.window.Canvas().Capture())
}

func TestGoldenHomeRightToLeft(t *testing.T) {
	k := newArabicKiosk(t)
	k.Show(ScreenHome)
	k.Content().Refresh()
	test.AssertImageMatches(t, "home_rtl.png", k.window.Canvas().Capture())
}

// Switching direction swaps the plain labels' alignment once, and
// switching back restores it.
func TestSetRightToLeftAlignsPlainLabels(t *testing.T) {
	k := newArabicKiosk(t)
	if a := k.Home.EventName.Alignment; a != fyne.TextAlignTrailing {
		t.Errorf("right to left, the event name is aligned %v, want trailing", a)
	}
	k.SetRightToLeft(true)
	if a := k.Home.EventName.Alignment; a != fyne.TextAlignTrailing {
		t.Errorf("switching on twice: aligned %v, want trailing", a)
	}
	k.SetRightToLeft(false)
	if a := k.Home.EventName.Alignment; a != fyne.TextAlignLeading {
		t.Errorf("back to left to right: aligned %v, want leading", a)
	}
}
