// Package csvcell keeps a CSV cell from being read as a formula when staff
// open the file in a spreadsheet: the one rule every CSV the project
// writes (kioskctl's, the hub dashboard's downloads) goes through.
package csvcell

import (
	"encoding/csv"
	"strings"
)

// Safe returns s as a cell a spreadsheet shows as text. A cell starting
// with = + - @, a tab or a carriage return is read there as a formula
// (=HYPERLINK(...) becomes a live link, others run commands), so it gets a
// leading apostrophe, which spreadsheets show as text and do not display
// (the OWASP rule for CSV injection).
func Safe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteRow writes one row with every cell through Safe.
func WriteRow(w *csv.Writer, cells []string) error {
	safe := make([]string, len(cells))
	for i, c := range cells {
		safe[i] = Safe(c)
	}
	return w.Write(safe)
}
