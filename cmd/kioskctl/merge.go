package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"kiosk/data"
	"kiosk/data/bundle"
	"kiosk/data/export"
	"kiosk/data/keys"
	"kiosk/data/safefile"
	"kiosk/data/termsafe"
)

func init() {
	register(command{name: "checkins merge", summary: "merge kiosks' check-in exports into one list", run: runCheckInsMerge})
}

func runCheckInsMerge(args []string, stdout, stderr io.Writer) error {
	fs := flags("checkins merge", "FILE... --out FILE [--format csv|json] [--kiosks FILE] [--event ID]",
		"Reads check-in exports that kiosks wrote onto USB sticks (*"+export.Extension+"), checks each\n"+
			"one (its kiosk's signature, the event) and writes every check-in once, however many\n"+
			"kiosks relayed it, in the order of the kiosks' hybrid logical clock.\n"+
			"A file that fails a check stops the merge and nothing is written: remove it or fix\n"+
			"the cause. Each record is checked too: one that breaks a rule, or a relayed copy\n"+
			"whose signature is not its kiosk's, is left out and reported. Prints per kiosk how\n"+
			"many records its files had, how many of them no earlier file had, and how many\n"+
			"check-ins were taken at it.", stderr)
	out := fs.String("out", "", "the merged list to write (replaced atomically)")
	format := fs.String("format", "", "csv or json (default: json for an --out ending in .json, else csv)")
	kiosksFile := fs.String("kiosks", "", "accept only kiosks enrolled in this kiosk_keys CSV file (columns kiosk_id,public_key)")
	event := fs.String("event", "", "the event the files must be for (default: the first file's)")
	files, err := exportFiles(fs, args, "out")
	if err != nil {
		return err
	}
	if *format, err = mergeFormat(*format, *out); err != nil {
		return err
	}
	for _, f := range files {
		if samePath(f, *out) {
			return fmt.Errorf("--out %s is one of the files to merge", *out)
		}
	}
	opts := export.ReadOptions{EventID: *event}
	if *kiosksFile != "" {
		if opts.Kiosks, err = readKioskKeys(*kiosksFile); err != nil {
			return err
		}
	}
	exports, refused, err := readExports(files, &opts, "nothing written")
	if err != nil {
		return err
	}
	all, per, conflicts := export.Merge(exports, opts.Kiosks)
	if err := writeMerged(*out, *format, all); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "merged %s of event %s: %s into %s\n", count(len(exports), "file"), termsafe.String(opts.EventID),
		count(len(all), "check-in"), *out)
	printKioskCounts(stdout, per)
	for _, r := range refused {
		fmt.Fprintf(stdout, "refused: %s\n", termsafe.String(r))
	}
	for _, c := range conflicts {
		fmt.Fprintf(stdout, "conflict: %s\n", termsafe.String(c.Error()))
	}
	return nil
}

// mergeFormat is the output format asked for, or the one --out's
// extension suggests.
func mergeFormat(format, out string) (string, error) {
	if format == "" {
		format = "csv"
		if strings.EqualFold(filepath.Ext(out), ".json") {
			format = "json"
		}
	}
	if format != "csv" && format != "json" {
		return "", fmt.Errorf("--format %q: want csv or json", format)
	}
	return format, nil
}

// readExports reads every file and reports every refusal of a whole file
// at once, so that staff fix them all in one go rather than one per run.
// The first file's event becomes the one the others must be for. The
// records refused inside good files come back sorted, so that the same
// files give the same report in any order.
func readExports(files []string, opts *export.ReadOptions, outcome string) ([]*export.Export, []string, error) {
	var exports []*export.Export
	var errs []error
	var refused []string
	for _, f := range files {
		e, err := readExport(f, *opts)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if opts.EventID == "" {
			opts.EventID = e.EventID
		}
		exports = append(exports, e)
		for _, r := range e.Refused {
			refused = append(refused, f+": "+r.Error())
		}
	}
	if len(errs) > 0 {
		return nil, nil, fmt.Errorf("%s refused, %s:\n  %w", count(len(errs), "file"), outcome, fileErrors(errs))
	}
	sort.Strings(refused)
	return exports, refused, nil
}

// writeMerged writes the merged list atomically, with the columns of
// "kioskctl checkins", so that one reader takes both; names, countries and
// venue times need a kiosk's data folder and stay empty here.
func writeMerged(out, format string, all []data.CheckIn) error {
	recs := make([]checkInRecord, 0, len(all))
	for _, c := range all {
		recs = append(recs, checkInRecord{ID: c.ID, KioskID: c.KioskID, Seq: c.Seq, DelegateID: c.DelegateID,
			BadgeSerial: c.BadgeSerial, Purpose: string(c.Purpose), SessionID: c.SessionID, RoomID: c.RoomID,
			ScannedAt: c.ScannedAt.UTC().Format(time.RFC3339Nano), HLC: c.HLC, Method: string(c.Method),
			ClockSuspect: c.ClockSuspect, Origin: string(data.OriginExport)})
	}
	var buf bytes.Buffer
	if err := writeRecords(&buf, format, recs); err != nil {
		return err
	}
	if err := bundle.WriteFileAtomic(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", out, err)
	}
	return nil
}

