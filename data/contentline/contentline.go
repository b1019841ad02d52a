// Package contentline writes the "content lines" that iCalendar (RFC 5545)
// and vCard (RFC 2426, RFC 6350) share: NAME:value, text values escaped,
// lines folded at 75 octets and ended by CRLF. Both formats read the same
// way, so one writer serves the calendar and the contact QR codes.
package contentline

import (
	"strings"
	"unicode/utf8"
)

// MaxOctets is the longest a physical line may be, CRLF excluded.
const MaxOctets = 75

// Escape makes s a TEXT value: backslash, comma and semicolon get a
// backslash, a line break becomes \n, and other control characters are
// dropped (no format lets them into a value, and a stray CR or NUL could
// end a line early in a lax reader).
func Escape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\\' || r == ',' || r == ';':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
			// dropped
		case r == utf8.RuneError:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Shorten cuts s to at most n characters, ending it with "…" when it had
// to cut, at a word boundary when one is near. Spaces runs (and line
// breaks) become one space first: a QR code has no room for layout.
func Shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n || n < 1 {
		return s
	}
	r := []rune(s)[:n-1]
	cut := string(r)
	// Prefer a word boundary in the last fifth of the room.
	if i := strings.LastIndexByte(cut, ' '); i > 0 && utf8.RuneCountInString(cut[:i]) >= (n*4)/5 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;.:") + "…"
}

// Writer collects content lines.
type Writer struct {
	b strings.Builder
}

// Line writes name (with any parameters, e.g. "DTSTART" or
// "TEL;TYPE=CELL") and an already escaped value, folded.
func (w *Writer) Line(name, value string) {
	fold(&w.b, name+":"+value)
}

// Text writes a TEXT property: value is escaped here.
func (w *Writer) Text(name, value string) {
	w.Line(name, Escape(value))
}

// String is everything written so far.
func (w *Writer) String() string { return w.b.String() }

// fold writes one logical line as physical lines of at most MaxOctets
// octets, each continuation starting with a space (which counts), never
// splitting a UTF-8 sequence, each line ended by CRLF.
func fold(b *strings.Builder, line string) {
	limit := MaxOctets
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = MaxOctets - 1 // the leading space takes one octet
	}
	b.WriteString(line)
	b.WriteString("\r\n")
}

// Unfold joins folded lines back into logical lines, for tests and for
// readers: CRLF (or LF) followed by a space or tab continues a line.
func Unfold(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\n ", "")
	s = strings.ReplaceAll(s, "\n\t", "")
	return strings.FieldsFunc(s, func(r rune) bool { return r == '\n' })
}

// Unescape reverses Escape, for tests and for readers.
func Unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
