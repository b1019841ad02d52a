// Package importer puts a bundle into a kiosk's store: the one import path
// that the kiosk's staff mode and `kioskctl bundle import` both use. It
// decides which keys and which events a kiosk accepts, verifies the bundle
// completely before touching anything, and installs it in one
// transaction together with any change to the trusted keys. It keeps the
// last installed bundle in the data folder, so that a kiosk whose
// database is damaged gets its event back (Restore).
//
// The rules of trust:
//   - Every trusted key belongs to one event, and the kiosk trusts only the
//     keys of the event it has installed: installing another event drops
//     the previous event's keys, for bundles and badges alike.
//   - A bundle of the installed event must be signed by one of its keys
//     that still signs bundles. A bundle of another event (replacing the
//     demo, or with staff's confirmation) only by the key staff give with
//     it (--trust, or a fingerprint compared on screen).
//   - A bundle naming a next key hands its event over: the next key signs
//     from then on, and the signer signs no more bundles. Badges it
//     signed stay valid, so a key rotation voids no printed badge.
//   - The demo key's private half is published, so it hands over nothing
//     and signs nothing but the demo event: a bundle signed with it may
//     carry neither another event's id nor a next key.
package importer

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"kiosk/assets"
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
	// with --trust, or compared its fingerprint on screen. It is trusted
	// only if it signed the bundle, and then for the bundle's event.
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

func (o Options) withDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Progress == nil {
		o.Progress = func(Phase, int, int) {}
	}
	return o
}

