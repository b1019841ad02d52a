package main

import (
	"crypto/ed25519"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kiosk/assets/demokey"
	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/badgepdf/pdfcheck"
	"kiosk/data/demo"
	"kiosk/data/keys"
	"kiosk/data/source"
)

// writeSources writes the demo event as staff sources, with a few
// delegates renamed to names whose letters a PDF's core fonts lack, and a
// key pair to sign them with.
func writeSources(t *testing.T, edits ...func(*data.EventData)) (src, keyPath string, pub ed25519.PublicKey, renamed map[string]string) {
	t.Helper()
	dir := t.TempDir()
	d, err := demo.Generate(demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, edit := range edits {
		edit(d)
	}
	names := []struct{ given, family, country string }{
		{"Łukasz", "Wójcik", "POL"},
		{"Thị Hương", "Nguyễn", "VNM"},
		{"Guðrún", "Jónsdóttir", "ISL"},
		{"Antonín", "Dvořák", "CZE"},
		{"Elif", "Şahin", "TUR"},
	}
	renamed = map[string]string{}
	for i, n := range names {
		p := &d.Delegates[10+i]
		p.GivenNames, p.FamilyName, p.CountryCode = n.given, n.family, n.country
		p.FamilyFirst = n.country == "VNM"
		renamed[p.ID] = p.Name()
	}
	src = filepath.Join(dir, "sources")
	if err := source.WriteDir(src, &source.Sources{Data: *d}); err != nil {
		t.Fatal(err)
	}
	pub, priv, err := keys.Generate()
	if err != nil {
		t.Fatal(err)
	}
	keyPath, _, err = keys.WritePair(filepath.Join(dir, "keys"), "event", pub, priv)
	if err != nil {
		t.Fatal(err)
	}
	return src, keyPath, pub, renamed
}

func TestBadgesScanAsTheirTokens(t *testing.T) {
	src, keyPath, pub, renamed := writeSources(t)
	ids := []string{"D000011", "D000012", "D000013", "D000014", "D000015", "D000003"}
	for _, id := range ids[:5] {
		if renamed[id] == "" {
			t.Fatalf("%s was not renamed", id)
		}
	}
	pdf := filepath.Join(t.TempDir(), "badges.pdf")
	args := []string{"badges", "--src", src, "--key", keyPath, "--out", pdf, "--serial", "5000"}
	for _, id := range ids {
		args = append(args, "--delegate", id)
	}
	code, out, errOut := kioskctl(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "wrote 6 badges on 2 pages") || !strings.Contains(out, "serials 5000 to 5005") {
		t.Errorf("output %q", out)
	}
	if errOut != "" {
		t.Errorf("stderr %q", errOut)
	}

	// What each badge should hold: its token as "kioskctl token" prints it
	// with the same serial.
	want := map[string]string{}
	for i, id := range ids {
		code, tok, errOut := kioskctl(t, "token", "--src", src, "--key", keyPath, "--delegate", id, "--serial", fmt.Sprint(5000+i))
		if code != 0 {
			t.Fatalf("token %s: exit %d: %s", id, code, errOut)
		}
		want[id] = strings.TrimSpace(tok)
	}
	now := duringDemo(t)
	v := &badge.Verifier{EventID: demoEventID, Trusted: []ed25519.PublicKey{pub}, Now: func() time.Time { return now }}
	for page, onPage := range [][]string{ids[:4], ids[4:]} {
		got := pdfcheck.ScanPage(t, pdf, page+1)
		if len(got) != len(onPage) {
			t.Errorf("page %d: %d codes scanned, want %d: %q", page+1, len(got), len(onPage), got)
		}
		seen := map[string]bool{}
		for _, tok := range got {
			res, err := v.Verify(tok)
			if err != nil {
				t.Errorf("page %d: a scanned code does not verify: %v", page+1, err)
				continue
			}
			id := res.DelegateID
			if !slices.Contains(onPage, id) || seen[id] {
				t.Errorf("page %d: code of %s, want one each of %v", page+1, id, onPage)
			}
			seen[id] = true
			if tok != want[id] {
				t.Errorf("page %d: the code of %s is not its token:\n got %s\nwant %s", page+1, id, tok, want[id])
			}
		}
	}

	text := strings.Join(strings.Fields(pdfcheck.Text(t, pdf)), " ")
	for _, name := range append(slices.Collect(maps.Values(renamed)), "Jürgen Stock", "Vietnam", "Iceland", "Czech Republic") {
		if !strings.Contains(text, name) {
			t.Errorf("the PDF's text lacks %q", name)
		}
	}
}

func TestBadgesDemoDefaults(t *testing.T) {
	pdf := filepath.Join(t.TempDir(), "badges.pdf")
	code, _, errOut := kioskctl(t, "badges", "--demo", "--out", pdf, "--delegate", "D000003", "--delegate", "D000294", "--delegate", "D000310")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	now := duringDemo(t)
	v := &badge.Verifier{EventID: demoEventID, Trusted: []ed25519.PublicKey{demokey.Public()}, Now: func() time.Time { return now }}
	serials := map[string]uint32{}
	for _, tok := range pdfcheck.ScanPage(t, pdf, 1) {
		res, err := v.Verify(tok)
		if err != nil {
			t.Fatalf("does not verify: %v", err)
		}
		serials[res.DelegateID] = res.Serial
	}
	// Serials are the delegates' places in the list, whichever are chosen.
	if want := map[string]uint32{"D000003": 3, "D000294": 294, "D000310": 310}; fmt.Sprint(serials) != fmt.Sprint(want) {
		t.Errorf("scanned %v, want %v", serials, want)
	}
	text := pdfcheck.Text(t, pdf)
	for _, name := range []string{"Jürgen Stock", "Wójcik", "Yusuf Şahin"} {
		if !strings.Contains(text, name) {
			t.Errorf("the PDF's text lacks %q", name)
		}
	}
}

func TestBadgesWarnOfLettersTheFontLacks(t *testing.T) {
	src, keyPath, _, _ := writeSources(t, func(d *data.EventData) {
		d.Delegates[19].GivenNames, d.Delegates[19].FamilyName, d.Delegates[19].FamilyFirst = "伟", "王", true
	})
	pdf := filepath.Join(t.TempDir(), "badges.pdf")
	code, _, errOut := kioskctl(t, "badges", "--src", src, "--key", keyPath, "--out", pdf, "--delegate", "D000020", "--delegate", "D000003")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "D000020") || !strings.Contains(errOut, "U+738B") || !strings.Contains(errOut, "U+4F1F") || strings.Contains(errOut, "D000003") {
		t.Errorf("warning %q", errOut)
	}
	if _, err := os.Stat(pdf); err != nil {
		t.Error(err)
	}
}

