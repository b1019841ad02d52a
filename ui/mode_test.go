package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/data/datatest"
	"kiosk/ui/i18n"
)

// modeKiosk is a test kiosk with the kiosk's theme, whose modes are off
// again after the test (they are the app's, as the direction is).
func modeKiosk(t *testing.T) *testKiosk {
	t.Helper()
	k := newTestKiosk(t)
	fyne.CurrentApp().Settings().SetTheme(Theme())
	t.Cleanup(offModes)
	return k
}

func offModes() { largeText.Store(false); highContrast.Store(false) }

// luminance is a colour's relative luminance (WCAG 2.x).
func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

// contrast is the WCAG contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// textPairs are the words and what they stand on, everywhere the kiosk
// draws text: Fyne's colour names as widgets use them, and the kiosk's
// own tones for the header, the cards and the bands.
func textPairs() map[string][2]color.Color {
	th := Theme()
	c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, theme.VariantLight) }
	pairs := map[string][2]color.Color{}
	for fgName, fg := range map[string]fyne.ThemeColorName{
		"text": theme.ColorNameForeground, "secondary text": theme.ColorNamePlaceHolder,
		"disabled text": theme.ColorNameDisabled, "high-importance text": theme.ColorNamePrimary,
		"success text": theme.ColorNameSuccess, "warning text": theme.ColorNameWarning,
		"error text": theme.ColorNameError, "link": theme.ColorNameHyperlink,
	} {
		for bgName, bg := range map[string]fyne.ThemeColorName{
			"background": theme.ColorNameBackground, "card": theme.ColorNameInputBackground,
		} {
			pairs[fgName+" on "+bgName] = [2]color.Color{c(fg), c(bg)}
		}
	}
	pairs["button words"] = [2]color.Color{c(theme.ColorNameForeground), c(theme.ColorNameButton)}
	pairs["disabled button words"] = [2]color.Color{c(theme.ColorNameDisabled), c(theme.ColorNameDisabledButton)}
	pairs["chosen button words"] = [2]color.Color{c(theme.ColorNameForegroundOnPrimary), c(theme.ColorNamePrimary)}
	pairs["success button words"] = [2]color.Color{c(theme.ColorNameForegroundOnSuccess), c(theme.ColorNameSuccess)}
	pairs["warning button words"] = [2]color.Color{c(theme.ColorNameForegroundOnWarning), c(theme.ColorNameWarning)}
	pairs["danger button words"] = [2]color.Color{c(theme.ColorNameForegroundOnError), c(theme.ColorNameError)}
	pairs["card text"] = [2]color.Color{toneText.now(), toneCard.now()}
	pairs["card secondary text"] = [2]color.Color{toneMuted.now(), toneCard.now()}
	pairs["session time"] = [2]color.Color{tonePrimary.now(), toneCard.now()}
	pairs["running session time"] = [2]color.Color{toneNow.now(), toneCard.now()}
	pairs["board's when"] = [2]color.Color{toneMuted.now(), toneBackground.now()}
	pairs["initials"] = [2]color.Color{toneOnChosen.now(), tonePrimary.now()}
	for name, band := range map[string]tone{
		"header": toneBrand, "welcome": toneWelcome, "already": toneAlready, "refused": toneRefused,
		"checking": toneChecking, "quorum reached": toneWelcome, "below quorum": toneShortfall,
	} {
		pairs["words on "+name] = [2]color.Color{toneOnBrand.now(), band.now()}
	}
	return pairs
}

// Every text the kiosk draws reaches WCAG AA (4.5:1) normally and AAA
// (7:1) in high contrast.
func TestContrastRatios(t *testing.T) {
	t.Cleanup(offModes)
	for _, mode := range []struct {
		name string
		high bool
		min  float64
	}{{"normal", false, 4.5}, {"high contrast", true, 7}} {
		highContrast.Store(mode.high)
		for name, p := range textPairs() {
			r := contrast(p[0], p[1])
			t.Logf("%s: %s %.1f:1", mode.name, name, r)
			if r < mode.min {
				t.Errorf("%s: %s has contrast %.2f:1, want at least %.1f:1", mode.name, name, r, mode.min)
			}
		}
	}
}

