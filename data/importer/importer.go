// Package importer puts a bundle into a kiosk's store: the one import path
// that the kiosk's staff mode and `kioskctl bundle import` both use. It
// decides which keys and which events a kiosk accepts, verifies the bundle
// completely before touching anything, and installs it in one
// transaction together with any change to the trusted keys.
package importer

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"time"

	"kiosk/data"
	"kiosk/data/bundle"
	"kiosk/data/keys"
	"kiosk/data/store"
)

// Notes under which trusted keys are kept; they say why a key is trusted.
const (
	// NoteDemo marks the built-in demo key. It is dropped as soon as a
	// real event is installed: its private half is published, so a kiosk
	// serving a real event must not believe it.
	NoteDemo = "demo event key (built in)"
	// NoteProvisioned marks a key given by staff (--trust, or accepted on
	// screen after comparing its fingerprint).
	NoteProvisioned = "event key provisioned by staff"
	// NoteHandover marks a key that a trusted key handed over to in a
	// bundle's manifest.
	NoteHandover = "event key handed over in a signed bundle"
)

// Phase names a stage of an import, for a progress display.
type Phase string

// The phases of an import.
const (
	PhaseVerifying  Phase = "Checking the bundle"
	PhaseInstalling Phase = "Installing"
)

// Progress is told what an import is doing: done of total steps.
type Progress func(phase Phase, done, total int)

// Options change one import.
type Options struct {
	// Trust is an event key to trust from this import on: staff passed it
	// with --trust, or compared its fingerprint on screen.
	Trust ed25519.PublicKey
	// ReplaceEvent allows a bundle of another event than the installed
	// one (staff confirmed it). The demo can always be replaced.
	ReplaceEvent bool
	// Demo marks the bundle as the built-in demo, which the next bundle may
	// replace.
	Demo     bool
	Progress Progress
	Now      func() time.Time
}

// Result says what an import did.
type Result struct {
	Manifest bundle.Manifest
	Previous *data.BundleInfo // nil when nothing was installed before
	Trusted  []string         // key ids newly trusted
	Dropped  []string         // notes of keys no longer trusted
}

// ErrNeedsTrust is wrapped by the refusal of a bundle signed by a key the
// kiosk does not trust yet; Fingerprint says which, for staff to compare.
var ErrNeedsTrust = errors.New("signed by a key this kiosk does not trust yet")

// UntrustedError is a bundle whose signer is not trusted yet.
type UntrustedError struct {
	Refusal *bundle.Refusal
	// KeyID, Key and Fingerprint are what the unverified manifest claims:
	// staff compare the fingerprint with the one "kioskctl keygen" printed
	// before they trust the key (Options.Trust) and import again.
	KeyID       string
	Key         ed25519.PublicKey
	Fingerprint string
}

func (e *UntrustedError) Error() string { return e.Refusal.Error() }
func (e *UntrustedError) Unwrap() error { return ErrNeedsTrust }

// Import verifies raw as a bundle for s and installs it.
func Import(ctx context.Context, s *store.Store, raw []byte, opts Options) (*Result, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	progress := opts.Progress
	if progress == nil {
		progress = func(Phase, int, int) {}
	}
	progress(PhaseVerifying, 0, 1)
	trusted, err := s.TrustedKeys(ctx)
	if err != nil {
		return nil, err
	}
	if opts.Trust != nil {
		trusted = append(trusted, opts.Trust)
	}
	res := &Result{}
	policy := bundle.Policy{Trusted: trusted, Now: opts.Now()}
	installed, err := s.Bundle(ctx)
	switch {
	case errors.Is(err, store.ErrNoEvent):
	case err != nil:
		return nil, err
	default:
		res.Previous = &installed
		replaceable, err := s.Replaceable(ctx)
		if err != nil {
			return nil, err
		}
		policy.EventID, policy.Installed, policy.InstalledSHA256 = installed.EventID, installed.Version, installed.SHA256
		// The manifest's event is read unverified here only to choose the
		// rules; Read then verifies the signature over it.
		if m, err := bundle.Inspect(raw); err == nil && m.EventID != installed.EventID && (replaceable || opts.ReplaceEvent) {
			policy.EventID, policy.Installed = "", 0
		}
	}
	b, err := bundle.Read(raw, policy)
	if err != nil {
		var r *bundle.Refusal
		if errors.As(err, &r) && r.Reason == bundle.UntrustedKey {
			u := &UntrustedError{Refusal: r}
			if m, err := bundle.Inspect(raw); err == nil {
				u.KeyID = m.KeyID
				u.Key, _ = m.SignerPublicKey()
				if u.Key != nil {
					u.Fingerprint = keys.Fingerprint(u.Key)
				}
			}
			return nil, u
		}
		return nil, err
	}
	res.Manifest = b.Manifest
	progress(PhaseVerifying, 1, 1)

	d, err := bundle.EventData(b.Sources)
	if err != nil {
		return nil, err
	}
	req := store.InstallRequest{
		Data: d, Info: b.Info(),
		Progress: func(done, total int) { progress(PhaseInstalling, done, total) },
	}
	signer := keys.ID(b.Signer)
	if opts.Trust != nil && keys.ID(opts.Trust) == signer {
		note := NoteProvisioned
		if opts.Demo {
			note = NoteDemo
		}
		req.Trust = append(req.Trust, store.TrustChange{Key: opts.Trust, Note: note})
		res.Trusted = append(res.Trusted, signer)
	}
	if next, _ := b.Manifest.NextPublicKey(); next != nil {
		req.Trust = append(req.Trust, store.TrustChange{Key: next, Note: NoteHandover})
		res.Trusted = append(res.Trusted, keys.ID(next))
	}
	// A bundle signed with the demo key is still the demo, whoever brings
	// it: it stays replaceable and the demo key stays. Any other bundle
	// ends the demo and its published key.
	notes, err := s.TrustedKeyNotes(ctx)
	if err != nil {
		return nil, err
	}
	if opts.Demo || notes[signer] == NoteDemo {
		req.Replaceable = true
	} else {
		req.Untrust = append(req.Untrust, NoteDemo)
		res.Dropped = append(res.Dropped, NoteDemo)
	}
	if err := s.InstallBundle(ctx, req); err != nil {
		return nil, fmt.Errorf("installing the bundle: %w (nothing was changed)", err)
	}
	return res, nil
}
