package source

import (
	"strings"
	"unicode/utf8"
)

// Limits on what a read accepts. They are far above any real event and
// exist so that a wrong or hostile file fails with a message instead of
// exhausting the staff laptop's memory.
const (
	MaxFileSize  = 64 << 20 // bytes in one file
	MaxCellChars = 4000     // characters in one cell
)

// rawTable is one table as text, after CSV or XLSX has been undone and
// before any value is interpreted, so that both formats share one decoder.
type rawTable struct {
	spec      *tableSpec
	file      string
	sheet     string
	headerRow int
	rows      []int    // spreadsheet row number of each data row
	cells     []string // len(spec.cols) per data row, in spec column order; absent columns are ""
	fatal     bool     // the header or the file is unusable; the rows were not read
}

func (t *rawTable) row(i int) []string {
	n := len(t.spec.cols)
	return t.cells[i*n : (i+1)*n : (i+1)*n]
}

// col is a column's position in row(i); the column names are this
// package's own, so a miss is a bug.
func (t *rawTable) col(name string) int {
	i := t.spec.index(name)
	if i < 0 {
		panic("source: table " + t.spec.name + " has no column " + name)
	}
	return i
}

// reader holds the state of one read: the problems so far, and the cells
// already reported, so that validation does not report the same cell
// again in other words (a bad time also leaves the session with no start).
type reader struct {
	errs     collector
	reported map[cellRef]struct{}
	fatal    bool // some table could not be read whole: skip cross-table validation
}

type cellRef struct {
	table string
	row   int
	col   string
}

func newReader() *reader {
	return &reader{reported: map[cellRef]struct{}{}}
}

// cellErr reports a problem with the value in data row i of t.
func (r *reader) cellErr(t *rawTable, i int, col, format string, args ...any) {
	row := t.rows[i]
	r.errs.add(t, row, col, format, args...)
	r.reported[cellRef{t.spec.name, row, col}] = struct{}{}
}

// quiet marks a cell as already explained by another problem.
func (r *reader) quiet(t *rawTable, i int, col string) {
	r.reported[cellRef{t.spec.name, t.rows[i], col}] = struct{}{}
}

// tableBuilder turns records, CSV or XLSX alike, into a rawTable: it finds
// the header, maps columns and checks what can be checked without knowing
// what the values mean.
type tableBuilder struct {
	r         *reader
	t         *rawTable
	seenHead  bool
	pos       []int    // file column -> spec column, -1 when ignored
	names     []string // file column -> header as written
	width     int
	strict    bool // CSV: every row has as many fields as the header
	checkUTF8 bool
	blankRow  []string
}

func newBuilder(r *reader, spec *tableSpec, file, sheet string) *tableBuilder {
	return &tableBuilder{
		r:        r,
		t:        &rawTable{spec: spec, file: file, sheet: sheet},
		blankRow: make([]string, len(spec.cols)),
	}
}

// reserve makes room for about n rows up front: growing the cells of a
// 100,000-row table step by step costs more than reading it. The bound
// keeps a file of empty lines from reserving gigabytes.
func (b *tableBuilder) reserve(n int) {
	n = min(n, 1<<17)
	b.t.cells = make([]string, 0, n*len(b.t.spec.cols))
	b.t.rows = make([]int, 0, n)
}

func isBlank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// colName names file column i for a message: its header, or its letter
// when it has none.
func (b *tableBuilder) colName(i int) string {
	if i < len(b.names) && b.names[i] != "" {
		return b.names[i]
	}
	return colLetter(i)
}

// add takes one record. badQuote is the index of a field with text after
// its closing quote, or -1.
func (b *tableBuilder) add(row int, fields []string, badQuote int) {
	t := b.t
	if t.fatal {
		return
	}
	if !b.seenHead {
		if isBlank(fields) {
			return
		}
		b.header(row, fields)
		return
	}
	if isBlank(fields) {
		return
	}
	if badQuote >= 0 {
		b.r.errs.add(t, row, b.colName(badQuote), "has text after the closing quote; put the whole value in quotes and double any quote inside it (\"\")")
	}
	if b.strict && len(fields) != b.width {
		b.r.errs.add(t, row, "", "has %d values but the header has %d columns (is there an unquoted comma in a value, or a missing one?)", len(fields), b.width)
		// Without the row, rules across tables would report whatever
		// refers to it, and its values cannot be trusted to be in their
		// columns.
		b.r.fatal = true
		return
	}
	base := len(t.cells)
	t.cells = append(t.cells, b.blankRow...)
	t.rows = append(t.rows, row)
	i := len(t.rows) - 1
	for c, f := range fields {
		si := -1
		if c < len(b.pos) {
			si = b.pos[c]
		}
		if si < 0 {
			if (c >= len(b.names) || b.names[c] == "") && strings.TrimSpace(f) != "" {
				b.r.errs.add(t, row, "", "column %s has a value but no header", colLetter(c))
			}
			continue
		}
		v := strings.TrimSpace(f)
		col := t.spec.cols[si].name
		if len(v) > MaxCellChars {
			if n := utf8.RuneCountInString(v); n > MaxCellChars {
				b.r.cellErr(t, i, col, "is %d characters long; the limit is %d", n, MaxCellChars)
				continue
			}
		}
		if b.checkUTF8 && !utf8.ValidString(v) {
			b.r.cellErr(t, i, col, "is not valid UTF-8 text; save the file as \"CSV UTF-8\"")
			continue
		}
		t.cells[base+si] = v
	}
}

func (b *tableBuilder) header(row int, fields []string) {
	t := b.t
	b.seenHead = true
	t.headerRow = row
	b.width = len(fields)
	b.pos = make([]int, len(fields))
	b.names = make([]string, len(fields))
	seen := map[int]int{}
	for i, f := range fields {
		b.pos[i] = -1
		h := strings.TrimSpace(f)
		if h == "" {
			continue
		}
		n := normHeader(h)
		b.names[i] = n
		si := t.spec.index(n)
		if si < 0 {
			b.r.errs.add(t, row, h, "unknown column; the columns of %s are %s", t.spec.name, strings.Join(t.spec.names(), ", "))
			continue
		}
		if prev, dup := seen[si]; dup {
			b.r.errs.add(t, row, n, "appears twice, in columns %s and %s", colLetter(prev), colLetter(i))
			continue
		}
		seen[si] = i
		b.pos[i] = si
	}
	for si, c := range t.spec.cols {
		if _, ok := seen[si]; !ok && c.required {
			b.r.errs.add(t, row, c.name, "required column is missing")
			t.fatal = true
		}
	}
}

func (b *tableBuilder) finish() *rawTable {
	t := b.t
	if !b.seenHead && !t.fatal {
		b.r.errs.add(t, 0, "", "is empty; the first row must be the header: %s", strings.Join(t.spec.names(), ", "))
		t.fatal = true
	}
	if t.fatal {
		t.rows, t.cells = nil, nil
		b.r.fatal = true
	}
	return t
}

// colLetter is the spreadsheet name of column i (0-based): A, B, ..., AA.
func colLetter(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}
