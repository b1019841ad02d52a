package ui

import (
	"image/color"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// kioskTheme is the light theme scaled up for a public screen read at arm's
// length and used with fingers: larger text, more padding, taller targets.
// It follows the accessibility modes (mode.go): large text scales every
// text and icon size, high contrast swaps the palette.
type kioskTheme struct{}

var _ fyne.Theme = kioskTheme{}

// The accessibility modes, one set for the whole app as the reading
// direction is (rtl.RightToLeft): the theme and the colours of canvas
// objects read them wherever they are drawn.
var largeText, highContrast atomic.Bool

// largeTextScale is how much larger text is in large-text mode.
const largeTextScale = 1.4

// Colours of the kiosk, named for what they do, in normal mode; the
// tones below pair each with its colour in high contrast.
var (
	colourBrand      = color.NRGBA{R: 0x0b, G: 0x2e, B: 0x5c, A: 0xff} // header band
	colourPrimary    = color.NRGBA{R: 0x1a, G: 0x5f, B: 0xb4, A: 0xff}
	colourBackground = color.NRGBA{R: 0xf4, G: 0xf6, B: 0xf9, A: 0xff}
	colourCard       = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	colourMuted      = color.NRGBA{R: 0x5a, G: 0x65, B: 0x75, A: 0xff}
	colourText       = color.NRGBA{R: 0x1c, G: 0x24, B: 0x30, A: 0xff}
	colourOnBrand    = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	colourNow        = color.NRGBA{R: 0x17, G: 0x74, B: 0x35, A: 0xff} // a session running now
	colourWarning    = color.NRGBA{R: 0xa3, G: 0x52, B: 0x00, A: 0xff}
	colourShortfall  = color.NRGBA{R: 0x9c, G: 0x4c, B: 0x00, A: 0xff} // the board's band below quorum
	colourError      = color.NRGBA{R: 0xb3, G: 0x26, B: 0x1e, A: 0xff}
	colourButton     = color.NRGBA{R: 0xe4, G: 0xe8, B: 0xee, A: 0xff}
	colourSelection  = color.NRGBA{R: 0x1a, G: 0x5f, B: 0xb4, A: 0x40}
	colourHover      = color.NRGBA{R: 0x1a, G: 0x5f, B: 0xb4, A: 0x18}
)

// Colours of high contrast: white and yellow on black, every text at
// least 7:1 against what it stands on (WCAG AAA; theme_test.go measures).
var (
	contrastBlack  = color.NRGBA{A: 0xff}
	contrastCard   = color.NRGBA{R: 0x1a, G: 0x1a, B: 0x1a, A: 0xff}
	contrastWhite  = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	contrastYellow = color.NRGBA{R: 0xff, G: 0xdd, B: 0x00, A: 0xff}
	contrastMuted  = color.NRGBA{R: 0xd6, G: 0xd6, B: 0xd6, A: 0xff}
	contrastGreen  = color.NRGBA{R: 0x6b, G: 0xf1, B: 0x78, A: 0xff}
	contrastOrange = color.NRGBA{R: 0xff, G: 0xb3, B: 0x47, A: 0xff}
	contrastRed    = color.NRGBA{R: 0xff, G: 0x8a, B: 0x8a, A: 0xff}
	contrastButton = color.NRGBA{R: 0x33, G: 0x33, B: 0x33, A: 0xff}
)

// tone is a colour by what it does, in each mode.
type tone struct{ normal, contrast color.NRGBA }

// now is the tone as the current mode draws it.
func (t tone) now() color.NRGBA {
	if highContrast.Load() {
		return t.contrast
	}
	return t.normal
}

// The kiosk's tones. Bands with white words on them (results, the
// board's verdict) stay coloured in high contrast, but dark.
var (
	toneBrand   = tone{colourBrand, contrastBlack}
	tonePrimary = tone{colourPrimary, contrastYellow}
	// toneChosenMark underlines a chosen button, drawn on the button
	// itself: white on the primary blue, black on high contrast's yellow.
	toneChosenMark = tone{colourOnBrand, contrastBlack}
	toneBackground = tone{colourBackground, contrastBlack}
	toneCard       = tone{colourCard, contrastCard}
	toneMuted      = tone{colourMuted, contrastMuted}
	toneText       = tone{colourText, contrastWhite}
	toneOnBrand    = tone{colourOnBrand, contrastWhite}
	toneNow        = tone{colourNow, contrastGreen}
	toneWarning    = tone{colourWarning, contrastOrange}
	toneError      = tone{colourError, contrastRed}
	toneButton     = tone{colourButton, contrastButton}
	toneSelection  = tone{colourSelection, color.NRGBA{R: 0xff, G: 0xdd, B: 0x00, A: 0x50}}
	toneHover      = tone{colourHover, color.NRGBA{R: 0xff, G: 0xdd, B: 0x00, A: 0x30}}
	// The words on a button in a chosen state (primary, success...).
	toneOnChosen  = tone{colourOnBrand, contrastBlack}
	toneWelcome   = tone{colourWelcome, color.NRGBA{R: 0x00, G: 0x55, B: 0x1c, A: 0xff}}
	toneAlready   = tone{colourAlready, color.NRGBA{R: 0x00, G: 0x3a, B: 0x80, A: 0xff}}
	toneRefused   = tone{colourRefused, color.NRGBA{R: 0x8a, G: 0x00, B: 0x00, A: 0xff}}
	toneChecking  = tone{colourChecking, contrastButton}
	toneShortfall = tone{colourShortfall, color.NRGBA{R: 0x6b, G: 0x38, B: 0x00, A: 0xff}}
	toneTray      = tone{colourKeyboardTray, color.NRGBA{R: 0x5c, G: 0x5c, B: 0x5c, A: 0xff}}
	toneBorder    = tone{color.NRGBA{}, contrastMuted} // none normally
)

// textScale is how much larger than designed text is drawn now.
func textScale() float32 {
	if largeText.Load() {
		return largeTextScale
	}
	return 1
}

// scaled is a text size designed for normal mode as the current mode
// draws it: canvas.Text objects with a fixed size use it.
func scaled(size float32) float32 { return size * textScale() }

// colorNameOnBrand is the colour of words and icons on the header band
// and on the result and verdict bands, for icons drawn by the theme.
const colorNameOnBrand fyne.ThemeColorName = "kiosk-on-brand"

func (kioskTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if t, ok := themeTones[n]; ok {
		return t.now()
	}
	if highContrast.Load() {
		switch n {
		case theme.ColorNameInputBorder, theme.ColorNameSeparator, theme.ColorNameScrollBar:
			return toneBorder.now()
		}
	}
	// Always the light variant: a kiosk in a bright hall must not follow a
	// desktop's dark setting.
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

// themeTones are the colours the kiosk gives Fyne's colour names.
var themeTones = map[fyne.ThemeColorName]tone{
	theme.ColorNamePrimary:             tonePrimary,
	theme.ColorNameFocus:               tonePrimary,
	theme.ColorNameHyperlink:           tonePrimary,
	theme.ColorNameBackground:          toneBackground,
	theme.ColorNameHeaderBackground:    toneBrand,
	theme.ColorNameInputBackground:     toneCard,
	theme.ColorNameMenuBackground:      toneCard,
	theme.ColorNameOverlayBackground:   toneCard,
	theme.ColorNameSelection:           toneSelection,
	theme.ColorNameHover:               toneHover,
	theme.ColorNameForeground:          toneText,
	theme.ColorNameForegroundOnPrimary: toneOnChosen,
	theme.ColorNameForegroundOnSuccess: toneOnChosen,
	theme.ColorNameForegroundOnWarning: toneOnChosen,
	theme.ColorNameForegroundOnError:   toneOnChosen,
	colorNameOnBrand:                   toneOnBrand,
	// Fyne draws low-importance labels in these colours; on a public
	// screen secondary text must still be easy to read.
	theme.ColorNameDisabled:       toneMuted,
	theme.ColorNamePlaceHolder:    toneMuted,
	theme.ColorNameSuccess:        toneNow,
	theme.ColorNameWarning:        toneWarning,
	theme.ColorNameError:          toneError,
	theme.ColorNameButton:         toneButton,
	theme.ColorNameDisabledButton: toneBackground,
}

func (kioskTheme) Font(s fyne.TextStyle) fyne.Resource { return textFont(s) }

func (kioskTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (kioskTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return scaled(20)
	case theme.SizeNameHeadingText:
		return scaled(36)
	case theme.SizeNameSubHeadingText:
		return scaled(26)
	case theme.SizeNameCaptionText:
		return scaled(16)
	case theme.SizeNamePadding:
		return 8
	case theme.SizeNameInnerPadding:
		return 16
	case theme.SizeNameInlineIcon:
		return scaled(28)
	case theme.SizeNameScrollBar:
		// A list scrolls by its bar on a desktop touch screen (Fyne takes
		// swipes on mobile only): a finger needs 9 mm, 33 px at 1920x1080
		// on 24 inches (3.61 px a millimetre).
		return 36
	case theme.SizeNameScrollBarSmall:
		return 8
	case theme.SizeNameInputRadius, theme.SizeNameSelectionRadius:
		return 8
	case theme.SizeNameInputBorder:
		if highContrast.Load() {
			return 3
		}
	}
	return theme.DefaultTheme().Size(n)
}

// Theme is the kiosk's theme, for the app to set.
func Theme() fyne.Theme { return kioskTheme{} }

// compactTheme tightens the padding inside list rows and cards, where two
// lines of text belong together; targets stay tall enough for a finger.
type compactTheme struct{ kioskTheme }

func (t compactTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameInnerPadding {
		return 6
	}
	return t.kioskTheme.Size(n)
}

// compact draws obj with compactTheme.
func compact(obj fyne.CanvasObject) fyne.CanvasObject {
	return container.NewThemeOverride(obj, compactTheme{})
}
