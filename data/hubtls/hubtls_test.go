package hubtls

import (
	"crypto/tls"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func newPair(t *testing.T) *KeyPair {
	t.Helper()
	kp, err := NewKeyPair(time.Now(), MachineHosts())
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

func TestParseFingerprint(t *testing.T) {
	hex := strings.Repeat("0f", 32)
	for _, ok := range []string{"sha256:" + hex, " SHA256:" + strings.ToUpper(hex) + "\n"} {
		if got, err := ParseFingerprint(ok); err != nil || got != "sha256:"+hex {
			t.Errorf("%q: %q %v", ok, got, err)
		}
	}
	for bad, why := range map[string]string{
		"":                                  `must start with "sha256:"`,
		hex:                                 `must start with "sha256:"`,
		"sha1:" + hex:                       `must start with "sha256:"`,
		"sha256:" + hex[:62]:                "not 62",
		"sha256:" + hex + "00":              "not 66",
		"sha256:" + strings.Repeat("g", 64): "0-9 and a-f",
		"sha256:" + strings.Repeat("0f:", 31) + "0f": "64 hex digits",
		"sha256:" + strings.Repeat("é", 32):          "0-9 and a-f",
	} {
		if _, err := ParseFingerprint(bad); err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("%q: %v, want %q", bad, err, why)
		}
	}
}

// TestFingerprintAsOpenSSLComputesIt: the documented openssl commands
// give the fingerprint the hub prints, for a fresh and a renewed
// certificate of one key.
func TestFingerprintAsOpenSSLComputesIt(t *testing.T) {
	if _, err := exec.LookPath("openssl"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("openssl is not installed (Debian package openssl; make deps installs it)")
		}
		t.Skip("openssl is not installed: apt-get install openssl")
	}
	kp := newPair(t)
	renewed, err := kp.Renew(time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*KeyPair{kp, renewed} {
		path := filepath.Join(t.TempDir(), "hub.pem")
		der := p.Certificate.Certificate[0]
		if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("sh", "-c", "openssl x509 -in "+path+" -pubkey -noout | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r").Output()
		if err != nil {
			t.Fatal(err)
		}
		if got := "sha256:" + strings.Fields(string(out))[0]; got != kp.Fingerprint {
			t.Fatalf("openssl says %s, the hub %s", got, kp.Fingerprint)
		}
	}
	if renewed.Fingerprint != kp.Fingerprint || string(renewed.Certificate.Certificate[0]) == string(kp.Certificate.Certificate[0]) {
		t.Fatal("a renewal changed the key, or did not make a new certificate")
	}
}

func serve(t *testing.T, cert tls.Certificate) string {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hub") }))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv.URL
}

func get(t *testing.T, url, pin string) error {
	t.Helper()
	c, err := Endpoint{URL: url, Fingerprint: pin}.HTTPClient(5 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Get(url)
	if err == nil {
		resp.Body.Close()
	}
	return err
}

// TestPinnedClient: the pinned key is taken; another key is refused with
// both fingerprints; the hub's own certificate shown by a machine without
// its private key fails the handshake.
func TestPinnedClient(t *testing.T) {
	hubPair, other := newPair(t), newPair(t)
	url := serve(t, hubPair.Certificate)
	if err := get(t, url, hubPair.Fingerprint); err != nil {
		t.Fatal(err)
	}
	var pe *PinError
	err := get(t, serve(t, other.Certificate), hubPair.Fingerprint)
	if !errors.As(err, &pe) || pe.Want != hubPair.Fingerprint || pe.Got != other.Fingerprint {
		t.Fatalf("another key: %v", err)
	}
	copied := tls.Certificate{Certificate: hubPair.Certificate.Certificate, PrivateKey: other.Certificate.PrivateKey}
	if err := get(t, serve(t, copied), hubPair.Fingerprint); err == nil {
		t.Fatal("the hub's certificate without its key was taken")
	}
}

func TestCheck(t *testing.T) {
	pin := "sha256:" + strings.Repeat("ab", 32)
	for _, ok := range []Endpoint{{URL: "https://10.0.0.2:8090", Fingerprint: pin}, {URL: "http://127.0.0.5:1"},
		{URL: "http://[::1]:1"}, {URL: "http://LOCALHOST:1"}, {URL: "http://10.0.0.2:8090", InsecureHTTP: true}} {
		if err := ok.Check(); err != nil {
			t.Errorf("%+v: %v", ok, err)
		}
	}
	for _, bad := range []Endpoint{{URL: "https://10.0.0.2:8090"}, {URL: "http://10.0.0.2:8090", Fingerprint: pin},
		{URL: "http://localhost.example.com:1"}, {URL: "http://127.0.0.1.nip.io:1"}, {URL: "https://u:p@10.0.0.2", Fingerprint: pin}} {
		if err := bad.Check(); err == nil {
			t.Errorf("%+v was taken", bad)
		}
	}
}
