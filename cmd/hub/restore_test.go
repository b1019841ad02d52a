package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiosk/data/hub"
	"kiosk/data/keys"
	"kiosk/data/pgtest"
)

// openedHubID is the hub id of the store at where (newStore).
func openedHubID(t *testing.T, _, where string) string {
	t.Helper()
	s, err := hub.OpenStore(context.Background(), where)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	return s.HubID()
}

// Backup while the folder is in use, restore into a new folder under a
// new identity; restoring over a hub is refused.
func TestBackupRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "hub")
	if code, _, errOut := runHub(t, "fingerprint", "--data", data); code != 0 {
		t.Fatalf("making the hub: %q", errOut)
	}
	file := filepath.Join(dir, "backup.db")
	code, out, errOut := runHub(t, "backup", file, "--data", data)
	if code != 0 || !strings.Contains(out, "hub restore "+file) {
		t.Fatalf("backup: exit %d, %q %q", code, out, errOut)
	}
	restored := filepath.Join(dir, "restored")
	code, out, errOut = runHub(t, "restore", file, "--data", restored)
	old := openedHubID(t, "--data", data)
	if code != 0 || !strings.Contains(out, "restored hub "+old) {
		t.Fatalf("restore: exit %d, %q %q", code, out, errOut)
	}
	if id := openedHubID(t, "--data", restored); id == old || !strings.Contains(out, id) {
		t.Fatalf("restored hub %s, said %q; the original is %s", id, out, old)
	}
	// The restored hub serves the same key: kiosks keep their pin.
	_, pinOld, _ := runHub(t, "fingerprint", "--data", data)
	_, pinNew, _ := runHub(t, "fingerprint", "--data", restored)
	if pinOld != pinNew {
		t.Fatalf("fingerprints %q and %q", pinOld, pinNew)
	}
	if code, _, errOut := runHub(t, "restore", file, "--data", data); code != 1 || !strings.Contains(errOut, "already holds a hub") {
		t.Fatalf("restore over a hub: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runHub(t, "backup", "--data", data); code != 2 || !strings.Contains(errOut, "give one file") {
		t.Fatalf("backup with no file: exit %d, %q", code, errOut)
	}
}

func TestNewIdentityCommand(t *testing.T) { pgtest.Each(t, testNewIdentityCommand) }

func testNewIdentityCommand(t *testing.T) {
	flag, where := newStore(t)
	before := openedHubID(t, flag, where)
	code, out, errOut := runHub(t, "new-identity", flag, where)
	after := openedHubID(t, flag, where)
	if code != 0 || after == before || !strings.Contains(out, "hub "+before+" is now hub "+after) {
		t.Fatalf("exit %d, %q %q; %s -> %s", code, out, errOut, before, after)
	}
}

func TestKiosksForgetCommand(t *testing.T) { pgtest.Each(t, testKiosksForgetCommand) }

func testKiosksForgetCommand(t *testing.T) {
	flag, where := newStore(t)
	s, err := hub.OpenStore(context.Background(), where)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for i, status := range []hub.KioskStatus{hub.StatusPending, hub.StatusApproved} {
		pub, _, _ := keys.Generate()
		id := "kiosk-" + string(status)
		v := hub.Visit{KioskID: id, PublicKey: pub, Status: status,
			Nonce: "n" + string(rune('0'+i)), NonceUntil: now.Add(time.Minute), Seen: now}
		if status == hub.StatusApproved {
			v.Report = &hub.KioskReport{BundleVersion: 20161107093000, Waiting: 37, At: now}
		}
		if _, err := s.Admit(context.Background(), v); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	if code, out, errOut := runHub(t, "kiosks", "forget", "kiosk-pending", flag, where); code != 0 || !strings.Contains(out, "forgotten") {
		t.Fatalf("forget a pending kiosk: exit %d, %q %q", code, out, errOut)
	}
	if code, _, errOut := runHub(t, "kiosks", "forget", "kiosk-approved", flag, where); code != 1 || !strings.Contains(errOut, "only a kiosk waiting for approval") {
		t.Fatalf("forget an approved kiosk: exit %d, %q", code, errOut)
	}
	_, out, _ := runHub(t, "kiosks", flag, where)
	if strings.Contains(out, "kiosk-pending") || !strings.Contains(out, "kiosk-approved") ||
		!strings.Contains(out, "20161107093000  37") {
		t.Fatalf("hub kiosks after forget: %q", out)
	}
}
