package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kiosk/data"
	"kiosk/data/kioskdir"
	"kiosk/data/pinhash"
)

// ctl runs kioskctl and returns its exit code and output.
func ctl(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestBundleBuildVerifyInspectImport(t *testing.T) {
	dir := t.TempDir()
	src, keyDir, file, kiosk := filepath.Join(dir, "src"), filepath.Join(dir, "keys"), filepath.Join(dir, "ev.kbundle"), filepath.Join(dir, "kiosk")
	if code, _, e := ctl(t, "demo", "--delegates", "500", "--sessions", "80", "--out", src); code != 0 {
		t.Fatal(e)
	}
	if code, _, e := ctl(t, "keygen", "--out", keyDir); code != 0 {
		t.Fatal(e)
	}
	code, out, e := ctl(t, "bundle", "build", "--src", src, "--key", filepath.Join(keyDir, "event.key"), "--out", file, "--version", "7")
	if code != 0 || !strings.Contains(out, "version 7") || !strings.Contains(out, "500 delegates") {
		t.Fatalf("build: %d %q %q", code, out, e)
	}
	// The file may come before the flags too, as the README writes it.
	code, out, e = ctl(t, "bundle", "verify", file, "--pub", filepath.Join(keyDir, "event.pub"))
	if code != 0 || !strings.Contains(out, "is valid") {
		t.Fatalf("verify: %d %q %q", code, out, e)
	}
	code, out, _ = ctl(t, "bundle", "inspect", file)
	if code != 0 || !strings.Contains(out, "version  7") || !strings.Contains(out, "delegates.csv") || !strings.Contains(out, "fingerprint") {
		t.Fatalf("inspect: %d %q", code, out)
	}
	// Without --trust a new kiosk refuses the bundle and names the key.
	code, _, e = ctl(t, "bundle", "import", "--data", kiosk, file)
	if code != 1 || !strings.Contains(e, "does not trust") || !strings.Contains(e, "fingerprint") {
		t.Fatalf("import without trust: %d %q", code, e)
	}
	code, out, e = ctl(t, "bundle", "import", file, "--data", kiosk, "--trust", filepath.Join(keyDir, "event.pub"))
	if code != 0 || !strings.Contains(out, "installed interpol-ga85-2016 version 7") {
		t.Fatalf("import: %d %q %q", code, out, e)
	}
	code, _, e = ctl(t, "bundle", "import", "--data", kiosk, file)
	if code != 1 || !strings.Contains(e, "already installed") {
		t.Fatalf("same version again: %d %q", code, e)
	}
	o, err := kioskdir.Open(context.Background(), kiosk, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Store.Close()
	if page, _ := o.Store.SearchDelegates(context.Background(), data.DirectoryQuery{}); page.Total == 0 {
		t.Fatal("nothing installed")
	}
	// A key that did not sign it fails verification.
	other := filepath.Join(dir, "other")
	ctl(t, "keygen", "--out", other)
	if code, _, e := ctl(t, "bundle", "verify", "--pub", filepath.Join(other, "event.pub"), file); code != 1 || !strings.Contains(e, "does not trust") {
		t.Fatalf("verify with another key: %d %q", code, e)
	}
}

func TestBundleBuildReportsSourceProblemsAndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	src, keyDir, file := filepath.Join(dir, "src"), filepath.Join(dir, "keys"), filepath.Join(dir, "ev.kbundle")
	ctl(t, "demo", "--delegates", "50", "--out", src)
	ctl(t, "keygen", "--out", keyDir)
	sessions := filepath.Join(src, "sessions.csv")
	b, _ := os.ReadFile(sessions)
	lines := strings.Split(string(b), "\n")
	lines[3] = strings.Replace(lines[3], ",nusa-dua-hall,", ",no-such-room,", 1)
	lines[3] = strings.Replace(lines[3], ",badung,", ",no-such-room,", 1)
	lines[3] = strings.Replace(lines[3], ",main-lobby,", ",no-such-room,", 1)
	os.WriteFile(sessions, []byte(strings.Join(lines, "\n")), 0o644)
	code, _, e := ctl(t, "bundle", "build", "--src", src, "--key", filepath.Join(keyDir, "event.key"), "--out", file)
	if code != 1 || !strings.Contains(e, `sessions.csv row 4, column "room": unknown room "no-such-room"`) || !strings.Contains(e, "nothing was written") {
		t.Fatalf("build with a bad row: %d %q", code, e)
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Fatal("a bundle was written despite the problem")
	}
}

func TestPINHash(t *testing.T) {
	code, out, e := ctl(t, "pin-hash", "--pin", "482916")
	if code != 0 || !pinhash.Matches(strings.TrimSpace(out), "482916") {
		t.Fatalf("pin-hash: %d %q %q", code, out, e)
	}
	if code, _, e := ctl(t, "pin-hash", "--pin", "12ab"); code != 1 || !strings.Contains(e, "digits only") {
		t.Fatalf("bad PIN: %d %q", code, e)
	}
}
