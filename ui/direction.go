package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/ui/rtl"
)

// SetRightToLeft switches the kiosk between left-to-right languages and
// right-to-left ones (Arabic): text aligns and wraps from the right, the
// navigation bar, the list and detail panes, the result screen and the
// header read from the right, and the app's font becomes the Arabic one
// (Latin letters still come from Noto Sans). The language switch calls
// it; left to right, the screens are exactly as before.
func (k *Kiosk) SetRightToLeft(on bool) {
	if on != rtl.RightToLeft() {
		seen := map[fyne.CanvasObject]bool{}
		for _, v := range k.views {
			mirrorText(v.content, seen)
		}
		mirrorText(k.content, seen) // the header and banner; the shown screen is seen
	}
	rtl.SetRightToLeft(on)
	// Setting the theme again makes Fyne drop its cached fonts and redraw
	// every widget with the theme's font for the new direction.
	if a := fyne.CurrentApp(); a != nil {
		a.Settings().SetTheme(a.Settings().Theme())
	}
	k.content.Refresh()
}

// mirrorText swaps leading and trailing alignment of the plain labels and
// texts in a tree of containers (rtl.Label aligns itself). Labels made
// later, as Home's cards are, take rtl.Align when made.
func mirrorText(o fyne.CanvasObject, seen map[fyne.CanvasObject]bool) {
	if seen[o] {
		return
	}
	seen[o] = true
	swap := func(a fyne.TextAlign) fyne.TextAlign {
		switch a {
		case fyne.TextAlignLeading:
			return fyne.TextAlignTrailing
		case fyne.TextAlignTrailing:
			return fyne.TextAlignLeading
		}
		return a
	}
	switch v := o.(type) {
	case *widget.Label:
		v.Alignment = swap(v.Alignment)
		v.Refresh()
	case *canvas.Text:
		v.Alignment = swap(v.Alignment)
		v.Refresh()
	case *widget.Button:
		// The icon goes before the words, on the right. Fyne already
		// draws a button whose words are Arabic with its icon on their
		// right (ui/rtl's golden images show it), so only Latin words
		// need the swap.
		if v.Text != "" && !rtl.HasRTL(v.Text) {
			if v.IconPlacement == widget.ButtonIconLeadingText {
				v.IconPlacement = widget.ButtonIconTrailingText
			} else {
				v.IconPlacement = widget.ButtonIconLeadingText
			}
			v.Refresh()
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			mirrorText(c, seen)
		}
	case *container.Scroll:
		mirrorText(v.Content, seen)
	case *container.ThemeOverride:
		mirrorText(v.Content, seen)
	}
}

// textFont is the kiosk theme's text font: the Arabic font (with Noto Sans
// behind it) right to left, Fyne's Noto Sans otherwise.
func textFont(s fyne.TextStyle) fyne.Resource {
	if rtl.RightToLeft() {
		return rtl.WithArabic(theme.DefaultTheme()).Font(s)
	}
	return theme.DefaultTheme().Font(s)
}

// bidiLabel makes a label for text from the event's bundle, which may be
// Arabic: see rtl.Label.
func bidiLabel(text string) *rtl.Label { return rtl.NewLabel(text) }

// bidiHeading is heading for text that may mix Arabic with Latin letters
// or figures.
func bidiHeading(text string) *rtl.Label {
	l := bidiSubheading(text)
	l.SizeName = theme.SizeNameHeadingText
	return l
}

// bidiSubheading is subheading for bundle text.
func bidiSubheading(text string) *rtl.Label {
	l := rtl.NewLabel(text)
	l.SizeName = theme.SizeNameSubHeadingText
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.Wrapping = fyne.TextWrapWord
	return l
}
