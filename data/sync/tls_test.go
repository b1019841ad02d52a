package sync

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"io"
	"log"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"kiosk/data/bundle"
	"kiosk/data/datatest"
	"kiosk/data/hub"
	"kiosk/data/hubtls"
	"kiosk/data/importer"
	"kiosk/data/source"
	"kiosk/data/store"
)

// serveTLS serves a real hub over HTTPS on loopback with the key pair
// kept in its store, as "hub" serves it, behind a front that counts the
// requests reaching it; it returns the front, the URL and the key's
// fingerprint.
func serveTLS(t testing.TB, h *testHub) (*faulty, string, string) {
	t.Helper()
	kp, err := hub.TLSKeyPair(context.Background(), h.store, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	f := &faulty{}
	f.inner = h
	srv := httptest.NewUnstartedServer(f)
	srv.TLS = hubtls.ServerConfig(kp)
	// Refused handshakes are what some tests are about.
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return f, srv.URL, kp.Fingerprint
}

// pinnedKiosk is a kiosk on the fixture event whose client syncs with
// the hub at url pinned to pin.
func pinnedKiosk(t testing.TB, eventKey ed25519.PrivateKey, url, pin string) *kiosk {
	t.Helper()
	k := newKiosk(t, eventKey, "http://127.0.0.1:1")
	c, err := New(Config{Store: k.store, Desk: k.desk, HubURL: url, HubFingerprint: pin,
		MinBackoff: 10 * time.Millisecond, MaxBackoff: 50 * time.Millisecond, PullEvery: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	k.client = c
	return k
}

// TestSyncPinnedOverTLS: two kiosks pinned to a real hub over HTTPS push
// their check-ins and each pulls the other's.
func TestSyncPinnedOverTLS(t *testing.T) {
	ctx := context.Background()
	ek := newEventKey(t)
	a, b := newKiosk(t, ek, "http://127.0.0.1:1"), newKiosk(t, ek, "http://127.0.0.1:1")
	h := startHub(t, ek, a, b)
	_, url, pin := serveTLS(t, h)
	for _, k := range []*kiosk{a, b} {
		k.client = pinnedKiosk(t, ek, url, pin).client
		k.client.cfg.Store, k.client.cfg.Desk = k.store, k.desk
	}
	a.backlog(3)
	b.backlog(2)
	for _, k := range []*kiosk{a, b, a} {
		if err := k.client.SyncOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := h.count(t); n != 5 {
		t.Fatalf("the hub holds %d check-ins, want 5", n)
	}
	for _, k := range []*kiosk{a, b} {
		if st, _ := k.client.Status(ctx); st.Waiting != 0 || st.Fingerprint != pin || !st.Online {
			t.Fatalf("%s: %+v", k.id, st)
		}
	}
	if n, _, _ := a.store.CheckInCount(ctx); n != 5 {
		t.Fatalf("kiosk a holds %d check-ins after pulling, want 5", n)
	}
}

// TestManInTheMiddleRefused: a real hub with another key, answering at
// the address a kiosk was given (a machine posing as the hub), gets
// nothing: the kiosk refuses it in the handshake, before any request,
// keeps every check-in waiting and says why.
func TestManInTheMiddleRefused(t *testing.T) {
	ctx := context.Background()
	ek := newEventKey(t)
	k := newKiosk(t, ek, "http://127.0.0.1:1")
	real := startHub(t, ek, k)
	_, _, pin := serveTLS(t, real)
	posing := startHub(t, ek, k)
	front, url, other := serveTLS(t, posing)
	if other == pin {
		t.Fatal("two hubs made one key")
	}
	k.client = pinnedKiosk(t, ek, url, pin).client
	k.client.cfg.Store, k.client.cfg.Desk = k.store, k.desk
	k.backlog(4)
	err := k.client.SyncOnce(ctx)
	var pe *hubtls.PinError
	if !errors.As(err, &pe) || pe.Want != pin || pe.Got != other || !strings.Contains(err.Error(), "nothing was sent") {
		t.Fatalf("sync with a hub of another key: %v", err)
	}
	if front.hits.Load() != 0 || posing.count(t) != 0 {
		t.Fatalf("the posing hub got %d requests, %d check-ins", front.hits.Load(), posing.count(t))
	}
	if ks, _ := posing.store.Kiosks(ctx); len(ks) != 0 {
		t.Fatalf("the posing hub saw kiosks %+v", ks)
	}
	st, _ := k.client.Status(ctx)
	if st.Waiting != 4 || st.Online || !strings.Contains(st.LastError, pin) {
		t.Fatalf("status after the refusal %+v", st)
	}
	// The same for a staff upload.
	id, _ := k.store.Identity(ctx)
	list, _ := k.store.PendingCheckIns(ctx, "test-event", 10)
	if _, err := Upload(ctx, UploadConfig{HubURL: url, HubFingerprint: pin, Identity: id, Backoff: time.Millisecond}, "test-event", list); !errors.As(err, &pe) {
		t.Fatalf("upload to a hub of another key: %v", err)
	}
	if front.hits.Load() != 0 {
		t.Fatal("the upload reached the posing hub")
	}
}

// TestHubRefusedBeforeDialling: what the transport rules refuse is
// refused from the URL alone, with the reason, by the client, the upload
// and the link: nothing is dialled (the addresses are not on any
// network here).
func TestHubRefusedBeforeDialling(t *testing.T) {
	ctx := context.Background()
	k := newKiosk(t, newEventKey(t), "http://127.0.0.1:1")
	good := "sha256:" + strings.Repeat("ab", 32)
	cases := []struct {
		url, pin string
		insecure bool
		want     string
	}{
		{"https://192.0.2.7:8090", "", false, "no fingerprint"},
		{"https://192.0.2.7:8090", "sha256:abc", false, "64 hex digits"},
		{"https://192.0.2.7:8090", "sha1:" + strings.Repeat("ab", 32), false, `must start with "sha256:"`},
		{"https://192.0.2.7:8090", "sha256:" + strings.Repeat("zz", 32), false, "0-9 and a-f"},
		{"http://192.0.2.7:8090", "", false, "--insecure-http"},
		{"http://hub.venue:8090", good, false, "--insecure-http"},
		{"http://0.0.0.0:8090", "", false, "--insecure-http"},
		{"ftp://192.0.2.7", good, true, "https://"},
	}
	for _, c := range cases {
		start := time.Now()
		_, err := New(Config{Store: k.store, Desk: k.desk, HubURL: c.url, HubFingerprint: c.pin, InsecureHTTP: c.insecure})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %q: %v, want %q", c.url, c.pin, err, c.want)
		}
		_, err = Upload(ctx, UploadConfig{HubURL: c.url, HubFingerprint: c.pin, InsecureHTTP: c.insecure}, "test-event", nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("upload %s %q: %v, want %q", c.url, c.pin, err, c.want)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s: refused after %v: something was dialled", c.url, d)
		}
	}
	for _, ok := range []Config{{HubURL: "http://127.0.0.1:8090"}, {HubURL: "http://[::1]:8090"}, {HubURL: "http://localhost:8090"},
		{HubURL: "http://192.0.2.7:8090", InsecureHTTP: true}, {HubURL: "https://192.0.2.7:8090", HubFingerprint: strings.ToUpper(good)}} {
		ok.Store, ok.Desk = k.store, k.desk
		if _, err := New(ok); err != nil {
			t.Errorf("%+v: %v", ok, err)
		}
	}
	// A stored hub the rules refuse does not stop the kiosk: the link
	// runs with sync off and says why; a hub set by hand that the rules
	// refuse is not kept.
	if err := k.store.SetHub(ctx, store.HubSetting{URL: "https://192.0.2.7:8090"}); err != nil {
		t.Fatal(err)
	}
	l := NewLink(Config{Store: k.store, Desk: k.desk})
	defer l.Close()
	if err := l.Start(ctx); err != nil || l.Client() != nil {
		t.Fatalf("start on a refused hub: %v, client %v", err, l.Client())
	}
	if st, _ := l.Status(ctx); st.Hub != "https://192.0.2.7:8090" || !strings.Contains(st.LastError, "no fingerprint") {
		t.Fatalf("status %+v", st)
	}
	if err := l.SetHub(ctx, store.HubSetting{URL: "http://192.0.2.8:8090"}); err == nil || !strings.Contains(err.Error(), "--insecure-http") {
		t.Fatalf("plain http to another machine set by hand: %v", err)
	}
	if u, _ := k.store.HubURL(ctx); u != "https://192.0.2.7:8090" {
		t.Fatalf("a refused hub was kept: %q", u)
	}
}

// TestBundleSetsUpKioskThatSyncs: a kiosk that installs a bundle naming
// the hub and its key (as from a USB stick), with no hub set by hand,
// syncs with that hub pinned to that key; a later bundle from the hub
// naming another key is followed, and the kiosk then refuses the hub.
func TestBundleSetsUpKioskThatSyncs(t *testing.T) {
	ctx := context.Background()
	ek := newEventKey(t)
	k := newKiosk(t, ek, "http://127.0.0.1:1")
	h := startHub(t, ek, k)
	_, url, pin := serveTLS(t, h)
	raw := hubBundle(t, ek, 2, url, pin, k)
	if _, err := importer.Import(ctx, k.store, raw, importer.Options{Now: k.clock}); err != nil {
		t.Fatal(err)
	}
	l := NewLink(Config{Store: k.store, Desk: k.desk, Now: k.clock, PullEvery: 50 * time.Millisecond,
		MinBackoff: 10 * time.Millisecond, MaxBackoff: 50 * time.Millisecond})
	l.every = 50 * time.Millisecond
	defer l.Close()
	if err := l.Start(ctx); err != nil || l.Client() == nil {
		t.Fatalf("start: %v", err)
	}
	k.backlog(3)
	l.Notify()
	waitFor(t, "the check-ins reach the bundle's hub", func() bool {
		st, _ := l.Status(ctx)
		return h.count(t) == 3 && st.Online && st.Waiting == 0
	})
	st, _ := l.Status(ctx)
	if st.Hub != url || st.Fingerprint != pin || !st.HubFromBundle || !st.PinFromBundle || !st.Online {
		t.Fatalf("status %+v", st)
	}
	// The hub serves a newer bundle pinning another key: the kiosk takes
	// it (signed by the event key), follows it, and refuses the hub.
	other := "sha256:" + strings.Repeat("0", 64)
	h.install(t, hubBundle(t, ek, 3, url, other, k))
	if _, err := l.Client().UpdateBundle(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the link follows the new pin", func() bool { st, _ := l.Status(ctx); return st.Fingerprint == other })
	k.backlog(1)
	l.Notify()
	waitFor(t, "the hub is refused", func() bool {
		st, _ := l.Status(ctx)
		return strings.Contains(st.LastError, "not the pinned "+other)
	})
	if h.count(t) != 3 {
		t.Fatal("a check-in reached a hub whose key is not pinned")
	}
	// A fingerprint set by hand wins over the bundle's.
	if err := l.SetHub(ctx, store.HubSetting{Fingerprint: strings.ToUpper(pin)}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the last check-in reaches the hub", func() bool { return h.count(t) == 4 })
	if st, _ := l.Status(ctx); st.PinFromBundle || !st.HubFromBundle || st.Fingerprint != pin {
		t.Fatalf("status %+v", st)
	}
}

// hubBundle is a bundle of the fixture event naming the hub at url with
// the key pin, enrolling the kiosks given.
func hubBundle(t testing.TB, key ed25519.PrivateKey, version int64, url, pin string, enrolled ...*kiosk) []byte {
	t.Helper()
	src := &source.Sources{Data: *datatest.Event()}
	src.Data.Event.HubURL, src.Data.Event.HubFingerprint = url, pin
	for _, k := range enrolled {
		src.KioskKeys = append(src.KioskKeys, source.KioskKey{KioskID: k.id, PublicKey: k.pub})
	}
	var buf bytes.Buffer
	if _, err := bundle.Build(&buf, src, key, bundle.BuildOptions{Version: version, Created: venueNow.Add(-24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
