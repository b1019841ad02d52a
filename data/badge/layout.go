package badge

import (
	"strings"
	"unicode"
)

// A keyboard-wedge scanner does not send characters: it presses keys, chosen
// for the layout it is configured for, and the host turns them into
// characters with its own layout. The tables below describe the main block
// of each layout key by key so that a mismatch can be undone character by
// character.

// noKey marks a key (or shift level) a layout leaves empty.
const noKey = '□'

// keyNames are the xkb names of the 48 keys of the main block, in the order
// the layout rows below list them: the digit row, the top letter row (and
// the backslash key, which is the key left of Enter on ISO keyboards), the
// home row, and the bottom row (starting with the ISO key right of the left
// Shift, missing on ANSI keyboards).
var keyNames = [numKeys]string{
	"TLDE", "AE01", "AE02", "AE03", "AE04", "AE05", "AE06", "AE07", "AE08", "AE09", "AE10", "AE11", "AE12",
	"AD01", "AD02", "AD03", "AD04", "AD05", "AD06", "AD07", "AD08", "AD09", "AD10", "AD11", "AD12", "BKSL",
	"AC01", "AC02", "AC03", "AC04", "AC05", "AC06", "AC07", "AC08", "AC09", "AC10", "AC11",
	"LSGT", "AB01", "AB02", "AB03", "AB04", "AB05", "AB06", "AB07", "AB08", "AB09", "AB10",
}

const numKeys = 48

type layout struct {
	name  string
	plain [numKeys]rune
	shift [numKeys]rune
}

func newLayout(name string, plain, shift [4]string) *layout {
	l := &layout{name: name}
	fill := func(dst *[numKeys]rune, rows [4]string) {
		rs := []rune(strings.Join(rows[:], ""))
		if len(rs) != numKeys {
			panic("badge: layout " + name + " does not have 48 keys")
		}
		copy(dst[:], rs)
	}
	fill(&l.plain, plain)
	fill(&l.shift, shift)
	return l
}

// The layouts as Windows ships them. Dead keys (French ^ and ¨,
// German ^, ´ and `) are listed as the character they print when followed
// by a space; what they do to the next character is not modelled, which
// only matters for text a badge never contains.
var (
	layoutUS = newLayout("US",
		[4]string{"`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "□zxcvbnm,./"},
		[4]string{"~!@#$%^&*()_+", "QWERTYUIOP{}|", "ASDFGHJKL:\"", "□ZXCVBNM<>?"})
	layoutUK = newLayout("UK",
		[4]string{"`1234567890-=", "qwertyuiop[]#", "asdfghjkl;'", "\\zxcvbnm,./"},
		[4]string{"¬!\"£$%^&*()_+", "QWERTYUIOP{}~", "ASDFGHJKL:@", "|ZXCVBNM<>?"})
	layoutFR = newLayout("AZERTY",
		[4]string{"²&é\"'(-è_çà)=", "azertyuiop^$*", "qsdfghjklmù", "<wxcvbn,;:!"},
		[4]string{"□1234567890°+", "AZERTYUIOP¨£µ", "QSDFGHJKLM%", ">WXCVBN?./§"})
	layoutDE = newLayout("QWERTZ",
		[4]string{"^1234567890ß´", "qwertzuiopü+#", "asdfghjklöä", "<yxcvbnm,.-"},
		[4]string{"°!\"§$%&/()=?`", "QWERTZUIOPÜ*'", "ASDFGHJKLÖÄ", ">YXCVBNM;:_"})
	layoutDvorak = newLayout("Dvorak",
		[4]string{"`1234567890[]", "',.pyfgcrl/=\\", "aoeuidhtns-", "□;qjkxbmwvz"},
		[4]string{"~!@#$%^&*(){}", "\"<>PYFGCRL?+|", "AOEUIDHTNS_", "□:QJKXBMWVZ"})
)

// mismatch undoes one scanner/host layout pair.
type mismatch struct {
	name          string
	scanner, host *layout
	// back maps a character the host produced (case-folded) to the one the
	// scanner meant (case-folded).
	back map[rune]rune
}

func newMismatch(scanner, host *layout) *mismatch {
	m := &mismatch{
		name:    scanner.name + " scanner on " + host.name + " host",
		scanner: scanner,
		host:    host,
		back:    make(map[rune]rune),
	}
	for _, level := range [2]struct{ s, h *[numKeys]rune }{
		{&scanner.plain, &host.plain},
		{&scanner.shift, &host.shift},
	} {
		for k := range numKeys {
			s, h := level.s[k], level.h[k]
			if s == noKey || h == noKey {
				continue
			}
			// Folding can make two host characters one: AZERTY m and M are
			// US ; and :, German ü and Ü are [ and {. Prefer what a QR code
			// in alphanumeric mode can hold (:), as badges are such codes;
			// otherwise the unshifted reading.
			h, s = foldRune(h), foldRune(s)
			if prev, seen := m.back[h]; !seen || !strings.ContainsRune(qrAlphanumeric, prev) && strings.ContainsRune(qrAlphanumeric, s) {
				m.back[h] = s
			}
		}
	}
	return m
}

// unmap turns folded host text back into what the scanner meant.
func (m *mismatch) unmap(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if t, ok := m.back[r]; ok {
			r = t
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mismatches are the pairs Normalize tries to undo. Scanners ship set to
// US, and kiosks in Europe run French or German layouts, so those pairs in
// both directions; Dvorak hosts are rare but cost nothing. UK differs from
// US only in punctuation no scan of a badge contains.
var mismatches = []*mismatch{
	newMismatch(layoutUS, layoutFR),
	newMismatch(layoutUS, layoutDE),
	newMismatch(layoutFR, layoutUS),
	newMismatch(layoutDE, layoutUS),
	newMismatch(layoutUS, layoutDvorak),
}

// foldRune upper-cases a character. Non-ASCII letters are only folded to
// non-ASCII ones, so that no exotic letter (dotless ı, long ſ) can pass for
// a letter of the badge alphabet.
func foldRune(r rune) rune {
	if r < 0x80 {
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}
	if u := unicode.ToUpper(r); u >= 0x80 {
		return u
	}
	return r
}
