package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"kiosk/data/hub"
	"kiosk/data/keys"
)

// A kiosk id is what a request or a store said: one holding terminal
// escapes (a store written by other software, or a check missed
// upstream) must not drive the staff member's terminal when listed, nor
// when staff paste it into "approve".
func TestKiosksCommandPrintsHostileIDsSafely(t *testing.T) {
	data := t.TempDir()
	s, err := hub.OpenSQLite(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	hostile := "kiosk-\x1b]0;pwned\x07\x1b[2J\u202eevil\x9b"
	pub, _, _ := keys.Generate()
	now := time.Now()
	if _, err := s.Admit(context.Background(), hub.Visit{KioskID: hostile, PublicKey: pub, Status: hub.StatusPending,
		Nonce: "n1", NonceUntil: now.Add(time.Minute), Seen: now}); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runHub(t, "kiosks", "--data", data)
	if code != 0 || !strings.Contains(out, `kiosk-\x1b]0;pwned\x07\x1b[2J\u202eevil\x9b`) {
		t.Fatalf("kiosks: exit %d, %q %q", code, out, errOut)
	}
	assertTerminalSafe(t, "hub kiosks", out+errOut)
	code, out, errOut = runHub(t, "kiosks", "approve", hostile+"x", "--data", data)
	if code != 1 || !strings.Contains(errOut, "no such kiosk") {
		t.Fatalf("approve unknown: exit %d, %q", code, errOut)
	}
	assertTerminalSafe(t, "hub kiosks approve", out+errOut)
	code, out, errOut = runHub(t, "kiosks", "approve", hostile, "--data", data)
	if code != 0 || !strings.Contains(out, "approved") {
		t.Fatalf("approve: exit %d, %q %q", code, out, errOut)
	}
	assertTerminalSafe(t, "hub kiosks approve", out+errOut)
}

func assertTerminalSafe(t *testing.T, what, out string) {
	t.Helper()
	for _, u := range []string{"\x1b", "\x07", "\u202e", "\u2066", "\x9b"} {
		if strings.Contains(out, u) {
			t.Errorf("%s holds %q raw: %q", what, u, out)
		}
	}
}
