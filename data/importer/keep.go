package importer

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"kiosk/data/bundle"
	"kiosk/data/safefile"
	"kiosk/data/store"
)

// The files an import keeps next to the database: the last installed
// bundle exactly as it was verified, and the event keys trusted with it.
// Together they give a kiosk whose database is damaged its event back
// (Restore), instead of the demo with its published key and PIN.
const (
	KeptBundleName = "installed.kbundle"
	KeptKeysName   = "installed-keys.json"
)

// keptKeysFormat names the kept keys file's format.
const keptKeysFormat = "kiosk-installed-keys/1"

// keptKeys is the kept keys file: the event keys trusted after the last
// install, and whether the installed event may be replaced (the demo).
type keptKeys struct {
	Format      string    `json:"format"`
	Replaceable bool      `json:"replaceable"`
	Keys        []keptKey `json:"keys"`
}

type keptKey struct {
	PublicKey    string `json:"public_key"` // base64
	EventID      string `json:"event_id"`
	Note         string `json:"note"`
	SignsBundles bool   `json:"signs_bundles"`
}

// keep writes the bundle just installed and the keys now trusted into the
// data folder, each atomically (temporary file, sync, rename) and readable
// by the kiosk's user only. The keys go first: should the kiosk stop
// between the two, the kept bundle is the previous one, and the keys of
// an event still verify its earlier bundles.
func keep(ctx context.Context, s *store.Store, raw []byte, replaceable bool) error {
	list, err := s.TrustedKeyList(ctx)
	if err != nil {
		return err
	}
	kk := keptKeys{Format: keptKeysFormat, Replaceable: replaceable}
	for _, k := range list {
		kk.Keys = append(kk.Keys, keptKey{PublicKey: base64.StdEncoding.EncodeToString(k.Key),
			EventID: k.EventID, Note: k.Note, SignsBundles: k.SignsBundles})
	}
	body, err := json.MarshalIndent(kk, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(s.Path())
	if err := bundle.WriteFileAtomic(filepath.Join(dir, KeptKeysName), append(body, '\n'), 0o600); err != nil {
		return fmt.Errorf("keeping the trusted keys for a recovery: %w", err)
	}
	if err := bundle.WriteFileAtomic(filepath.Join(dir, KeptBundleName), raw, 0o600); err != nil {
		return fmt.Errorf("keeping the installed bundle for a recovery: %w", err)
	}
	return nil
}

// ErrNothingKept is returned by Restore when the data folder holds no
// kept bundle.
var ErrNothingKept = errors.New("the data folder holds no installed bundle to restore")

// Restored names the bundle Restore put back.
type Restored struct {
	Path    string // the kept bundle
	EventID string
	Version int64
}

// keptIs reports whether the data folder keeps exactly raw.
func keptIs(s *store.Store, raw []byte) bool {
	b, err := safefile.ReadFile(filepath.Join(filepath.Dir(s.Path()), KeptBundleName), int64(len(raw)))
	return err == nil && bytes.Equal(b, raw)
}

// Restore installs the bundle kept in dir into s (a fresh database, after
// the old one was found damaged), with the keys that were trusted with
// it. The bundle is verified again under those keys: a kept file damaged
// too is refused like any bad bundle, and nothing is installed.
// It is restored even past its expiry date: it is what the kiosk ran.
func Restore(ctx context.Context, s *store.Store, dir string) (*Restored, error) {
	path := filepath.Join(dir, KeptBundleName)
	raw, err := safefile.ReadFile(path, bundle.DefaultLimits.BundleSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNothingKept
	}
	if err != nil {
		return nil, fmt.Errorf("the kept bundle %s: %w", path, err)
	}
	kk, err := readKeptKeys(filepath.Join(dir, KeptKeysName))
	if err != nil {
		return nil, err
	}
	m, err := bundle.Inspect(raw)
	if err != nil {
		return nil, fmt.Errorf("the kept bundle %s: %w", path, err)
	}
	trust := kk.changesFor(m.EventID)
	var trusted []ed25519.PublicKey
	for _, t := range trust {
		trusted = append(trusted, t.Key)
	}
	b, err := bundle.Read(raw, bundle.Policy{Trusted: trusted, EventID: m.EventID, Now: m.Created})
	if err != nil {
		return nil, fmt.Errorf("the kept bundle %s: %w", path, err)
	}
	d, err := bundle.EventData(b.Sources)
	if err != nil {
		return nil, fmt.Errorf("the kept bundle %s: %w", path, err)
	}
	if err := s.InstallBundle(ctx, store.InstallRequest{Data: d, Info: b.Info(), Trust: trust,
		Replaceable: kk.Replaceable}); err != nil {
		return nil, fmt.Errorf("restoring the kept bundle %s: %w", path, err)
	}
	return &Restored{Path: path, EventID: b.Manifest.EventID, Version: b.Manifest.Version}, nil
}

// readKeptKeys reads and checks the kept keys file.
func readKeptKeys(path string) (*keptKeys, error) {
	// A few hundred bytes a key; the cap only keeps a planted file small.
	body, err := safefile.ReadFile(path, 1<<20)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("the kept bundle has no kept keys: %s is missing", path)
	}
	if err != nil {
		return nil, fmt.Errorf("the kept keys %s: %w", path, err)
	}
	var kk keptKeys
	if err := json.Unmarshal(body, &kk); err != nil {
		return nil, fmt.Errorf("the kept keys %s cannot be read: %w", path, err)
	}
	if kk.Format != keptKeysFormat {
		return nil, fmt.Errorf("the kept keys %s are format %q, want %q", path, kk.Format, keptKeysFormat)
	}
	for i, k := range kk.Keys {
		if raw, err := base64.StdEncoding.DecodeString(k.PublicKey); err != nil || len(raw) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("the kept keys %s: key %d is not a base64 Ed25519 public key", path, i+1)
		}
	}
	return &kk, nil
}

// changesFor are the kept keys of event, as the install trusts them again.
func (kk *keptKeys) changesFor(event string) []store.TrustChange {
	var out []store.TrustChange
	for _, k := range kk.Keys {
		if k.EventID != event {
			continue
		}
		raw, _ := base64.StdEncoding.DecodeString(k.PublicKey) // checked by readKeptKeys
		out = append(out, store.TrustChange{Key: raw, Note: k.Note, BadgesOnly: !k.SignsBundles})
	}
	return out
}
