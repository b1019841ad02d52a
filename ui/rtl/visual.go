package rtl

import (
	"slices"
	"strings"

	"github.com/go-text/typesetting/unicodedata"

	"fyne.io/fyne/v2"
)

// Visual returns s ready for Fyne's own one-line texts (a button, a tab, a
// canvas.Text, a select's options) under the Arabic theme: its bidi runs
// in visual order, each fenced by marks of its direction, so that Fyne,
// which shapes each run in its direction but places runs in the order
// given, shows it right. Text without right-to-left letters comes back
// unchanged. It cannot wrap: a text that wraps needs Label, whose lines
// are ordered one by one.
func Visual(s string) string {
	if !HasRTL(s) {
		return s
	}
	var paras []string
	for _, l := range Layout(s, 20, facesFor(fyne.TextStyle{}), 0, RightToLeft(), false) {
		var b strings.Builder
		for _, r := range l.Runs {
			if r.RTL && !r.Arabic {
				// Brackets and punctuation in right-to-left text, in Noto
				// Sans. Fyne would give a leading space the Arabic font
				// (its face for spaces), split the run there and put the
				// halves in logical order; turned round and mirrored here,
				// the run reads the same left to right.
				b.WriteString(lrm + mirror(strings.Trim(r.Text, rlm)) + lrm)
				continue
			}
			b.WriteString(r.Text)
		}
		paras = append(paras, b.String())
	}
	return strings.Join(paras, "\n")
}

// mirror returns s reversed, with each character that has a mirror
// image ("(" and ")", "«" and "»") replaced by it, as right-to-left
// display shows it.
func mirror(s string) string {
	rs := []rune(s)
	slices.Reverse(rs)
	for i, r := range rs {
		if m, ok := unicodedata.LookupMirrorChar(r); ok {
			rs[i] = m
		}
	}
	return string(rs)
}
