package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// kioskTheme is the light theme scaled up for a public screen read at arm's
// length and used with fingers: larger text, more padding, taller targets.
type kioskTheme struct{}

var _ fyne.Theme = kioskTheme{}

// Colours of the kiosk, named for what they do.
var (
	colourBrand      = color.NRGBA{R: 0x0b, G: 0x2e, B: 0x5c, A: 0xff} // header band
	colourPrimary    = color.NRGBA{R: 0x1a, G: 0x5f, B: 0xb4, A: 0xff}
	colourBackground = color.NRGBA{R: 0xf4, G: 0xf6, B: 0xf9, A: 0xff}
	colourCard       = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	colourMuted      = color.NRGBA{R: 0x5a, G: 0x65, B: 0x75, A: 0xff}
	colourText       = color.NRGBA{R: 0x1c, G: 0x24, B: 0x30, A: 0xff}
	colourOnBrand    = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	colourNow        = color.NRGBA{R: 0x1b, G: 0x7f, B: 0x3b, A: 0xff}
	colourWarning    = color.NRGBA{R: 0xb3, G: 0x5c, B: 0x00, A: 0xff}
)

func (kioskTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameFocus:
		return colourPrimary
	case theme.ColorNameBackground:
		return colourBackground
	case theme.ColorNameHeaderBackground:
		return colourBrand
	case theme.ColorNameInputBackground, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground:
		return colourCard
	case theme.ColorNameSelection:
		return color.NRGBA{R: 0x1a, G: 0x5f, B: 0xb4, A: 0x40}
	case theme.ColorNameHover:
		return color.NRGBA{R: 0x1a, G: 0x5f, B: 0xb4, A: 0x18}
	case theme.ColorNameForeground:
		return colourText
	case theme.ColorNameDisabled, theme.ColorNamePlaceHolder:
		// Fyne draws low-importance labels in this colour; on a public
		// screen secondary text must still be easy to read.
		return colourMuted
	case theme.ColorNameSuccess:
		return colourNow
	case theme.ColorNameWarning:
		return colourWarning
	}
	// Always the light variant: a kiosk in a bright hall must not follow a
	// desktop's dark setting.
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

func (kioskTheme) Font(s fyne.TextStyle) fyne.Resource { return textFont(s) }

func (kioskTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (kioskTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 20
	case theme.SizeNameHeadingText:
		return 36
	case theme.SizeNameSubHeadingText:
		return 26
	case theme.SizeNameCaptionText:
		return 16
	case theme.SizeNamePadding:
		return 8
	case theme.SizeNameInnerPadding:
		return 16
	case theme.SizeNameInlineIcon:
		return 28
	case theme.SizeNameScrollBar:
		// A list scrolls by its bar on a desktop touch screen (Fyne takes
		// swipes on mobile only): a finger needs 9 mm, 33 px at 1920x1080
		// on 24 inches (3.61 px a millimetre).
		return 36
	case theme.SizeNameScrollBarSmall:
		return 8
	case theme.SizeNameInputRadius, theme.SizeNameSelectionRadius:
		return 8
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
