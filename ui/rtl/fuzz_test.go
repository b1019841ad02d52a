package rtl

import (
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
)

// Bundle text reaches Layout unchecked: whatever it holds (explicit bidi
// overrides, stray marks, broken UTF-8, lone combining marks, tabs, very
// long words), laying it out must not panic, must keep every character of
// each line, and wrapped lines of breakable text must fit.
func FuzzLayout(f *testing.F) {
	for _, s := range []string{
		titleAr, latinAr, longAr, latinOnly, "", "\n\n", "\t(", "\u202eevil\u202c", "\u2067عربي\u2069 abc",
		"\u200f\u200e\u200f", "\xff\xfeعربي", "ً", "((((((((", strings.Repeat("كلمة ", 200),
		strings.Repeat("ا", 500), "a\u202bب 1 c\u202c d", "١٢٣ ٤٥٦ (٧)", "\x1c0", "عربي\u2029abc\x85d",
	} {
		f.Add(s, float32(300), true)
	}
	faces := facesFor(fyne.TextStyle{})
	f.Fuzz(func(t *testing.T, s string, width float32, rtlUI bool) {
		if width < 0 || width > 1e6 || width != width {
			width = 300
		}
		lines := Layout(s, 20, faces, width, rtlUI, false)
		// Each line may drop the whitespace at its end, nothing else.
		var kept strings.Builder
		for _, l := range lines {
			for _, r := range l.Runs {
				kept.WriteString(r.Text)
			}
		}
		if got, want := letters(kept.String()), letters(strings.ReplaceAll(s, "\r", "")); got != want {
			t.Errorf("%q at %v: lines hold %d letters, text has %d", s, width, got, want)
		}
		for _, l := range Layout(s, 20, faces, width, rtlUI, true) {
			_ = l.String()
		}
		_ = Visual(s)
	})
}

// letters counts the characters of s that are neither whitespace, nor
// control characters (a paragraph separator such as U+001E ends a line),
// nor direction marks (the marks fencing runs are Layout's own).
func letters(s string) int {
	n := 0
	for _, r := range s { // each invalid byte is one U+FFFD, as in []rune(s)
		if !unicode.IsSpace(r) && !unicode.IsControl(r) && r != '\u200e' && r != '\u200f' {
			n++
		}
	}
	return n
}
