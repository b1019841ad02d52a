package hub

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"kiosk/assets"
	"kiosk/data"
	"kiosk/data/bundle"
	"kiosk/data/checkincode"
	"kiosk/data/syncproto"
)

// Hub serves the sync protocol from a Store.
type Hub struct {
	store     Store
	now       func() time.Time
	log       *log.Logger
	pullLimit int
	// facts are the installed bundle's, read once per install rather than
	// once per request, and again when older than factsMaxAge.
	facts     atomic.Pointer[facts]
	reloading sync.Mutex
	// pending bounds the kiosks waiting for approval (see admit.go).
	pending pendingGate
}

// factsMaxAge is how long a hub serves from the facts it read: another
// hub process on the same store (PostgreSQL), or "hub bundle import", may
// install a bundle meanwhile, and this hub follows within that time.
var factsMaxAge = 2 * time.Second

// facts is what the hub knows from its installed bundle.
type facts struct {
	eventID string
	version int64
	demo    bool
	// kiosks are the bundle's enrolled kiosks by the id they sign with.
	kiosks map[string]ed25519.PublicKey
	read   time.Time // on the machine's clock, not Options.Now
}

// Options configure a Hub.
type Options struct {
	Now    func() time.Time // time.Now when nil
	Logger *log.Logger      // log.Default when nil
	// PullLimit is the most check-ins one pull answer carries;
	// syncproto.MaxPullRecords when zero.
	PullLimit int
}

// New makes a hub on store.
func New(ctx context.Context, store Store, opts Options) (*Hub, error) {
	h := &Hub{store: store, now: opts.Now, log: opts.Logger, pullLimit: opts.PullLimit}
	if h.pullLimit <= 0 {
		h.pullLimit = syncproto.MaxPullRecords
	}
	if h.now == nil {
		h.now = time.Now
	}
	if h.log == nil {
		h.log = log.Default()
	}
	return h, h.loadFacts(ctx)
}

// Store is the hub's store.
func (h *Hub) Store() Store { return h.store }

func (h *Hub) loadFacts(ctx context.Context) error {
	b, err := h.store.Bundle(ctx)
	if err != nil {
		return fmt.Errorf("the installed bundle: %w", err)
	}
	f := &facts{kiosks: map[string]ed25519.PublicKey{}, read: time.Now()}
	if b != nil {
		f.eventID, f.version = b.EventID, b.Version
		demoKey, demoEvent := publishedDemo()
		f.demo = b.EventID == demoEvent && b.Signer.Equal(demoKey)
		for _, k := range b.KioskKeys {
			f.kiosks[syncproto.KioskIDFor(k.PublicKey)] = k.PublicKey
		}
	}
	h.facts.Store(f)
	return nil
}

// freshFacts reads the facts again when they are older than factsMaxAge.
// One request reads them; the others meanwhile go on with the facts they
// have.
func (h *Hub) freshFacts(ctx context.Context) error {
	if time.Since(h.facts.Load().read) < factsMaxAge || !h.reloading.TryLock() {
		return nil
	}
	defer h.reloading.Unlock()
	return h.loadFacts(ctx)
}

// publishedDemo is the demo key and the one event it signs, read from the
// embedded demo bundle so that the two never differ. The hub approves
// kiosks by itself only on that event signed by that key: its private half
// is published, so nothing a real event holds can be reached this way.
func publishedDemo() (ed25519.PublicKey, string) {
	m, err := bundle.Inspect(assets.DemoBundle)
	if err != nil {
		panic("the embedded demo bundle: " + err.Error())
	}
	return assets.DemoPublicKey(), m.EventID
}

// ErrOtherEvent refuses a bundle of another event than the installed real
// one: replacing an event's data on a hub is not done by a bundle.
var ErrOtherEvent = errors.New("the hub serves another event")

// ImportBundle verifies raw as the hub's next bundle (signed by a trusted
// key, the installed event unless that is the demo, a newer version; the
// same checks a kiosk makes) and installs it.
func (h *Hub) ImportBundle(ctx context.Context, raw []byte) (*bundle.Bundle, error) {
	pol, err := h.bundlePolicy(ctx, raw)
	if err != nil {
		return nil, err
	}
	b, err := bundle.Read(raw, pol)
	if err != nil {
		return nil, err
	}
	d, err := bundle.EventData(b.Sources)
	if err != nil {
		return nil, err
	}
	if err := h.store.InstallBundle(ctx, InstalledBundle{Bytes: raw, EventID: b.Manifest.EventID, Version: b.Manifest.Version,
		SHA256: b.SHA256, Signer: b.Signer, Installed: h.now(), KioskKeys: d.KioskKeys}); err != nil {
		return nil, err
	}
	// An event moving to a new key names it in a bundle signed by the old
	// one; the hub follows, as a kiosk does.
	if next, _ := b.Manifest.NextPublicKey(); next != nil {
		if err := h.store.Trust(ctx, next); err != nil {
			return nil, err
		}
	}
	return b, h.loadFacts(ctx)
}

