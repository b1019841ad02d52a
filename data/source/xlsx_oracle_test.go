package source

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
)

// excelizeSheetText is how sheets were read before they were streamed:
// excelize loads the whole sheet, and cells that may hold a number get
// their format looked up. It is kept as the reference the streaming
// reader must agree with, cell for cell.
func excelizeSheetText(f *excelize.File, sheet string) ([][]string, error) {
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	date1904 := false
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		date1904 = *p.Date1904
	}
	kindOf := func(cell string) numKind {
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			return numOther
		}
		st, err := f.GetStyle(id)
		if err != nil {
			return numOther
		}
		if st.CustomNumFmt != nil {
			return formatKind(*st.CustomNumFmt)
		}
		return builtinKind(st.NumFmt)
	}
	for i, row := range rows {
		for j, raw := range row {
			if !maybeNumber(raw) {
				continue
			}
			cell, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				return nil, err
			}
			if k := kindOf(cell); k != numOther {
				if s, ok := serialText(raw, k, date1904); ok {
					row[j] = s
					continue
				}
			}
			if row[j], err = f.GetCellValue(sheet, cell); err != nil {
				return nil, err
			}
		}
	}
	return rows, nil
}

// streamedRows reads every row of a sheet with the streaming reader, in
// the shape GetRows gives: row i is spreadsheet row i+1.
func streamedRows(t *testing.T, w *xlsxBook, sheet string) [][]string {
	t.Helper()
	var rows [][]string
	err := w.readSheet(sheet, nil, func(n int, fields []string) {
		for len(rows) < n {
			rows = append(rows, nil)
		}
		rows[n-1] = append([]string(nil), fields...)
	})
	if err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	return rows
}

func trimRows(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		out[i] = r
	}
	for len(out) > 0 && len(out[len(out)-1]) == 0 {
		out = out[:len(out)-1]
	}
	return out
}

// compareWithExcelize reads every sheet of the workbook at path both ways.
func compareWithExcelize(t *testing.T, path string) {
	t.Helper()
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := openBook(content)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if !reflect.DeepEqual(w.sheetNames(), x.GetSheetList()) {
		t.Fatalf("sheets %v, excelize %v", w.sheetNames(), x.GetSheetList())
	}
	for _, sheet := range w.sheetNames() {
		want, err := excelizeSheetText(x, sheet)
		if err != nil {
			t.Fatal(err)
		}
		got := trimRows(streamedRows(t, w, sheet))
		want = trimRows(want)
		if len(got) != len(want) {
			t.Errorf("sheet %s: %d rows, excelize %d", sheet, len(got), len(want))
		}
		for i := range min(len(got), len(want)) {
			if !reflect.DeepEqual(got[i], want[i]) && !(len(got[i]) == 0 && len(want[i]) == 0) {
				t.Errorf("sheet %s row %d:\n got %q\nwant %q", sheet, i+1, got[i], want[i])
			}
		}
	}
}

// TestStreamedSheetsAgreeWithExcelize reads a workbook holding every
// kind of cell a spreadsheet writes, under built-in and custom formats,
// with the streaming reader and with excelize, and wants the same text.
func TestStreamedSheetsAgreeWithExcelize(t *testing.T) {
	f := cellsWorkbook(t)
	path := filepath.Join(t.TempDir(), "cells.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	compareWithExcelize(t, path)

	// The same workbook in the 1904 date system.
	date1904 := true
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	compareWithExcelize(t, path)
}

// cellsWorkbook makes a workbook with a row of numbers and a row of texts
// under each of many formats, rich text, a formula, and a second sheet of
// inline strings written by the stream writer.
func cellsWorkbook(t *testing.T) *excelize.File {
	f := excelize.NewFile()
	formats := []struct {
		id     int
		custom string
	}{
		{0, ""}, {1, ""}, {2, ""}, {3, ""}, {4, ""}, {9, ""}, {10, ""}, {11, ""}, {12, ""}, {14, ""}, {15, ""},
		{18, ""}, {20, ""}, {22, ""}, {37, ""}, {45, ""}, {49, ""},
		{0, "000"}, {0, `"Room "0`}, {0, `0;-0;0;"text"@`}, {0, "dd/mm/yyyy"}, {0, "hh:mm"}, {0, "@"}, {0, "#,##0.00"},
	}
	numbers := []any{7, 1200, 0.1, -5, 1e-3, 1e20, 123456789012, 12345678901, 123456789012345, 1234567890123456789,
		42681.0, 42681.5, 0.375, 0.30000000000000004, -0.5, 0, true, false}
	texts := []string{"007", "2016-11-07", "abc", "1e5", "+5", ".5", "TRUE", "-3", "12:30", "2016-11-07T09:30:00Z",
		"a\rb", "x_x0041_y", "tab\there", " spaced ", "<&>\"'", "Ödön Łukasz", ""}
	row := 1
	put := func(col int, v any, style int) { putCell(t, f, col, row, v, style) }
	for _, ft := range formats {
		st := &excelize.Style{NumFmt: ft.id}
		if ft.custom != "" {
			st.CustomNumFmt = &ft.custom
		}
		style, err := f.NewStyle(st)
		if err != nil {
			t.Fatal(err)
		}
		for j, v := range numbers {
			put(j+1, v, style)
		}
		row++
		for j, v := range texts {
			put(j*2+1, v, style) // every other column: gaps are empty cells
		}
		row += 2 // a blank row between
	}
	for j, v := range numbers {
		put(j+1, v, 0) // no style at all
	}
	addOddCells(t, f, row+1)
	addStreamedSheet(t, f)
	return f
}

func putCell(t *testing.T, f *excelize.File, col, row int, v any, style int) {
	cell, _ := excelize.CoordinatesToCellName(col, row)
	if err := f.SetCellValue("Sheet1", cell, v); err != nil {
		t.Fatal(err)
	}
	if style > 0 {
		if err := f.SetCellStyle("Sheet1", cell, cell, style); err != nil {
			t.Fatal(err)
		}
	}
}

// addOddCells adds rich text, a formula and a far column to a row.
func addOddCells(t *testing.T, f *excelize.File, row int) {
	if err := f.SetCellRichText("Sheet1", fmt.Sprintf("A%d", row), []excelize.RichTextRun{
		{Text: "Bold "}, {Text: "and plain", Font: &excelize.Font{Bold: true}},
	}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellFormula("Sheet1", fmt.Sprintf("B%d", row), `"4"&"2"`); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr("Sheet1", fmt.Sprintf("AB%d", row), "far right"); err != nil {
		t.Fatal(err)
	}
}

func addStreamedSheet(t *testing.T, f *excelize.File) {
	// Shared strings as well as inline ones: a second sheet written
	// through the stream writer holds inline strings, and SetCellStr
	// on Sheet1 wrote shared strings.
	if _, err := f.NewSheet("Second"); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Second")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		cell, _ := excelize.CoordinatesToCellName(1, i*2+1)
		if err := sw.SetRow(cell, []any{fmt.Sprintf("D%03d", i), i, float64(i) / 3, i%2 == 0, "x"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
}

func TestStreamedSourcesAgreeWithExcelize(t *testing.T) {
	path := filepath.Join(t.TempDir(), WorkbookName)
	if err := WriteXLSX(path, synthetic(t, 500, 40)); err != nil {
		t.Fatal(err)
	}
	compareWithExcelize(t, path)
}
