package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Long titles and names wrap in list rows instead of being cut. A Fyne
// list gives every row the height of its template unless told each row's
// height, so the list measures each row's text on a spare row of the same
// kind, at the list's width, whenever the items or the width change.
//
// Measuring runs on the UI goroutine for every keystroke in a search, and
// keys wait behind it (the scan detector allows for that only so far, see
// scanner.go), so it is kept cheap: a row's height is remembered by its
// text, and the list is told only about rows whose height differs from
// what it has, each such change costing the list a refresh.
type rowWrap struct {
	spare fyne.CanvasObject // a row as the list makes them, off screen
	// key gives item i's text, ok false past the end; fill puts item
	// i's text in the spare row.
	key   func(i int) (text string, ok bool)
	fill  func(i int)
	count func() int
	width float32
	// height is what the list was told for each row; unset rows have
	// the template's height, base.
	height map[int]float32
	base   float32
	byText map[string]float32 // at width
}

// wrapRows makes l size its rows to their text: spare is a row made as the
// list's rows are, with the template's text; key and fill as in rowWrap.
func (l *scanList) wrapRows(spare fyne.CanvasObject, key func(i int) (string, bool), fill func(i int)) {
	l.wrap = &rowWrap{spare: compact(spare), key: key, fill: fill, count: l.Length, height: map[int]float32{}}
}

// Resize measures the rows again at a new width.
func (l *scanList) Resize(s fyne.Size) {
	l.List.Resize(s)
	if l.wrap != nil && s.Width != l.wrap.width {
		l.fitRows()
	}
}

// fitRows gives each row the height its wrapped text needs at the list's
// width; call it when the items change.
func (l *scanList) fitRows() {
	w := l.wrap
	if w == nil {
		return
	}
	if width := l.Size().Width; width != w.width || w.byText == nil {
		if width <= 0 {
			return // not laid out yet: Resize measures when it is
		}
		w.width = width
		w.byText = map[string]float32{}
		if w.base == 0 {
			// The template's height: the spare row still has its text.
			w.base = w.spare.MinSize().Height
		}
	}
	n := w.count()
	for i := 0; i < n; i++ {
		text, ok := w.key(i)
		if !ok {
			break
		}
		h, seen := w.byText[text]
		if !seen {
			w.fill(i)
			// A wrapped label's height follows its width: lay the spare
			// row out at the list's width, then ask what it needs.
			w.spare.Resize(fyne.NewSize(w.width, w.spare.MinSize().Height))
			h = w.spare.MinSize().Height
			w.byText[text] = h
		}
		told, set := w.height[i]
		if !set {
			told = w.base
		}
		if h != told {
			w.height[i] = h
			l.SetItemHeight(widget.ListItemID(i), h)
		}
	}
}

// heightOf is the height the list has for row i.
func (w *rowWrap) heightOf(i int) float32 {
	if h, ok := w.height[i]; ok {
		return h
	}
	return w.base
}

// wrapText makes a label wrap by words, for a list row: given the
// fields, so that widget.Label and rtl.Label both take it.
func wrapText(truncation *fyne.TextTruncation, wrapping *fyne.TextWrap) {
	*truncation = fyne.TextTruncateOff
	*wrapping = fyne.TextWrapWord
}

// remeasure measures every row again and lays the rows on show out anew:
// the text size changed (large-text mode), and with it every height.
func (l *scanList) remeasure() {
	if w := l.wrap; w != nil {
		// No base height: every row is told its own, since the list's
		// template height is the old size's.
		w.byText, w.base, w.height = nil, -1, map[int]float32{}
		w.spare.Refresh()
		l.fitRows()
	}
	l.Refresh()
}
