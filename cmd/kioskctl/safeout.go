package main

import (
	"encoding/csv"
	"fmt"
	"strings"
	"unicode/utf8"

	"kiosk/data/csvcell"
)

// Everything kioskctl prints or writes that comes from a file (sources,
// bundles, exports, a kiosk's database) passes through the helpers here.
// A delegate's name or a manifest field is whatever someone typed or
// crafted: printed raw, escape sequences in it would drive the staff
// member's terminal (retitle it, hide lines, fake output), and bidi
// overrides would show a text other than the one held.

// unsafeRune reports runes a terminal acts on rather than shows: C0 and
// C1 controls, DEL, and the bidi embeddings, overrides and isolates (with
// the marks that steer them).
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// term makes one value from a file safe to print: every unsafe rune, and
// every byte that is not UTF-8, is shown as an escape (\x1b, \u202e)
// instead of being sent to the terminal.
func term(s string) string {
	return escapeUnsafe(s, "")
}

// termText is term for a message of several lines: line breaks and tabs
// stay what they are, everything else unsafe is escaped.
func termText(s string) string {
	return escapeUnsafe(s, "\n\t")
}

func escapeUnsafe(s, keep string) string {
	if !needsEscape(s, keep) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafeRune(r) && !strings.ContainsRune(keep, r):
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
		if unsafeRune(r) && !strings.ContainsRune(keep, r) {
			return true
		}
	}
	return false
}

// csvCell makes a value safe for a CSV file that staff open in a
// spreadsheet (csvcell.Safe: no cell read as a formula) and for the
// terminal the CSV often goes to (unsafe runes escaped).
func csvCell(s string) string {
	return term(csvcell.Safe(s))
}

// writeCSVRow writes one row of cells through csvCell: the one way
// kioskctl writes CSV.
func writeCSVRow(w *csv.Writer, cells []string) error {
	safe := make([]string, len(cells))
	for i, c := range cells {
		safe[i] = csvCell(c)
	}
	return w.Write(safe)
}

// jsonText makes encoded JSON safe for a terminal without changing what it
// decodes to: encoding/json escapes C0 controls itself but leaves DEL, C1
// controls and bidi runes raw; those only occur inside strings, where
// \uXXXX means the same rune.
func jsonText(b []byte) []byte {
	s := string(b)
	if !needsEscape(s, "\n\t") {
		return b
	}
	var out strings.Builder
	for _, r := range s {
		if unsafeRune(r) && r >= 0x7f {
			fmt.Fprintf(&out, `\u%04x`, r)
			continue
		}
		out.WriteRune(r)
	}
	return []byte(out.String())
}

// maxSmallFile caps the small files staff hand kioskctl (the kiosk_keys
// list): far above what they hold, far below what would hurt.
const maxSmallFile = 16 << 20
