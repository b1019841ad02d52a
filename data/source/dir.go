package source

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"kiosk/data/safefile"
)

// otherFormats are spreadsheet formats staff may save by mistake; a table
// in one of them is named rather than silently ignored.
var otherFormats = map[string]bool{".xls": true, ".xlsm": true, ".xlsb": true, ".ods": true, ".numbers": true, ".tsv": true, ".txt": true}

// origin is where a table was found: a file of its own, or a sheet of the
// single workbook.
type origin struct {
	file  string
	sheet string
}

func (o origin) String() string {
	if o.sheet != "" {
		return fmt.Sprintf("%s sheet %q", o.file, o.sheet)
	}
	return o.file
}

// ReadDir reads an event's sources from a folder: one file per table, each
// NAME.csv or NAME.xlsx (first sheet), and/or one workbook sources.xlsx
// with a sheet per table. Hidden files and the lock files spreadsheets
// leave beside open files are ignored; any other CSV or spreadsheet file
// is an error, so that a misnamed table is not silently left out. The
// error, when it lists problems in the sources, is an Errors.
func ReadDir(dir string) (*Sources, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("reading sources: %w", err)
	}
	r := newReader()
	found := map[string][]origin{}
	var workbook string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
			continue
		}
		lower := strings.ToLower(name)
		ext := filepath.Ext(lower)
		base := strings.TrimSuffix(lower, ext)
		spec := specByName[base]
		switch {
		case lower == WorkbookName && workbook == "":
			workbook = name
		case lower == WorkbookName:
			r.errs.addFile(name, "%s is the same workbook; keep one of them", workbook)
			r.fatal = true
		case spec != nil && (ext == ".csv" || ext == ".xlsx"):
			found[spec.name] = append(found[spec.name], origin{file: name})
		case spec != nil && otherFormats[ext]:
			r.errs.addFile(name, "is not a format the sources use; save it as %s.xlsx (Excel Workbook) or %s.csv (CSV UTF-8)", spec.name, spec.name)
			r.fatal = true
		case ext == ".csv" || ext == ".xlsx" || otherFormats[ext]:
			r.errs.addFile(name, "is not a source table; the tables are %s (or one workbook %s); move other files out of the folder", tableList(), WorkbookName)
		}
	}

	var wb *xlsxBook
	if workbook != "" {
		wb = r.openWorkbookFile(filepath.Join(dir, workbook), workbook)
		if wb == nil {
			// Its tables are unknown; saying each is missing would only
			// bury the one message that matters.
			return nil, r.errs.err()
		}
		defer wb.Close()
		for _, sheet := range wb.sheetNames() {
			spec := specByName[normHeader(sheet)]
			if spec == nil {
				r.errs.addFile(workbook, "sheet %q is not a table; name each sheet after its table: %s", sheet, tableList())
				continue
			}
			found[spec.name] = append(found[spec.name], origin{file: workbook, sheet: sheet})
		}
	}

	tables := map[string]*rawTable{}
	for _, spec := range tableSpecs {
		origins := found[spec.name]
		switch {
		case len(origins) > 1:
			sort.Slice(origins, func(i, j int) bool { return origins[i].String() < origins[j].String() })
			others := make([]string, len(origins)-1)
			for i, o := range origins[1:] {
				others[i] = o.String()
			}
			r.errs.addFile(origins[0].file, "%s holds the %s table too; keep only one", strings.Join(others, " and "), spec.name)
			r.fatal = true
			continue
		case len(origins) == 0:
			switch {
			case !spec.required:
			case workbook != "":
				r.errs.addFile(workbook, "has no sheet %q, and there is no %s.csv or %s.xlsx; the %s table is required", spec.name, spec.name, spec.name, spec.name)
			default:
				r.errs.addFile(spec.name+".csv", "required file is missing (write it as %s.csv or %s.xlsx, or as a sheet %q of %s)", spec.name, spec.name, spec.name, WorkbookName)
			}
			r.fatal = r.fatal || spec.required
			continue
		}
		o := origins[0]
		path := filepath.Join(dir, o.file)
		switch {
		case o.sheet != "":
			tables[spec.name] = r.loadSheet(wb, o.sheet, spec, o.file, o.sheet)
		case strings.HasSuffix(strings.ToLower(o.file), ".csv"):
			if content, ok := r.readFile(path, o.file); ok {
				tables[spec.name] = r.loadCSV(spec, o.file, content)
			}
		default:
			if f := r.openWorkbookFile(path, o.file); f != nil {
				tables[spec.name] = r.loadSheet(f, f.sheets[0].name, spec, o.file, "")
				f.Close()
			}
		}
	}
	return r.decode(tables)
}

// readFile reads a whole file, refusing one over MaxFileSize before it
// takes the memory.
func (r *reader) readFile(path, name string) ([]byte, bool) {
	fail := func(format string, args ...any) ([]byte, bool) {
		r.errs.addFile(name, format, args...)
		r.fatal = true
		return nil, false
	}
	// Opened without following a link or waiting on a named pipe, and
	// checked on the opened file: a folder of sources may come on a stick.
	f, size, err := safefile.OpenFile(path, MaxFileSize)
	if errors.Is(err, safefile.ErrTooLarge) {
		return fail("is %s; the limit is %s", sizeText(size), sizeText(MaxFileSize))
	}
	if err != nil {
		return fail("cannot be opened: %v", err)
	}
	defer f.Close()
	content, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return fail("cannot be read: %v", err)
	}
	if len(content) > MaxFileSize {
		return fail("is over %s, the limit", sizeText(MaxFileSize))
	}
	return content, true
}

func (r *reader) openWorkbookFile(path, name string) *xlsxBook {
	content, ok := r.readFile(path, name)
	if !ok {
		return nil
	}
	f, err := openBook(content)
	if err != nil {
		r.errs.addFile(name, "%s", workbookError(err))
		r.fatal = true
		return nil
	}
	if len(f.sheets) == 0 {
		f.Close()
		r.errs.addFile(name, "has no sheet")
		r.fatal = true
		return nil
	}
	return f
}

// WriteDir writes the sources into dir as one CSV file per table, creating
// dir if need be. Each file starts with a UTF-8 byte-order mark, without
// which Excel opens a CSV file in the machine's legacy encoding and
// garbles every accented name. Each file is replaced atomically, so a
// kiosk build running at the same time reads the old file or the new one,
// never half of one. Other files in dir are left alone.
func WriteDir(dir string, s *Sources) error {
	files, err := EncodeCSV(s)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		content := append([]byte(bom), files[name]...)
		if err := writeAtomic(filepath.Join(dir, name), content); err != nil {
			return err
		}
	}
	return nil
}

// writeAtomic replaces path with content through a temporary file in the
// same folder, hidden so that a read of the folder skips it should the
// write be cut short.
func writeAtomic(path string, content []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(content); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
