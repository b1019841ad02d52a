package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kiosk/data/keys"
)

func TestKeygen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	code, out, errOut := kioskctl(t, "keygen", "--out", dir, "--name", "ga2026")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	privPath, pubPath := filepath.Join(dir, "ga2026.key"), filepath.Join(dir, "ga2026.pub")
	fi, err := os.Stat(privPath)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("private key has mode %v, want 0600", fi.Mode().Perm())
	}
	priv, err := keys.ReadPrivateFile(privPath)
	if err != nil {
		t.Fatal(err)
	}
	pubFile, err := os.ReadFile(pubPath)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := keys.ParsePublic(pubFile)
	if err != nil {
		t.Fatal(err)
	}
	if !pub.Equal(priv.Public()) {
		t.Fatal("the public key is not the private key's")
	}
	for _, want := range []string{privPath, pubPath, "key id:      " + keys.ID(pub) + "\n", "fingerprint: " + keys.Fingerprint(pub) + "\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	before, _ := os.ReadFile(privPath)
	code, _, errOut = kioskctl(t, "keygen", "--out", dir, "--name", "ga2026")
	if code != 1 || !strings.Contains(errOut, "refusing to overwrite") {
		t.Errorf("second keygen: exit %d, %q", code, errOut)
	}
	if after, _ := os.ReadFile(privPath); !bytes.Equal(before, after) {
		t.Error("the private key was overwritten")
	}

	if code, _, _ := kioskctl(t, "keygen"); code != 2 {
		t.Errorf("keygen without --out: exit %d, want 2", code)
	}
	if code, _, _ := kioskctl(t, "keygen", "--out", dir, "--name", "../elsewhere"); code != 2 {
		t.Errorf("keygen --name with a folder: exit %d, want 2", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "..", "elsewhere.key")); err == nil {
		t.Error("--name escaped --out")
	}
}
