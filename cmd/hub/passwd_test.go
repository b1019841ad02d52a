package main

import (
	"context"
	"strings"
	"testing"

	"kiosk/data/hub"
	"kiosk/data/hub/dashboard"
)

func hasPassword(t *testing.T, dir string) bool {
	t.Helper()
	s, err := hub.OpenSQLite(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ok, err := dashboard.HasPassword(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// "hub passwd" reads the password from stdin when it is not a terminal;
// a bad one is refused in words and nothing is set.
func TestPasswd(t *testing.T) {
	dir := t.TempDir()
	old := stdin
	t.Cleanup(func() { stdin = old })
	for in, want := range map[string]string{
		"short\n":                    "too short: at least 10 characters",
		"":                           "no password on standard input",
		strings.Repeat("x", 300):     "too long",
		"\xff\xfe not text at all\n": "not valid text",
	} {
		stdin = strings.NewReader(in)
		code, _, errOut := runHub(t, "passwd", "--data", dir)
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("password %q: exit %d, %q; want %q", in, code, errOut, want)
		}
		if hasPassword(t, dir) {
			t.Fatalf("password %q was set", in)
		}
	}
	stdin = strings.NewReader("correct horse battery\r\n")
	code, out, errOut := runHub(t, "passwd", "--data", dir)
	if code != 0 || !strings.Contains(out, "staff password set") {
		t.Fatalf("exit %d, %q %q", code, out, errOut)
	}
	if !hasPassword(t, dir) {
		t.Fatal("no password after hub passwd")
	}
	if code, _, errOut := runHub(t, "passwd"); code != 2 || !strings.Contains(errOut, "--data DIR or --db URL is required") {
		t.Fatalf("without --data: exit %d %q", code, errOut)
	}
}