// The ratio is computed as WCAG defines it.
func TestContrastFormula(t *testing.T) {
	if r := contrast(color.Black, color.White); math.Abs(r-21) > 0.01 {
		t.Errorf("black on white: %.2f, want 21", r)
	}
	// #767676 on white is the classic 4.54:1.
	if r := contrast(color.NRGBA{0x76, 0x76, 0x76, 0xff}, color.White); math.Abs(r-4.54) > 0.01 {
		t.Errorf("#767676 on white: %.2f, want 4.54", r)
	}
}

// Large text makes what widgets draw larger: a plain label, a label that
// lays out bidi text, the header's title, an icon; switching back
// restores every size exactly.
func TestLargeTextScalesWhatIsDrawn(t *testing.T) {
	k := modeKiosk(t)
	plain, bidi := widget.NewLabel("Plenary Hall"), bidiLabel("قاعة Plenary Hall")
	icon := widget.NewIcon(theme.HomeIcon())
	k.Home.Now.Add(container.NewVBox(plain, bidi, icon))
	k.Content().Refresh()
	// A label's height is its text's and the padding around, which
	// stays.
	pad := 2 * theme.InnerPadding()
	size := func() [4]float32 {
		return [4]float32{plain.MinSize().Height - pad, bidi.MinSize().Height - pad, k.Title.TextSize, icon.MinSize().Height}
	}
	before := size()
	k.SetLargeText(true)
	if !k.LargeText() {
		t.Fatal("LargeText() is false after SetLargeText(true)")
	}
	large := size()
	for i, what := range []string{"label", "bidi label", "header title", "icon"} {
		if r := large[i] / before[i]; r < 1.3 || r > 1.5 {
			t.Errorf("large text: the %s is %.1f high, was %.1f: want about 1.4 times", what, large[i], before[i])
		}
	}
	k.SetLargeText(false)
	if after := size(); after != before {
		t.Errorf("back from large text: sizes %v, want %v", after, before)
	}
}

// High contrast changes the pixels on screen: the header band and the
// window's background turn black, a card near black.
func TestHighContrastRecoloursTheScreen(t *testing.T) {
	k := modeKiosk(t)
	k.window.Resize(fyne.NewSize(1280, 800))
	pixel := func(x, y int) color.NRGBA {
		return color.NRGBAModel.Convert(k.window.Canvas().Capture().At(x, y)).(color.NRGBA)
	}
	// (10, 10) is on the header band, (640, 2) the window's background
	// above it; the header's card-less band has no words there.
	if got := pixel(12, 12); got != colourBrand {
		t.Fatalf("normal header pixel %v, want %v", got, colourBrand)
	}
	k.SetHighContrast(true)
	if !k.HighContrast() {
		t.Fatal("HighContrast() is false after SetHighContrast(true)")
	}
	if got := pixel(12, 12); got != toneBrand.contrast {
		t.Errorf("high-contrast header pixel %v, want %v", got, toneBrand.contrast)
	}
	if got := pixel(1, 1); got != toneBackground.contrast {
		t.Errorf("high-contrast background pixel %v, want %v", got, toneBackground.contrast)
	}
	k.SetHighContrast(false)
	if got := pixel(12, 12); got != colourBrand {
		t.Errorf("back to normal: header pixel %v, want %v", got, colourBrand)
	}
}

// shownIn says whether o is drawn in the tree under root: found through
// visible containers only.
func shownIn(root, o fyne.CanvasObject) bool {
	if !root.Visible() {
		return false
	}
	if root == o {
		return true
	}
	switch v := root.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			if shownIn(c, o) {
				return true
			}
		}
	case *container.ThemeOverride:
		return shownIn(v.Content, o)
	}
	return false
}

