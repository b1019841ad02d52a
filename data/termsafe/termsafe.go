// Package termsafe makes text from files and the network safe to print
// on a terminal. A delegate's name, a manifest field or a kiosk id that
// came over the network is whatever someone typed or crafted: printed
// raw, escape sequences in it would drive the staff member's terminal
// (retitle it, hide lines, fake output), and bidi overrides would show a
// text other than the one held. Every command line tool prints such
// values through here.
package termsafe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Unsafe reports runes a terminal acts on rather than shows: C0 and C1
// controls, DEL, and the bidi embeddings, overrides and isolates (with
// the marks that steer them).
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// String makes one value safe to print: every unsafe rune, and every byte
// that is not UTF-8, is shown as an escape (\x1b, \u202e) instead of
// being sent to the terminal. Line breaks are escaped too: one value
// stays on one line.
func String(s string) string {
	return escape(s, "")
}

// Text is String for a message of several lines: line breaks and tabs
// stay what they are, everything else unsafe is escaped.
func Text(s string) string {
	return escape(s, "\n\t")
}

// JSON makes encoded JSON safe for a terminal without changing what it
// decodes to: encoding/json escapes C0 controls itself but leaves DEL, C1
// controls and bidi runes raw; those only occur inside strings, where
// \uXXXX means the same rune.
func JSON(b []byte) []byte {
	s := string(b)
	if !needsEscape(s, "\n\t") {
		return b
	}
	var out strings.Builder
	for _, r := range s {
		if Unsafe(r) && r >= 0x7f {
			fmt.Fprintf(&out, `\u%04x`, r)
			continue
		}
		out.WriteRune(r)
	}
	return []byte(out.String())
}

func escape(s, keep string) string {
	if !needsEscape(s, keep) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case Unsafe(r) && !strings.ContainsRune(keep, r):
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func needsEscape(s, keep string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if Unsafe(r) && !strings.ContainsRune(keep, r) {
			return true
		}
	}
	return false
}
