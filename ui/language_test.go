package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kiosk/data"
	"kiosk/data/datatest"
	"kiosk/ui/i18n"
	"kiosk/ui/rtl"
)

// english puts the kiosk back in English after a test that switched, for
// the tests that follow in the same process.
func english(t testing.TB) {
	// The direction too: a test that ends in Arabic must not leave the
	// next one right to left.
	t.Cleanup(func() { _ = i18n.Set("en"); i18n.SetDefault("en"); rtl.SetRightToLeft(false) })
}

func TestLanguageSwitchChangesHomeAtOnce(t *testing.T) {
	english(t)
	k := newTestKiosk(t)
	if k.Language() != "en" || k.nav[ScreenDirectory].Text != "Directory" {
		t.Fatalf("starts in %s, nav %q", k.Language(), k.nav[ScreenDirectory].Text)
	}
	for _, name := range []string{"English", "Français", "Español", "العربية"} {
		if findButton(k.Home.content, name) == nil {
			t.Fatalf("no %s button on Home", name)
		}
	}
	test.Tap(k.Home.Languages["fr"])
	if k.Language() != "fr" {
		t.Fatalf("language %s after tapping Français", k.Language())
	}
	h := k.Home
	if !strings.HasPrefix(h.Today.Text, "Jour 1 sur 4  ·  lundi 7 novembre 2016") {
		t.Errorf("French day line %q", h.Today.Text)
	}
	if !strings.Contains(h.Where.Text, "7 – 10 novembre 2016") {
		t.Errorf("French dates %q", h.Where.Text)
	}
	if !strings.HasPrefix(k.Clock.Text, "lun. 7 nov. 2016  09:30") {
		t.Errorf("French clock %q", k.Clock.Text)
	}
	if k.nav[ScreenDirectory].Text != "Annuaire" || k.nav[ScreenProgramme].Text != "Programme" {
		t.Errorf("French nav %q %q", k.nav[ScreenDirectory].Text, k.nav[ScreenProgramme].Text)
	}
	if !strings.Contains(renderText(h.content), "En ce moment") || !strings.Contains(renderText(h.content), "À suivre") {
		t.Errorf("Home's headings not in French:\n%s", renderText(h.content))
	}
	if h.Languages["fr"].Importance != widget.HighImportance || h.Languages["en"].Importance == widget.HighImportance {
		t.Error("the current language's button is not marked")
	}
	// Every screen follows, not only Home.
	if got := k.Programme.DayButtons[0].Text; got != "lun. 7 nov." {
		t.Errorf("French day tab %q", got)
	}
	if got := k.Directory.Count.Text; got != "5 délégués" {
		t.Errorf("French directory count %q", got)
	}
	if got := k.CheckIns.Purpose.Text; !strings.HasPrefix(got, "Cette borne") {
		t.Errorf("French check-in purpose %q", got)
	}

	test.Tap(k.Home.Languages["ar"])
	// One-line mixed texts are in visual order (rtl.Visual); the words
	// are checked in reading order.
	day := dayLine(h.days, k.deps.Now().In(k.loc))
	if !i18n.IsRTL() || !strings.HasPrefix(day, "اليوم 1 من 4") || !strings.Contains(day, "نوفمبر 2016") || h.Today.Text != rtl.Visual(day) {
		t.Errorf("Arabic day line %q (RTL %v)", h.Today.Text, i18n.IsRTL())
	}
	if got := k.Directory.Count.Text; got != rtl.Visual("5 مندوبين") {
		t.Errorf("Arabic directory count %q", got)
	}
	test.Tap(k.Home.Languages["es"])
	if !strings.Contains(h.Today.Text, "lunes, 7 de noviembre de 2016") || k.nav[ScreenHome].Text != "Inicio" {
		t.Errorf("Spanish %q %q", h.Today.Text, k.nav[ScreenHome].Text)
	}
}

