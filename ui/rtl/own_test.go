package rtl

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// A label in its text's own direction aligns to the start of that
// direction whatever the interface's: Arabic on the right in a
// left-to-right interface, Latin-first text on the left in a right-to-left
// one, and the paragraph is ordered in that direction too.
func TestOwnDirection(t *testing.T) {
	newTestApp(t)
	for _, c := range []struct {
		text      string
		rtlUI     bool
		right     bool
		firstLeft string
	}{
		{"الجمعية العامة 85", false, true, "85"},
		{"INTERPOL الجمعية العامة 85", true, false, "INTERPOL"},
	} {
		SetRightToLeft(c.rtlUI)
		l := NewLabel(c.text)
		l.OwnDirection = true
		l.Resize(fyne.NewSize(600, 40))
		box := test.WidgetRenderer(l).Objects()[1].(*fyne.Container)
		first := box.Objects[0].(*canvas.Text)
		last := box.Objects[len(box.Objects)-1].(*canvas.Text)
		right := last.Position().X+last.Size().Width > 500
		if right != c.right {
			t.Errorf("%q in a right-to-left interface %v: on the right %v, want %v", c.text, c.rtlUI, right, c.right)
		}
		if !strings.Contains(first.Text, c.firstLeft) {
			t.Errorf("%q: drawn leftmost %q, want %q: not the text's own direction", c.text, first.Text, c.firstLeft)
		}
	}
}