func TestBadgesMistakes(t *testing.T) {
	dir := t.TempDir()
	pdf := filepath.Join(dir, "badges.pdf")
	code, _, errOut := kioskctl(t, "badges", "--demo", "--out", pdf, "--delegate", "D000003", "--delegate", "NOPE1", "--delegate", "D000004", "--delegate", "NOPE2")
	if code != 1 || !strings.Contains(errOut, `"NOPE1"`) || !strings.Contains(errOut, `"NOPE2"`) || strings.Contains(errOut, "D000003") {
		t.Errorf("unknown delegates: exit %d, %q", code, errOut)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files written despite the mistake: %v", entries)
	}
	if code, _, errOut := kioskctl(t, "badges", "--demo"); code != 2 || !strings.Contains(errOut, "--out is required") {
		t.Errorf("no --out: exit %d, %q", code, errOut)
	}
	if code, _, errOut := kioskctl(t, "badges", "--out", pdf); code != 2 || !strings.Contains(errOut, "--demo") {
		t.Errorf("no event: exit %d, %q", code, errOut)
	}
	if code, _, errOut := kioskctl(t, "badges", "--demo", "--out", pdf, "--serial", "4294967295", "--delegate", "D000003", "--delegate", "D000004"); code != 1 || !strings.Contains(errOut, "serials") {
		t.Errorf("serials past 32 bits: exit %d, %q", code, errOut)
	}
}

func TestStaffCommandsListedWithUsage(t *testing.T) {
	code, out, _ := kioskctl(t, "--help")
	if code != 0 {
		t.Fatalf("--help: exit %d", code)
	}
	for _, c := range []struct{ name, flag string }{{"keygen", "--name"}, {"token", "--delegate"}, {"badges", "--out"}} {
		if !strings.Contains(out, "\n  "+c.name+" ") {
			t.Errorf("--help does not list %s:\n%s", c.name, out)
		}
		code, _, errOut := kioskctl(t, c.name, "--help")
		if code != 0 || !strings.Contains(errOut, "Usage: kioskctl "+c.name) || !strings.Contains(errOut, c.flag[2:]) {
			t.Errorf("%s --help: exit %d, %q", c.name, code, errOut)
		}
	}
}