// Both toggles are one touch away on every screen, the board's too, at
// least 9 mm (33 px) tall and within the window; a touch switches.
func TestModeTogglesOnEveryScreen(t *testing.T) {
	k := modeKiosk(t)
	k.window.Resize(fyne.NewSize(1280, 800))
	check := func(where string) {
		t.Helper()
		for _, b := range []*widget.Button{k.Modes.Large, k.Modes.Contrast} {
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
			win := k.window.Canvas().Size()
			if !shownIn(k.Content(), b) || b.Size().Height < 33 || pos.Y+b.Size().Height > win.Height || pos.X < 0 || pos.X+b.Size().Width > win.Width {
				t.Errorf("%s: toggle %q shown %v, at %v size %v in a %v window", where, b.Text, shownIn(k.Content(), b), pos, b.Size(), win)
			}
		}
	}
	for s := ScreenHome; s <= ScreenBoard; s++ {
		k.Show(s)
		check(map[Screen]string{ScreenHome: "Home", ScreenProgramme: "Programme", ScreenDirectory: "Directory",
			ScreenCheckIn: "Check in", ScreenResult: "result", ScreenPIN: "PIN", ScreenStaff: "staff",
			ScreenMyDay: "My day", ScreenBoard: "board"}[s])
	}
	// The board's readings wait for this goroutine, which never takes
	// them: only the toggles matter here.
	k.boardOnThisGoroutine(t)
	k.setBoardMode(true)
	check("board mode")
	test.Tap(k.Modes.Large)
	check("board mode, large text")
	test.Tap(k.Modes.Contrast)
	if !k.LargeText() || !k.HighContrast() {
		t.Errorf("after a touch on each toggle: large %v, contrast %v", k.LargeText(), k.HighContrast())
	}
	k.setBoardMode(false)
	k.Show(ScreenHome)
	check("Home, both modes")
	test.Tap(k.Modes.Large)
	if k.LargeText() {
		t.Error("a second touch leaves large text on")
	}
}

// A toggle says in words and by a tick whether its mode is on, and
// speaks the kiosk's language.
func TestModeTogglesSayTheirState(t *testing.T) {
	k := modeKiosk(t)
	b := k.Modes.Contrast
	if b.Text != i18n.T("mode.high_contrast") || b.Icon == theme.ConfirmIcon() {
		t.Errorf("off: %q with the tick %v", b.Text, b.Icon == theme.ConfirmIcon())
	}
	k.SetHighContrast(true)
	if b.Icon != theme.ConfirmIcon() || b.Importance != widget.HighImportance {
		t.Errorf("on: icon %v, importance %v; want the tick, highlighted", b.Icon.Name(), b.Importance)
	}
	k.SetLanguage("fr")
	t.Cleanup(func() { _ = i18n.Set("en") })
	if b.Text != "Contraste élevé" || k.Modes.Large.Text != "Grand texte" {
		t.Errorf("in French: %q and %q", k.Modes.Large.Text, b.Text)
	}
}

// The idle reset turns both modes off, as it returns to the default
// language: the next person starts fresh.
func TestIdleResetTurnsModesOff(t *testing.T) {
	k := modeKiosk(t)
	k.SetLargeText(true)
	k.SetHighContrast(true)
	k.now = k.now.Add(DefaultIdleAfter + 1)
	if !k.CheckIdle(k.now) {
		t.Fatal("no idle reset")
	}
	if k.LargeText() || k.HighContrast() {
		t.Errorf("after the idle reset: large text %v, high contrast %v", k.LargeText(), k.HighContrast())
	}
	if k.Title.TextSize != 28 || k.Title.Color != colourOnBrand {
		t.Errorf("after the idle reset the title is %v in %v", k.Title.TextSize, k.Title.Color)
	}
}

// Both modes with Arabic: right to left stays on, the toggles speak
// Arabic, text is large and black on white turns white on black; a
// switch to English keeps the modes.
func TestModesWithArabic(t *testing.T) {
	k := newArabicKiosk(t)
	t.Cleanup(offModes)
	k.SetHighContrast(true)
	k.SetLargeText(true)
	if k.Language() != "ar" || !k.Home.EventName.Visible() {
		t.Fatalf("language %q", k.Language())
	}
	if k.Modes.Large.Text != "نص كبير" || k.Modes.Contrast.Text != "تباين عالٍ" {
		t.Errorf("toggles in Arabic: %q, %q", k.Modes.Large.Text, k.Modes.Contrast.Text)
	}
	if a := k.Home.EventName.Alignment; a != fyne.TextAlignTrailing {
		t.Errorf("right to left in both modes: the event name aligned %v", a)
	}
	if k.Clock.TextSize != scaled(28) || k.Clock.Color != toneOnBrand.contrast {
		t.Errorf("clock at %v in %v", k.Clock.TextSize, k.Clock.Color)
	}
	k.SetLanguage("en")
	if !k.LargeText() || !k.HighContrast() || k.Modes.Large.Text != "Large text" {
		t.Errorf("in English: large %v contrast %v, toggle %q", k.LargeText(), k.HighContrast(), k.Modes.Large.Text)
	}
}

