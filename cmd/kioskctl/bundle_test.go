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
	code, out, e := ctl(t, "pin-hash")
	h := strings.TrimSpace(out)
	if code != 0 || pinhash.ValidHash(h) != nil {
		t.Fatalf("pin-hash: %d %q %q", code, out, e)
	}
	// The PIN is shown once, grouped 4-4-4, and it is the one hashed.
	i := strings.Index(e, "staff PIN: ")
	if i < 0 || len(e) < i+11+14 {
		t.Fatalf("no PIN shown: %q", e)
	}
	shown := e[i+11 : i+11+14]
	if shown[4] != ' ' || shown[9] != ' ' || !pinhash.Matches(h, pinhash.Normalize(shown)) {
		t.Fatalf("shown PIN %q does not match the hash", shown)
	}
	if code, out, e := ctl(t, "pin-hash", "--pin", "3141 5926 5358"); code != 0 || !pinhash.Matches(strings.TrimSpace(out), "314159265358") {
		t.Fatalf("a 12-digit PIN of one's own: %d %q %q", code, out, e)
	}
	if code, _, e := ctl(t, "pin-hash", "--pin", "12ab"); code != 1 || !strings.Contains(e, "digits only") {
		t.Fatalf("bad PIN: %d %q", code, e)
	}
}

// A short PIN in a bundle falls to a brute force from a copy of the bundle
// (a 4-digit one took under three minutes on a 2-core machine): kioskctl
// refuses to make its hash, and the bundle builder refuses one made
// elsewhere, naming the file and column.
func TestShortBundlePINIsRefused(t *testing.T) {
	if code, out, e := ctl(t, "pin-hash", "--pin", "482916"); code != 1 || out != "" || !strings.Contains(e, "12 digits") {
		t.Fatalf("pin-hash of a 6-digit PIN: %d %q %q", code, out, e)
	}
	dir := t.TempDir()
	src, keyDir, file := filepath.Join(dir, "src"), filepath.Join(dir, "keys"), filepath.Join(dir, "ev.kbundle")
	ctl(t, "demo", "--delegates", "50", "--out", src)
	ctl(t, "keygen", "--out", keyDir)
	short, err := pinhash.Hash("482916")
	if err != nil {
		t.Fatal(err)
	}
	// The form hashes had before they said their PIN's length.
	old := "argon2id$v=19$m=32768,t=2,p=1$gIOXP/FYZkweyRFZTWoqfA$eIrRfYK6HIX0aJDs2Kyaoon58yqkOCfAz4Pa9U/edVA"
	for _, h := range []string{short, old} {
		event := filepath.Join(src, "event.csv")
		b, err := os.ReadFile(event)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		at := strings.Index(lines[1], `"argon2id$`) // a quoted column
		end := strings.Index(lines[1][at+1:], `"`)
		if at < 0 || end < 0 {
			t.Fatalf("no PIN hash in %q", lines[1])
		}
		lines[1] = lines[1][:at] + `"` + h + `"` + lines[1][at+end+2:]
		os.WriteFile(event, []byte(strings.Join(lines, "\n")), 0o644)
		code, _, e := ctl(t, "bundle", "build", "--src", src, "--key", filepath.Join(keyDir, "event.key"), "--out", file)
		if code != 1 || !strings.Contains(e, "event.csv") || !strings.Contains(e, "staff_pin_hash") || !strings.Contains(e, "has 12 digits") {
			t.Fatalf("build with hash %q: %d %q", h, code, e)
		}
		if _, err := os.Stat(file); !os.IsNotExist(err) {
			t.Fatal("a bundle was written with a short PIN's hash")
		}
	}
}

// TestBundleCarriesTheHub: the hub and key fingerprint in the event's
// sources travel in the bundle; build and verify say so, and a kiosk
// that imports it keeps them as its hub.
func TestBundleCarriesTheHub(t *testing.T) {
	pin := "sha256:" + strings.Repeat("c3", 32)
	src, keyPath, _, _ := writeSources(t, func(d *data.EventData) {
		d.Event.HubURL, d.Event.HubFingerprint = "https://10.0.0.2:8090", pin
	})
	dir := t.TempDir()
	file, kiosk := filepath.Join(dir, "ev.kbundle"), filepath.Join(dir, "kiosk")
	code, out, e := ctl(t, "bundle", "build", "--src", src, "--key", keyPath, "--out", file)
	if code != 0 || !strings.Contains(out, "hub https://10.0.0.2:8090, pinned to key "+pin) {
		t.Fatalf("build: %d %q %q", code, out, e)
	}
	pubPath := strings.TrimSuffix(keyPath, ".key") + ".pub"
	code, out, e = ctl(t, "bundle", "verify", file, "--pub", pubPath)
	if code != 0 || !strings.Contains(out, "pinned to key "+pin) {
		t.Fatalf("verify: %d %q %q", code, out, e)
	}
	if code, out, e = ctl(t, "bundle", "import", file, "--data", kiosk, "--trust", pubPath); code != 0 {
		t.Fatalf("import: %d %q %q", code, out, e)
	}
	o, err := kioskdir.Open(context.Background(), kiosk, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Store.Close()
	h, err := o.Store.Hub(context.Background())
	if err != nil || h.URL != "https://10.0.0.2:8090" || h.Fingerprint != pin || !h.URLFromBundle || !h.PinFromBundle {
		t.Fatalf("the kiosk's hub %+v %v", h, err)
	}
	// Sources with a hub in clear write no bundle.
	bad, _, _, _ := writeSources(t, func(d *data.EventData) { d.Event.HubURL, d.Event.HubFingerprint = "http://10.0.0.2:8090", pin })
	code, _, e = ctl(t, "bundle", "build", "--src", bad, "--key", keyPath, "--out", filepath.Join(dir, "bad.kbundle"))
	if code == 0 || !strings.Contains(e, `event.csv row 2, column "hub_url"`) || !strings.Contains(e, "https://") {
		t.Fatalf("a hub in clear: %d %q", code, e)
	}
}
