package sync

import (
	"context"
	"crypto/ed25519"
	"strings"
	"testing"
)

// A newer bundle on the hub is installed through the kiosk's import path;
// one signed by a key the kiosk does not trust is refused, changes
// nothing, and is not fetched again.
func TestHubBundleInstalledAsFromAStick(t *testing.T) {
	ctx := context.Background()
	hub, front, ks := venueWith(t, 1)
	a := ks[0]
	if v, err := a.client.UpdateBundle(ctx); err != nil || v != 0 {
		t.Fatalf("same version: installed %d, %v", v, err)
	}
	hub.install(t, buildBundle(t, a.eventK, 2, a))
	if v, err := a.client.UpdateBundle(ctx); err != nil || v != 2 {
		t.Fatalf("version 2: installed %d, %v", v, err)
	}
	if b, _ := a.store.Bundle(ctx); b.Version != 2 {
		t.Fatalf("the kiosk has version %d", b.Version)
	}
	// The hub trusts another key the kiosk was never given.
	other := newEventKey(t)
	if err := hub.store.Trust(ctx, other.Public().(ed25519.PublicKey)); err != nil {
		t.Fatal(err)
	}
	hub.install(t, buildBundle(t, other, 3, a))
	_, err := a.client.UpdateBundle(ctx)
	if err == nil || !strings.Contains(err.Error(), "version 3") {
		t.Fatalf("a bundle signed by an untrusted key: %v", err)
	}
	if b, _ := a.store.Bundle(ctx); b.Version != 2 {
		t.Fatalf("a refused bundle changed the kiosk: version %d", b.Version)
	}
	if st := a.status(); !strings.Contains(st.LastError, "version 3") {
		t.Fatalf("status does not say why: %+v", st)
	}
	hits := front.hits.Load()
	if v, err := a.client.UpdateBundle(ctx); err != nil || v != 0 || front.hits.Load()-hits != 1 {
		t.Fatalf("the refused bundle again: %d %v after %d requests", v, err, front.hits.Load()-hits)
	}
}
