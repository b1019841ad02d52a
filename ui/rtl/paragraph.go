// Package rtl shows right-to-left text (Arabic) correctly in Fyne and
// mirrors screen layouts for right-to-left languages.
//
// Fyne 2.7 shapes each bidi run in its own direction but places the runs
// left to right in logical order, so a mixed line such as
// "الجمعية العامة (2016) للإنتربول" comes out with its pieces in the wrong
// order, and a wrapped Arabic paragraph starts on the wrong side. This
// package lays a paragraph out with go-text's bidi-aware line wrapper,
// writes each line's runs in visual order, each run fenced by a mark of its
// own direction, and hands that line to an ordinary canvas.Text: Fyne then
// shapes each run the right way round (joined letter forms come from the
// shaper, not from reversing letters) and places them in the order given.
package rtl

import (
	"slices"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/bidi"
)

// Marks fencing each run: strong characters of the run's direction, so
// that neutral characters at a run's ends (spaces, brackets) keep the
// run's direction when Fyne splits the line again.
const (
	lrm = "\u200e"
	rlm = "\u200f"
)

// Faces resolves each character to a font the way Fyne does for the
// Arabic theme (see theme.go): the Arabic font first, then Noto Sans for
// what it lacks (Latin letters, brackets). Laying out with the same faces
// Fyne draws with keeps line breaks and widths consistent with the drawing.
type Faces struct {
	Arabic, Latin *font.Face
}

// ResolveFace implements shaping.Fontmap.
func (f Faces) ResolveFace(r rune) *font.Face {
	if _, ok := f.Arabic.NominalGlyph(r); ok {
		return f.Arabic
	}
	return f.Latin
}

// Line is one laid-out line: its runs in visual order, left to right.
// Width is the line's advance in text units.
type Line struct {
	Runs  []Run
	Width float32
}

// Run is a piece of a line in one direction and one font. Text is ready
// for a canvas.Text: the run's characters in logical order, fenced by
// marks of its direction; Fyne's shaper turns a right-to-left run round
// and joins its letters.
type Run struct {
	Text   string
	Arabic bool // drawn with the Arabic font, else with Noto Sans
	RTL    bool // shaped right to left
	Width  float32
}

// String is the line's text in visual order without the marks, what a
// reader sees from left to right (right-to-left runs still in logical
// order): for tests and debugging.
func (l Line) String() string {
	var b strings.Builder
	for i, r := range l.Runs {
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString(strings.NewReplacer(lrm, "", rlm, "").Replace(r.Text))
	}
	return b.String()
}

// HasRTL says whether s holds any right-to-left letter (Arabic, Hebrew,
// Syriac, Thaana, N'Ko), the only case that needs this package's layout.
func HasRTL(s string) bool {
	for _, r := range s {
		if isRTL(r) {
			return true
		}
	}
	return false
}

func isRTL(r rune) bool {
	if r < 0x0590 {
		return false
	}
	p, _ := bidi.LookupRune(r)
	c := p.Class()
	return c == bidi.R || c == bidi.AL
}

// BaseRightToLeft says whether s, read on its own, is a right-to-left
// paragraph: whether its first strong letter is right to left.
func BaseRightToLeft(s string) bool { return baseRTL([]rune(s), false) }

// baseRTL is the paragraph direction: that of its first strong character
// (rules P2 and P3 of the Unicode bidi algorithm), or rtlDefault when it
// has none. An RTL interface passes forceRTL: its paragraphs read right to
// left whatever they start with, as in an HTML page with dir="rtl".
func baseRTL(para []rune, forceRTL bool) bool {
	if forceRTL {
		return true
	}
	for _, r := range para {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.L:
			return false
		case bidi.R, bidi.AL:
			return true
		}
	}
	return false
}

// paragraphBreaks makes every paragraph separator of the bidi algorithm
// (class B) a '\n' and drops '\r' as Fyne does. The bidi step orders only
// up to the first separator, so text after one inside a paragraph would be
// lost.
var paragraphBreaks = strings.NewReplacer("\r", "", "\x1c", "\n", "\x1d", "\n", "\x1e", "\n", "\u0085", "\n", "\u2029", "\n")

// ellipsis ends a line cut short by truncation.
const ellipsis = "…"

