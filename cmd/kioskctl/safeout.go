package main

import (
	"encoding/csv"
	"strings"

	"kiosk/data/termsafe"
)

// Everything kioskctl prints or writes that comes from a file (sources,
// bundles, exports, a kiosk's database) passes through package termsafe
// (terminal escapes) or the helpers here (spreadsheet formulas).

// csvCell makes a value safe for a CSV file that staff open in a
// spreadsheet: a cell starting with = + - @, a tab or a carriage return
// is read there as a formula (=HYPERLINK(...) becomes a live link, others
// run commands), so it gets a leading apostrophe, which spreadsheets show
// as text and do not display (the OWASP rule for CSV injection). Unsafe
// runes are escaped too, as the CSV often goes to the terminal.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	return termsafe.String(s)
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

// maxSmallFile caps the small files staff hand kioskctl (the kiosk_keys
// list): far above what they hold, far below what would hurt.
const maxSmallFile = 16 << 20
