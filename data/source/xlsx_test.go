package source

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// typedCell is a cell as Excel stores what staff type: a number, or a
// boolean, with a display format.
type typedCell struct {
	sheet, cell string
	value       any
	numFmt      int    // built-in format id, when custom is empty
	custom      string // custom format code
}

// 42681 is 2016-11-07 as an Excel serial day in the 1900 date system; the
// 1904 system counts 1462 days fewer.
const serial20161107 = 42681.0

func typedCells(base float64) []typedCell {
	return []typedCell{
		{sheet: "event", cell: "I2", value: base, custom: "dd/mm/yyyy"},
		{sheet: "event", cell: "J2", value: base + 3, numFmt: 15}, // d-mmm-yy
		{sheet: "rooms", cell: "C2", value: 1},
		{sheet: "rooms", cell: "D2", value: 1200, numFmt: 3},                // #,##0
		{sheet: "sessions", cell: "D2", value: base, numFmt: 14},            // the locale's short date
		{sheet: "sessions", cell: "E2", value: 9.0 / 24, numFmt: 20},        // hh:mm
		{sheet: "sessions", cell: "F2", value: 10.5 / 24, numFmt: 18},       // h:mm AM/PM
		{sheet: "sessions", cell: "D3", value: base, custom: "d mmmm yyyy"}, // 7 November 2016
		{sheet: "sessions", cell: "E3", value: 11.0 / 24, custom: "[$-409]h:mm AM/PM;@"},
		{sheet: "sessions", cell: "F3", value: 12.5 / 24, custom: "hh:mm:ss"},
		{sheet: "sessions", cell: "D4", value: base + 1.75, numFmt: 14},      // a date-time shown as a date
		{sheet: "sessions", cell: "E4", value: 0.7499999999, custom: "h:mm"}, // 18:00 with rounding noise
		{sheet: "sessions", cell: "D5", value: base + 3, custom: `yyyy"-"mm"-"dd`},
		{sheet: "delegates", cell: "E2", value: false},
		{sheet: "delegates", cell: "J2", value: true},
	}
}

func TestXLSXTypedCells(t *testing.T) {
	for _, tt := range []struct {
		name     string
		date1904 bool
		base     float64
	}{
		{"1900 date system", false, serial20161107},
		{"1904 date system", true, serial20161107 - 1462},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := fixture(t)
			dir := t.TempDir()
			path := filepath.Join(dir, WorkbookName)
			if err := WriteXLSX(path, want); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if tt.date1904 {
				if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &tt.date1904}); err != nil {
					t.Fatal(err)
				}
			}
			for _, c := range typedCells(tt.base) {
				if err := f.SetCellValue(c.sheet, c.cell, c.value); err != nil {
					t.Fatal(err)
				}
				st := &excelize.Style{NumFmt: c.numFmt}
				if c.custom != "" {
					st.CustomNumFmt = &c.custom
				}
				id, err := f.NewStyle(st)
				if err != nil {
					t.Fatal(err)
				}
				if err := f.SetCellStyle(c.sheet, c.cell, c.cell, id); err != nil {
					t.Fatal(err)
				}
			}
			// The cells must really be typed, or the test proves nothing.
			if typ, err := f.GetCellType("sessions", "D2"); err != nil || typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
				t.Fatalf("sessions D2 has type %v (%v)", typ, err)
			}
			if shown, err := f.GetCellValue("sessions", "D3"); err != nil || shown == "2016-11-07" {
				t.Fatalf("sessions D3 shows %q (%v); want a format other than the one read", shown, err)
			}
			if err := f.Save(); err != nil {
				t.Fatal(err)
			}
			f.Close()

			got, err := ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			assertEqual(t, want, got)
		})
	}
}

func TestFormatKind(t *testing.T) {
	for _, tt := range []struct {
		code string
		want numKind
	}{
		{"yyyy-mm-dd", numDate},
		{"d mmmm yyyy", numDate},
		{"mmm-yy", numDate},
		{`[$-F800]dddd\,\ mmmm\ dd\,\ yyyy`, numDate},
		{"[Red]dd/mm/yy", numDate},
		{"hh:mm", numTime},
		{"h:mm AM/PM", numTime},
		{"[h]:mm:ss", numTime},
		{"mm:ss.0", numTime},
		{"m/d/yy h:mm", numDateTime},
		{"yyyy-mm-dd hh:mm:ss", numDateTime},
		{"General", numOther},
		{"0", numOther},
		{"#,##0.00", numOther},
		{"0.00E+00", numOther},
		{`#,##0 "days"`, numOther},
		{`"Room "0`, numOther},
		{"@", numOther},
		{`0;[Red]-0`, numOther},
	} {
		if got := formatKind(tt.code); got != tt.want {
			t.Errorf("formatKind(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func TestSerialText(t *testing.T) {
	for _, tt := range []struct {
		raw      string
		kind     numKind
		date1904 bool
		want     string
	}{
		{"42681", numDate, false, "2016-11-07"},
		{"41219", numDate, true, "2016-11-07"},
		{"42681.99", numDate, false, "2016-11-07"},
		{"0.375", numTime, false, "09:00"},
		{"0.395833333333333", numTime, false, "09:30"},
		{"0.99999999", numTime, false, "00:00"},
		{"42681.5", numDateTime, false, "2016-11-07 12:00"},
		{"1", numDate, false, "1900-01-01"},
		{"61", numDate, false, "1900-03-01"},
		{"2016-11-07T09:30:00Z", numTime, false, "09:30"},
	} {
		got, ok := serialText(tt.raw, tt.kind, tt.date1904)
		if !ok || got != tt.want {
			t.Errorf("serialText(%q, %v, %v) = %q, %v; want %q", tt.raw, tt.kind, tt.date1904, got, ok, tt.want)
		}
	}
	for _, raw := range []string{"-1", "abc", "1e300", "NaN"} {
		if got, ok := serialText(raw, numDate, false); ok {
			t.Errorf("serialText(%q) = %q, want failure", raw, got)
		}
	}
}