// Layout lays text out at size (in Fyne text units) within maxWidth
// (0: no wrapping), one paragraph per '\n'. rtlUI makes every paragraph
// right to left. truncate keeps only the first line, ended by an ellipsis
// when text was left out.
func Layout(text string, size float32, faces Faces, maxWidth float32, rtlUI, truncate bool) []Line {
	var lines []Line
	var seg shaping.Segmenter
	var shaper shaping.HarfbuzzShaper
	var wrapper shaping.LineWrapper
	paras := strings.Split(paragraphBreaks.Replace(text), "\n")
	for i, p := range paras {
		runes := []rune(p)
		if len(runes) == 0 {
			lines = append(lines, Line{})
			continue
		}
		dir := di.DirectionLTR
		if baseRTL(runes, rtlUI) {
			dir = di.DirectionRTL
		}
		in := shaping.Input{Text: runes, RunEnd: len(runes), Direction: dir, Size: toFixed(size)}
		var outs []shaping.Output
		for _, run := range seg.Split(in, faces) {
			outs = append(outs, shaper.Shape(run))
		}
		limit := int(maxWidth) // whole text units, as the wrapper wants
		if maxWidth <= 0 {
			limit = 1 << 30
		}
		config := shaping.WrapConfig{Direction: dir, BreakPolicy: shaping.WhenNecessary}
		if truncate && maxWidth > 0 {
			config.TruncateAfterLines, config.TextContinues = 1, i < len(paras)-1
			config = config.WithTruncator(&shaper, shaping.Input{Text: []rune(ellipsis), RunEnd: 1,
				Direction: dir, Face: faces.ResolveFace('…'), Size: in.Size})
			// Marked as past the paragraph's end, so visualLine knows it.
			config.Truncator.Runes = shaping.Range{Offset: len(runes)}
		}
		wrapped, _ := wrapper.WrapParagraph(config, limit, runes, shaping.NewSliceIterator(outs))
		for _, l := range wrapped {
			lines = append(lines, visualLine(runes, l, faces, dir == di.DirectionRTL))
		}
		if truncate && len(lines) > 0 {
			return lines[:1]
		}
	}
	return lines
}

// visualLine puts the runs of l in visual order, each fenced by marks of
// its direction, without the whitespace at the line's logical end (the
// wrapper gives that whitespace no width; drawn, it would push the line).
func visualLine(runes []rune, l shaping.Line, faces Faces, rtlPara bool) Line {
	last := 0 // logically last run: highest rune offset
	for i, run := range l {
		if run.Runes.Offset > l[last].Runes.Offset {
			last = i
		}
	}
	order := visualOrder(runes, l, rtlPara)
	var line Line
	for _, i := range order {
		run := l[i]
		var s string
		if run.Runes.Offset >= len(runes) {
			s = ellipsis
		} else {
			s = string(runes[run.Runes.Offset : run.Runes.Offset+run.Runes.Count])
		}
		if i == last {
			s = strings.TrimRightFunc(s, unicode.IsSpace)
		}
		if s == "" {
			continue
		}
		mark := lrm
		if run.Direction.Progression() == di.TowardTopLeft {
			mark = rlm
		}
		w := fromFixed(run.Advance)
		line.Runs = append(line.Runs, Run{Text: mark + s + mark, Arabic: run.Face == faces.Arabic, RTL: mark == rlm, Width: w})
		line.Width += w
	}
	return line
}

// visualOrder returns the indices of the line's runs (given in logical
// order) from left to right, by rule L2 of the Unicode bidi algorithm.
// go-text's own ordering knows only two levels, and so puts a number that
// follows Arabic in a left-to-right paragraph on the wrong side of it.
//
// Levels: in a right-to-left paragraph, right-to-left runs are at 1 and
// the others (Latin, numbers) at 2. In a left-to-right one, right-to-left
// runs are at 1, runs with a Latin letter at 0, and numbers at 2 when the
// last strong letter before them is right to left (rules W2, W7, I1).
func visualOrder(runes []rune, l shaping.Line, rtlPara bool) []int {
	levels := make([]int, len(l))
	lastRTL := rtlPara
	for i, run := range l {
		text := runes[run.Runes.Offset : run.Runes.Offset+run.Runes.Count]
		switch {
		case run.Direction.Progression() == di.TowardTopLeft:
			levels[i], lastRTL = 1, true
		case rtlPara:
			levels[i] = 2
		case hasStrongL(text):
			levels[i], lastRTL = 0, false
		case lastRTL:
			levels[i] = 2
		}
	}
	order := make([]int, len(l))
	for i := range order {
		order[i] = i
	}
	for level := 2; level >= 1; level-- {
		for i := 0; i < len(order); {
			if levels[order[i]] < level {
				i++
				continue
			}
			j := i
			for j < len(order) && levels[order[j]] >= level {
				j++
			}
			slices.Reverse(order[i:j])
			i = j
		}
	}
	return order
}

func hasStrongL(text []rune) bool {
	for _, r := range text {
		if p, _ := bidi.LookupRune(r); p.Class() == bidi.L {
			return true
		}
	}
	return false
}

func toFixed(f float32) fixed.Int26_6   { return fixed.Int26_6(float64(f) * 64) }
func fromFixed(i fixed.Int26_6) float32 { return float32(float64(i) / 64) }
