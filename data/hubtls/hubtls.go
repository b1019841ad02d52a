// Package hubtls is how kiosks reach the hub without a certificate
// authority: the hub serves HTTPS with a key pair of its own, and a kiosk
// contacts an https hub only when the hub's public key matches the
// fingerprint the kiosk was given (by hand, or in the signed bundle).
// Plain HTTP is taken only to this machine (loopback), or when asked for
// explicitly. The rules and the fingerprint format are in
// docs/sync-protocol.md, "Transport".
package hubtls

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Prefix starts every fingerprint: it names the hash, so that another one
// could follow without two formats reading alike.
const Prefix = "sha256:"

// Fingerprint is the pin of a public key: Prefix and the lower-case hex of
// SHA-256 of its DER SubjectPublicKeyInfo. It pins the key, not the
// certificate, so that a certificate renewed with the same key still
// matches.
func Fingerprint(spkiDER []byte) string {
	sum := sha256.Sum256(spkiDER)
	return Prefix + hex.EncodeToString(sum[:])
}

// CertFingerprint is the fingerprint of a certificate's public key.
func CertFingerprint(c *x509.Certificate) string { return Fingerprint(c.RawSubjectPublicKeyInfo) }

// ParseFingerprint checks a fingerprint as people write it (either case,
// spaces around it) and returns it in the form Fingerprint writes.
func ParseFingerprint(s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) < len(Prefix) || !strings.EqualFold(s[:len(Prefix)], Prefix) {
		return "", fmt.Errorf("hub fingerprint %q must start with %q (as \"hub fingerprint\" prints it)", short(s), Prefix)
	}
	h := strings.ToLower(s[len(Prefix):])
	if len(h) != 2*sha256.Size {
		return "", fmt.Errorf("hub fingerprint %q must have 64 hex digits after %q, not %d", short(s), Prefix, len(h))
	}
	if _, err := hex.DecodeString(h); err != nil {
		return "", fmt.Errorf("hub fingerprint %q: only the digits 0-9 and a-f may follow %q", short(s), Prefix)
	}
	return Prefix + h, nil
}

// short keeps an error message readable whatever was typed.
func short(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// PinError is a hub whose key is not the pinned one: another machine
// answering at the hub's address (a man in the middle), or a hub given a
// new key. Nothing was sent to it.
type PinError struct {
	Want, Got string
}

func (e *PinError) Error() string {
	return fmt.Sprintf("the hub's key is %s, not the pinned %s: nothing was sent. Another machine may be answering "+
		"at the hub's address; if the hub was really given a new key, set its new fingerprint", e.Got, e.Want)
}

// ClientConfig is the TLS set-up of a kiosk talking to the hub pinned by
// fingerprint. The certificate chain is not checked against any authority
// (InsecureSkipVerify): the pin replaces that check, and VerifyConnection
// runs on every connection, resumed ones included. The handshake itself
// proves the hub holds the private key of the certificate it shows, so a
// copied certificate does not pass.
func ClientConfig(fingerprint string) (*tls.Config, error) {
	want, err := ParseFingerprint(fingerprint)
	if err != nil {
		return nil, err
	}
	return &tls.Config{
		MinVersion:         tls.VersionTLS13,
		InsecureSkipVerify: true, // replaced by the pin below, never used without it
		VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return errors.New("the hub showed no certificate")
			}
			if got := CertFingerprint(cs.PeerCertificates[0]); got != want {
				return &PinError{Want: want, Got: got}
			}
			return nil
		},
	}, nil
}

// Endpoint is a hub as a kiosk contacts it.
type Endpoint struct {
	URL string // https://host:port, or http:// to this machine
	// Fingerprint pins an https hub's key; an http URL does not use it.
	Fingerprint string
	// InsecureHTTP allows plain HTTP to another machine: check-ins then
	// cross the network in clear.
	InsecureHTTP bool
}

// CheckURL says what is wrong with a hub URL as text, nil when nothing.
// It does not apply the transport rules (see Endpoint.Check).
func CheckURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("hub URL %q: %v", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("hub URL %q: must start with https:// (or http:// for a hub on this machine)", raw)
	}
	if u.Host == "" {
		return fmt.Errorf("hub URL %q: names no host", raw)
	}
	if u.User != nil {
		return fmt.Errorf("hub URL %q: must carry no user name or password", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(raw, "?") {
		return fmt.Errorf("hub URL %q: must have no query or fragment", raw)
	}
	return nil
}

// Check applies the transport rules: an https hub needs a well-formed
// fingerprint; plain http is taken for a loopback host only, unless
// InsecureHTTP. It looks at the URL alone and dials nothing, so a
// refused hub is never contacted.
func (e Endpoint) Check() error {
	if err := CheckURL(e.URL); err != nil {
		return err
	}
	u, _ := url.Parse(e.URL)
	if u.Scheme == "https" {
		if strings.TrimSpace(e.Fingerprint) == "" {
			return fmt.Errorf("hub %s: no fingerprint of its key is known, and an https hub is contacted only with one: "+
				"give it with --hub-fingerprint (or in staff mode, or in the event's hub_fingerprint); "+
				"\"hub fingerprint --data DIR\" prints it on the hub", e.URL)
		}
		_, err := ParseFingerprint(e.Fingerprint)
		return err
	}
	if !e.InsecureHTTP && !LoopbackHost(u.Hostname()) {
		return fmt.Errorf("hub %s: plain http is taken only for a hub on this machine (127.0.0.1, ::1, localhost): "+
			"check-ins would cross the network unencrypted. Use the hub's https:// URL with its fingerprint, "+
			"or start the kiosk with --insecure-http on a network you trust", e.URL)
	}
	return nil
}

// LoopbackHost reports whether host names this machine: a loopback
// address or "localhost".
func LoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// HTTPClient is the client requests to the hub go through, after Check:
// pinned for https, and following no redirect (the protocol has none, and
// one could lead to a host the rules would refuse).
func (e Endpoint) HTTPClient(timeout time.Duration) (*http.Client, error) {
	if err := e.Check(); err != nil {
		return nil, err
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	if u, _ := url.Parse(e.URL); u.Scheme == "https" {
		cfg, err := ClientConfig(e.Fingerprint)
		if err != nil {
			return nil, err
		}
		t.TLSClientConfig = cfg
	}
	return &http.Client{Transport: t, Timeout: timeout, CheckRedirect: func(*http.Request, []*http.Request) error {
		return errors.New("the hub answered with a redirect, which the sync protocol never uses")
	}}, nil
}
