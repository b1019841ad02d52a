package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/checkin"
	"kiosk/data/export"
	"kiosk/data/keys"
	"kiosk/data/store"
)

func mergeRun(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// testKiosk stands in for a kiosk: its key and the check-ins it takes.
type testKiosk struct {
	id  string
	key ed25519.PrivateKey
	seq int64
}

func newTestKiosk(t *testing.T) *testKiosk {
	t.Helper()
	pub, priv, err := keys.Generate()
	if err != nil {
		t.Fatal(err)
	}
	return &testKiosk{id: keys.KioskID(pub), key: priv}
}

var mergeClock = time.Date(2016, 11, 8, 2, 15, 0, 0, time.UTC).UnixMilli() << 16

func (k *testKiosk) take(delegate string) data.CheckIn {
	k.seq++
	mergeClock += 1 << 16
	var id [16]byte
	rand.Read(id[:])
	return data.CheckIn{ID: hex.EncodeToString(id[:]), EventID: demoEventID, KioskID: k.id, Seq: k.seq,
		DelegateID: delegate, BadgeSerial: 3, Purpose: data.PurposeArrival, ScannedAt: time.UnixMilli(mergeClock >> 16).UTC(),
		HLC: mergeClock, Method: data.MethodScan, Origin: data.OriginHere}
}

func (k *testKiosk) export(t *testing.T, dir string, list []data.CheckIn, at time.Time) string {
	t.Helper()
	path := filepath.Join(dir, export.FileName(k.id, at))
	if err := export.Write(path, demoEventID, k.key, k.id, list, at); err != nil {
		t.Fatal(err)
	}
	return path
}

func (k *testKiosk) keyRow() string {
	return k.id + "," + keys.EncodeBase64(k.key.Public().(ed25519.PublicKey)) + "\n"
}

// threeKiosks writes the exports of two kiosks: a took two check-ins, b
// took one and relays a's first and one of c, which never exported.
func threeKiosks(t *testing.T) (a, b, c *testKiosk, fa, fb string) {
	t.Helper()
	a, b, c = newTestKiosk(t), newTestKiosk(t), newTestKiosk(t)
	a1, a2 := a.take("D000001"), a.take("D000002")
	c1 := c.take("D000004")
	b1 := b.take("D000003")
	stick := t.TempDir()
	at := time.Date(2016, 11, 8, 10, 15, 0, 0, time.UTC)
	fa = a.export(t, stick, []data.CheckIn{a1, a2}, at)
	fb = b.export(t, stick, []data.CheckIn{a1, c1, b1}, at.Add(time.Minute))
	return a, b, c, fa, fb
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestCheckInsMerge(t *testing.T) {
	a, b, c, fa, fb := threeKiosks(t)
	out := filepath.Join(t.TempDir(), "all.csv")
	code, stdout, stderr := mergeRun("checkins", "merge", fb, fa, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := readCSV(t, out)
	if len(rows) != 5 || strings.Join(rows[0], ",") != strings.Join(checkInHeader, ",") {
		t.Fatalf("csv: %v", rows)
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, r[1]+"#"+r[2]+" "+r[3])
	}
	// In clock order, which is the order they were taken.
	if want := a.id + "#1 D000001," + a.id + "#2 D000002," + c.id + "#1 D000004," + b.id + "#1 D000003"; strings.Join(got, ",") != want {
		t.Fatalf("rows %v\nwant %s", got, want)
	}
	if r := rows[1]; r[15] != "export" || !strings.HasSuffix(r[10], "Z") || r[13] != "scan" {
		t.Fatalf("row %v", r)
	}
	if !strings.Contains(stdout, "merged 2 files of event "+demoEventID+": 4 check-ins into "+out) {
		t.Fatalf("stdout %q", stdout)
	}
	// The table: a's file held 2, both new; b's held 3, 2 new (a's first
	// came in a's earlier file); c exported nothing but took one.
	for _, want := range [][]string{{"kiosk", "in", "file", "new", "took"}, {a.id, "2", "2", "2"}, {b.id, "3", "2", "1"}, {c.id, "-", "-", "1"}} {
		found := false
		for _, line := range strings.Split(stdout, "\n") {
			if strings.Join(strings.Fields(line), " ") == strings.Join(want, " ") {
				found = true
			}
		}
		if !found {
			t.Errorf("no line %v in\n%s", want, stdout)
		}
	}
	// Columns line up.
	lines := strings.Split(strings.TrimSpace(stdout[strings.Index(stdout, "\n\n")+2:]), "\n")
	for _, l := range lines[1:] {
		if len(l) != len(lines[0]) {
			t.Errorf("table not aligned:\n%s", strings.Join(lines, "\n"))
			break
		}
	}

	// The same files again, in any order and twice over, give the same list.
	out2 := filepath.Join(t.TempDir(), "again.csv")
	if code, _, stderr := mergeRun("checkins", "merge", "--out", out2, fa, fb, fa); code != 0 {
		t.Fatalf("again: %s", stderr)
	}
	b1, _ := os.ReadFile(out)
	b2, _ := os.ReadFile(out2)
	if !bytes.Equal(b1, b2) {
		t.Fatalf("merge depends on order:\n%s\n%s", b1, b2)
	}
}

func TestCheckInsMergeJSON(t *testing.T) {
	_, _, _, fa, fb := threeKiosks(t)
	dir := t.TempDir()
	for _, c := range []struct {
		out  string
		args []string
	}{
		{"a.txt", []string{"--format", "json", "--out", filepath.Join(dir, "a.txt"), fa, fb}},
		{"b.json", []string{fa, "--out", filepath.Join(dir, "b.json"), "--", fb}}, // json by the extension
	} {
		if code, _, stderr := mergeRun(append([]string{"checkins", "merge"}, c.args...)...); code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, stderr)
		}
		var recs []checkInRecord
		b, _ := os.ReadFile(filepath.Join(dir, c.out))
		if err := json.Unmarshal(b, &recs); err != nil || len(recs) != 4 || recs[0].DelegateID != "D000001" {
			t.Fatalf("%v: %v %+v", c.args, err, recs)
		}
	}
}

