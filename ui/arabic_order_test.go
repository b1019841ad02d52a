package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"kiosk/data"
	"kiosk/data/checkin"
	"kiosk/data/datatest"
	"kiosk/ui/rtl"
)

// arabicBoard is an Arabic kiosk set to board, following the opening with
// Germany and Côte d'Ivoire present.
func arabicBoard(t *testing.T) *testKiosk {
	t.Helper()
	k := newArabicKiosk(t)
	ui := k.boardOnThisGoroutine(t)
	if err := k.desk.SetConfig(context.Background(), checkin.Config{Purpose: data.PurposeBoard, RoomID: datatest.PlenaryRoom}); err != nil {
		t.Fatal(err)
	}
	k.CheckIns.loadConfig()
	k.relayPlenary(t, data.OriginCode, "kiosk-2", 1, datatest.StockID)
	k.relayPlenary(t, data.OriginCode, "kiosk-2", 2, datatest.KouassiID)
	k.boardUntil(t, ui, "two countries", func() bool { return len(k.Board.CountryNames()) == 2 })
	return k
}

// The one-line Arabic texts with dates and figures are drawn in the order
// Chromium gives the same strings in a right-to-left page (the words
// below from left to right, as its layout places them): "الاثنين 7
// نوفمبر" reads Monday 7 November from the right, "2 من 5" two of five.
func TestArabicDatesAndFiguresInReadingOrder(t *testing.T) {
	check := func(what, text string, want ...string) {
		t.Helper()
		if got := rtl.DrawnWords(text); !slices.Equal(got, want) {
			t.Errorf("%s %q is drawn %q from left to right, want %q", what, text, got, want)
		}
	}
	k := newArabicKiosk(t)
	k.Tick(k.now)
	check("the clock", k.Clock.Text, "WITA", "09:30", "2016", "نوفمبر", "7", "الاثنين")
	k.Show(ScreenProgramme)
	check("the first day tab", k.Programme.DayButtons[0].Text, "نوفمبر", "7", "الاثنين")
	check("the second day tab", k.Programme.DayButtons[1].Text, "نوفمبر", "8", "الثلاثاء")

	b := arabicBoard(t).Board
	check("the board's date line", b.When.Text, "العامة", "الجلسات", "قاعة", "·", "10:30", "–", "09:00", "نوفمبر", "7", "الاثنين", "·", "جارية")
	check("the board's count", b.Count.Text, "5", "من", "2")
	check("the board's shortfall", b.Shortfall.Text, "منتظرًا", "1", "يزال", "ولا", "،", "3", "المطلوب")
}

// Every one-line text Fyne draws itself on the Arabic screens, if it mixes
// Arabic with figures or Latin letters, went through rtl.Visual (which
// fences its runs with direction marks): Fyne alone would place its
// pieces in the wrong order.
func TestArabicScreensOrderMixedLines(t *testing.T) {
	k := newArabicKiosk(t)
	k.Tick(k.now)
	unordered := func(screen string) {
		t.Helper()
		k.Content().Refresh()
		walkVisible(k.window.Content(), func(o fyne.CanvasObject) {
			if txt, ok := o.(*canvas.Text); ok && mixedUnfenced(txt.Text) {
				t.Errorf("%s: %q is drawn unordered", screen, txt.Text)
			}
		})
	}
	unordered("Home")
	k.Show(ScreenProgramme)
	k.Programme.Open(datatest.OpeningID)
	unordered("Programme")
	test.Tap(k.nav[ScreenDirectory])
	test.Tap(k.Directory.Search)
	unordered("on-screen keyboard")
	test.Type(k.Directory.Search, "kouassi")
	k.Directory.List.Select(0)
	unordered("Directory")
	k.Show(ScreenCheckIn)
	unordered("Check-in")
	k.scanOnCanvas(k.badge(t, datatest.StockID, 1))
	unordered("result")
	b := arabicBoard(t)
	b.Content().Refresh()
	walkVisible(b.window.Content(), func(o fyne.CanvasObject) {
		if txt, ok := o.(*canvas.Text); ok && mixedUnfenced(txt.Text) {
			t.Errorf("board: %q is drawn unordered", txt.Text)
		}
	})
}

// mixedUnfenced says whether s has Arabic and also figures or Latin
// letters, without the marks rtl.Visual puts around each run.
func mixedUnfenced(s string) bool {
	if !rtl.HasRTL(s) || strings.ContainsAny(s, "\u200e\u200f") {
		return false
	}
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsDigit(r) || r < 0x250 && unicode.IsLetter(r) }) >= 0
}

// walkVisible calls f for o and every visible object inside it.
func walkVisible(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	f(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walkVisible(c, f)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			walkVisible(c, f)
		}
	}
}
