package source

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// MaxErrors is how many problems a read reports before it summarises the
// rest: staff fix a spreadsheet a screenful at a time, and a file with a
// shifted column would otherwise produce one line per cell.
const MaxErrors = 200

// Error is one problem in the sources, placed so that staff can find the
// cell in their spreadsheet.
type Error struct {
	File   string // file name as in the folder, e.g. "sessions.csv"
	Sheet  string // sheet name when the file is a workbook holding every table
	Row    int    // row as a spreadsheet shows it (the header is row 1); 0 for the whole file
	Column string // column header, e.g. "room"; "" for a whole row or file
	Msg    string
}

func (e Error) Error() string {
	if e.File == "" {
		return e.Msg
	}
	var b strings.Builder
	b.WriteString(e.File)
	if e.Sheet != "" {
		b.WriteString(" sheet ")
		b.WriteString(strconv.Quote(e.Sheet))
	}
	if e.Row > 0 {
		b.WriteString(" row ")
		b.WriteString(strconv.Itoa(e.Row))
	}
	if e.Column != "" {
		if e.Row > 0 {
			b.WriteByte(',')
		}
		b.WriteString(" column ")
		b.WriteString(strconv.Quote(e.Column))
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Errors lists every problem found, in the order staff read the files: by
// table, then row, then column. When there were more than MaxErrors, the
// list holds the first MaxErrors followed by one entry with no File whose
// Msg says how many more there were.
type Errors []Error

func (es Errors) Error() string {
	switch len(es) {
	case 0:
		return "no problems"
	case 1:
		return es[0].Error()
	}
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// collector gathers problems from parsing and validation and puts them in
// reading order at the end. Parsing problems are capped per file so that a
// broken file cannot exhaust memory; that loses nothing that would be
// shown, since they come in row order and a file's first MaxErrors
// problems are all that can be shown of it.
type collector struct {
	list    []keyedError
	perFile map[string]int
	dropped int
}

type keyedError struct {
	table int // position of the table in tableSpecs; -1 for the folder
	col   int // position of the column in the table's spec; -1 for none
	Error
}

func (c *collector) add(t *rawTable, row int, col, format string, args ...any) {
	c.put(t, row, col, fmt.Sprintf(format, args...), true)
}

// put records a problem; capped is false for problems that are already
// in memory in full, such as data.Validate's, so that none of those is
// lost from the first MaxErrors.
func (c *collector) put(t *rawTable, row int, col, msg string, capped bool) {
	e := keyedError{table: -1, col: -1, Error: Error{Row: row, Column: col, Msg: msg}}
	if t != nil {
		e.table = t.spec.order
		e.col = t.spec.index(col)
		e.File, e.Sheet = t.file, t.sheet
	}
	if !capped {
		c.list = append(c.list, e)
		return
	}
	key := e.File + "\x00" + e.Sheet
	if c.perFile == nil {
		c.perFile = map[string]int{}
	}
	if c.perFile[key] >= MaxErrors {
		c.dropped++
		return
	}
	c.perFile[key]++
	c.list = append(c.list, e)
}

// addFile reports a problem with a file that has no table yet, such as a
// file in the folder that is not a table at all.
func (c *collector) addFile(file, format string, args ...any) {
	c.list = append(c.list, keyedError{table: -1, col: -1, Error: Error{File: file, Msg: fmt.Sprintf(format, args...)}})
}

func (c *collector) empty() bool { return len(c.list) == 0 && c.dropped == 0 }

func (c *collector) err() error {
	if c.empty() {
		return nil
	}
	sort.SliceStable(c.list, func(i, j int) bool {
		a, b := c.list[i], c.list[j]
		if a.table != b.table {
			return a.table < b.table
		}
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		return a.col < b.col
	})
	n := len(c.list)
	if n > MaxErrors {
		n = MaxErrors
	}
	out := make(Errors, 0, n+1)
	for _, e := range c.list[:n] {
		out = append(out, e.Error)
	}
	if more := len(c.list) - n + c.dropped; more > 0 {
		out = append(out, Error{Msg: fmt.Sprintf("... and %d more", more)})
	}
	return out
}