// Nothing by colour alone: each result has its own icon beside its
// words; the current screen's button, the chosen day and the chosen
// letter are underlined; the current language has a tick.
func TestStatesNotByColourAlone(t *testing.T) {
	k := modeKiosk(t)
	k.scanOnCanvas(k.badge(t, datatest.StockID, 1))
	welcome := k.Result.Icon.Resource
	k.scanOnCanvas(k.badge(t, datatest.StockID, 1))
	already := k.Result.Icon.Resource
	k.scanOnCanvas("not a badge")
	refused := k.Result.Icon.Resource
	if welcome == nil || already == nil || refused == nil ||
		welcome.Name() == already.Name() || welcome.Name() == refused.Name() || already.Name() == refused.Name() {
		t.Errorf("result icons: welcome %v, already %v, refused %v; want three different icons", welcome, already, refused)
	}
	k.Show(ScreenDirectory)
	for s, mark := range k.navMarks {
		if drawn := mark.FillColor.(color.NRGBA).A != 0; drawn != (s == ScreenDirectory) {
			t.Errorf("screen %d: underline drawn %v with Directory on show", s, drawn)
		}
	}
	underlined := func(mark *canvas.Rectangle) bool { return mark.FillColor.(color.NRGBA).A != 0 }
	k.Programme.selectDay(k.Programme.days[1].Date)
	for i, mark := range k.Programme.dayMarks {
		if underlined(mark) != (i == 1) {
			t.Errorf("day %d underlined %v with the second day chosen", i, underlined(mark))
		}
	}
	browse := k.Directory.Browse
	if len(browse.Ranges) == 0 || !underlined(browse.allMark) {
		t.Fatalf("%d name ranges, All underlined %v: want ranges, and All chosen at first", len(browse.Ranges), underlined(browse.allMark))
	}
	last := len(browse.Ranges) - 1
	test.Tap(browse.Ranges[last])
	if underlined(browse.allMark) {
		t.Error("All underlined with a range chosen")
	}
	for i, mark := range browse.rangeMarks {
		if underlined(mark) != (i == last) {
			t.Errorf("range %d underlined %v with range %d chosen", i, underlined(mark), last)
		}
	}
	k.Show(ScreenHome)
	for code, b := range k.Home.Languages {
		if ticked := b.Icon == theme.ConfirmIcon(); ticked != (code == k.Language()) {
			t.Errorf("language %s ticked %v", code, ticked)
		}
	}
}

// Home in large text and in high contrast, in English, at the size of
// the right-to-left goldens.
func TestGoldenHomeModes(t *testing.T) {
	for _, g := range []struct {
		file string
		set  func(*testKiosk)
	}{
		{"home_large.png", func(k *testKiosk) { k.SetLargeText(true) }},
		{"home_contrast.png", func(k *testKiosk) { k.SetHighContrast(true) }},
	} {
		t.Run(g.file, func(t *testing.T) {
			k := modeKiosk(t)
			k.window.Resize(fyne.NewSize(1280, 1000))
			g.set(k)
			k.Content().Refresh()
			test.AssertImageMatches(t, g.file, k.window.Canvas().Capture())
		})
	}
}

// A screen not on show when the mode switches is laid out for the new
// sizes too: no button gets less than it needs when it opens.
func TestLargeTextLaysOutHiddenScreens(t *testing.T) {
	k := modeKiosk(t)
	k.window.Resize(fyne.NewSize(1920, 1080))
	k.SetLargeText(true)
	k.Show(ScreenDirectory)
	k.Keyboard.Hide()
	b := k.Directory.Browse.Countries
	if b.Size().Width < b.MinSize().Width {
		t.Errorf("Countries is %v wide, needs %v", b.Size().Width, b.MinSize().Width)
	}
}
