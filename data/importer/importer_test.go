package importer

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/bundle"
	"kiosk/data/datatest"
	"kiosk/data/keys"
	"kiosk/data/source"
	"kiosk/data/store"
)

var created = time.Date(2016, 10, 1, 0, 0, 0, 0, time.UTC)

func open(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "kiosk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

type built struct {
	d       *data.EventData
	version int64
	next    ed25519.PublicKey
}

func build(t *testing.T, priv ed25519.PrivateKey, b built) []byte {
	t.Helper()
	if b.d == nil {
		b.d = datatest.Event()
	}
	var buf bytes.Buffer
	if _, err := bundle.Build(&buf, &source.Sources{Data: *b.d}, priv, bundle.BuildOptions{
		Version: b.version, Created: created, Expires: created.AddDate(1, 0, 0), NextKey: b.next}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func opts(o Options) Options {
	o.Now = func() time.Time { return created.AddDate(0, 1, 0) }
	return o
}

func trustedIDs(t *testing.T, s *store.Store) []string {
	t.Helper()
	ks, err := s.TrustedKeys(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, k := range ks {
		ids = append(ids, keys.ID(k))
	}
	slices.Sort(ids)
	return ids
}

func TestFirstImportNeedsTrust(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	pub, priv, _ := keys.Generate()
	raw := build(t, priv, built{version: 1})
	_, err := Import(ctx, s, raw, opts(Options{}))
	var u *UntrustedError
	if !errors.As(err, &u) || !errors.Is(err, ErrNeedsTrust) || u.Fingerprint != keys.Fingerprint(pub) || !u.Key.Equal(pub) {
		t.Fatalf("import without trust: %v (%+v)", err, u)
	}
	if _, err := s.Bundle(ctx); !errors.Is(err, store.ErrNoEvent) {
		t.Fatal("a refused import installed something")
	}
	res, err := Import(ctx, s, raw, opts(Options{Trust: pub}))
	if err != nil {
		t.Fatal(err)
	}
	if res.Previous != nil || !slices.Equal(trustedIDs(t, s), []string{keys.ID(pub)}) {
		t.Fatalf("result %+v, trusted %v", res, trustedIDs(t, s))
	}
	// From now on the key is trusted without being given again.
	if _, err := Import(ctx, s, build(t, priv, built{version: 2}), opts(Options{})); err != nil {
		t.Fatalf("second import: %v", err)
	}
}

func TestRollbackAndSameVersionAreRefused(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	pub, priv, _ := keys.Generate()
	if _, err := Import(ctx, s, build(t, priv, built{version: 5}), opts(Options{Trust: pub})); err != nil {
		t.Fatal(err)
	}
	for v, want := range map[int64]bundle.Reason{4: bundle.Rollback, 5: bundle.SameVersion} {
		_, err := Import(ctx, s, build(t, priv, built{version: v}), opts(Options{}))
		var r *bundle.Refusal
		if !errors.As(err, &r) || r.Reason != want {
			t.Fatalf("version %d: %v, want %s", v, err, want)
		}
	}
}

func TestRealEventReplacesTheDemoAndDropsTheDemoKey(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	demoPub, demoPriv, _ := keys.Generate()
	demo := datatest.Event()
	demo.Event.ID = "demo-event"
	if _, err := Import(ctx, s, build(t, demoPriv, built{d: demo, version: 1}), opts(Options{Trust: demoPub, Demo: true})); err != nil {
		t.Fatal(err)
	}
	// A check-in at the demo.
	if _, _, err := s.RecordCheckIn(ctx, store.NewCheckIn{EventID: "demo-event", DelegateID: datatest.StockID,
		Purpose: data.PurposeArrival, Method: data.MethodScan, ScannedAt: created,
		PurposeKey: store.PurposeKey("demo-event", data.PurposeArrival, "", "2016-11-07")}); err != nil {
		t.Fatal(err)
	}
	realPub, realPriv, _ := keys.Generate()
	res, err := Import(ctx, s, build(t, realPriv, built{version: 1}), opts(Options{Trust: realPub}))
	if err != nil {
		t.Fatalf("real event over the demo: %v", err)
	}
	if res.Previous == nil || res.Previous.EventID != "demo-event" {
		t.Fatalf("previous %+v", res.Previous)
	}
	if got := trustedIDs(t, s); !slices.Equal(got, []string{keys.ID(realPub)}) {
		t.Fatalf("trusted after the real event: %v; the demo key must be gone", got)
	}
	all, _ := s.CheckIns(ctx, store.CheckInFilter{})
	if len(all) != 1 {
		t.Fatalf("the demo's check-ins were not kept: %d", len(all))
	}
	// The real event is not replaceable by yet another event...
	otherPub, otherPriv, _ := keys.Generate()
	other := datatest.Event()
	other.Event.ID = "other-event"
	_, err = Import(ctx, s, build(t, otherPriv, built{d: other, version: 9}), opts(Options{Trust: otherPub}))
	var r *bundle.Refusal
	if !errors.As(err, &r) || r.Reason != bundle.OtherEvent {
		t.Fatalf("another event over a real one: %v", err)
	}
	// ...unless staff confirm it.
	if _, err := Import(ctx, s, build(t, otherPriv, built{d: other, version: 1}), opts(Options{Trust: otherPub, ReplaceEvent: true})); err != nil {
		t.Fatalf("confirmed replacement: %v", err)
	}
}

func TestKeyHandoverOnlyFromTheOldKey(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	k1, p1, _ := keys.Generate()
	k2, p2, _ := keys.Generate()
	_, p3, _ := keys.Generate()
	if _, err := Import(ctx, s, build(t, p1, built{version: 1}), opts(Options{Trust: k1})); err != nil {
		t.Fatal(err)
	}
	// K2 cannot introduce itself.
	if _, err := Import(ctx, s, build(t, p2, built{version: 2}), opts(Options{})); !errors.Is(err, ErrNeedsTrust) {
		t.Fatalf("new key on its own: %v", err)
	}
	// K1 hands over to K2.
	res, err := Import(ctx, s, build(t, p1, built{version: 2, next: k2}), opts(Options{}))
	if err != nil || !slices.Contains(res.Trusted, keys.ID(k2)) {
		t.Fatalf("handover: %+v %v", res, err)
	}
	if _, err := Import(ctx, s, build(t, p2, built{version: 3}), opts(Options{})); err != nil {
		t.Fatalf("bundle from the handed-over key: %v", err)
	}
	if _, err := Import(ctx, s, build(t, p3, built{version: 4}), opts(Options{})); !errors.Is(err, ErrNeedsTrust) {
		t.Fatalf("a key never handed over: %v", err)
	}
}

func TestProgressIsReported(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	pub, priv, _ := keys.Generate()
	var phases []Phase
	var last [2]int
	_, err := Import(ctx, s, build(t, priv, built{version: 1}), opts(Options{Trust: pub, Progress: func(p Phase, done, total int) {
		if len(phases) == 0 || phases[len(phases)-1] != p {
			phases = append(phases, p)
		}
		last = [2]int{done, total}
	}}))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(phases, []Phase{PhaseVerifying, PhaseInstalling}) || last[0] != last[1] || last[1] == 0 {
		t.Fatalf("phases %v, last %v", phases, last)
	}
}

func TestANewerDemoBundleKeepsTheDemoKey(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	demoPub, demoPriv, _ := keys.Generate()
	if _, err := Import(ctx, s, build(t, demoPriv, built{version: 1}), opts(Options{Trust: demoPub, Demo: true})); err != nil {
		t.Fatal(err)
	}
	// Staff install a newer demo bundle from a stick: still the demo.
	if _, err := Import(ctx, s, build(t, demoPriv, built{version: 2}), opts(Options{})); err != nil {
		t.Fatal(err)
	}
	if got := trustedIDs(t, s); !slices.Equal(got, []string{keys.ID(demoPub)}) {
		t.Fatalf("trusted after a newer demo bundle: %v; the demo key must stay", got)
	}
	if r, _ := s.Replaceable(ctx); !r {
		t.Fatal("a demo bundle made the event irreplaceable")
	}
	if _, err := Import(ctx, s, build(t, demoPriv, built{version: 3}), opts(Options{})); err != nil {
		t.Fatalf("a third demo bundle: %v", err)
	}
}
