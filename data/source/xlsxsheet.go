package source

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sheetError is a problem at one row of a sheet (row 0: the sheet as a
// whole), so that staff are told where to look.
type sheetError struct {
	row int
	err error
}

func (e *sheetError) Error() string {
	if e.row > 0 {
		return fmt.Sprintf("row %d: %v", e.row, e.err)
	}
	return e.err.Error()
}

func (e *sheetError) Unwrap() error { return e.err }

// readSheet streams a sheet: it calls row for each row that has a value,
// with the row's number as the spreadsheet shows it and the text of each
// cell (missing cells are ""), and reserve with the number of rows the
// sheet declares, if it does. fields is reused for the next row.
func (w *xlsxBook) readSheet(name string, reserve func(int), row func(n int, fields []string)) error {
	var part string
	for _, s := range w.sheets {
		if s.name == name {
			part = s.part
			break
		}
	}
	if part == "" {
		return fmt.Errorf("has no sheet %q", name)
	}
	sr := &sheetReader{w: w, sheet: name, reserve: reserve, emit: row}
	if f := w.parts[part]; f != nil && reserve != nil {
		// Writers often leave the dimension out or at "A1"; a row of a
		// sheet takes some hundreds of bytes of XML.
		sr.guess = int(min(f.UncompressedSize64/512, 1<<20))
		reserve(sr.guess)
	}
	err := w.scan(part, maxUnzipped, sr.visit)
	var se *sheetError
	if err != nil && !errors.As(err, &se) {
		err = &sheetError{row: sr.row, err: err}
	}
	return err
}

type sheetReader struct {
	w       *xlsxBook
	sheet   string
	reserve func(int)
	guess   int // rows reserved from the sheet's size
	emit    func(int, []string)

	colStyles []colStyle
	row       int // number of the current or last row
	rowStyle  int
	inRow     bool
	fields    []string
	rowText   []byte        // the plain text of this row's cells, end to end
	pending   []pendingCell // cells whose text is in rowText
	width     int           // columns of fields in use in this row
	col       int           // column of the last cell, 1-based
	cells     int           // cells with a value so far
	span      int           // columns of the rows handed on so far
	inCell    bool
	cell      cellData
}

type colStyle struct{ min, max, style int }

// cellData is one <c> as read: its column, own style, type and value.
type cellData struct {
	col, style int
	typ        string
	v          []byte
	inV        bool
	hasIS      bool
	inIS       bool
	is         richText
}

func (sr *sheetReader) visit(sc *xmlScanner, tok xmlToken) (bool, error) {
	if sr.inCell {
		return true, sr.cellToken(sc, tok)
	}
	if tok == xmlEnd && sc.is("row") {
		return true, sr.endRow()
	}
	if tok != xmlStart {
		return true, nil
	}
	switch {
	case sc.is("dimension"):
		sr.dimension(sc)
	case sc.is("col"):
		return true, sr.addColStyle(sc)
	case sc.is("row"):
		if err := sr.startRow(sc); err != nil || !sc.selfClosing {
			return true, err
		}
		return true, sr.endRow()
	case sc.is("c"):
		return true, sr.startCell(sc)
	}
	return true, nil
}

// dimension reserves room for the rows the sheet says it spans, when it
// says more than the guess from its size (see readSheet). It is only a
// hint, which the builder bounds, and is taken only before the first row:
// reserving makes the table anew.
func (sr *sheetReader) dimension(sc *xmlScanner) {
	ref, _, _ := sc.attr("ref")
	_, last, _ := strings.Cut(ref, ":")
	if _, row, err := excelize.CellNameToCoordinates(last); err == nil && sr.reserve != nil && sr.row == 0 && row > sr.guess {
		sr.reserve(row)
	}
}

func (sr *sheetReader) addColStyle(sc *xmlScanner) error {
	lo, _, err1 := intAttr(sc, "min")
	hi, _, err2 := intAttr(sc, "max")
	style, _, err3 := intAttr(sc, "style")
	if err := errors.Join(err1, err2, err3); err != nil {
		return err
	}
	if style != 0 && len(sr.colStyles) < maxSheetCols {
		sr.colStyles = append(sr.colStyles, colStyle{lo, hi, style})
	}
	return nil
}

func (sr *sheetReader) startRow(sc *xmlScanner) error {
	n, ok, err := intAttr(sc, "r")
	if err != nil {
		return &sheetError{row: sr.row + 1, err: err}
	}
	if !ok {
		n = sr.row + 1
	}
	switch {
	case n > maxSheetRows:
		return &sheetError{row: n, err: refuse("the sheet has rows past row %d, the last row Excel has", maxSheetRows)}
	case n <= sr.row:
		return &sheetError{row: n, err: fmt.Errorf("comes after row %d; the rows are out of order", sr.row)}
	}
	sr.row, sr.inRow, sr.col = n, true, 0
	sr.rowStyle, _, _ = intAttr(sc, "s")
	clear(sr.fields[:sr.width])
	sr.width = 0
	return nil
}

func (sr *sheetReader) endRow() error {
	if len(sr.pending) > 0 {
		text := string(sr.rowText)
		for _, p := range sr.pending {
			sr.fields[p.col-1] = text[p.start:p.end]
		}
		sr.rowText, sr.pending = sr.rowText[:0], sr.pending[:0]
	}
	if sr.inRow && sr.width > 0 {
		// Every row is handed on as wide as its last cell: a cell in
		// column XFD on each of many rows would cost the table builder
		// 16,384 columns a row.
		if sr.span += sr.width; sr.span > maxSheetSpan {
			return &sheetError{row: sr.row, err: refuse("the sheet's rows reach too far to the right (here to column %s) for their number; move stray cells out of far columns", colLetter(sr.width-1))}
		}
		sr.emit(sr.row, sr.fields[:sr.width])
	}
	sr.inRow = false
	return nil
}

func (sr *sheetReader) startCell(sc *xmlScanner) error {
	fail := func(err error) error { return &sheetError{row: sr.row, err: err} }
	if !sr.inRow {
		return fail(errors.New("has a cell outside any row"))
	}
	ref, ok, err := sc.rawAttr("r")
	if err != nil {
		return fail(err)
	}
	col := sr.col + 1
	if ok {
		if col, err = refColumn(ref); err != nil {
			return fail(err)
		}
	}
	if col > maxSheetCols {
		return fail(refuse("has a cell, %s, past column XFD, the last column Excel has", string(ref)))
	}
	style, _, err1 := intAttr(sc, "s")
	typ, err2 := cellType(sc)
	if err := errors.Join(err1, err2); err != nil {
		return fail(err)
	}
	sr.col = col
	c := &sr.cell
	*c = cellData{col: col, style: style, typ: typ, v: c.v[:0], is: richText{text: c.is.text[:0]}}
	if sc.selfClosing {
		return nil
	}
	if text, ok := sc.tryText("<v>", "</v></c>"); ok {
		c.v = append(c.v, text...)
		return sr.endCell()
	}
	if text, ok := sc.tryText("<is><t>", "</t></is></c>"); ok {
		c.hasIS, c.is.text = true, append(c.is.text, text...)
		return sr.endCell()
	}
	sr.inCell = true
	return nil
}

// cellType reads a cell's t attribute; the common ones are constants, so
// that reading them allocates nothing.
func cellType(sc *xmlScanner) (string, error) {
	raw, _, err := sc.rawAttr("t")
	switch string(raw) {
	case "s":
		return "s", err
	case "inlineStr":
		return "inlineStr", err
	case "str":
		return "str", err
	case "n", "":
		return "", err
	}
	t, _, err := sc.attr("t")
	return t, err
}

// refColumn is the column of a cell reference such as "AB12", 1-based.
func refColumn(ref []byte) (int, error) {
	col := 0
	for i := 0; i < len(ref) && col <= maxSheetCols; i++ {
		c := ref[i] &^ 0x20 // upper case
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A') + 1
	}
	if col > 0 {
		return col, nil
	}
	return 0, fmt.Errorf("has a cell with the reference %q, which names no column", ref)
}

func (sr *sheetReader) cellToken(sc *xmlScanner, tok xmlToken) error {
	c := &sr.cell
	switch {
	case tok == xmlText && c.inV:
		return appendCapped(&c.v, sc)
	case c.inIS && !(tok == xmlEnd && sc.is("is")):
		return c.is.visit(sc, tok)
	case tok == xmlStart:
		switch string(sc.name) {
		case "v":
			c.inV = !sc.selfClosing
		case "is":
			c.hasIS, c.inIS = true, !sc.selfClosing
		}
	case tok == xmlEnd:
		switch string(sc.name) {
		case "c":
			sr.inCell = false
			return sr.endCell()
		case "v":
			c.inV = false
		case "is":
			c.inIS = false
		}
	}
	return nil
}

// appendCapped appends the scanner's text to *dst, refusing a value
// longer than any cell holds.
func appendCapped(dst *[]byte, sc *xmlScanner) error {
	var err error
	if *dst, err = sc.appendText(*dst); err == nil && len(*dst) > maxXMLToken {
		err = errXMLTooLong
	}
	return err
}

func (sr *sheetReader) endCell() error {
	c := &sr.cell
	if plain := sr.plainBytes(c); plain != nil {
		sr.pending = append(sr.pending, pendingCell{c.col, len(sr.rowText), len(sr.rowText) + len(plain)})
		sr.rowText = append(sr.rowText, plain...)
		return sr.place(c.col, "")
	}
	text, err := sr.cellText(c)
	if err != nil {
		return &sheetError{row: sr.row, err: err}
	}
	if text == "" {
		return nil
	}
	return sr.place(c.col, text)
}

// pendingCell is a cell whose text is rowText[start:end], made a string
// with the rest of its row.
type pendingCell struct{ col, start, end int }

// plainBytes returns the text of a cell that is shown exactly as it is
// stored: text that cannot be a number or a date and needs no unescaping.
// Such cells, nearly all of a sheet, become strings a row at a time (see
// endRow), sparing a million small allocations at 100,000 delegates.
func (sr *sheetReader) plainBytes(c *cellData) []byte {
	var b []byte
	switch {
	case c.typ == "inlineStr" && c.hasIS:
		b = c.is.text
		if bytes.Contains(b, []byte("_x")) {
			return nil
		}
	case c.typ == "inlineStr" || c.typ == "str":
		b = c.v
	default:
		return nil
	}
	if len(b) == 0 || strings.ContainsRune("0123456789-.+", rune(b[0])) {
		return nil
	}
	return b
}

// place records a cell's text at its column.
func (sr *sheetReader) place(col int, text string) error {
	if sr.cells++; sr.cells > maxSheetCells {
		return &sheetError{row: sr.row, err: refuse("the sheet has over %d cells with a value; the limit is %d", maxSheetCells, maxSheetCells)}
	}
	for len(sr.fields) < col {
		sr.fields = append(sr.fields, "")
	}
	sr.fields[col-1] = text
	sr.width = max(sr.width, col)
	return nil
}

// cellText is the text staff see in a cell, except that dates and times
// come out as YYYY-MM-DD and HH:MM whatever format the cell shows them
// in: a spreadsheet turns a typed "2016-11-07" into a date number shown
// in the machine's locale, and that must not change what the kiosk reads.
func (sr *sheetReader) cellText(c *cellData) (string, error) {
	raw, err := sr.w.rawValue(c)
	if err != nil || !maybeNumber(raw) {
		return raw, err
	}
	if k := sr.w.kind(sr.effectiveStyle(c)); k != numOther {
		if s, ok := serialText(raw, k, sr.w.date1904); ok {
			return s, nil
		}
	}
	if s, ok := sr.w.plainText(c, raw); ok {
		return s, nil
	}
	return sr.w.formatted(sr.sheet, c.col, sr.row)
}

// effectiveStyle is the style that decides whether a cell is a date: its
// own, else its row's, else its column's, as spreadsheets apply them.
func (sr *sheetReader) effectiveStyle(c *cellData) int {
	if c.style != 0 {
		return c.style
	}
	if sr.rowStyle != 0 {
		return sr.rowStyle
	}
	for _, cs := range sr.colStyles {
		if cs.min <= c.col && c.col <= cs.max {
			return cs.style
		}
	}
	return 0
}

// rawValue is a cell's stored value: a number as stored, or its text.
func (w *xlsxBook) rawValue(c *cellData) (string, error) {
	switch c.typ {
	case "s":
		v := strings.TrimSpace(string(c.v))
		if v == "" {
			return "", nil
		}
		i, err := strconv.Atoi(v)
		if err != nil || i < 0 || i >= len(w.shared) {
			return "", fmt.Errorf("column %s refers to shared text %q, which the workbook does not have", colLetter(c.col-1), v)
		}
		return w.shared[i], nil
	case "inlineStr":
		if c.hasIS {
			return c.is.String(), nil
		}
	}
	return string(c.v), nil
}

func (w *xlsxBook) kind(style int) numKind {
	if style < 0 || style >= len(w.styles) {
		return numOther
	}
	return w.styles[style].kind
}

// plainText is the text a spreadsheet shows for a value whose format
// shows it as stored: text under any built-in format, a boolean, a
// formula's text result, and a whole number under General or Text. ok is
// false for the rest (a number in "#,##0" or "0.00", a value under a
// format of the workbook's own), which excelize formats.
func (w *xlsxBook) plainText(c *cellData, raw string) (string, bool) {
	ignored := c.style <= 0 || c.style >= len(w.styles) // formats apply only to a cell's own style
	switch c.typ {
	case "str":
		return raw, true
	case "b":
		switch raw {
		case "1":
			return "TRUE", true
		case "0":
			return "FALSE", true
		}
		return raw, ignored || !w.formats[w.styles[c.style].numFmt]
	case "s", "inlineStr":
		return raw, ignored || !w.formats[w.styles[c.style].numFmt]
	case "d":
		return "", false
	}
	v := generalNumber(raw)
	if ignored {
		return v, true
	}
	id := w.styles[c.style].numFmt
	return v, !w.formats[id] && (id == 0 || id == 49) && wholeNumber(v)
}

// generalNumber is a stored number as excelize gives it before applying
// a format: at most 15 significant digits, without exponent when short.
func generalNumber(s string) string {
	if strings.Contains(s, "_") {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	plain := strconv.FormatFloat(f, 'f', -1, 64)
	if len(plain)-strings.Count(plain, ".") > 15 && !within15Digits(s) {
		return strconv.FormatFloat(f, 'G', 15, 64)
	}
	return plain
}

func within15Digits(s string) bool {
	if strings.ContainsAny(s, ".Ee") {
		return false
	}
	s = strings.TrimLeft(s, "+-0")
	return len(strings.TrimRight(s, "0")) <= 15
}

// wholeNumber reports whether s is a whole number of at most 11 digits,
// which General and Text show as it is.
func wholeNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" || len(s) > 11 || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// formatted asks excelize for the text a cell shows: number formats are a
// language of their own, and the few cells that need one are not worth a
// second implementation. The workbook is opened with excelize the first
// time, and a sheet is parsed by it only if one of its cells needs it.
func (w *xlsxBook) formatted(sheet string, col, row int) (string, error) {
	if w.xl == nil && w.xlErr == nil {
		w.xl, w.xlErr = openWorkbook(w.content)
	}
	if w.xlErr != nil {
		return "", w.xlErr
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return "", err
	}
	return w.xl.GetCellValue(sheet, cell)
}
