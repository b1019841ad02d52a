package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiosk/assets/demokey"
	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/checkin"
	"kiosk/data/keys"
	"kiosk/data/kioskdir"
)

// demoKioskWithCheckIn makes a demo data folder and checks Jürgen Stock
// in at it; it returns the folder and his check-in code.
func demoKioskWithCheckIn(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := run([]string{"demo", "--data", dir}, &out, &errb); code != 0 {
		t.Fatalf("demo: %s", errb.String())
	}
	ctx := context.Background()
	o, err := kioskdir.Open(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Store.Close()
	if err := o.Store.Trust(ctx, demokey.Public(), "demo"); err != nil {
		t.Fatal(err)
	}
	venue, _ := time.LoadLocation("Asia/Makassar")
	now := time.Date(2016, 11, 8, 10, 15, 0, 0, venue)
	desk := checkin.New(o.Store, func() time.Time { return now })
	tok, err := badge.Issue(demokey.Private(), badge.Claims{EventID: "interpol-ga85-2016", DelegateID: "D000003", Serial: 3,
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
	return dir, code
}

func TestCheckInsListsCSVAndJSON(t *testing.T) {
	dir, _ := demoKioskWithCheckIn(t)
	var out, errb bytes.Buffer
	if code := run([]string{"checkins", "--data", dir}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("csv: %d rows, %v", len(rows), err)
	}
	if rows[1][3] != "D000003" || rows[1][4] != "Dr Jürgen Stock" || rows[1][11] != "2016-11-08 10:15:00 WITA" {
		t.Fatalf("row %v", rows[1])
	}
	out.Reset()
	if code := run([]string{"checkins", "--data", dir, "--format", "json"}, &out, &errb); code != 0 {
		t.Fatalf("json exit %d", code)
	}
	var recs []checkInRecord
	if err := json.Unmarshal(out.Bytes(), &recs); err != nil || len(recs) != 1 || recs[0].Country != "Germany" {
		t.Fatalf("json: %+v %v", recs, err)
	}
	errb.Reset()
	if code := run([]string{"checkins", "--data", filepath.Join(dir, "nope")}, &out, &errb); code != 1 ||
		!strings.Contains(errb.String(), "not a kiosk data folder") {
		t.Fatalf("missing folder: %d %q", code, errb.String())
	}
	if code := run([]string{"checkins", "--data", dir, "--format", "xml"}, &out, &errb); code != 1 {
		t.Fatalf("bad format: %d", code)
	}
}

func TestReceiptVerify(t *testing.T) {
	dir, code := demoKioskWithCheckIn(t)
	var out, errb bytes.Buffer
	if c := run([]string{"receipt", "verify", "--data", dir, code}, &out, &errb); c != 0 {
		t.Fatalf("exit %d: %s", c, errb.String())
	}
	if !strings.Contains(out.String(), "valid check-in code") || !strings.Contains(out.String(), "Dr Jürgen Stock") ||
		!strings.Contains(out.String(), "2016-11-08 10:15:00 WITA") {
		t.Fatalf("output %q", out.String())
	}
	// One changed letter is not valid.
	bad := code[:40] + map[bool]string{true: "C", false: "B"}[code[40] == 'B'] + code[41:]
	errb.Reset()
	if c := run([]string{"receipt", "verify", "--data", dir, bad}, &out, &errb); c != 1 || !strings.Contains(errb.String(), "not valid") {
		t.Fatalf("tampered code: %d %q", c, errb.String())
	}
	// With a kiosk key that did not sign it.
	other, _, _ := keys.Generate()
	pem, _ := keys.EncodePublic(other)
	pubFile := filepath.Join(t.TempDir(), "k.pub")
	writeFile(t, pubFile, pem)
	errb.Reset()
	if c := run([]string{"receipt", "verify", "--pub", pubFile, "--event", "interpol-ga85-2016", code}, &out, &errb); c != 1 ||
		!strings.Contains(errb.String(), "does not know") {
		t.Fatalf("wrong key: %d %q", c, errb.String())
	}
	if c := run([]string{"receipt", "verify", code}, &out, &errb); c != 2 {
		t.Fatalf("no key source: %d", c)
	}
}

func writeFile(t *testing.T, path string, body []byte) {
	t.Helper()
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
}
