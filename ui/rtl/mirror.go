package rtl

import (
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
)

var rightToLeft atomic.Bool

// SetRightToLeft switches the interface's reading direction: on, text
// reads right to left and mirrored layouts place their children from the
// right. The language switch sets it (on for Arabic); screens built with
// this package's containers follow at their next layout, so refresh the
// window's content after switching.
func SetRightToLeft(on bool) { rightToLeft.Store(on) }

// RightToLeft says whether the interface reads right to left.
func RightToLeft() bool { return rightToLeft.Load() }

// Mirror wraps a layout so that, right to left, it places its children as
// in a mirror: what was first on the left is first on the right. Any
// layout works (HBox, Border, Grid): positions are flipped after it ran.
func Mirror(l fyne.Layout) fyne.Layout { return mirrored{l} }

type mirrored struct{ inner fyne.Layout }

func (m mirrored) MinSize(objects []fyne.CanvasObject) fyne.Size { return m.inner.MinSize(objects) }

func (m mirrored) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	m.inner.Layout(objects, size)
	if !RightToLeft() {
		return
	}
	for _, o := range objects {
		p := o.Position()
		o.Move(fyne.NewPos(size.Width-p.X-o.Size().Width, p.Y))
	}
}

// NewHBox is container.NewHBox, mirrored right to left.
func NewHBox(objects ...fyne.CanvasObject) *fyne.Container {
	return container.New(Mirror(layout.NewHBoxLayout()), objects...)
}

// NewGridWithColumns is container.NewGridWithColumns, mirrored right to
// left: the first column is the rightmost.
func NewGridWithColumns(cols int, objects ...fyne.CanvasObject) *fyne.Container {
	return container.New(Mirror(layout.NewGridLayoutWithColumns(cols)), objects...)
}

// NewGridWithRows is container.NewGridWithRows, mirrored right to left.
func NewGridWithRows(rows int, objects ...fyne.CanvasObject) *fyne.Container {
	return container.New(Mirror(layout.NewGridLayoutWithRows(rows)), objects...)
}

// NewBorder is container.NewBorder with start and end in place of left and
// right: start is on the left left to right, on the right right to left.
func NewBorder(top, bottom, start, end fyne.CanvasObject, objects ...fyne.CanvasObject) *fyne.Container {
	all := objects
	for _, o := range []fyne.CanvasObject{top, bottom, start, end} {
		if o != nil {
			all = append(all, o)
		}
	}
	return container.New(Mirror(layout.NewBorderLayout(top, bottom, start, end)), all...)
}

// Align maps an alignment given for left-to-right reading to the current
// direction: leading and trailing swap right to left.
func Align(a fyne.TextAlign) fyne.TextAlign {
	if !RightToLeft() {
		return a
	}
	switch a {
	case fyne.TextAlignLeading:
		return fyne.TextAlignTrailing
	case fyne.TextAlignTrailing:
		return fyne.TextAlignLeading
	}
	return a
}
