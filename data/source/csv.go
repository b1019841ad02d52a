package source

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

const bom = "\uFEFF"

// unterminated says where a quoted value that never closes begins.
type unterminated struct {
	row, field int
}

// scanCSV splits text into records as RFC 4180 and spreadsheets write them
// and calls fn with each record and its spreadsheet row number. Blank
// lines are records too, because a spreadsheet opening the file shows them
// as rows and counts them. Unquoted fields are substrings of text, so a
// large file costs few allocations. A quote inside an unquoted field is
// taken literally, as spreadsheets do. fn must not keep fields.
func scanCSV(text string, comma byte, fn func(row int, fields []string, badQuote int)) *unterminated {
	var (
		fields []string
		buf    []byte
		n      = len(text)
		i      = 0
		row    = 0
	)
	for i < n {
		row++
		fields = fields[:0]
		badQuote := -1
	record:
		for {
			var val string
			if i < n && text[i] == '"' {
				start := i + 1
				j := start
				escaped := false
				buf = buf[:0]
				for {
					k := strings.IndexByte(text[j:], '"')
					if k < 0 {
						return &unterminated{row: row, field: len(fields)}
					}
					k += j
					if k+1 < n && text[k+1] == '"' {
						buf = append(buf, text[j:k+1]...)
						escaped = true
						j = k + 2
						continue
					}
					if escaped {
						buf = append(buf, text[j:k]...)
						val = string(buf)
					} else {
						val = text[start:k]
					}
					i = k + 1
					break
				}
				if strings.IndexByte(val, '\r') >= 0 {
					val = strings.ReplaceAll(val, "\r\n", "\n")
				}
				// Text after the closing quote is kept, as a spreadsheet
				// would, but reported: it usually means a quote that
				// should have been doubled.
				if j := i; j < n && text[j] != comma && text[j] != '\n' && text[j] != '\r' {
					for j < n && text[j] != comma && text[j] != '\n' && text[j] != '\r' {
						j++
					}
					val += text[i:j]
					i = j
					if badQuote < 0 {
						badQuote = len(fields)
					}
				}
			} else {
				j := i
				for j < n {
					c := text[j]
					if c == comma || c == '\n' || c == '\r' {
						break
					}
					j++
				}
				val = text[i:j]
				i = j
			}
			fields = append(fields, val)
			if i >= n {
				break record
			}
			switch text[i] {
			case comma:
				i++
				if i >= n {
					fields = append(fields, "")
					break record
				}
			case '\r':
				i++
				if i < n && text[i] == '\n' {
					i++
				}
				break record
			default: // '\n'
				i++
				break record
			}
		}
		fn(row, fields, badQuote)
	}
	return nil
}

// sniffComma picks the separator from the header line: spreadsheets set to
// a European locale save CSV with semicolons, and header names never
// contain a comma, a semicolon or a tab.
func sniffComma(text string) byte {
	line := text
	if k := strings.IndexAny(text, "\r\n"); k >= 0 {
		line = text[:k]
	}
	switch {
	case strings.IndexByte(line, ',') >= 0:
		return ','
	case strings.IndexByte(line, ';') >= 0:
		return ';'
	case strings.IndexByte(line, '\t') >= 0:
		return '\t'
	}
	return ','
}

// loadCSV reads one CSV file into a rawTable. It refuses files that are
// plainly not UTF-8 CSV with a message saying what they are instead.
func (r *reader) loadCSV(spec *tableSpec, file string, content []byte) *rawTable {
	b := newBuilder(r, spec, file, "")
	b.strict = true
	fail := func(format string, args ...any) *rawTable {
		r.errs.add(b.t, 0, "", format, args...)
		b.t.fatal = true
		return b.finish()
	}
	switch {
	case len(content) > MaxFileSize:
		return fail("is %s; the limit is %s", sizeText(int64(len(content))), sizeText(MaxFileSize))
	case bytes.HasPrefix(content, []byte("PK\x03\x04")):
		return fail("is an Excel workbook, not CSV text; rename it to %s.xlsx", spec.name)
	case bytes.HasPrefix(content, []byte{0xFF, 0xFE}) || bytes.HasPrefix(content, []byte{0xFE, 0xFF}):
		return fail("is UTF-16 text; save it as \"CSV UTF-8\"")
	case bytes.IndexByte(content, 0) >= 0:
		return fail("contains NUL bytes, so it is not CSV text; save it as \"CSV UTF-8\"")
	}
	text := strings.TrimPrefix(string(content), bom)
	b.checkUTF8 = !utf8.ValidString(text)
	b.reserve(strings.Count(text, "\n"))
	if u := scanCSV(text, sniffComma(text), b.add); u != nil {
		b.r.errs.add(b.t, u.row, b.colName(u.field), "a quoted value never ends (a closing \" is missing); the rest of the file was not read")
		r.fatal = true
	}
	return b.finish()
}

// csvField appends f to dst, quoted when a reader would otherwise split it.
func csvField(dst []byte, f string) []byte {
	if !strings.ContainsAny(f, ",\"\r\n") {
		return append(dst, f...)
	}
	dst = append(dst, '"')
	for {
		k := strings.IndexByte(f, '"')
		if k < 0 {
			break
		}
		dst = append(dst, f[:k+1]...)
		dst = append(dst, '"')
		f = f[k+1:]
	}
	dst = append(dst, f...)
	return append(dst, '"')
}

// encodeCSVTable writes rows as CSV with LF line ends, which every
// spreadsheet reads, and quotes only where needed so that diffs between
// two versions of a file stay readable.
func encodeCSVTable(header []string, rows [][]string) []byte {
	size := 0
	for _, r := range rows {
		for _, f := range r {
			size += len(f) + 1
		}
	}
	out := make([]byte, 0, size+64*len(header))
	writeRow := func(fields []string) {
		for j, f := range fields {
			if j > 0 {
				out = append(out, ',')
			}
			out = csvField(out, f)
		}
		out = append(out, '\n')
	}
	writeRow(header)
	for _, r := range rows {
		writeRow(r)
	}
	return out
}
