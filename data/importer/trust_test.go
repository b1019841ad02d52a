package importer

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"kiosk/assets"
	"kiosk/assets/demokey"
	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/bundle"
	"kiosk/data/checkin"
	"kiosk/data/datatest"
	"kiosk/data/keys"
	"kiosk/data/store"
)

// seedDemo installs the real embedded demo bundle as the kiosk does on
// first start: the published demo key trusted, the event replaceable.
func seedDemo(t *testing.T, s *store.Store) {
	t.Helper()
	if _, err := Import(context.Background(), s, assets.DemoBundle,
		opts(Options{Trust: assets.DemoPublicKey(), Demo: true})); err != nil {
		t.Fatal(err)
	}
}

// eventData is the fixture under another event id.
func eventData(id string) *data.EventData {
	d := datatest.Event()
	d.Event.ID = id
	return d
}

func demoEventID(t *testing.T) string {
	t.Helper()
	m, err := bundle.Inspect(assets.DemoBundle)
	if err != nil {
		t.Fatal(err)
	}
	return m.EventID
}

func wantRefusal(t *testing.T, what string, err error, reason bundle.Reason) {
	t.Helper()
	var r *bundle.Refusal
	if !errors.As(err, &r) || r.Reason != reason {
		t.Fatalf("%s: got %v, want a refusal %q", what, err, reason)
	}
}

func wantTrusted(t *testing.T, s *store.Store, what string, want ...ed25519.PublicKey) {
	t.Helper()
	var ids []string
	for _, k := range want {
		ids = append(ids, keys.ID(k))
	}
	slices.Sort(ids)
	if got := trustedIDs(t, s); !slices.Equal(got, ids) {
		t.Fatalf("%s: trusted %v, want exactly %v", what, got, ids)
	}
}

// The demo key's private half is published: a bundle signed with it must
// not hand the kiosk over to a key of the attacker's, which would outlive
// the provisioning of the real event and sign its bundles.
func TestADemoSignedBundleHandsOverNothing(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	seedDemo(t, s)
	attackerPub, attackerPriv, _ := keys.Generate()
	_, err := Import(ctx, s, build(t, demokey.Private(), built{d: eventData(demoEventID(t)), version: 2, next: attackerPub}), opts(Options{}))
	wantRefusal(t, "a demo-signed bundle naming a next key", err, bundle.DemoKey)
	wantTrusted(t, s, "after the refused handover", assets.DemoPublicKey())

	realPub, realPriv, _ := keys.Generate()
	if _, err := Import(ctx, s, build(t, realPriv, built{version: 1}), opts(Options{Trust: realPub})); err != nil {
		t.Fatal(err)
	}
	wantTrusted(t, s, "after provisioning the real event", realPub)
	_, err = Import(ctx, s, build(t, attackerPriv, built{version: 2}), opts(Options{}))
	if !errors.Is(err, ErrNeedsTrust) {
		t.Fatalf("the attacker's bundle for the real event: %v", err)
	}
}

// A demo-signed bundle under a real event's id with a huge version would
// make the real version 1 "older"; it may carry only the demo's id.
func TestADemoSignedBundleMayCarryOnlyTheDemoEvent(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	seedDemo(t, s)
	_, err := Import(ctx, s, build(t, demokey.Private(), built{version: 999999999999}), opts(Options{}))
	wantRefusal(t, "a demo-signed bundle for the real event", err, bundle.DemoKey)
	// Staff cannot be talked into it either, by trusting the demo key.
	_, err = Import(ctx, s, build(t, demokey.Private(), built{version: 999999999999}), opts(Options{Trust: assets.DemoPublicKey()}))
	wantRefusal(t, "the demo key given as the real event's key", err, bundle.DemoKey)

	realPub, realPriv, _ := keys.Generate()
	if _, err := Import(ctx, s, build(t, realPriv, built{version: 1}), opts(Options{Trust: realPub})); err != nil {
		t.Fatalf("the real version 1 after the attack: %v", err)
	}
	wantTrusted(t, s, "after provisioning the real event", realPub)
	// A newer demo bundle of the demo event is still the demo: fine on a
	// demo kiosk, but it never replaces a real event on its own.
	_, err = Import(ctx, s, build(t, demokey.Private(), built{d: eventData(demoEventID(t)), version: 3}), opts(Options{}))
	if !errors.Is(err, ErrNeedsTrust) {
		t.Fatalf("a demo bundle over the real event: %v", err)
	}
}

