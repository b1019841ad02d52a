package keys

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"os"
	"os/exec"
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

// TestKeysDocumentExample computes the worked example of docs/keys.md
// from the demo public key file: the document must show these values.
func TestKeysDocumentExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/keys.md")
	if err != nil {
		t.Fatal(err)
	}
	pemText, err := os.ReadFile("../../assets/demo/DEMO-ONLY-event.pub")
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ParsePublic(pemText)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(pub)
	if !bytes.HasSuffix(der, pub) || len(der) != 44 {
		t.Fatalf("the DER is not the 12-byte prefix and the key: %x", der)
	}
	for what, want := range map[string]string{
		"the PEM text":           string(pemText),
		"the DER":                "`" + hex.EncodeToString(der) + "`",
		"the DER's prefix":       "`" + hex.EncodeToString(der[:12]) + "`",
		"the raw key in hex":     "`" + hex.EncodeToString(pub) + "`",
		"the raw key in base64":  "`" + EncodeBase64(pub) + "`",
		"the SHA-256":            "`" + hex.EncodeToString(sum[:]) + "`",
		"the key id":             "| key id | `" + ID(pub) + "` |",
		"the openssl result":     "# " + ID(pub) + "\n",
		"the kiosk id":           "`" + KioskID(pub) + "`",
		"the fingerprint":        "`" + Fingerprint(pub) + "`",
		"the private key's file": "MC4CAQAwBQYDK2VwBCIEIMk7wg8alosVLg3I1MaSqIo/CVrMCodhT0qhQPiPUDqT",
	} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("docs/keys.md does not show %s: %q", what, want)
		}
	}
	// The private key shown is the demo key's: it gives the public key.
	priv, err := ReadPrivateFile("../../assets/demokey/DEMO-ONLY-event.key")
	if err != nil || !priv.Public().(ed25519.PublicKey).Equal(pub) {
		t.Fatalf("the demo private key does not match its public key: %v", err)
	}
	privDER, _ := x509.MarshalPKCS8PrivateKey(priv)
	if want := "`" + hex.EncodeToString(privDER[:16]) + "`"; !strings.Contains(string(doc), want) || len(privDER) != 48 {
		t.Errorf("docs/keys.md does not show the PKCS #8 prefix %s of 48 bytes", want)
	}
}

// TestOpenSSLWritesTheSameFiles holds docs/keys.md to its word: OpenSSL's
// Ed25519 key files are ours byte for byte, and its command for the key
// id gives ID's.
func TestOpenSSLWritesTheSameFiles(t *testing.T) {
	for _, tool := range []string{"openssl", "sh", "tail", "sha256sum", "cut"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	dir := t.TempDir()
	privPath, pubPath := filepath.Join(dir, "k.pem"), filepath.Join(dir, "p.pem")
	for _, args := range [][]string{{"genpkey", "-algorithm", "ed25519", "-out", privPath}, {"pkey", "-in", privPath, "-pubout", "-out", pubPath}} {
		if out, err := exec.Command("openssl", args...).CombinedOutput(); err != nil {
			t.Skipf("this openssl makes no Ed25519 keys: %v %s", err, out)
		}
	}
	priv, err := ReadPrivateFile(privPath)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ReadPublicFile(pubPath)
	if err != nil {
		t.Fatal(err)
	}
	privPEM, _ := EncodePrivate(priv)
	pubPEM, _ := EncodePublic(pub)
	if osPriv, _ := os.ReadFile(privPath); !bytes.Equal(privPEM, osPriv) {
		t.Errorf("OpenSSL's private key file\n%s\nis not ours\n%s", osPriv, privPEM)
	}
	if osPub, _ := os.ReadFile(pubPath); !bytes.Equal(pubPEM, osPub) {
		t.Errorf("OpenSSL's public key file\n%s\nis not ours\n%s", osPub, pubPEM)
	}
	out, err := exec.Command("sh", "-c", "openssl pkey -pubin -in \"$1\" -outform DER | tail -c 32 | sha256sum | cut -c1-16", "sh", pubPath).Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(out)); got != ID(pub) {
		t.Errorf("the documented command gives %q, ID %q", got, ID(pub))
	}
}
