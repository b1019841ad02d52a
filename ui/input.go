package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/ui/rtl"
)

// searchEntry is a one-line entry that shows every key to the kiosk
// first: typing counts as activity for the idle timer, and a badge scanned
// while the entry has the focus is taken as a check-in instead of being
// typed into the search.
type searchEntry struct {
	widget.Entry
	keys keyWatcher

	onChanged func(string)
	focused   bool
	// shaped draws the text instead of the Entry when it has Arabic
	// letters (see typedText); nil until the entry is first drawn.
	shaped *typedText
}

// keyWatcher is told about keys before an entry handles them.
type keyWatcher interface {
	Touch()
	// keyed records a key as activity, as Touch does a tap.
	keyed()
	rune(r rune)
	// enter reports whether Enter ended a scan, which it then handles,
	// and the scanned text; field is the focused field, nil for the key
	// sink.
	enter(field *searchEntry) (text string, scanned bool)
	// cursorKey and cursorSpace let the keyboard cursor take a key first
	// (cursor.go); field is the focused field, nil for the key sink.
	cursorKey(ev *fyne.KeyEvent, field *searchEntry) bool
	cursorSpace(field *searchEntry) bool
	// shiftKey follows the Shift keys.
	shiftKey(ev *fyne.KeyEvent, down bool)
}

var _ fyne.Widget = (*searchEntry)(nil)

func newSearchEntry(placeholder string, keys keyWatcher, onChanged func(string)) *searchEntry {
	e := &searchEntry{keys: keys}
	e.ExtendBaseWidget(e)
	e.PlaceHolder = placeholder
	e.onChanged = onChanged
	// Every change of the text, typed or set, passes here first.
	e.OnChanged = func(s string) {
		e.refreshShaped()
		if e.onChanged != nil {
			e.onChanged(s)
		}
	}
	e.ActionItem = widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() {
		e.keys.Touch()
		e.SetText("")
	})
	return e
}

func (e *searchEntry) TypedRune(r rune) {
	e.keys.keyed()
	if r == ' ' && e.keys.cursorSpace(e) {
		return
	}
	e.keys.rune(r)
	e.Entry.TypedRune(r)
}

// AcceptsTab keeps Tab in the field, so that it cannot move the focus to
// a widget that ignores scans (see focus.go); Tab moves the keyboard
// cursor instead.
func (e *searchEntry) AcceptsTab() bool { return true }

func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	e.keys.keyed()
	if isEnter(k) {
		if text, ok := e.keys.enter(e); ok {
			// The scan was typed into this field; take it back out.
			e.SetText(strings.Replace(e.Text, text, "", 1))
			return
		}
	}
	if e.keys.cursorKey(k, e) || k.Name == fyne.KeyTab {
		return
	}
	if e.caretKeptAtEnd() && caretKeys[k.Name] {
		return // the caret stays at the end of Arabic text (see typedText)
	}
	e.Entry.TypedKey(k)
}

// KeyDown and KeyUp follow Shift for Shift+Tab.
func (e *searchEntry) KeyDown(k *fyne.KeyEvent) {
	e.keys.shiftKey(k, true)
	e.Entry.KeyDown(k)
}

func (e *searchEntry) KeyUp(k *fyne.KeyEvent) {
	e.keys.shiftKey(k, false)
	e.Entry.KeyUp(k)
}

// Arabic in a search field. Fyne's Entry draws typed text left to right
// and unjoined, so while the text has right-to-left letters the field
// draws it itself: an rtl.Label over the Entry's text area, on a patch of
// the field's own background that hides the Entry's text, in the text's
// own direction (right-aligned when it starts with Arabic) and with a
// caret at its end. The Entry underneath still holds the text and takes
// every key, so typing, backspace, the scanner and the on-screen keyboard
// work as for Latin text. The caret cannot be moved inside such a text:
// taps and arrow keys leave it at the end, where the drawn caret is.
type typedText struct {
	cover *canvas.Rectangle // the field's background over the Entry's text
	label *rtl.Label
	caret *canvas.Rectangle
}

// caretKeys move the Entry's cursor.
var caretKeys = map[fyne.KeyName]bool{fyne.KeyLeft: true, fyne.KeyRight: true, fyne.KeyUp: true,
	fyne.KeyDown: true, fyne.KeyHome: true, fyne.KeyEnd: true}

// caretKeptAtEnd says whether the field draws its text itself.
func (e *searchEntry) caretKeptAtEnd() bool { return rtl.HasRTL(e.Text) }

// moveCaretToEnd puts the Entry's cursor after the last character, where
// the drawn caret is.
func (e *searchEntry) moveCaretToEnd() {
	if e.caretKeptAtEnd() {
		e.CursorRow, e.CursorColumn = 0, len([]rune(e.Text))
		e.Entry.Refresh()
	}
}

