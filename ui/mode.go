package ui

import (
	"sync"
	"weak"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/ui/i18n"
	"kiosk/ui/rtl"
)

// The accessibility modes: large text and high contrast, each switched by
// one touch on a button at the end of the navigation bar, on every
// screen, and both off again after an idle reset. The theme (theme.go)
// follows the modes for every widget; canvas objects drawn in the
// kiosk's own colours and sizes are painted through paintText and
// paintFill below, which remember them so that a switch repaints them.

// SetLargeText switches large-text mode: every text and icon about 1.4
// times its size.
func (k *Kiosk) SetLargeText(on bool) {
	if largeText.Swap(on) != on {
		k.modeChanged()
	}
}

// LargeText says whether large-text mode is on.
func (k *Kiosk) LargeText() bool { return largeText.Load() }

// SetHighContrast switches high-contrast mode: white and yellow on black.
func (k *Kiosk) SetHighContrast(on bool) {
	if highContrast.Swap(on) != on {
		k.modeChanged()
	}
}

// HighContrast says whether high-contrast mode is on.
func (k *Kiosk) HighContrast() bool { return highContrast.Load() }

// modeChanged redraws everything in the new mode.
func (k *Kiosk) modeChanged() {
	repaint()
	for _, f := range k.modeHooks {
		f()
	}
	// Setting the theme again makes Fyne redraw every widget with the
	// theme's new sizes and colours, as a direction switch does.
	if a := fyne.CurrentApp(); a != nil {
		a.Settings().SetTheme(a.Settings().Theme())
	}
	k.content.Refresh()
	// The screens not on show are outside the window, where the theme
	// does not reach: lay them out again for the new sizes too.
	for _, v := range k.views {
		v.content.Refresh()
	}
	// List rows measure their text: measure them again, and lay out the
	// recycled rows, whose fixed-size texts changed under them.
	k.Programme.List.remeasure()
	k.Directory.List.remeasure()
	for row := range k.Programme.rows {
		row.Refresh()
	}
}

// onMode registers a hook run after every mode switch, for what paint
// cannot reach (text that measures itself).
func (k *Kiosk) onMode(f func()) { k.modeHooks = append(k.modeHooks, f) }

// The canvas objects painted in the kiosk's tones, each with its tone
// (and a text with its size as designed for normal mode). Weak pointers:
// screens rebuild their cards and the registry must not keep old ones.
var (
	paintMu sync.Mutex
	texts   = map[weak.Pointer[canvas.Text]]textPaint{}
	fills   = map[weak.Pointer[canvas.Rectangle]]fillPaint{}
	circles = map[weak.Pointer[canvas.Circle]]tone{}
)

// textPaint is a text's tone and size in normal mode; size 0 leaves the
// size to the text's own layout (the board fits its texts to the width).
type textPaint struct {
	tone tone
	size float32
}

func (p textPaint) apply(t *canvas.Text) {
	t.Color = p.tone.now()
	if p.size > 0 {
		t.TextSize = scaled(p.size)
	}
}

// paintText draws t in tone c at size (0: leave the size alone), as the
// current mode shows them, now and after every switch.
func paintText(t *canvas.Text, c tone, size float32) *canvas.Text {
	p := textPaint{c, size}
	p.apply(t)
	paintMu.Lock()
	texts[weak.Make(t)] = p
	paintMu.Unlock()
	return t
}

// newText is a canvas.Text painted by paintText.
func newText(s string, c tone, size float32) *canvas.Text {
	return paintText(canvas.NewText(s, c.now()), c, size)
}

// fillPaint is a rectangle's fill and outline.
type fillPaint struct{ fill, stroke tone }

func (p fillPaint) apply(r *canvas.Rectangle) {
	r.FillColor, r.StrokeColor = p.fill.now(), p.stroke.now()
}

// paintFill fills r with tone c as the current mode shows it, now and
// after every switch.
func paintFill(r *canvas.Rectangle, c tone) *canvas.Rectangle {
	return paintFillOutlined(r, c, tone{})
}

// paintFillOutlined is paintFill with an outline in tone stroke.
func paintFillOutlined(r *canvas.Rectangle, c, stroke tone) *canvas.Rectangle {
	p := fillPaint{c, stroke}
	p.apply(r)
	paintMu.Lock()
	fills[weak.Make(r)] = p
	paintMu.Unlock()
	return r
}

// newFill is a rectangle painted by paintFill.
func newFill(c tone) *canvas.Rectangle { return paintFill(canvas.NewRectangle(c.now()), c) }

// newDisc is a circle filled with tone c as the current mode shows it.
func newDisc(c tone) *canvas.Circle {
	d := canvas.NewCircle(c.now())
	paintMu.Lock()
	circles[weak.Make(d)] = c
	paintMu.Unlock()
	return d
}

// repaint draws every painted object in the current mode and forgets the
// ones no longer in use.
func repaint() {
	paintMu.Lock()
	defer paintMu.Unlock()
	for w, p := range texts {
		if t := w.Value(); t != nil {
			p.apply(t)
			t.Refresh()
		} else {
			delete(texts, w)
		}
	}
	for w, p := range fills {
		if r := w.Value(); r != nil {
			p.apply(r)
			r.Refresh()
		} else {
			delete(fills, w)
		}
	}
	for w, c := range circles {
		if d := w.Value(); d != nil {
			d.FillColor = c.now()
			d.Refresh()
		} else {
			delete(circles, w)
		}
	}
}

