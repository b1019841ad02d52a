package main

import (
	"bytes"
	"crypto/ed25519"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiosk/assets/demokey"
	"kiosk/data/badge"
)

const demoEventID = "interpol-ga85-2016"

// duringDemo is a moment of the demo event: 8 November 2016, 10:15 in Bali.
func duringDemo(t testing.TB) time.Time {
	loc, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(2016, 11, 8, 10, 15, 0, 0, loc)
}

func kioskctl(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestTokenDemo(t *testing.T) {
	code, out, errOut := kioskctl(t, "token", "--demo", "--delegate", "D000003")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasSuffix(out, "\n") || strings.Count(out, "\n") != 1 || strings.ContainsAny(strings.TrimSuffix(out, "\n"), " \t\r") {
		t.Fatalf("stdout is not one code and a newline: %q", out)
	}
	tok := strings.TrimSuffix(out, "\n")
	now := duringDemo(t)
	v := &badge.Verifier{EventID: demoEventID, Trusted: []ed25519.PublicKey{demokey.Public()}, Now: func() time.Time { return now }}
	res, err := v.Verify(tok)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if res.DelegateID != "D000003" || res.Serial != 3 { // third in the list
		t.Errorf("claims %+v", res.Claims)
	}
	loc := now.Location()
	if want := time.Date(2016, 11, 6, 0, 0, 0, 0, loc); !res.ValidFrom.Equal(want) {
		t.Errorf("valid from %v, want %v", res.ValidFrom.In(loc), want)
	}
	if want := time.Date(2016, 11, 12, 0, 0, 0, 0, loc); !res.ValidUntil.Equal(want) {
		t.Errorf("valid until %v, want %v (the end of the day after the event)", res.ValidUntil.In(loc), want)
	}

	// Another event's verifier, or the wrong key, refuses it.
	other := *v
	other.EventID = "interpol-ga86-2017"
	if _, err := other.Verify(tok); err == nil {
		t.Error("verified for another event")
	}
}

func TestTokenDatesAndSerial(t *testing.T) {
	code, out, errOut := kioskctl(t, "token", "--demo", "--delegate", "D000010", "--serial", "4242", "--from", "2016-11-08", "--until", "2016-11-08")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	now := duringDemo(t)
	loc := now.Location()
	v := &badge.Verifier{EventID: demoEventID, Trusted: []ed25519.PublicKey{demokey.Public()}, Now: func() time.Time { return now }}
	res, err := v.Verify(strings.TrimSpace(out))
	if err != nil {
		t.Fatal(err)
	}
	if res.Serial != 4242 || !res.ValidFrom.Equal(time.Date(2016, 11, 8, 0, 0, 0, 0, loc)) || !res.ValidUntil.Equal(time.Date(2016, 11, 9, 0, 0, 0, 0, loc)) {
		t.Errorf("claims %+v", res.Claims)
	}
	v.Now = func() time.Time { return time.Date(2016, 11, 9, 0, 0, 0, 0, loc) }
	if _, err := v.Verify(strings.TrimSpace(out)); err == nil {
		t.Error("a badge for 8 November is valid at midnight after it")
	}

	if code, _, errOut := kioskctl(t, "token", "--demo", "--delegate", "D000010", "--from", "2016-11-09", "--until", "2016-11-08"); code != 1 || !strings.Contains(errOut, "--until") {
		t.Errorf("until before from: exit %d, %q", code, errOut)
	}
	if code, _, errOut := kioskctl(t, "token", "--demo", "--delegate", "D000010", "--from", "8/11/2016"); code != 2 || !strings.Contains(errOut, "YYYY-MM-DD") {
		t.Errorf("bad date: exit %d, %q", code, errOut)
	}
	if code, _, _ := kioskctl(t, "token", "--demo", "--delegate", "D000010", "--serial", "4294967296"); code != 2 {
		t.Errorf("serial over 32 bits: exit %d", code)
	}
}

func TestTokenMistakes(t *testing.T) {
	code, out, errOut := kioskctl(t, "token", "--demo", "--delegate", "D999999")
	if code != 1 || !strings.Contains(errOut, `"D999999"`) || out != "" {
		t.Errorf("unknown delegate: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, errOut = kioskctl(t, "token", "--demo")
	if code != 2 || !strings.Contains(errOut, "--delegate is required") || out != "" {
		t.Errorf("no --delegate: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, _, errOut := kioskctl(t, "token", "--delegate", "D000003"); code != 2 || !strings.Contains(errOut, "--demo") {
		t.Errorf("no event: exit %d, %q", code, errOut)
	}
	if code, _, errOut := kioskctl(t, "token", "--src", t.TempDir(), "--delegate", "D000003"); code != 2 || !strings.Contains(errOut, "--key") {
		t.Errorf("--src without --key: exit %d, %q", code, errOut)
	}
	if code, _, errOut := kioskctl(t, "token", "--src", t.TempDir(), "--demo", "--delegate", "D000003"); code != 2 || !strings.Contains(errOut, "exclude") {
		t.Errorf("--src with --demo: exit %d, %q", code, errOut)
	}
	missing := filepath.Join(t.TempDir(), "none.key")
	if code, _, errOut := kioskctl(t, "token", "--demo", "--key", missing, "--delegate", "D000003"); code != 1 || !strings.Contains(errOut, missing) {
		t.Errorf("missing key file: exit %d, %q", code, errOut)
	}
}
