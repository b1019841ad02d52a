package keys

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWritePairRoundTripAndMode(t *testing.T) {
	dir := t.TempDir()
	pub, priv, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	privPath, pubPath, err := WritePair(dir, "event", pub, priv)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(privPath)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("private key mode %v, want 0600", st.Mode().Perm())
	}
	gotPriv, err := ReadPrivateFile(privPath)
	if err != nil || !gotPriv.Equal(priv) {
		t.Fatalf("private key round trip: %v", err)
	}
	pubFile, err := os.ReadFile(pubPath)
	if err != nil {
		t.Fatal(err)
	}
	gotPub, err := ParsePublic(pubFile)
	if err != nil || !gotPub.Equal(pub) {
		t.Fatalf("public key round trip: %v", err)
	}
	if _, _, err := WritePair(dir, "event", pub, priv); err == nil || !strings.Contains(err.Error(), "refusing to overwrite") {
		t.Fatalf("second WritePair: %v", err)
	}
}

func TestParsePublicBase64AndErrors(t *testing.T) {
	pub, _, _ := Generate()
	got, err := ParsePublic([]byte(EncodeBase64(pub) + "\n"))
	if err != nil || !got.Equal(pub) {
		t.Fatalf("base64 public key: %v", err)
	}
	for _, bad := range []string{"", "hello", "AAAA", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"} {
		if _, err := ParsePublic([]byte(bad)); err == nil {
			t.Errorf("ParsePublic(%q) accepted", bad)
		}
	}
	if _, err := ParsePrivate([]byte("nope")); err == nil {
		t.Error("ParsePrivate accepted garbage")
	}
	path := filepath.Join(t.TempDir(), "x.key")
	os.WriteFile(path, []byte("nope"), 0o600)
	if _, err := ReadPrivateFile(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("error does not name the file: %v", err)
	}
}

func TestIDAndFingerprint(t *testing.T) {
	pub, _, _ := Generate()
	if len(ID(pub)) != 16 {
		t.Fatalf("ID %q", ID(pub))
	}
	fp := Fingerprint(pub)
	if len(strings.Fields(fp)) != 8 || !strings.HasPrefix(strings.ReplaceAll(fp, " ", ""), ID(pub)) {
		t.Fatalf("fingerprint %q does not start with id %q", fp, ID(pub))
	}
}

func TestValidKioskID(t *testing.T) {
	pub, _, _ := Generate()
	for s, want := range map[string]bool{
		KioskID(pub): true, "kiosk-fe812c12": true, "kiosk-FE812C12": false, "kiosk-fe812c1": false,
		"kiosk-fe812c123": false, "kiosk-fe812c1g": false, "Kiosk-fe812c12": false, "front-desk": false, "": false,
	} {
		if ValidKioskID(s) != want {
			t.Errorf("ValidKioskID(%q) = %v", s, !want)
		}
	}
}
