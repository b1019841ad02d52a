// Package keys reads, writes and names the Ed25519 keys that sign bundles,
// badges and check-ins. Keys are stored as PEM (PKCS #8 for private keys,
// PKIX for public ones) so that standard tools can read them too.
package keys

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"kiosk/data/safefile"
	"os"
	"path/filepath"
	"strings"
)

// ID names a public key: the first 8 bytes of its SHA-256, in hex. Short
// enough for a manifest or a screen, long enough never to collide among
// the handful of keys an event uses.
func ID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

// KioskID is the id of the kiosk whose key pub is: "kiosk-" and the first
// 8 hex digits of its key id. Every reader of a kiosk's records checks a
// claimed id against it, so there is exactly one rule.
func KioskID(pub ed25519.PublicKey) string { return "kiosk-" + ID(pub)[:8] }

// ValidKioskID reports whether s has the form of a kiosk id: "kiosk-" and
// 8 lower-case hex digits. It says nothing of which key made it.
func ValidKioskID(s string) bool {
	hexPart, ok := strings.CutPrefix(s, "kiosk-")
	return ok && len(hexPart) == 8 && !strings.ContainsFunc(hexPart, func(r rune) bool {
		return !('0' <= r && r <= '9' || 'a' <= r && r <= 'f')
	})
}

// Fingerprint is the key's SHA-256 in groups of four, for staff to compare
// by eye: the first 16 bytes are plenty for that.
func Fingerprint(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	h := hex.EncodeToString(sum[:16])
	var groups []string
	for i := 0; i < len(h); i += 4 {
		groups = append(groups, h[i:i+4])
	}
	return strings.Join(groups, " ")
}

// Generate makes a new key pair.
func Generate() (ed25519.PublicKey, ed25519.PrivateKey, error) {
	return ed25519.GenerateKey(rand.Reader)
}

// EncodePrivate writes a private key as PEM.
func EncodePrivate(priv ed25519.PrivateKey) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// EncodePublic writes a public key as PEM.
func EncodePublic(pub ed25519.PublicKey) ([]byte, error) {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), nil
}

// ParsePrivate reads a PEM private key; it must be Ed25519.
func ParsePrivate(b []byte) (ed25519.PrivateKey, error) {
	block, _ := pem.Decode(b)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, errors.New("not a PEM private key (want a block \"PRIVATE KEY\")")
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("private key: %w", err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("private key is %T, want Ed25519", k)
	}
	return priv, nil
}

// ParsePublic reads a public key: PEM, or the 32 raw bytes in standard
// base64 (as kiosks show theirs for enrolment).
func ParsePublic(b []byte) (ed25519.PublicKey, error) {
	if block, _ := pem.Decode(b); block != nil {
		if block.Type != "PUBLIC KEY" {
			return nil, fmt.Errorf("PEM block is %q, want \"PUBLIC KEY\"", block.Type)
		}
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("public key: %w", err)
		}
		pub, ok := k.(ed25519.PublicKey)
		if !ok {
			return nil, fmt.Errorf("public key is %T, want Ed25519", k)
		}
		return pub, nil
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(raw) != ed25519.PublicKeySize {
		return nil, errors.New("not a public key: want PEM \"PUBLIC KEY\" or 32 bytes in base64")
	}
	return ed25519.PublicKey(raw), nil
}

// EncodeBase64 writes a public key as base64 of its 32 bytes.
func EncodeBase64(pub ed25519.PublicKey) string { return base64.StdEncoding.EncodeToString(pub) }

// ReadPrivateFile reads a private key file, naming the file in errors.
func ReadPrivateFile(path string) (ed25519.PrivateKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	k, err := ParsePrivate(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return k, nil
}

// maxKeyFile caps a public key file: a PEM key is about 110 bytes.
const maxKeyFile = 64 << 10

// ReadPublicFile reads a public key file, naming the file in errors. Key
// files often come on a stick, so it is opened as files from outside are
// (safefile): no link followed, no pipe waited on, a size cap.
func ReadPublicFile(path string) (ed25519.PublicKey, error) {
	b, err := safefile.ReadFile(path, maxKeyFile)
	if err != nil {
		return nil, err
	}
	k, err := ParsePublic(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return k, nil
}

// WritePair writes name.key (mode 0600) and name.pub into dir. It refuses
// to overwrite an existing private key: losing an event key means every
// badge printed with it must be reprinted.
func WritePair(dir, name string, pub ed25519.PublicKey, priv ed25519.PrivateKey) (privPath, pubPath string, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", err
	}
	privPath = filepath.Join(dir, name+".key")
	pubPath = filepath.Join(dir, name+".pub")
	privPEM, err := EncodePrivate(priv)
	if err != nil {
		return "", "", err
	}
	pubPEM, err := EncodePublic(pub)
	if err != nil {
		return "", "", err
	}
	f, err := os.OpenFile(privPath, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return "", "", fmt.Errorf("%s already exists; refusing to overwrite a key", privPath)
		}
		return "", "", err
	}
	if _, err := f.Write(privPEM); err != nil {
		f.Close()
		return "", "", err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return "", "", err
	}
	if err := f.Close(); err != nil {
		return "", "", err
	}
	if err := os.WriteFile(pubPath, pubPEM, 0o644); err != nil {
		return "", "", err
	}
	return privPath, pubPath, nil
}