func (e *searchEntry) FocusGained() {
	e.focused = true
	e.Entry.FocusGained()
	e.refreshShaped()
}

func (e *searchEntry) FocusLost() {
	e.focused = false
	e.Entry.FocusLost()
	e.refreshShaped()
}

// CreateRenderer draws the Entry and, above it, the shaped text.
func (e *searchEntry) CreateRenderer() fyne.WidgetRenderer {
	inner := e.Entry.CreateRenderer()
	label := rtl.NewLabel("")
	label.OwnDirection = true
	e.shaped = &typedText{cover: canvas.NewRectangle(nil), label: label, caret: canvas.NewRectangle(nil)}
	r := &searchRenderer{WidgetRenderer: inner, e: e}
	r.Refresh()
	return r
}

type searchRenderer struct {
	fyne.WidgetRenderer
	e *searchEntry
}

func (r *searchRenderer) Objects() []fyne.CanvasObject {
	t := r.e.shaped
	return append(r.WidgetRenderer.Objects(), t.cover, t.label, t.caret)
}

func (r *searchRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.layoutShaped(size)
}

func (r *searchRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.layoutShaped(r.e.Size())
}

// refreshShaped draws the shaped text again after a change.
func (e *searchEntry) refreshShaped() {
	if e.shaped != nil {
		e.Refresh()
	}
}

// layoutShaped places the cover, the text and the caret over the Entry's
// text area: inside the border, left of the clear button.
func (r *searchRenderer) layoutShaped(size fyne.Size) {
	e, t := r.e, r.e.shaped
	// An empty field's Arabic hint is drawn here too, so that it and the
	// caret start on the right.
	hint := e.Text == "" && rtl.HasRTL(e.PlaceHolder)
	th := e.Theme()
	border := th.Size(theme.SizeNameInputBorder)
	right := size.Width - border
	if e.ActionItem != nil {
		right = e.ActionItem.Position().X
	}
	area := fyne.NewSize(right-border, size.Height-2*border)
	// Not laid out yet, the area has no room: a rectangle of negative size
	// is not drawn right.
	if !e.caretKeptAtEnd() && !hint || area.Width < 2 || area.Height < 3 {
		t.cover.Hide()
		t.label.Hide()
		t.caret.Hide()
		return
	}
	v := fyne.CurrentApp().Settings().ThemeVariant()
	t.cover.FillColor = th.Color(theme.ColorNameInputBackground, v)
	// A pixel inside the border all round, so as not to thin its line;
	// square on the right, where the clear button takes over.
	radius := th.Size(theme.SizeNameInputRadius)
	t.cover.TopLeftCornerRadius, t.cover.BottomLeftCornerRadius = radius, radius
	t.cover.Move(fyne.NewSquareOffsetPos(border + 1))
	t.cover.Resize(area.SubtractWidthHeight(1, 2))
	t.cover.Show()
	t.cover.Refresh()

	t.label.TextStyle = e.TextStyle
	t.label.Importance, t.label.Truncation = widget.MediumImportance, fyne.TextTruncateOff
	t.label.Text = tailThatFits(e.Text, t.label, area.Width)
	if hint {
		// A hint too long for the field loses its end instead.
		t.label.Importance, t.label.Truncation = widget.LowImportance, fyne.TextTruncateEllipsis
		t.label.Text = e.PlaceHolder
	}
	t.label.Show()
	h := t.label.MinSize().Height
	t.label.Move(fyne.NewPos(border, border+(area.Height-h)/2))
	t.label.Resize(fyne.NewSize(area.Width, h))
	t.label.Refresh()

	// The caret at the text's end: its left edge when it reads right to
	// left, its right edge otherwise.
	pad := th.Size(theme.SizeNameInnerPadding)
	textWidth := t.label.MinSize().Width - 2*pad
	x := border + pad + textWidth
	switch {
	case hint:
		x = border + area.Width - pad + 1
	case rtl.BaseRightToLeft(t.label.Text):
		x = border + area.Width - pad - textWidth - 2
	}
	t.caret.FillColor = th.Color(theme.ColorNamePrimary, v)
	t.caret.Move(fyne.NewPos(x, border+(area.Height-h)/2+pad))
	t.caret.Resize(fyne.NewSize(2, h-2*pad))
	t.caret.Hidden = !e.focused
	t.caret.Refresh()
}

// tailThatFits is the end of text that label shows within width: a long
// query loses its first characters, so that what was typed last and the
// caret stay in sight.
func tailThatFits(text string, label *rtl.Label, width float32) string {
	rs := []rune(text)
	label.Text = text
	for i := 1; i < len(rs) && label.MinSize().Width > width; i++ {
		label.Text = string(rs[i:])
	}
	return label.Text
}
