// Package source reads and writes an event's staff sources: the programme,
// the delegate list and the rest, kept by event staff as CSV files or Excel
// workbooks and turned by the staff tool into the signed bundle kiosks
// install. docs/sources.md describes every file and column for staff.
//
// Reading is forgiving where staff habits are harmless (column order,
// header case, spaces around values, a byte-order mark, semicolon-separated
// CSV, dates typed into Excel as dates) and strict where a mistake would
// reach a public screen (unknown columns, unreadable values). Every problem
// is reported with its file, row and column, all at once, so that a
// spreadsheet can be fixed in one pass. CSV and XLSX go through one
// decoder: both are first turned into rows of text.
//
// The bundle format reuses the CSV encoding through EncodeCSV and
// DecodeCSV.
package source
