package source

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// openWorkbook opens a workbook with excelize, for the few cells whose
// shown text needs its number formatting (see shownText).
func openWorkbook(content []byte) (*excelize.File, error) {
	return excelize.OpenReader(bytes.NewReader(content), excelize.Options{
		UnzipSizeLimit:    maxUnzipped,
		UnzipXMLSizeLimit: 64 << 20,
	})
}

// workbookError says why a workbook cannot be opened in words staff can
// act on; the reader's own message is kept for whoever debugs it. A
// workbook refused for its size says so alone: saving it again would not
// help.
func workbookError(err error) string {
	var refused *bookRefusal
	if errors.As(err, &refused) {
		return refused.msg
	}
	return fmt.Sprintf("cannot be read as an Excel workbook (.xlsx); open it and save it again as \"Excel Workbook\" (%v)", err)
}

// loadSheet reads one sheet into a rawTable through the same builder as
// CSV, a row at a time, with each cell as the text staff see in it.
func (r *reader) loadSheet(w *xlsxBook, sheet string, spec *tableSpec, file, sheetLabel string) *rawTable {
	b := newBuilder(r, spec, file, sheetLabel)
	err := w.readSheet(sheet, b.reserve, func(row int, fields []string) {
		b.add(row, fields, -1)
	})
	if err != nil {
		var se *sheetError
		row := 0
		if errors.As(err, &se) {
			row, err = se.row, se.err
		}
		r.errs.add(b.t, row, "", "%s", workbookError(err))
		b.t.fatal = true
	}
	return b.finish()
}

// maybeNumber reports whether a raw cell value may be a number, a boolean
// or an ISO 8601 date, the values a format changes; text that looks like
// one costs a format look-up and comes back unchanged.
func maybeNumber(s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; (c < '0' || c > '9') && c != '-' && c != '.' && c != '+' {
		return false
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return true
	}
	return len(s) >= 10 && s[4] == '-' && s[7] == '-'
}

type numKind int

const (
	numOther numKind = iota
	numDate
	numTime
	numDateTime
)

// builtinKind classifies the number formats that a workbook names by id
// only, including the ones whose pattern depends on the locale.
func builtinKind(id int) numKind {
	switch {
	case id >= 14 && id <= 17, id >= 27 && id <= 31, id == 36, id >= 50 && id <= 58, id >= 71 && id <= 74:
		return numDate
	case id >= 18 && id <= 21, id >= 32 && id <= 35, id >= 45 && id <= 47, id == 75, id == 76, id >= 78 && id <= 81:
		return numTime
	case id == 22, id == 77:
		return numDateTime
	}
	return numOther
}

// formatKind classifies a custom number format such as "d mmmm yyyy" or
// "hh:mm" by the date and time codes in its first section, skipping
// quoted text, escapes and bracketed colours or locales. "m" is a month
// unless hours or seconds are shown, as in Excel.
func formatKind(code string) numKind {
	if k := strings.Index(strings.ToLower(code), "general"); k >= 0 {
		code = code[:k] + code[k+len("general"):]
	}
	var date, clock, month bool
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch c {
		case ';':
			i = len(code)
			continue
		case '"':
			if k := strings.IndexByte(code[i+1:], '"'); k >= 0 {
				i += k + 1
			} else {
				i = len(code)
			}
			continue
		case '\\', '_', '*':
			i++
			continue
		case '[':
			k := strings.IndexByte(code[i:], ']')
			if k < 0 {
				i = len(code)
				continue
			}
			inner := strings.ToLower(code[i+1 : i+k])
			if inner != "" && strings.Trim(inner, "hms") == "" {
				clock = true
			}
			i += k
			continue
		case '0', '#', '?':
			// Digit placeholders: a plain number, unless they are the
			// fraction of a second in a time.
			if !clock {
				return numOther
			}
			continue
		}
		switch c | 0x20 {
		case 'y', 'd', 'b', 'g':
			date = true
		case 'e':
			if i+1 < len(code) && (code[i+1] == '+' || code[i+1] == '-') {
				return numOther
			}
			date = true
		case 'h', 's':
			clock = true
		case 'm':
			month = true
		case 'a':
			switch rest := strings.ToLower(code[i:]); {
			case strings.HasPrefix(rest, "am/pm"):
				clock = true
				i += len("am/pm") - 1
			case strings.HasPrefix(rest, "a/p"):
				clock = true
				i += len("a/p") - 1
			}
		}
	}
	if month && !clock {
		date = true
	}
	switch {
	case date && clock:
		return numDateTime
	case date:
		return numDate
	case clock:
		return numTime
	}
	return numOther
}

// serialText turns a cell's stored value, an Excel serial day number (or
// an ISO 8601 text for the rare date-typed cell), into the text the
// sources expect.
func serialText(raw string, k numKind, date1904 bool) (string, bool) {
	var t time.Time
	if v, err := strconv.ParseFloat(raw, 64); err == nil {
		if v < 0 || v > 2958465 || math.IsNaN(v) { // 2958465 is 9999-12-31
			return "", false
		}
		days := math.Floor(v)
		secs := math.Round((v - days) * 86400)
		epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
		switch {
		case date1904:
			epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
		case days < 61:
			// Excel counts a 29 February 1900 that never was.
			epoch = epoch.AddDate(0, 0, 1)
		}
		t = epoch.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second)
	} else {
		var ok bool
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
			if p, err := time.Parse(layout, raw); err == nil {
				t, ok = p, true
				break
			}
		}
		if !ok {
			return "", false
		}
	}
	switch k {
	case numDate:
		return t.Format(DateLayout), true
	case numTime:
		return t.Format(clockLayout), true
	}
	return t.Format(DateLayout + " " + clockLayout), true
}

// WriteXLSX writes the sources as one workbook with a sheet per table,
// every cell as text so that ids such as "007" survive being opened and
// saved. It serves as a template for staff who prefer a spreadsheet, and
// ReadDir reads it back when it is named sources.xlsx.
func WriteXLSX(path string, s *Sources) error {
	tables, err := encodeTables(s)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 49})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	for i, t := range tables {
		name := t.spec.name
		if i == 0 {
			if err := f.SetSheetName(f.GetSheetList()[0], name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := writeSheet(f, name, t, bold, text); err != nil {
			return fmt.Errorf("writing sheet %s: %w", name, err)
		}
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return err
	}
	return writeAtomic(path, buf.Bytes())
}

func writeSheet(f *excelize.File, name string, t encodedTable, bold, text int) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	header := t.spec.names()
	for j, h := range header {
		width := float64(len(h) + 4)
		for _, r := range t.rows {
			if w := float64(len(r[j]) + 2); w > width {
				width = w
			}
		}
		if err := sw.SetColWidth(j+1, j+1, min(width, 60)); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	row := make([]any, len(header))
	for j, h := range header {
		row[j] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	for i, r := range t.rows {
		for j, v := range r {
			row[j] = excelize.Cell{StyleID: text, Value: v}
		}
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	return sw.Flush()
}
