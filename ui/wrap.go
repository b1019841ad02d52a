package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Long titles and names wrap in list rows instead of being cut. A Fyne
// list gives every row the height of its template unless told each row's
// height, so the list measures each row's text on a spare row of the same
// kind, at the list's width, whenever the items or the width change.
type rowWrap struct {
	spare  fyne.CanvasObject // a row as the list makes them, off screen
	fill   func(i int) bool
	count  func() int
	width  float32
	height map[int]float32
}

// wrapRows makes l size its rows to their text: spare is a row made as the
// list's rows are (under the same theme), fill puts item i's text in the
// spare row and reports whether i exists.
func (l *scanList) wrapRows(spare fyne.CanvasObject, fill func(i int) bool) {
	l.wrap = &rowWrap{spare: compact(spare), fill: fill, count: l.Length, height: map[int]float32{}}
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
	w.width = l.Size().Width
	if w.width <= 0 {
		return // not laid out yet: Resize measures when it is
	}
	n := w.count()
	for i := 0; i < n; i++ {
		if !w.fill(i) {
			break
		}
		// A wrapped label's height follows its width: lay the spare row
		// out at the list's width, then ask what it needs.
		w.spare.Resize(fyne.NewSize(w.width, w.spare.MinSize().Height))
		h := w.spare.MinSize().Height
		if w.height[i] != h {
			w.height[i] = h
			l.SetItemHeight(widget.ListItemID(i), h)
		}
	}
}

// wrapLabel makes a label wrap by words, for a list row.
func wrapLabel(l *widget.Label) {
	l.Truncation = fyne.TextTruncateOff
	l.Wrapping = fyne.TextWrapWord
}