// Result says what an import did.
type Result struct {
	Manifest bundle.Manifest
	Previous *data.BundleInfo // nil when nothing was installed before
	Trusted  []string         // key ids newly trusted
	Retired  []string         // key ids that handed the event over: badges only from now on
	Dropped  []string         // key ids no longer trusted at all
	// NotKept says why the bundle could not be kept in the data folder for
	// a recovery (a full disk, say); the install itself stands.
	NotKept error
	// KeptAgain: the bundle was the one installed already, and was kept
	// in the data folder again (after an earlier install could not keep
	// it); nothing else changed.
	KeptAgain bool
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

// publishedDemo is the demo key built into the kiosk and the one event it
// signs, read from the embedded demo bundle so that the two never differ.
var publishedDemo = sync.OnceValues(func() (ed25519.PublicKey, string) {
	m, err := bundle.Inspect(assets.DemoBundle)
	if err != nil {
		panic("the embedded demo bundle: " + err.Error())
	}
	return assets.DemoPublicKey(), m.EventID
})

// Import verifies raw as a bundle for s and installs it.
func Import(ctx context.Context, s *store.Store, raw []byte, opts Options) (*Result, error) {
	opts = opts.withDefaults()
	opts.Progress(PhaseVerifying, 0, 1)
	k, err := loadKiosk(ctx, s)
	if err != nil {
		return nil, err
	}
	// The manifest is read unverified here only to choose the keys and
	// rules that apply; Read then verifies the signature over it.
	claimed, _ := bundle.Inspect(raw)
	b, err := bundle.Read(raw, k.policy(claimed, opts))
	if err != nil {
		if res := k.keepAgain(ctx, s, raw, err); res != nil {
			return res, nil
		}
		return nil, k.explain(err, raw)
	}
	if err := k.checkSigner(b, opts); err != nil {
		return nil, err
	}
	opts.Progress(PhaseVerifying, 1, 1)
	d, err := bundle.EventData(b.Sources)
	if err != nil {
		return nil, err
	}
	req, res := k.request(b, d, opts)
	if err := s.InstallBundle(ctx, req); err != nil {
		return nil, fmt.Errorf("installing the bundle: %w (nothing was changed)", err)
	}
	res.NotKept = keep(ctx, s, raw, req.Replaceable)
	return res, nil
}

// keepAgain answers the installed bundle brought again when it is not
// kept as it is in the data folder (an earlier install could not keep
// it): it is kept now, so that staff can mend a failed keep by installing
// the same bundle again. Its bytes are the ones verified at the install
// (same SHA-256). nil when refused is about anything else.
func (k *kiosk) keepAgain(ctx context.Context, s *store.Store, raw []byte, refused error) *Result {
	var r *bundle.Refusal
	if k.installed == nil || !errors.As(refused, &r) || r.Reason != bundle.SameVersion {
		return nil
	}
	sum := sha256.Sum256(raw)
	if hex.EncodeToString(sum[:]) != k.installed.SHA256 || keptIs(s, raw) {
		return nil
	}
	m, err := bundle.Inspect(raw)
	if err != nil {
		return nil
	}
	res := &Result{Manifest: *m, Previous: k.installed, KeptAgain: true}
	res.NotKept = keep(ctx, s, raw, k.replaceable)
	return res
}

// kiosk is what an import needs to know of the kiosk before it starts.
type kiosk struct {
	installed   *data.BundleInfo // nil when nothing is installed
	replaceable bool
	keys        []store.TrustedKey
}

func loadKiosk(ctx context.Context, s *store.Store) (*kiosk, error) {
	k := &kiosk{}
	installed, err := s.Bundle(ctx)
	switch {
	case errors.Is(err, store.ErrNoEvent):
	case err != nil:
		return nil, err
	default:
		k.installed = &installed
		if k.replaceable, err = s.Replaceable(ctx); err != nil {
			return nil, err
		}
	}
	if k.keys, err = s.TrustedKeyList(ctx); err != nil {
		return nil, err
	}
	return k, nil
}

// policy is what the bundle must pass: which keys may have signed it,
// for which event, above which version.
func (k *kiosk) policy(claimed *bundle.Manifest, opts Options) bundle.Policy {
	pol := bundle.Policy{Now: opts.Now()}
	event := ""
	if claimed != nil {
		event = claimed.EventID
	}
	replacing := k.installed == nil ||
		(event != "" && event != k.installed.EventID && (k.replaceable || opts.ReplaceEvent))
	if replacing {
		// A new event: no key of the installed one vouches for it, only
		// the key staff give with it.
		pol.Trusted, pol.EventID = withKey(nil, opts.Trust), event
		return pol
	}
	trust := opts.Trust
	if t := k.key(keys.ID(trust)); trust != nil && t != nil && !t.SignsBundles && t.EventID == k.installed.EventID {
		// A key that handed this event over signs no more bundles, also
		// when staff give it again (kioskctl --trust): it stays retired.
		trust = nil
	}
	pol.Trusted = withKey(k.bundleKeys(k.installed.EventID), trust)
	pol.EventID, pol.Installed, pol.InstalledSHA256 = k.installed.EventID, k.installed.Version, k.installed.SHA256
	return pol
}

func withKey(list []ed25519.PublicKey, key ed25519.PublicKey) []ed25519.PublicKey {
	if key != nil {
		list = append(list, key)
	}
	return list
}

// bundleKeys are the event's keys that still sign bundles.
func (k *kiosk) bundleKeys(event string) []ed25519.PublicKey {
	var out []ed25519.PublicKey
	for _, t := range k.keys {
		if t.EventID == event && t.SignsBundles {
			out = append(out, t.Key)
		}
	}
	return out
}

func (k *kiosk) key(id string) *store.TrustedKey {
	for i := range k.keys {
		if k.keys[i].ID == id {
			return &k.keys[i]
		}
	}
	return nil
}

// demoEvent says whether key is a demo key (the published one, or the
// one the kiosk was seeded with) and the one event it may sign.
func (k *kiosk) demoEvent(key ed25519.PublicKey, opts Options, manifest *bundle.Manifest) (string, bool) {
	if pub, event := publishedDemo(); key.Equal(pub) {
		return event, true
	}
	if opts.Demo && key.Equal(opts.Trust) {
		return manifest.EventID, true
	}
	if t := k.key(keys.ID(key)); t != nil && t.Note == NoteDemo {
		return t.EventID, true
	}
	return "", false
}

// explain turns a refusal for an unknown signer into what staff can act
// on: trust the key after comparing its fingerprint, or not at all when
// it is a demo key or a key that handed its event over.
func (k *kiosk) explain(err error, raw []byte) error {
	var r *bundle.Refusal
	if !errors.As(err, &r) || r.Reason != bundle.UntrustedKey {
		return err
	}
	u := &UntrustedError{Refusal: r}
	m, ierr := bundle.Inspect(raw)
	if ierr != nil {
		return u
	}
	u.KeyID = m.KeyID
	if u.Key, _ = m.SignerPublicKey(); u.Key == nil {
		return u
	}
	u.Fingerprint = keys.Fingerprint(u.Key)
	if event, demo := k.demoEvent(u.Key, Options{}, m); demo && event != m.EventID {
		return demoRefusal(m.EventID, event)
	}
	if t := k.key(keys.ID(u.Key)); t != nil && !t.SignsBundles && t.EventID == m.EventID {
		return &bundle.Refusal{Reason: bundle.RetiredKey, Msg: fmt.Sprintf("the bundle is signed by key %s, "+
			"which handed event %q over to a newer key: it signs no more bundles (its badges stay valid). "+
			"Sign the bundle with the event's current key.", t.ID, t.EventID)}
	}
	return u
}

func demoRefusal(event, demoEvent string) *bundle.Refusal {
	return &bundle.Refusal{Reason: bundle.DemoKey, Msg: fmt.Sprintf("the bundle for event %q is signed with the "+
		"published demo key, which signs nothing but the demo event %q: a real event needs its own key "+
		"(kioskctl keygen)", event, demoEvent)}
}

// checkSigner applies the demo key's limits to a verified bundle.
func (k *kiosk) checkSigner(b *bundle.Bundle, opts Options) error {
	event, demo := k.demoEvent(b.Signer, opts, &b.Manifest)
	switch {
	case !demo:
		return nil
	case b.Manifest.EventID != event:
		return demoRefusal(b.Manifest.EventID, event)
	case b.Manifest.NextKey != "":
		return &bundle.Refusal{Reason: bundle.DemoKey, Msg: "the bundle is signed with the published demo key " +
			"and names a next key: the demo key hands nothing over, since anyone can sign with it"}
	}
	return nil
}

// request is the install of a verified bundle, with its changes of trust.
func (k *kiosk) request(b *bundle.Bundle, d *data.EventData, opts Options) (store.InstallRequest, *Result) {
	res := &Result{Manifest: b.Manifest, Previous: k.installed}
	req := store.InstallRequest{
		Data: d, Info: b.Info(),
		Progress: func(done, total int) { opts.Progress(PhaseInstalling, done, total) },
	}
	signer := keys.ID(b.Signer)
	_, demo := k.demoEvent(b.Signer, opts, &b.Manifest)
	if opts.Trust != nil && keys.ID(opts.Trust) == signer {
		note := NoteProvisioned
		if demo {
			note = NoteDemo
		}
		req.Trust = append(req.Trust, store.TrustChange{Key: opts.Trust, Note: note})
		res.Trusted = append(res.Trusted, signer)
	}
	if next, _ := b.Manifest.NextPublicKey(); next != nil && keys.ID(next) != signer {
		req.Trust = append(req.Trust, store.TrustChange{Key: next, Note: NoteHandover})
		req.Retire = append(req.Retire, signer)
		res.Trusted = append(res.Trusted, keys.ID(next))
		res.Retired = append(res.Retired, signer)
	}
	// A bundle signed with a demo key is still the demo, whoever brings
	// it: it stays replaceable and the demo key stays. Any other bundle
	// ends the demo and its published key.
	if demo {
		req.Replaceable = true
	} else {
		req.Untrust = append(req.Untrust, NoteDemo)
	}
	res.Dropped = k.dropped(b.Manifest.EventID, demo, req.Trust)
	return req, res
}

// dropped are the ids of the keys an install of event stops trusting:
// those of any other event, and the demo's when a real event comes.
func (k *kiosk) dropped(event string, demo bool, kept []store.TrustChange) []string {
	var out []string
	for _, t := range k.keys {
		again := slices.ContainsFunc(kept, func(c store.TrustChange) bool { return keys.ID(c.Key) == t.ID })
		if !again && (t.EventID != event || (!demo && t.Note == NoteDemo)) {
			out = append(out, t.ID)
		}
	}
	return out
}