// modeButtons are the two toggles at the end of the navigation bar.
type modeButtons struct {
	Large, Contrast *widget.Button
}

// newModeButtons makes the toggles; each says what it does in words and
// by an icon, and shows whether its mode is on by a tick, not by colour
// alone.
func newModeButtons(k *Kiosk) modeButtons {
	m := modeButtons{
		Large:    widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { k.Touch(); k.SetLargeText(!k.LargeText()) }),
		Contrast: widget.NewButtonWithIcon("", theme.ColorPaletteIcon(), func() { k.Touch(); k.SetHighContrast(!k.HighContrast()) }),
	}
	show := func() {
		markToggle(m.Large, k.LargeText(), "mode.large_text", theme.ZoomInIcon())
		markToggle(m.Contrast, k.HighContrast(), "mode.high_contrast", theme.ColorPaletteIcon())
	}
	show()
	k.onLanguage(show)
	k.onMode(show)
	return m
}

// markToggle words and marks a toggle: its own icon when off, a tick and
// the highlight when on.
func markToggle(b *widget.Button, on bool, key string, off fyne.Resource) {
	b.Text = i18n.T(key)
	b.Icon, b.Importance = off, widget.MediumImportance
	if on {
		b.Icon, b.Importance = theme.ConfirmIcon(), widget.HighImportance
	}
	b.Refresh()
}

// onBand is icon drawn in the colour of the words on a band (the header,
// a result, the board's verdict) in either mode.
func onBand(icon fyne.Resource) fyne.Resource {
	return theme.NewColoredResource(icon, colorNameOnBrand)
}

// navLayout puts the screens' buttons (its first object) and the mode
// toggles (its second) on one line, the toggles at the end, when the
// window is wide enough; large text at 1280 pixels is not, and the
// toggles get a line of their own below. A board shows the toggles only.
type navLayout struct{ k *Kiosk }

// oneLine says whether both fit on one line of the window's width.
func (l *navLayout) oneLine(objs []fyne.CanvasObject) bool {
	screens, modes := objs[0], objs[1]
	if !screens.Visible() {
		return true
	}
	width := float32(0)
	if c := fyne.CurrentApp().Driver().CanvasForObject(l.k.content); c != nil {
		width = c.Size().Width
	}
	gap := theme.Padding()
	// The bar's own padding on both sides.
	return screens.MinSize().Width+gap+modes.MinSize().Width+4*gap <= width
}

func (l *navLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	screens, modes := objs[0].MinSize(), objs[1].MinSize()
	gap := theme.Padding()
	switch {
	case !objs[0].Visible():
		return modes
	case l.oneLine(objs):
		return fyne.NewSize(screens.Width+gap+modes.Width, max(screens.Height, modes.Height))
	}
	return fyne.NewSize(max(screens.Width, modes.Width), screens.Height+gap+modes.Height)
}

func (l *navLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	screens, modes := objs[0], objs[1]
	m := modes.MinSize()
	gap := theme.Padding()
	// The toggles at the end of the line: on the right left to right, on
	// the left right to left (the bar's grid mirrors itself).
	x := size.Width - m.Width
	if rtl.RightToLeft() {
		x = 0
	}
	if !screens.Visible() {
		modes.Move(fyne.NewPos(x, 0))
		modes.Resize(fyne.NewSize(m.Width, size.Height))
		return
	}
	if l.oneLine(objs) {
		w := size.Width - m.Width - gap
		sx := float32(0)
		if rtl.RightToLeft() {
			sx = m.Width + gap
		}
		screens.Move(fyne.NewPos(sx, 0))
		screens.Resize(fyne.NewSize(w, size.Height))
		modes.Move(fyne.NewPos(x, 0))
		modes.Resize(fyne.NewSize(m.Width, size.Height))
		return
	}
	h := screens.MinSize().Height
	screens.Move(fyne.NewPos(0, 0))
	screens.Resize(fyne.NewSize(size.Width, h))
	modes.Move(fyne.NewPos(x, h+gap))
	modes.Resize(fyne.NewSize(m.Width, size.Height-h-gap))
}

// chosenMarkHeight is the height of the bar under a chosen button.
const chosenMarkHeight = 5

// underlined puts a bar along the bottom of b, drawn by markChosen while
// b is the chosen one of its row (the screen on show, the day, the range
// of names): a mark in shape as well as in colour. The bar lies over the
// button's own bottom edge, in a tone that stands out on a highlighted
// button, so that marking adds no height: rows of buttons keep their
// size, and so does every screen laid out under them.
func underlined(b *widget.Button) (fyne.CanvasObject, *canvas.Rectangle) {
	mark := newFill(tone{})
	mark.SetMinSize(fyne.NewSize(0, chosenMarkHeight))
	inset := container.New(layout.NewCustomPaddedLayout(0, chosenMarkInset, 3*chosenMarkInset, 3*chosenMarkInset), mark)
	return container.NewStack(b, container.NewBorder(nil, inset, nil, nil)), mark
}

// chosenMarkInset keeps the bar off the button's rounded edge: a line
// inside the button, clearly apart from its outline.
const chosenMarkInset = 6

// markChosen highlights b and draws its underline when on, and takes
// both away when not.
func markChosen(b *widget.Button, mark *canvas.Rectangle, on bool) {
	imp, t := widget.MediumImportance, tone{}
	if on {
		imp, t = widget.HighImportance, toneChosenMark
	}
	paintFill(mark, t).Refresh()
	if b.Importance != imp {
		b.Importance = imp
		b.Refresh()
	}
}
