package rtl

import (
	"slices"
	"strings"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/shaping"

	"fyne.io/fyne/v2"
)

// DrawnWords returns the words of s from left to right as Fyne draws s
// in one canvas.Text: Fyne splits it into bidi runs, shapes each in its
// direction and places the runs left to right in the order of the string.
// For tests: a mixed Arabic line not prepared by Visual comes out in the
// wrong order, and this shows how.
func DrawnWords(s string) []string {
	rs := []rune(s)
	var seg shaping.Segmenter
	var words []string
	for _, in := range seg.Split(shaping.Input{Text: rs, RunEnd: len(rs), Direction: di.DirectionLTR}, facesFor(fyne.TextStyle{})) {
		w := strings.Fields(strings.NewReplacer(lrm, " ", rlm, " ").Replace(string(rs[in.RunStart:in.RunEnd])))
		if in.Direction.Progression() == di.TowardTopLeft {
			slices.Reverse(w)
		}
		words = append(words, w...)
	}
	return words
}
