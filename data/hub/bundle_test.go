package hub

import (
	"bytes"
	"context"
	"errors"
	"kiosk/data/pgtest"
	"net/http"
	"testing"

	"kiosk/data/bundle"
	"kiosk/data/keys"
	"kiosk/data/syncproto"
)

func TestBundleServedToKiosks(t *testing.T) { pgtest.Each(t, testBundleServedToKiosks) }

func testBundleServedToKiosks(t *testing.T) {
	f := newFixture(t)
	raw := f.bundle(2, f.a, f.b)
	if _, err := f.hub.ImportBundle(context.Background(), raw); err != nil {
		t.Fatal(err)
	}
	r := f.call(f.a, "GET", syncproto.PathBundle, nil)
	if r.status != http.StatusOK || !bytes.Equal(r.body, raw) || r.header.Get(syncproto.HeaderBundleVersion) != "2" {
		t.Fatalf("bundle answer %d, version %q, %d bytes", r.status, r.header.Get(syncproto.HeaderBundleVersion), len(r.body))
	}
	// A stranger gets no bundle: it holds the delegates' data.
	refusedWith(t, f.call(newKiosk(t), "GET", syncproto.PathBundle, nil), http.StatusForbidden, syncproto.CodePending)
}

func TestBundleImportRefusals(t *testing.T) { pgtest.Each(t, testBundleImportRefusals) }

func testBundleImportRefusals(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, stranger, _ := keys.Generate()
	own := f.eventKey
	f.eventKey = stranger
	untrusted := f.bundle(5, f.a)
	f.eventKey = own
	var refusal *bundle.Refusal
	if _, err := f.hub.ImportBundle(ctx, untrusted); !errors.As(err, &refusal) {
		t.Fatalf("untrusted signer: %v", err)
	}
	if _, err := f.hub.ImportBundle(ctx, f.bundle(1, f.a)); !errors.As(err, &refusal) || refusal.Reason != bundle.SameVersion {
		t.Fatalf("same version: %v", err)
	}
	if _, err := f.hub.ImportBundle(ctx, f.bundle(3, f.a)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.hub.ImportBundle(ctx, f.bundle(2, f.a)); !errors.As(err, &refusal) || refusal.Reason != bundle.Rollback {
		t.Fatalf("older version: %v", err)
	}
	if _, err := f.hub.ImportBundle(ctx, f.bundleOf("other-event", 9, f.a)); !errors.Is(err, ErrOtherEvent) {
		t.Fatalf("another event over a real one: %v", err)
	}
	if b, _ := f.store.Bundle(ctx); b.Version != 3 || b.EventID != testEvent {
		t.Fatalf("installed version %d after refusals, want 3", b.Version)
	}
}

func TestKioskEnrolledByANewBundle(t *testing.T) { pgtest.Each(t, testKioskEnrolledByANewBundle) }

func testKioskEnrolledByANewBundle(t *testing.T) {
	f := newFixture(t)
	c := newKiosk(t)
	refusedWith(t, f.call(c, "POST", syncproto.PathPush, pushBody(t)), http.StatusForbidden, syncproto.CodePending)
	if _, err := f.hub.ImportBundle(context.Background(), f.bundle(2, f.a, f.b, c)); err != nil {
		t.Fatal(err)
	}
	if ans := f.push(c, c.take(t, "D1")); ans.Results[0].Status != syncproto.StatusStored {
		t.Fatalf("enrolled kiosk: %+v", ans)
	}
	if k, _ := f.store.Kiosk(context.Background(), c.id); k.Status != StatusApproved {
		t.Fatalf("enrolled kiosk recorded as %s", k.Status)
	}
}