func TestCheckInsMergeEnrolledKiosks(t *testing.T) {
	a, b, _, fa, fb := threeKiosks(t)
	dir := t.TempDir()
	// Enrolled under labels of the staff's choosing: keys decide.
	both := filepath.Join(dir, "kiosk_keys.csv")
	writeFile(t, both, []byte("\xef\xbb\xbfkiosk_id,public_key\n"+
		strings.Replace(a.keyRow(), a.id, "kiosk-01", 1)+strings.Replace(b.keyRow(), b.id, "kiosk-02", 1)))
	out := filepath.Join(dir, "all.csv")
	if code, _, stderr := mergeRun("checkins", "merge", fa, fb, "--kiosks", both, "--out", out); code != 0 {
		t.Fatalf("enrolled: exit %d: %s", code, stderr)
	}
	onlyA := filepath.Join(dir, "only_a.csv")
	writeFile(t, onlyA, []byte("public_key;kiosk_id\n"+keys.EncodeBase64(a.key.Public().(ed25519.PublicKey))+";"+a.id+"\n"))
	os.Remove(out)
	code, _, stderr := mergeRun("checkins", "merge", fa, fb, "--kiosks", onlyA, "--out", out)
	if code != 1 || !strings.Contains(stderr, fb) || !strings.Contains(stderr, b.id) || !strings.Contains(stderr, "not enrolled") ||
		strings.Contains(stderr, fa) {
		t.Fatalf("b not enrolled: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a merge was written despite a refused file")
	}
	for body, msg := range map[string]string{
		"kiosk_id,key\nk1,x\n":                            "columns kiosk_id and public_key",
		"kiosk_id,public_key\nk1,AAAA\n":                  "row 2: public_key",
		"kiosk_id,public_key\n":                           "lists no kiosks",
		"kiosk_id,public_key\n" + a.keyRow() + a.keyRow(): "already on row 2",
		"kiosk_id,public_key\na b,AAAA\n":                 "row 2: kiosk_id",
	} {
		bad := filepath.Join(dir, "bad.csv")
		writeFile(t, bad, []byte(body))
		if code, _, stderr := mergeRun("checkins", "merge", fa, "--kiosks", bad, "--out", out); code != 1 ||
			!strings.Contains(stderr, bad) || !strings.Contains(stderr, msg) {
			t.Errorf("%q: exit %d: %s", body, code, stderr)
		}
	}
}

func TestCheckInsMergeRefusesBadFiles(t *testing.T) {
	_, _, _, fa, fb := threeKiosks(t)
	dir := t.TempDir()
	tampered := filepath.Join(dir, "tampered.kcheckins")
	b, _ := os.ReadFile(fa)
	b[len(b)/2] ^= 1
	writeFile(t, tampered, b)
	cut := filepath.Join(dir, "cut.kcheckins")
	b, _ = os.ReadFile(fb)
	writeFile(t, cut, b[:len(b)-10])
	out := filepath.Join(dir, "all.csv")
	code, _, stderr := mergeRun("checkins", "merge", fa, tampered, cut, "--out", out)
	if code != 1 || !strings.Contains(stderr, "2 files refused") || !strings.Contains(stderr, tampered) ||
		!strings.Contains(stderr, cut) || strings.Contains(stderr, fa+":") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("written despite refused files")
	}
	if code, _, stderr := mergeRun("checkins", "merge", fa, filepath.Join(dir, "missing.kcheckins"), "--out", out); code != 1 ||
		!strings.Contains(stderr, "missing.kcheckins") {
		t.Fatalf("missing file: exit %d: %s", code, stderr)
	}

	// Another event's file, after one of this event: refused by name.
	k := newTestKiosk(t)
	other := filepath.Join(dir, "other.kcheckins")
	c := k.take("D000001")
	c.EventID = "another-event"
	if err := export.Write(other, "another-event", k.key, k.id, []data.CheckIn{c}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := mergeRun("checkins", "merge", fa, other, "--out", out); code != 1 ||
		!strings.Contains(stderr, other) || !strings.Contains(stderr, "another event") {
		t.Fatalf("other event: exit %d: %s", code, stderr)
	}
	if code, _, stderr := mergeRun("checkins", "merge", fa, "--event", "another-event", "--out", out); code != 1 ||
		!strings.Contains(stderr, fa) {
		t.Fatalf("--event: exit %d: %s", code, stderr)
	}
}

