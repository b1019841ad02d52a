package badgepdf

import (
	"encoding/binary"
	"errors"
	"sort"
	"sync"
	"unicode"

	"kiosk/assets/fonts"
)

// Unprintable lists, once each and in order of appearance, the characters
// of s that the badge fonts have no letter for: a name in a script they do
// not cover (Chinese, Arabic, ...) would print as blanks, which staff must
// hear about before the badges go to print. Spaces and control characters
// are not counted.
func Unprintable(s string) []rune {
	cov := coverage()
	var out []rune
	seen := map[rune]bool{}
	for _, r := range nfc(s) {
		if unicode.IsSpace(r) || unicode.IsControl(r) || seen[r] {
			continue
		}
		seen[r] = true
		if !cov.regular.has(r) || !cov.bold.has(r) {
			out = append(out, r)
		}
	}
	return out
}

type fontCoverage struct{ regular, bold runeSet }

var coverage = sync.OnceValue(func() fontCoverage {
	reg, err1 := cmapRunes(fonts.Regular)
	bold, err2 := cmapRunes(fonts.Bold)
	if err := errors.Join(err1, err2); err != nil {
		panic("badgepdf: embedded font: " + err.Error())
	}
	return fontCoverage{reg, bold}
})

// runeSet is a sorted list of inclusive ranges.
type runeSet [][2]rune

func (s runeSet) has(r rune) bool {
	i := sort.Search(len(s), func(i int) bool { return s[i][1] >= r })
	return i < len(s) && s[i][0] <= r
}

// cmapRunes reads which characters a TrueType font maps to a glyph, from
// its Unicode cmap subtable (format 12 if it has one, else format 4).
func cmapRunes(font []byte) (runeSet, error) {
	bad := errors.New("not a TrueType font with a Unicode cmap")
	u16 := func(b []byte, off int) (int, bool) {
		if off < 0 || off+2 > len(b) {
			return 0, false
		}
		return int(binary.BigEndian.Uint16(b[off:])), true
	}
	u32 := func(b []byte, off int) (int, bool) {
		if off < 0 || off+4 > len(b) {
			return 0, false
		}
		return int(binary.BigEndian.Uint32(b[off:])), true
	}
	numTables, ok := u16(font, 4)
	if !ok {
		return nil, bad
	}
	var cmap []byte
	for i := range numTables {
		rec := 12 + 16*i
		if rec+16 > len(font) {
			return nil, bad
		}
		if string(font[rec:rec+4]) == "cmap" {
			off, _ := u32(font, rec+8)
			n, _ := u32(font, rec+12)
			if off+n > len(font) {
				return nil, bad
			}
			cmap = font[off : off+n]
		}
	}
	n, ok := u16(cmap, 2)
	if !ok {
		return nil, bad
	}
	var sub4, sub12 []byte
	for i := range n {
		platform, _ := u16(cmap, 4+8*i)
		encoding, _ := u16(cmap, 4+8*i+2)
		off, ok := u32(cmap, 4+8*i+4)
		if !ok || off >= len(cmap) {
			return nil, bad
		}
		unicodeTable := platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))
		format, _ := u16(cmap, off)
		switch {
		case unicodeTable && format == 12:
			sub12 = cmap[off:]
		case unicodeTable && format == 4:
			sub4 = cmap[off:]
		}
	}
	var set runeSet
	add := func(r rune) {
		if k := len(set); k > 0 && set[k-1][1] == r-1 {
			set[k-1][1] = r
			return
		}
		set = append(set, [2]rune{r, r})
	}
	switch {
	case sub12 != nil:
		groups, ok := u32(sub12, 12)
		if !ok {
			return nil, bad
		}
		for g := range groups {
			start, ok1 := u32(sub12, 16+12*g)
			end, ok2 := u32(sub12, 16+12*g+4)
			glyph, ok3 := u32(sub12, 16+12*g+8)
			if !ok1 || !ok2 || !ok3 || end < start || end > unicode.MaxRune {
				return nil, bad
			}
			for c := start; c <= end; c++ {
				if glyph+c-start != 0 {
					add(rune(c))
				}
			}
		}
	case sub4 != nil:
		segX2, ok := u16(sub4, 6)
		if !ok {
			return nil, bad
		}
		ends, starts, deltas, offsets := 14, 16+segX2, 16+2*segX2, 16+3*segX2
		for s := 0; s < segX2; s += 2 {
			end, ok1 := u16(sub4, ends+s)
			start, ok2 := u16(sub4, starts+s)
			delta, ok3 := u16(sub4, deltas+s)
			ro, ok4 := u16(sub4, offsets+s)
			if !ok1 || !ok2 || !ok3 || !ok4 {
				return nil, bad
			}
			for c := start; c <= end && c != 0xffff; c++ {
				glyph := 0
				if ro == 0 {
					glyph = (c + delta) & 0xffff
				} else if g, ok := u16(sub4, offsets+s+ro+2*(c-start)); ok && g != 0 {
					glyph = (g + delta) & 0xffff
				}
				if glyph != 0 {
					add(rune(c))
				}
			}
		}
	default:
		return nil, bad
	}
	// The format asks for ascending codes; a font that breaks the rule
	// should not break the search.
	sort.Slice(set, func(i, j int) bool { return set[i][0] < set[j][0] })
	return set, nil
}