func (h *Hub) bundlePolicy(ctx context.Context, raw []byte) (bundle.Policy, error) {
	trusted, err := h.store.Trusted(ctx)
	if err != nil {
		return bundle.Policy{}, err
	}
	demoKey, _ := publishedDemo()
	pol := bundle.Policy{Trusted: append(trusted, demoKey), Now: h.now()}
	installed, err := h.store.Bundle(ctx)
	if err != nil || installed == nil {
		return pol, err
	}
	m, err := bundle.Inspect(raw)
	if err != nil {
		return pol, err
	}
	f := h.facts.Load()
	switch {
	case m.EventID == installed.EventID:
		pol.EventID, pol.Installed, pol.InstalledSHA256 = installed.EventID, installed.Version, installed.SHA256
	case !f.demo:
		return pol, fmt.Errorf("%w: it serves %q, the bundle is for %q; start a hub with a new data folder for another event",
			ErrOtherEvent, installed.EventID, m.EventID)
	}
	return pol, nil
}

// InstallDemo installs the embedded demo event on a hub that has no
// bundle, so that a hub started with no set-up serves the demo kiosks.
func (h *Hub) InstallDemo(ctx context.Context) (installed bool, err error) {
	b, err := h.store.Bundle(ctx)
	if err != nil {
		return false, err
	}
	if b != nil {
		return false, h.loadFacts(ctx)
	}
	if _, err := h.ImportBundle(ctx, assets.DemoBundle); err != nil {
		// Another hub process starting on the same store may have
		// installed it (or a bundle) first: then serve that.
		if b, berr := h.store.Bundle(ctx); berr == nil && b != nil {
			return false, h.loadFacts(ctx)
		}
		return false, fmt.Errorf("the embedded demo event: %w", err)
	}
	return true, nil
}

// EventID is the installed bundle's event, "" if none.
func (h *Hub) EventID() string { return h.facts.Load().eventID }

// knownKey is the key a kiosk signs with as the hub knows it: enrolled in
// the bundle, or recorded (approved or pending) by the store.
func (h *Hub) knownKey(ctx context.Context, id string) (pub ed25519.PublicKey, enrolled bool, stored *Kiosk, err error) {
	if pub, ok := h.facts.Load().kiosks[id]; ok {
		return pub, true, nil, nil
	}
	k, err := h.store.Kiosk(ctx, id)
	if errors.Is(err, ErrNoKiosk) {
		return nil, false, nil, nil
	}
	if err != nil {
		return nil, false, nil, err
	}
	return k.PublicKey, false, &k, nil
}

// recordKeys are the keys a pushed check-in's own signature is checked
// with: the bundle's enrolled kiosks and the approved ones.
func (h *Hub) recordKeys(ctx context.Context) (map[string]ed25519.PublicKey, error) {
	ks, err := h.store.Kiosks(ctx)
	if err != nil {
		return nil, err
	}
	m := map[string]ed25519.PublicKey{}
	for _, k := range ks {
		if k.Status == StatusApproved {
			m[k.ID] = k.PublicKey
		}
	}
	for id, pub := range h.facts.Load().kiosks {
		m[id] = pub
	}
	return m, nil
}

// checkRecord turns a pushed record into a check-in the hub may store, or
// says why not: the rules of a record, then its own signature by the key
// of the kiosk that took it.
func checkRecord(r syncproto.Record, eventID string, keys map[string]ed25519.PublicKey) (data.CheckIn, string) {
	c, err := r.CheckIn(eventID)
	if err != nil {
		return c, syncproto.ReasonInvalid + ": " + err.Error()
	}
	pub, ok := keys[c.KioskID]
	switch {
	case !ok:
		return c, syncproto.ReasonUnknownKiosk + ": " + c.KioskID + " is neither enrolled in the bundle nor approved on the hub"
	case len(c.Signature) == 0:
		return c, syncproto.ReasonBadSignature + ": the check-in carries no signature"
	case !checkincode.Genuine(eventID, pub, c):
		return c, syncproto.ReasonBadSignature + ": its signature is not that of " + c.KioskID + "'s key (changed or forged)"
	}
	return c, ""
}

// checked is a record after checkRecord: the check-in, or why not.
type checked struct {
	c      data.CheckIn
	reason string
}

// parallelFrom is the batch size from which records are checked on every
// core: a signature check is most of a push's cost, and one kiosk
// draining a backlog should not wait on one core.
const parallelFrom = 64

// checkRecords checks every record (checkRecord), in parallel for a large
// batch; the answer is in the records' order.
func checkRecords(recs []syncproto.Record, eventID string, keys map[string]ed25519.PublicKey) []checked {
	out := make([]checked, len(recs))
	workers := min(runtime.GOMAXPROCS(0), len(recs)/parallelFrom+1)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(recs); i += workers {
				out[i].c, out[i].reason = checkRecord(recs[i], eventID, keys)
			}
		})
	}
	wg.Wait()
	return out
}