func TestCheckInsMergeUsage(t *testing.T) {
	_, _, _, fa, _ := threeKiosks(t)
	out := filepath.Join(t.TempDir(), "all.csv")
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{fa}, 2, "--out is required"},
		{[]string{"--out", out}, 2, "at least one export FILE"},
		{[]string{fa, "--out", out, "--nope"}, 2, "flag provided but not defined"},
		{[]string{fa, "--out", out, "--format", "xml"}, 1, `--format "xml"`},
		{[]string{fa, "--out", fa}, 1, "is one of the files"},
		{[]string{"--help"}, 0, "Usage: kioskctl checkins merge"},
	} {
		code, _, stderr := mergeRun(append([]string{"checkins", "merge"}, c.args...)...)
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: exit %d, want %d: %s", c.args, code, c.code, stderr)
		}
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("written by a mistaken command")
	}
	// "checkins" alone is still the other command.
	if code, _, stderr := mergeRun("checkins", "--help"); code != 0 || strings.Contains(stderr, "merge") {
		t.Fatalf("checkins --help: %d %s", code, stderr)
	}
}

// TestCheckInsMergeRealKiosks exports from real kiosk data folders: the
// first kiosk's own check-in, and a second kiosk that imported the first
// one's export and so relays it. The merge has it once.
func TestCheckInsMergeRealKiosks(t *testing.T) {
	ctx := context.Background()
	dirA, _ := demoKioskWithCheckIn(t)
	stick := t.TempDir()
	at := time.Date(2016, 11, 8, 10, 20, 0, 0, time.UTC)

	exportFrom := func(dir string) (string, string) {
		t.Helper()
		s, err := openDataDir(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		e, err := s.Event(ctx)
		if err != nil {
			t.Fatal(err)
		}
		id, err := s.Identity(ctx)
		if err != nil {
			t.Fatal(err)
		}
		list, err := s.CheckIns(ctx, store.CheckInFilter{EventID: e.ID})
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(stick, export.FileName(id.KioskID, at))
		if err := export.Write(path, e.ID, id.Key, id.KioskID, list, at); err != nil {
			t.Fatal(err)
		}
		return path, id.KioskID
	}
	fa, kioskA := exportFrom(dirA)

	dirB := t.TempDir()
	if code, _, stderr := mergeRun("demo", "--data", dirB); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	s, err := openDataDir(ctx, dirB)
	if err != nil {
		t.Fatal(err)
	}
	e, err := export.Read(fa, export.ReadOptions{EventID: demoEventID})
	if err != nil {
		t.Fatal(err)
	}
	pk, err := checkin.New(s, nil).PurposeKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if in, err := s.AddCheckIns(ctx, e.CheckIns, pk, data.OriginExport); err != nil || in.Taken != 1 {
		t.Fatalf("import into b: %+v %v", in, err)
	}
	s.Close()
	at = at.Add(time.Minute)
	fb, kioskB := exportFrom(dirB)

	out := filepath.Join(t.TempDir(), "all.csv")
	code, stdout, stderr := mergeRun("checkins", "merge", fa, fb, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := readCSV(t, out)
	if len(rows) != 2 || rows[1][3] != "D000003" || rows[1][1] != kioskA {
		t.Fatalf("rows %v", rows)
	}
	if !strings.Contains(stdout, "1 check-in into") || !strings.Contains(stdout, kioskB) {
		t.Fatalf("stdout %s", stdout)
	}
}

// A file from an enrolled kiosk, dated before the genuine one, that reuses
// another kiosk's check-in id with other content does not replace the
// genuine check-in: the merge keeps the genuine copy, whatever the order
// of the files, and reports the other the same way each time.
func TestCheckInsMergeKeepsTheGenuineCheckInAgainstAnOlderForgedFile(t *testing.T) {
	a, b := newTestKiosk(t), newTestKiosk(t)
	a1, a2 := a.take("D000001"), a.take("D000002")
	forged := a1
	forged.DelegateID = "D999999"
	stick := t.TempDir()
	at := time.Date(2016, 11, 8, 10, 15, 0, 0, time.UTC)
	fa := a.export(t, stick, []data.CheckIn{a1, a2}, at)
	fb := b.export(t, stick, []data.CheckIn{forged, b.take("D000003")}, at.Add(-72*time.Hour))
	enrolled := filepath.Join(t.TempDir(), "kiosk_keys.csv")
	writeFile(t, enrolled, []byte("kiosk_id,public_key\n"+a.keyRow()+b.keyRow()))

	// Without the enrolled kiosks, a's key comes from a's own file and the
	// forged copy is a conflict; with them, reading b's file already
	// refuses it.
	for _, c := range []struct {
		args   []string
		report string
	}{
		{nil, "conflict: check-in " + a1.ID},
		{[]string{"--kiosks", enrolled}, "refused: " + fb + ": check-in 1 of the file (id \"" + a1.ID + "\""},
	} {
		var outputs, reports []string
		for _, files := range [][]string{{fa, fb}, {fb, fa}} {
			out := filepath.Join(t.TempDir(), "all.csv")
			code, stdout, stderr := mergeRun(append(append([]string{"checkins", "merge", "--out", out}, c.args...), files...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			rows := readCSV(t, out)
			found := false
			for _, r := range rows[1:] {
				if r[0] == a1.ID {
					found = true
					if r[3] != "D000001" || r[1] != a.id {
						t.Fatalf("check-in %s became %v", a1.ID, r)
					}
				}
			}
			if !found || len(rows) != 4 {
				t.Fatalf("rows %v", rows)
			}
			if !strings.Contains(stdout, c.report) {
				t.Fatalf("the forged copy is not reported as %q:\n%s", c.report, stdout)
			}
			b, _ := os.ReadFile(out)
			outputs = append(outputs, string(b))
			reports = append(reports, stdout[strings.Index(stdout, "\n"):])
		}
		if outputs[0] != outputs[1] || reports[0] != reports[1] {
			t.Fatalf("the order of the files changes the result:\n%s\n%s", reports[0], reports[1])
		}
	}
}

// resignExport rewrites one field of every check-in of an export file and
// signs it again with the kiosk's real key, keeping the writer's member
// order: what a broken or dishonest enrolled kiosk can write.
func resignExport(t *testing.T, path string, key ed25519.PrivateKey, field string, value any) {
	t.Helper()
	b, _ := os.ReadFile(path)
	var env map[string]string
	if err := json.Unmarshal(b, &env); err != nil {
		t.Fatal(err)
	}
	pb, _ := base64.StdEncoding.DecodeString(env["payload"])
	v, _ := json.Marshal(value)
	// Every record's field, as the writer spelt it.
	re := regexp.MustCompile(`"` + field + `":("[^"]*"|-?[0-9]+)`)
	pb = re.ReplaceAll(pb, []byte(`"`+field+`":`+string(v)))
	sig := ed25519.Sign(key, append([]byte("kiosk-checkins-export-v1\x00"), pb...))
	out, _ := json.Marshal(struct {
		Format    string `json:"format"`
		Payload   string `json:"payload"`
		Signature string `json:"signature"`
	}{env["format"], base64.StdEncoding.EncodeToString(pb), base64.StdEncoding.EncodeToString(sig)})
	writeFile(t, path, out)
}

// A genuine file whose records break the rules is merged record by
// record: its bad records are left out and named, the other files' are
// merged (it used to stop the whole merge).
func TestCheckInsMergeLeavesOutRecordsThatBreakTheRules(t *testing.T) {
	a, b := newTestKiosk(t), newTestKiosk(t)
	stick := t.TempDir()
	at := time.Date(2016, 11, 8, 10, 15, 0, 0, time.UTC)
	fa := a.export(t, stick, []data.CheckIn{a.take("D000001")}, at)
	fb := b.export(t, stick, []data.CheckIn{b.take("D000002"), b.take("D000003")}, at)
	resignExport(t, fb, b.key, "room_id", "hall a")
	out := filepath.Join(t.TempDir(), "all.csv")
	code, stdout, stderr := mergeRun("checkins", "merge", fa, fb, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if rows := readCSV(t, out); len(rows) != 2 || rows[1][1] != a.id {
		t.Fatalf("rows %v", rows)
	}
	for _, n := range []string{"1", "2"} {
		if !strings.Contains(stdout, "refused: "+fb+": check-in "+n+" of the file") || !strings.Contains(stdout, `room id "hall a"`) {
			t.Fatalf("record %s not reported:\n%s", n, stdout)
		}
	}
}
