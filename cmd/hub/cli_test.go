package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiosk/data/bundle"
	"kiosk/data/datatest"
	"kiosk/data/hub"
	"kiosk/data/keys"
	"kiosk/data/pgtest"
	"kiosk/data/source"
	"kiosk/data/syncproto"
)

func runHub(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestPlainHTTPWarnsBeyondLoopback(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:8090", "localhost:8090", "[::1]:8090"} {
		if w, err := plainHTTPWarning(addr); err != nil || w != "" {
			t.Errorf("%s: %q, %v", addr, w, err)
		}
	}
	for _, addr := range []string{":8090", "0.0.0.0:8090", "192.168.1.10:8090"} {
		if w, err := plainHTTPWarning(addr); err != nil || !strings.Contains(w, "unencrypted") {
			t.Errorf("%s: %q, %v, want a warning", addr, w, err)
		}
	}
	if _, err := plainHTTPWarning("8090"); err == nil {
		t.Error("an address with no port was taken")
	}
}

func TestDataFolderRequired(t *testing.T) {
	code, _, errOut := runHub(t, "kiosks")
	if code != 2 || !strings.Contains(errOut, "--data DIR or --db URL is required") {
		t.Fatalf("exit %d, %q", code, errOut)
	}
	code, _, errOut = runHub(t, "kiosks", "--data", t.TempDir(), "--db", "postgres://hub@127.0.0.1:1/hub")
	if code != 2 || !strings.Contains(errOut, "not both") {
		t.Fatalf("--data and --db: exit %d, %q", code, errOut)
	}
	code, _, errOut = runHub(t, "kiosks", "--db", "/var/lib/hub")
	if code != 1 || !strings.Contains(errOut, "give a PostgreSQL URL") {
		t.Fatalf("--db with a folder: exit %d, %q", code, errOut)
	}
	// A password in the URL is not repeated in messages.
	code, _, errOut = runHub(t, "kiosks", "approve", "k", "--db", "postgres://hub:s3cret@127.0.0.1:1/hub?connect_timeout=1")
	if code != 1 || strings.Contains(errOut, "s3cret") {
		t.Fatalf("unreachable database: exit %d, %q", code, errOut)
	}
}

// newStore is a new, empty store of t's kind (pgtest.Each) and the flag
// that names it.
func newStore(t *testing.T) (flag, where string) {
	if pgtest.On(t) {
		return "--db", pgtest.NewDatabase(t)
	}
	return "--data", t.TempDir()
}

// eventFiles writes an event key pair and a bundle of the test event
// signed with it; it returns the public key's and the bundle's paths.
func eventFiles(t *testing.T, dir string, hubPin ...string) (pubPath, bundlePath string) {
	t.Helper()
	d := datatest.Event()
	if len(hubPin) > 0 {
		d.Event.HubURL, d.Event.HubFingerprint = "https://10.0.0.2:8090", hubPin[0]
	}
	pub, priv, err := keys.Generate()
	if err != nil {
		t.Fatal(err)
	}
	if _, pubPath, err = keys.WritePair(dir, "event", pub, priv); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := bundle.Build(&buf, &source.Sources{Data: *d}, priv,
		bundle.BuildOptions{Version: 7, Created: time.Now().Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	bundlePath = filepath.Join(dir, "event.kbundle")
	if err := os.WriteFile(bundlePath, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return pubPath, bundlePath
}

// TestBundleImportWarnsOfAnotherPin: a bundle pinning another key than
// the hub's is installed with a warning (kiosks would refuse this hub);
// one pinning the hub's own key is installed quietly.
func TestBundleImportWarnsOfAnotherPin(t *testing.T) {
	dir := t.TempDir()
	for i, otherKey := range []bool{true, false} {
		data := filepath.Join(dir, fmt.Sprint("hub", i))
		_, own, _ := runHub(t, "fingerprint", "--data", data)
		own = strings.TrimSpace(own)
		pin := own
		if otherKey {
			pin = "sha256:" + strings.Repeat("0", 64)
		}
		pubPath, file := eventFiles(t, filepath.Join(dir, fmt.Sprint("event", i)), pin)
		code, _, errOut := runHub(t, "bundle", "import", file, "--data", data, "--trust", pubPath)
		warned := strings.Contains(errOut, "kiosks that install it will refuse this hub")
		if code != 0 || warned != otherKey || (warned && !strings.Contains(errOut, own)) {
			t.Fatalf("bundle pinning %s on a hub of %s: exit %d, %q", pin, own, code, errOut)
		}
	}
}

func TestBundleImportCommand(t *testing.T) { pgtest.Each(t, testBundleImportCommand) }

func testBundleImportCommand(t *testing.T) {
	dir := t.TempDir()
	pubPath, file := eventFiles(t, dir)
	flag, data := newStore(t)
	if flag == "--data" {
		data = filepath.Join(dir, "hubdata")
	}
	code, _, errOut := runHub(t, "bundle", "import", file, flag, data)
	if code != 1 || !strings.Contains(errOut, "event.kbundle") {
		t.Fatalf("untrusted bundle: exit %d, %q", code, errOut)
	}
	code, out, errOut := runHub(t, "bundle", "import", file, flag, data, "--trust", pubPath)
	if code != 0 || !strings.Contains(out, "test-event version 7") {
		t.Fatalf("import: exit %d, %q %q", code, out, errOut)
	}
	// The store the command wrote is the one a hub opens.
	s, err := hub.OpenStore(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if b, _ := s.Bundle(context.Background()); b == nil || b.Version != 7 {
		t.Fatalf("installed bundle %+v", b)
	}
}

func TestKiosksApproveCommand(t *testing.T) { pgtest.Each(t, testKiosksApproveCommand) }

func testKiosksApproveCommand(t *testing.T) {
	flag, data := newStore(t)
	code, out, _ := runHub(t, "kiosks", flag, data)
	if code != 0 || !strings.Contains(out, "no kiosk") {
		t.Fatalf("kiosks: exit %d, %q", code, out)
	}
	code, _, errOut := runHub(t, "kiosks", "approve", "kiosk-nobody", flag, data)
	if code != 1 || !strings.Contains(errOut, "no such kiosk") {
		t.Fatalf("approve unknown: exit %d, %q", code, errOut)
	}
	s, err := hub.OpenStore(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	kpub, _, _ := keys.Generate()
	id := syncproto.KioskIDFor(kpub)
	now := time.Now()
	if _, err := s.Admit(context.Background(), hub.Visit{KioskID: id, PublicKey: kpub, Status: hub.StatusPending,
		Nonce: "n1", NonceUntil: now.Add(time.Minute), Seen: now, Offset: 2 * time.Minute, Flagged: true}); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runHub(t, "kiosks", flag, data)
	if code != 0 || !strings.Contains(out, id+"  pending") || !strings.Contains(out, "2m0s (clock off)") {
		t.Fatalf("kiosks: exit %d, %q", code, out)
	}
	code, out, _ = runHub(t, "kiosks", "approve", id, flag, data)
	if code != 0 || !strings.Contains(out, id+" approved") {
		t.Fatalf("approve: exit %d, %q", code, out)
	}
	if k, _ := s.Kiosk(context.Background(), id); k.Status != hub.StatusApproved {
		t.Fatalf("after approve: %s", k.Status)
	}
}
