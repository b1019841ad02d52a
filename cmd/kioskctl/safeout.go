package main

import (
	"encoding/csv"

	"kiosk/data/csvcell"
	"kiosk/data/termsafe"
)

// Everything kioskctl prints or writes that comes from a file (sources,
// bundles, exports, a kiosk's database) passes through package termsafe
// (terminal escapes) or the helpers here (spreadsheet formulas).

// csvCell makes a value safe for a CSV file that staff open in a
// spreadsheet (csvcell.Safe: no cell read as a formula) and for the
// terminal the CSV often goes to (unsafe runes escaped).
func csvCell(s string) string {
	return termsafe.String(csvcell.Safe(s))
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
