package badgepdf

import (
	"strings"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"

	"kiosk/assets/fonts"
)

// ptPerMM converts font sizes (points) to the page's millimetres.
const ptPerMM = 72 / 25.4

// measurer measures text in the badge fonts. It is a document of its own
// that never gets a page: selecting a font on a page writes to the page,
// and fitting a name tries many sizes.
type measurer struct {
	pdf   *fpdf.Fpdf
	style string
	cache map[string]int
}

func newMeasurer() *measurer {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(family, "", fonts.Regular)
	pdf.AddUTF8FontFromBytes(family, "B", fonts.Bold)
	return &measurer{pdf: pdf, style: "-", cache: map[string]int{}}
}

// width is the width of s in millimetres.
func (m *measurer) width(s, style string, pt float64) float64 {
	key := style + "\x00" + s
	units, ok := m.cache[key]
	if !ok {
		if m.style != style {
			m.pdf.SetFont(family, style, 10)
			m.style = style
		}
		units = m.pdf.GetStringSymbolWidth(s)
		m.cache[key] = units
	}
	return float64(units) * pt / 1000 / ptPerMM
}

// fitted is text set at one size in one or more lines.
type fitted struct {
	size  float64 // points
	lines []string
}

// height is the height of the lines in millimetres at the given leading.
func (f fitted) height(leading float64) float64 {
	return float64(len(f.lines)) * f.size / ptPerMM * leading
}

// fit sets text as large as it can between maxPt and minPt in at most
// maxLines lines. Shrinking a little reads better than another line, and
// another line better than shrinking a lot: it first tries the upper half
// of the sizes in one line, then two, and so on, and only then the lower
// half. Text that fits nowhere is set at minPt with words broken and, past
// maxLines, cut short with an ellipsis.
func (m *measurer) fit(text, style string, maxPt, minPt, w float64, maxLines int) fitted {
	if strings.TrimSpace(text) == "" {
		return fitted{size: maxPt}
	}
	for _, floor := range []float64{(maxPt + minPt) / 2, minPt} {
		for n := 1; n <= maxLines; n++ {
			for pt := maxPt; pt >= floor; pt -= 0.25 {
				if f := m.wrap(text, style, pt, w, n); f.lines != nil {
					return f
				}
			}
		}
	}
	return m.force(text, style, minPt, w, maxLines)
}

// wrap sets text at size pt in at most maxLines lines of width w, breaking
// only between words and balancing the lines, so that a two-line name
// reads "Miguel Ángel / Rodríguez Salazar" rather than leaving one word on
// its own. lines is nil if the text does not fit.
func (m *measurer) wrap(text, style string, pt, w float64, maxLines int) fitted {
	words := strings.Fields(text)
	if len(words) == 0 {
		return fitted{size: pt}
	}
	space := m.width(" ", style, pt)
	widths := make([]float64, len(words))
	for i, word := range words {
		widths[i] = m.width(word, style, pt)
		if widths[i] > w {
			return fitted{size: pt}
		}
	}
	// Greedy filling gives the fewest lines.
	need, lineW := 1, widths[0]
	for _, ww := range widths[1:] {
		if lineW+space+ww > w {
			need++
			lineW = ww
		} else {
			lineW += space + ww
		}
	}
	if need > maxLines {
		return fitted{size: pt}
	}
	// Among the ways to use that many lines, take the one whose longest
	// line is shortest. Names have a handful of words, so trying every
	// split is cheap.
	lineWidth := func(i, j int) float64 { // words[i:j] on one line
		s := 0.0
		for k := i; k < j; k++ {
			s += widths[k]
		}
		return s + float64(j-i-1)*space
	}
	breaks := bestBreaks(len(words), need, lineWidth)
	lines := make([]string, 0, need)
	from := 0
	for _, to := range breaks {
		lines = append(lines, strings.Join(words[from:to], " "))
		from = to
	}
	return fitted{size: pt, lines: lines}
}

// bestBreaks splits n words into exactly lines lines (ends of each line,
// the last being n) minimising the widest line.
func bestBreaks(n, lines int, width func(i, j int) float64) []int {
	if lines <= 1 || n <= 1 {
		return []int{n}
	}
	best, bestW := []int(nil), 0.0
	for first := 1; first <= n-(lines-1); first++ {
		rest := bestBreaks(n-first, lines-1, func(i, j int) float64 { return width(i+first, j+first) })
		w := width(0, first)
		from := first
		for _, to := range rest {
			w = max(w, width(from, to+first))
			from = to + first
		}
		if best == nil || w < bestW {
			best = append([]int{first}, shift(rest, first)...)
			bestW = w
		}
	}
	return best
}

func shift(s []int, by int) []int {
	out := make([]int, len(s))
	for i, v := range s {
		out[i] = v + by
	}
	return out
}

// force sets text at pt, breaking inside words where it must and ending
// with an ellipsis past maxLines. Only absurdly long names come here; a
// badge that shows most of a name beats one that shows none.
func (m *measurer) force(text, style string, pt, w float64, maxLines int) fitted {
	var lines []string
	var cur []rune
	for _, word := range strings.Fields(text) {
		if len(cur) > 0 {
			if m.width(string(cur)+" "+word, style, pt) <= w {
				cur = append(append(cur, ' '), []rune(word)...)
				continue
			}
			lines = append(lines, string(cur))
			cur = cur[:0]
		}
		for _, r := range word {
			if len(cur) > 0 && m.width(string(append(cur, r)), style, pt) > w {
				lines = append(lines, string(cur))
				cur = cur[:0]
			}
			cur = append(cur, r)
		}
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	if len(lines) > maxLines {
		lines = lines[:maxLines]
		last := strings.TrimRight(lines[maxLines-1], " ")
		for last != "" && m.width(last+"…", style, pt) > w {
			_, size := utf8.DecodeLastRuneInString(last)
			last = last[:len(last)-size]
		}
		lines[maxLines-1] = last + "…"
	}
	return fitted{size: pt, lines: lines}
}
