package rtl

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

func box(w, h float32) *canvas.Rectangle {
	r := canvas.NewRectangle(nil)
	r.SetMinSize(fyne.NewSize(w, h))
	return r
}

// Right to left, the first child of a row, grid or border's start is on
// the right; switching back restores the left-to-right places.
func TestMirroredLayouts(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { SetRightToLeft(false) })
	a, b := box(30, 10), box(50, 10)
	start, end, centre := box(20, 10), box(40, 10), box(10, 10)
	for _, c := range []struct {
		name  string
		make  func() *fyne.Container
		first fyne.CanvasObject
		ltrX  float32 // first's x left to right; right to left it is 200-x-width
	}{
		{"hbox", func() *fyne.Container { return NewHBox(a, b) }, a, 0},
		{"grid", func() *fyne.Container { return NewGridWithColumns(2, a, b) }, a, 0},
		{"border", func() *fyne.Container { return NewBorder(nil, nil, start, end, centre) }, start, 0},
	} {
		for _, rtl := range []bool{false, true} {
			SetRightToLeft(rtl)
			cont := c.make()
			cont.Resize(fyne.NewSize(200, 10))
			x, w := c.first.Position().X, c.first.Size().Width
			want := c.ltrX
			if rtl {
				want = 200 - c.ltrX - w
			}
			if x != want {
				t.Errorf("%s rtl=%v: first child at x=%v, want %v", c.name, rtl, x, want)
			}
		}
	}
	SetRightToLeft(true)
	cont := NewBorder(nil, nil, start, end, centre)
	cont.Resize(fyne.NewSize(200, 10))
	if e := end.Position().X; e != 0 {
		t.Errorf("border end right to left at x=%v, want 0", e)
	}
}

func TestAlign(t *testing.T) {
	SetRightToLeft(false)
	if Align(fyne.TextAlignLeading) != fyne.TextAlignLeading {
		t.Error("left to right, leading should stay leading")
	}
	SetRightToLeft(true)
	defer SetRightToLeft(false)
	if Align(fyne.TextAlignLeading) != fyne.TextAlignTrailing || Align(fyne.TextAlignTrailing) != fyne.TextAlignLeading ||
		Align(fyne.TextAlignCenter) != fyne.TextAlignCenter {
		t.Error("right to left, leading and trailing should swap")
	}
}
