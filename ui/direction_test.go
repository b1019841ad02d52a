package ui

import (
	"context"
	"image"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kiosk/data/datatest"
	"kiosk/data/myday"
	"kiosk/ui/i18n"
	"kiosk/ui/rtl"
)

// Arabic bundle text for the right-to-left screens: a session title with a
// year in brackets and Latin inside Arabic.
const (
	openingAr      = "الجمعية العامة الخامسة والثمانون (2016) للإنتربول: حفل الافتتاح"
	openingAboutAr = "يرحب الأمين العام Jürgen Stock بالوفود في قاعة Plenary Hall، الطابق الأرضي، ويعرض جدول أعمال الدورة لعام 2016."
	cyberAr        = "الجريمة السيبرانية: التهديدات المقبلة"
)

var countriesAr = map[string]string{"DEU": "ألمانيا", "CIV": "كوت ديفوار", "IDN": "إندونيسيا"}

// newArabicKiosk is a test kiosk switched to Arabic, right to left,
// whose sessions carry Arabic titles, with the kiosk's theme as the app's.
func newArabicKiosk(t *testing.T) *testKiosk {
	t.Helper()
	k := newTestKioskWith(t, "test", func(tk *testKiosk, d *Deps) {
		d.MyDay = myday.New(tk.desk, tk.store, func() time.Time { return tk.now })
		ev := datatest.Event()
		for i := range ev.Sessions {
			switch ev.Sessions[i].ID {
			case datatest.OpeningID:
				ev.Sessions[i].Title, ev.Sessions[i].Description = openingAr, openingAboutAr
			case datatest.CyberID:
				ev.Sessions[i].Title = cyberAr
			}
		}
		for i := range ev.Countries {
			if name, ok := countriesAr[ev.Countries[i].Code]; ok {
				ev.Countries[i].Name = name
			}
		}
		if err := tk.store.Install(context.Background(), ev, datatest.Info(2), nil); err != nil {
			t.Fatal(err)
		}
	})
	fyne.CurrentApp().Settings().SetTheme(Theme())
	restoreEnglish(t)
	// The real switch: every screen words itself in Arabic and mirrors.
	k.SetLanguage("ar")
	return k
}

// restoreEnglish puts the process back in English, left to right, after
// the test: the language and the direction are global.
func restoreEnglish(t *testing.T) {
	t.Cleanup(func() { _ = i18n.Set("en"); rtl.SetRightToLeft(false) })
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
	k.window.Resize(fyne.NewSize(1280, 1000)) // room for the session cards
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

// The Directory right to left: a delegate's detail with an Arabic country
// name, its captions on the right of their values.
func TestGoldenDirectoryRightToLeft(t *testing.T) {
	k := newArabicKiosk(t)
	k.Show(ScreenDirectory)
	test.Type(k.Directory.Search, "kouassi")
	k.Directory.List.Select(0)
	k.Keyboard.Hide()
	k.window.Resize(fyne.NewSize(1600, 1000)) // the kiosk's width: the profile beside its code
	k.Content().Refresh()
	test.AssertImageMatches(t, "directory_rtl.png", k.window.Canvas().Capture())
}

// The result screen right to left: the text on the right, the check-in
// code on the left, Done on the left of the footer.
func TestGoldenResultRightToLeft(t *testing.T) {
	k := newArabicKiosk(t)
	k.scanOnCanvas(k.badge(t, datatest.StockID, 1))
	if k.Current() != ScreenResult || k.Result.Country.Text != "ألمانيا" {
		t.Fatalf("screen %d, country %q", k.Current(), k.Result.Country.Text)
	}
	// The code is signed with this run's kiosk key: draw a fixed one.
	k.Result.Code.Image = image.NewGray(image.Rect(0, 0, 29, 29))
	k.Result.Code.Refresh()
	k.Content().Refresh()
	test.AssertImageMatches(t, "result_rtl.png", k.window.Canvas().Capture())
}

// The on-screen keyboard in Arabic: Arabic letters, its words in Arabic,
// the switch to Latin letters named ABC.
func TestGoldenKeyboardArabic(t *testing.T) {
	k := newArabicKiosk(t)
	test.Tap(k.nav[ScreenDirectory])
	test.Tap(k.Directory.Search)
	if !k.Keyboard.Visible() || k.Keyboard.Layout() != LayoutArabic {
		t.Fatalf("keyboard open %v, layout %v", k.Keyboard.Visible(), k.Keyboard.Layout())
	}
	k.window.Resize(fyne.NewSize(1600, 1000))
	k.Content().Refresh()
	test.AssertImageMatches(t, "keyboard_ar.png", k.window.Canvas().Capture())
}

// The presence board in Arabic, two member countries checked in to the
// plenary by other kiosks.
func TestGoldenBoardArabic(t *testing.T) {
	k := arabicBoard(t)
	if k.Board.Hint.Text == "" || k.Board.Hint.Text == "Delegates: scan your badge here to check your delegation in." {
		t.Errorf("board hint %q, want Arabic", k.Board.Hint.Text)
	}
	k.window.Resize(fyne.NewSize(1600, 1000))
	k.Content().Refresh()
	test.AssertImageMatches(t, "board_ar.png", k.window.Canvas().Capture())
}

// My day in Arabic: a delegate's sessions of the day after a badge scan.
func TestGoldenMyDayArabic(t *testing.T) {
	k := newArabicKiosk(t)
	test.Tap(k.Home.MyDay)
	k.scanOnCanvas(k.badge(t, datatest.KouassiID, 3))
	if k.Current() != ScreenMyDay || len(k.MyDay.Plan.Sessions) != 3 {
		t.Fatalf("screen %d, %d sessions", k.Current(), len(k.MyDay.Plan.Sessions))
	}
	k.window.Resize(fyne.NewSize(1280, 1000))
	k.Content().Refresh()
	test.AssertImageMatches(t, "myday_ar.png", k.window.Canvas().Capture())
}
