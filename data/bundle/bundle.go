// Package bundle is the signed data bundle that carries an event's data to
// kiosks: a zip archive of the staff sources in CSV, a manifest naming
// every file with its size and SHA-256, and the manifest's Ed25519
// signature. A bundle comes on untrusted media, so reading one checks
// everything before anything is used; see docs/bundle-format.md.
package bundle

import (
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"time"
)

// Format names this version of the bundle format in every manifest.
const Format = "kiosk-bundle/1"

// Names of the two files every bundle has besides the data.
const (
	ManifestName  = "manifest.json"
	SignatureName = "manifest.sig"
)

// Extension is the bundle file's conventional extension.
const Extension = ".kbundle"

// FileEntry is one data file as the manifest vouches for it.
type FileEntry struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Manifest describes a bundle; its signature covers it byte for byte.
type Manifest struct {
	Format  string    `json:"format"`
	EventID string    `json:"event_id"`
	Version int64     `json:"version"`
	Created time.Time `json:"created"`
	Expires time.Time `json:"expires"`
	KeyID   string    `json:"key_id"`
	// SignerKey is the signer's public key (base64). It is only a claim
	// until the signature checks out under a trusted key; a kiosk shows its
	// fingerprint when staff are asked to trust a new event key.
	SignerKey string `json:"signer_key"`
	// NextKey, when set, is a public key (base64) that kiosks trust from
	// this bundle on: how an event moves to a new key, signed by the old.
	NextKey string         `json:"next_key,omitempty"`
	Counts  map[string]int `json:"counts"`
	Files   []FileEntry    `json:"files"`
}

// SignerPublicKey decodes SignerKey.
func (m *Manifest) SignerPublicKey() (ed25519.PublicKey, error) {
	raw, ok := exactBase64(m.SignerKey, ed25519.PublicKeySize)
	if !ok {
		return nil, fmt.Errorf("%q is not the standard base64 of a 32-byte Ed25519 public key (44 characters with padding, nothing else)", "signer_key")
	}
	return raw, nil
}

// NextPublicKey decodes NextKey; nil when there is none.
func (m *Manifest) NextPublicKey() (ed25519.PublicKey, error) {
	if m.NextKey == "" {
		return nil, nil
	}
	raw, ok := exactBase64(m.NextKey, ed25519.PublicKeySize)
	if !ok {
		return nil, fmt.Errorf("%q is not the standard base64 of a 32-byte Ed25519 public key (44 characters with padding, nothing else)", "next_key")
	}
	return raw, nil
}

// exactBase64 decodes s, which must be the standard base64 of exactly n
// bytes, spelt as an encoder writes it: padded, no line breaks or spaces
// (which Go's decoder would skip), no stray bits in the last character.
// Each value then has one spelling, the one the signature covers.
func exactBase64(s string, n int) ([]byte, bool) {
	raw, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil || len(raw) != n || base64.StdEncoding.EncodeToString(raw) != s {
		return nil, false
	}
	return raw, true
}

// Limits bound what a bundle may make a kiosk read. The defaults hold an
// event ten times the size of the largest congress with room to spare.
type Limits struct {
	BundleSize int64 // the bundle file
	FileSize   int64 // any one file once uncompressed
	TotalSize  int64 // all files once uncompressed
	Files      int   // entries in the archive
}

// DefaultLimits are the limits kiosks apply.
var DefaultLimits = Limits{
	BundleSize: 256 << 20,
	FileSize:   256 << 20,
	TotalSize:  512 << 20,
	Files:      32,
}