// scanAt scans a badge signed by priv for event at a desk on s.
func scanAt(t *testing.T, s *store.Store, priv ed25519.PrivateKey, event string, serial uint32) checkin.Outcome {
	t.Helper()
	venue, _ := time.LoadLocation("Asia/Makassar")
	tok, err := badge.Issue(priv, badge.Claims{EventID: event, DelegateID: datatest.StockID, Serial: serial,
		ValidFrom: time.Date(2016, 11, 6, 0, 0, 0, 0, venue), ValidUntil: time.Date(2016, 11, 11, 0, 0, 0, 0, venue)})
	if err != nil {
		t.Fatal(err)
	}
	desk := checkin.New(s, func() time.Time { return time.Date(2016, 11, 7, 9, 30, 0, 0, venue) })
	o, err := desk.Scan(context.Background(), tok, data.MethodScan)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// After another event replaces the installed one, the replaced event's
// keys sign nothing: neither the new event's bundles nor its badges.
func TestAReplacedEventsKeysSignNothing(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	aPub, aPriv, _ := keys.Generate()
	bPub, bPriv, _ := keys.Generate()
	if _, err := Import(ctx, s, build(t, aPriv, built{d: eventData("event-a"), version: 1}), opts(Options{Trust: aPub})); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(ctx, s, build(t, bPriv, built{d: eventData("event-b"), version: 1}),
		opts(Options{Trust: bPub, ReplaceEvent: true})); err != nil {
		t.Fatal(err)
	}
	wantTrusted(t, s, "after replacing event A with B", bPub)
	_, err := Import(ctx, s, build(t, aPriv, built{d: eventData("event-b"), version: 2}), opts(Options{}))
	if !errors.Is(err, ErrNeedsTrust) {
		t.Fatalf("a bundle of B signed by A's key: %v", err)
	}
	if o := scanAt(t, s, aPriv, "event-b", 7); o.Status != checkin.Refused || o.Reason != checkin.ReasonNotGenuine {
		t.Fatalf("a badge of B signed by A's key: %+v", o)
	}
	if o := scanAt(t, s, bPriv, "event-b", 8); o.Status != checkin.Welcome {
		t.Fatalf("a badge of B signed by B's key: %+v", o)
	}
}

// A key that handed its event over signs no more bundles; the badges it
// signed stay valid, so a key rotation voids no badge already printed.
func TestAHandedOverKeySignsNoMoreBundlesButItsBadgesStay(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	bPub, bPriv, _ := keys.Generate()
	cPub, cPriv, _ := keys.Generate()
	if _, err := Import(ctx, s, build(t, bPriv, built{version: 1}), opts(Options{Trust: bPub})); err != nil {
		t.Fatal(err)
	}
	res, err := Import(ctx, s, build(t, bPriv, built{version: 2, next: cPub}), opts(Options{}))
	if err != nil {
		t.Fatalf("handover B to C: %v", err)
	}
	_, err = Import(ctx, s, build(t, bPriv, built{version: 3}), opts(Options{}))
	wantRefusal(t, "a bundle signed by B after the handover", err, bundle.RetiredKey)
	// Staff giving B again (kioskctl --trust) does not bring it back.
	_, err = Import(ctx, s, build(t, bPriv, built{version: 3}), opts(Options{Trust: bPub}))
	wantRefusal(t, "a bundle signed by B after the handover, with --trust B", err, bundle.RetiredKey)
	if !slices.Equal(res.Retired, []string{keys.ID(bPub)}) || !slices.Equal(res.Trusted, []string{keys.ID(cPub)}) {
		t.Fatalf("handover B to C reported retired %v, trusted %v", res.Retired, res.Trusted)
	}
	if _, err := Import(ctx, s, build(t, cPriv, built{version: 3}), opts(Options{})); err != nil {
		t.Fatalf("a bundle signed by C: %v", err)
	}
	if o := scanAt(t, s, bPriv, "test-event", 11); o.Status != checkin.Welcome {
		t.Fatalf("a badge B printed before the handover: %+v", o)
	}
	if o := scanAt(t, s, cPriv, "test-event", 12); o.Status != checkin.Already && o.Status != checkin.Welcome {
		t.Fatalf("a badge signed by C: %+v", o)
	}
}

// The kept bundle and keys are written after every install, readable by
// the kiosk's user only.
func TestAnInstallKeepsTheBundleAndItsKeys(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	pub, priv, _ := keys.Generate()
	raw := build(t, priv, built{version: 4})
	res, err := Import(ctx, s, raw, opts(Options{Trust: pub}))
	if err != nil || res.NotKept != nil {
		t.Fatalf("import: %v, not kept: %v", err, res.NotKept)
	}
	dir := filepath.Dir(s.Path())
	fresh, err := store.Open(ctx, filepath.Join(t.TempDir(), "kiosk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	got, err := Restore(ctx, fresh, dir)
	if err != nil || got.EventID != "test-event" || got.Version != 4 {
		t.Fatalf("restore: %+v %v", got, err)
	}
	wantTrusted(t, fresh, "the restored kiosk", pub)
	assertMode(t, filepath.Join(dir, KeptBundleName))
	assertMode(t, filepath.Join(dir, KeptKeysName))
}

func assertMode(t *testing.T, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("%s is mode %v, want 0600", path, st.Mode().Perm())
	}
}

// An install that could not keep its bundle tells staff to free the folder
// and install it again; that second install must keep it (it was refused
// as "already installed"), and change nothing else.
func TestInstallingTheSameBundleAgainKeepsItWhenItWasNotKept(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	pub, priv, _ := keys.Generate()
	dir := filepath.Dir(s.Path())
	blocker := filepath.Join(dir, KeptBundleName)
	if err := os.Mkdir(blocker, 0o700); err != nil {
		t.Fatal(err)
	}
	raw := build(t, priv, built{version: 4})
	res, err := Import(ctx, s, raw, opts(Options{Trust: pub}))
	if err != nil || res.NotKept == nil {
		t.Fatalf("first install: %v, not kept: %v", err, res.NotKept)
	}
	os.Remove(blocker)
	res, err = Import(ctx, s, raw, opts(Options{}))
	if err != nil || !res.KeptAgain || res.NotKept != nil {
		t.Fatalf("the same bundle again: %+v, %v", res, err)
	}
	if kept, err := os.ReadFile(blocker); err != nil || !bytes.Equal(kept, raw) {
		t.Fatalf("the bundle is still not kept: %v", err)
	}
	// Kept now: the same bundle again is refused as before.
	_, err = Import(ctx, s, raw, opts(Options{}))
	wantRefusal(t, "the same bundle a third time", err, bundle.SameVersion)
}