// readExport reads an export file the way a kiosk reads one from a stick:
// exports come on sticks, and a link or a pipe there must not be followed.
func readExport(path string, opts export.ReadOptions) (*export.Export, error) {
	b, err := safefile.ReadFile(path, export.MaxSize)
	if err != nil {
		return nil, err
	}
	return export.ReadBytes(path, b, opts)
}

// printKioskCounts prints one line per kiosk: the records of its files,
// those new to the merge, and the check-ins taken at it.
func printKioskCounts(w io.Writer, per map[string]export.KioskCount) {
	ids := make([]string, 0, len(per))
	width := len("kiosk")
	for id := range per {
		ids = append(ids, id)
		width = max(width, len(termsafe.String(id)))
	}
	sort.Strings(ids)
	fmt.Fprintf(w, "\n%-*s  %8s  %8s  %8s\n", width, "kiosk", "in file", "new", "took")
	var conflicts []string
	for _, id := range ids {
		k := per[id]
		file, fresh := "-", "-" // a kiosk seen only in others' files
		if k.Files > 0 {
			file, fresh = fmt.Sprint(k.Records), fmt.Sprint(k.New)
		}
		fmt.Fprintf(w, "%-*s  %8s  %8s  %8d\n", width, termsafe.String(id), file, fresh, k.Took)
		if k.Conflicts > 0 {
			copies := "1 conflicting copy"
			if k.Conflicts > 1 {
				copies = fmt.Sprintf("%d conflicting copies", k.Conflicts)
			}
			conflicts = append(conflicts, fmt.Sprintf("%s: its files carried %s (see the conflicts below)", termsafe.String(id), copies))
		}
	}
	for _, c := range conflicts {
		fmt.Fprintf(w, "warning: %s\n", c)
	}
}

// parseInterleaved parses flags that may come after the files as well as
// before them ("merge a b --out c"), which the flag package alone does
// not allow: it stops at the first argument that is not a flag. After
// "--" everything is a file.
// exportFiles parses a checkins command's flags and export FILE arguments,
// in any order, with the flags it needs; at least one file.
func exportFiles(fs *flag.FlagSet, args []string, needed ...string) ([]string, error) {
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return nil, err
	}
	if err := required(fs, needed...); err != nil {
		return nil, err
	}
	if len(files) == 0 {
		fmt.Fprintf(fs.Output(), "kioskctl %s: give at least one export FILE\n", fs.Name())
		fs.Usage()
		return nil, errUsage
	}
	return files, nil
}

func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := parse(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return files, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(files, rest...), nil
		}
		files = append(files, rest[0])
		args = rest[1:]
	}
}

// samePath reports whether two paths name one file, as far as can be
// told: the same file on disk, or the same cleaned path.
func samePath(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	ai, err1 := os.Stat(a)
	bi, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ai, bi)
}

// readKioskKeys reads a kiosk_keys table (docs/sources.md): the kiosks
// enrolled for the event, whose exports are believed.
func readKioskKeys(path string) ([]data.KioskKey, error) {
	b, err := safefile.ReadFile(path, maxSmallFile)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) // Excel's "CSV UTF-8" starts with a BOM
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	if first, _, _ := bytes.Cut(b, []byte("\n")); bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		r.Comma = ';' // spreadsheets in many locales save with semicolons
	}
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: empty, want a header kiosk_id,public_key and a row per kiosk", path)
	}
	idCol, keyCol := kioskKeyColumns(rows[0])
	if idCol < 0 || keyCol < 0 {
		return nil, fmt.Errorf("%s: the header must have the columns kiosk_id and public_key", path)
	}
	var out []data.KioskKey
	seen := map[string]int{}
	for i, row := range rows[1:] {
		line := i + 2
		id, key := cell(row, idCol), cell(row, keyCol)
		if id == "" && key == "" {
			continue
		}
		if !data.ValidID(id) {
			return nil, fmt.Errorf("%s: row %d: kiosk_id %q is not a valid id", path, line, id)
		}
		if prev, ok := seen[id]; ok {
			return nil, fmt.Errorf("%s: row %d: kiosk_id %q is already on row %d", path, line, id, prev)
		}
		seen[id] = line
		pub, err := keys.ParsePublic([]byte(key))
		if err != nil {
			return nil, fmt.Errorf("%s: row %d: public_key: %w", path, line, err)
		}
		out = append(out, data.KioskKey{KioskID: id, PublicKey: pub})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: lists no kiosks", path)
	}
	return out, nil
}

// kioskKeyColumns finds the kiosk_id and public_key columns of a header,
// in any order and case; -1 when missing.
func kioskKeyColumns(header []string) (idCol, keyCol int) {
	idCol, keyCol = -1, -1
	for i, h := range header {
		switch strings.ToLower(strings.TrimSpace(h)) {
		case "kiosk_id":
			idCol = i
		case "public_key":
			keyCol = i
		}
	}
	return idCol, keyCol
}

// cell is a row's trimmed cell in column c, "" past its end.
func cell(row []string, c int) string {
	if c < len(row) {
		return strings.TrimSpace(row[c])
	}
	return ""
}

// fileErrors is several errors, one per line, indented under the message that
// introduces them; errors.Is sees each of them.
type fileErrors []error

func (l fileErrors) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n  ")
}

func (l fileErrors) Unwrap() []error { return l }