func TestIdleResetReturnsToTheDefaultLanguage(t *testing.T) {
	english(t)
	k := newTestKiosk(t)
	test.Tap(k.Home.Languages["ar"])
	k.Show(ScreenDirectory)
	k.now = k.now.Add(61 * time.Second)
	if !k.CheckIdle(k.now) {
		t.Fatal("no idle reset")
	}
	if k.Language() != "en" || k.Home.Today.Text[:3] != "Day" || k.nav[ScreenHome].Text != "Home" {
		t.Fatalf("after idle reset: %s %q %q", k.Language(), k.Home.Today.Text, k.nav[ScreenHome].Text)
	}
	if k.Directory.Count.Text != "5 delegates" {
		t.Fatalf("directory after reset %q", k.Directory.Count.Text)
	}
}

func TestResultInTheDelegatesLanguage(t *testing.T) {
	english(t)
	k := newTestKiosk(t)
	test.Tap(k.Home.Languages["fr"])
	k.scanOnCanvas(k.badge(t, datatest.StockID, 1))
	r := k.Result
	if r.Country.Text != "Allemagne" {
		t.Errorf("French result's country %q", r.Country.Text)
	}
	if r.Headline.Text != "Bienvenue" || r.What.Text != "Arrivée sur le site" ||
		r.Detail.Text != "Présence enregistrée : Arrivée sur le site." {
		t.Fatalf("French result: %q %q %q", r.Headline.Text, r.What.Text, r.Detail.Text)
	}
	k.Show(ScreenHome)
	test.Tap(k.Home.Languages["ar"])
	k.scanOnCanvas(k.badge(t, datatest.StockID, 1))
	if r.Headline.Text != rtl.Visual("الحضور مسجَّل مسبقًا") || !strings.Contains(r.Detail.Text, "على هذا الجهاز") {
		t.Fatalf("Arabic second scan: %q %q", r.Headline.Text, r.Detail.Text)
	}
	k.CheckIn(k.badge(t, "D404", 9), data.MethodManual)
	if r.Headline.Text != rtl.Visual("يُرجى التوجه إلى مكتب التسجيل") || !strings.Contains(r.Detail.Text, "غير مدرج") {
		t.Fatalf("Arabic refusal: %q %q", r.Headline.Text, r.Detail.Text)
	}
}

// TestContentFollowsTheLanguage: titles and names the bundle translates
// come in the language on screen, the English ones where it has none, and
// a chosen country stays chosen across a switch.
func TestContentFollowsTheLanguage(t *testing.T) {
	english(t)
	k := newTestKiosk(t)
	k.Show(ScreenDirectory)
	k.Directory.SelectCountry("DEU")
	if k.Directory.Country.Selected != "Germany (1)" {
		t.Fatalf("country filter %q", k.Directory.Country.Selected)
	}
	test.Tap(k.Home.Languages["fr"])
	if len(k.Home.NowItems) != 1 || k.Home.NowItems[0].Title != "Cérémonie d’ouverture" || k.Home.NowItems[0].RoomName != "Salle plénière" {
		t.Fatalf("French now: %+v", k.Home.NowItems)
	}
	if k.Directory.Country.Selected != "Allemagne (1)" || k.Directory.country != "DEU" || k.Directory.Total != 1 {
		t.Fatalf("French country filter %q (%s), %d listed", k.Directory.Country.Selected, k.Directory.country, k.Directory.Total)
	}
	k.Programme.Open(datatest.OpeningID)
	if k.Programme.Detail.Title.Text != "Cérémonie d’ouverture" ||
		!strings.HasPrefix(k.Programme.Detail.When.Text, "lundi 7 novembre 2016") ||
		k.Programme.Detail.Kind.Text != "Cérémonie" {
		t.Fatalf("French detail %q %q %q", k.Programme.Detail.Title.Text, k.Programme.Detail.When.Text, k.Programme.Detail.Kind.Text)
	}
	test.Tap(k.Home.Languages["es"])
	if k.Programme.Detail.Title.Text != "Opening ceremony" || k.Programme.Detail.Kind.Text != "Ceremonia" {
		t.Fatalf("Spanish detail falls back: %q %q", k.Programme.Detail.Title.Text, k.Programme.Detail.Kind.Text)
	}
	if !strings.Contains(k.Programme.Detail.Language.Text, "inglés") {
		t.Errorf("Spanish interpretation line %q", k.Programme.Detail.Language.Text)
	}
}
