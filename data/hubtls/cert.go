package hubtls

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"time"
)

// Validity is how long a hub certificate is valid: an event's hub is
// pinned by its key, and a certificate that runs out mid-event must not
// stop sync, so it is long; a hub renews it, with the same key, when
// less than RenewBefore is left.
const (
	Validity    = 10 * 365 * 24 * time.Hour
	RenewBefore = 30 * 24 * time.Hour
)

// KeyPair is a hub's TLS key and certificate, PEM-encoded together: a
// "PRIVATE KEY" block (PKCS #8) and a "CERTIFICATE" block.
type KeyPair struct {
	PEM []byte
	// Certificate is ready for a tls.Config; Leaf is set.
	Certificate tls.Certificate
	Fingerprint string
}

// NewKeyPair makes an ECDSA P-256 key (which browsers take, for the staff
// pages on the same port, unlike Ed25519) and a self-signed certificate
// for it, valid from an hour before now (clocks differ) for Validity.
// The names are the certificate's subject alternative names: the
// machine's, for browsers and tools; pinning does not look at them.
func NewKeyPair(now time.Time, hosts []string) (*KeyPair, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	return issue(key, now, hosts)
}

// Renew makes a new certificate for the same key: the fingerprint stays.
func (kp *KeyPair) Renew(now time.Time) (*KeyPair, error) {
	key, ok := kp.Certificate.PrivateKey.(*ecdsa.PrivateKey)
	if !ok {
		return nil, errors.New("the hub's TLS key is not an ECDSA key")
	}
	leaf := kp.Certificate.Leaf
	hosts := append([]string{}, leaf.DNSNames...)
	for _, ip := range leaf.IPAddresses {
		hosts = append(hosts, ip.String())
	}
	return issue(key, now, hosts)
}

// NeedsRenewal reports whether less than RenewBefore is left at now.
func (kp *KeyPair) NeedsRenewal(now time.Time) bool {
	return now.Add(RenewBefore).After(kp.Certificate.Leaf.NotAfter)
}

func issue(key *ecdsa.PrivateKey, now time.Time, hosts []string) (*KeyPair, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "kiosk sync hub"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(Validity),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
	}
	seen := map[string]bool{}
	for _, h := range hosts {
		if h == "" || seen[h] {
			continue
		}
		seen[h] = true
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	raw := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8})
	raw = append(raw, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})...)
	return ParseKeyPair(raw)
}

// ParseKeyPair reads what KeyPair.PEM holds.
func ParseKeyPair(raw []byte) (*KeyPair, error) {
	cert, err := tls.X509KeyPair(raw, raw)
	if err != nil {
		return nil, fmt.Errorf("the hub's stored TLS key pair: %w", err)
	}
	if cert.Leaf == nil {
		if cert.Leaf, err = x509.ParseCertificate(cert.Certificate[0]); err != nil {
			return nil, fmt.Errorf("the hub's stored TLS certificate: %w", err)
		}
	}
	return &KeyPair{PEM: raw, Certificate: cert, Fingerprint: CertFingerprint(cert.Leaf)}, nil
}

// MachineHosts are this machine's names and addresses, for a
// certificate's subject alternative names: localhost, the loopback
// addresses, the host name and every interface's address.
func MachineHosts() []string {
	hosts := []string{"localhost", "127.0.0.1", "::1"}
	if name, err := os.Hostname(); err == nil {
		hosts = append(hosts, name)
	}
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLinkLocalUnicast() {
			hosts = append(hosts, n.IP.String())
		}
	}
	return hosts
}

// ServerConfig is the hub's TLS set-up for one key pair.
func ServerConfig(kp *KeyPair) *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{kp.Certificate}}
}
