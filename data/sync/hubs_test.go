package sync

import (
	"context"
	"crypto/ed25519"
	"io"
	"log"
	"net/http"
	gosync "sync"
	"testing"
	"time"

	"kiosk/data/hub"
	"kiosk/data/pgtest"
)

// testHub is a real hub (data/hub on its own store: SQLite in a temporary
// folder, or a database on a real PostgreSQL server in the "postgres"
// subtests of pgtest.Each) and what the tests ask of it.
type testHub struct {
	http.Handler
	store hub.Store
	where string // the store: a folder or a PostgreSQL URL
	hub   *hub.Hub

	mu  gosync.Mutex
	now time.Time // the hub's clock, moving with real time from here
	set time.Time
}

func (h *testHub) clock() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.now.Add(time.Since(h.set))
}

func (h *testHub) setClock(t time.Time) {
	h.mu.Lock()
	h.now, h.set = t, time.Now()
	h.mu.Unlock()
}

// count is how many check-ins the hub holds.
func (h *testHub) count(t testing.TB) int {
	t.Helper()
	n, err := h.store.CheckInCount(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// startHub makes a new, empty hub whose clock reads venueNow, with the
// fixture event installed from a bundle signed by eventKey that enrols
// the kiosks given.
func startHub(t testing.TB, eventKey ed25519.PrivateKey, enrolled ...*kiosk) *testHub {
	t.Helper()
	ctx := context.Background()
	where := pgtest.NewStore(t)
	s, err := hub.OpenStore(ctx, where)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	th := &testHub{store: s, where: where}
	th.setClock(venueNow)
	h, err := hub.New(ctx, s, hub.Options{Now: th.clock, Logger: log.New(io.Discard, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Trust(ctx, eventKey.Public().(ed25519.PublicKey)); err != nil {
		t.Fatal(err)
	}
	th.hub = h
	th.install(t, buildBundle(t, eventKey, 1, enrolled...))
	th.Handler = h.Handler()
	return th
}

// install installs a bundle on the hub.
func (h *testHub) install(t testing.TB, raw []byte) {
	t.Helper()
	if _, err := h.hub.ImportBundle(context.Background(), raw); err != nil {
		t.Fatal(err)
	}
}

// buildBundle is a bundle of the fixture event signed by key, enrolling
// the kiosks given.
func buildBundle(t testing.TB, key ed25519.PrivateKey, version int64, enrolled ...*kiosk) []byte {
	t.Helper()
	return hubBundle(t, key, version, "", "", enrolled...)
}

// venueWith is n kiosks on the fixture event and a real hub enrolling
// them, behind a front that fails as told.
func venueWith(t testing.TB, n int) (*testHub, *faulty, []*kiosk) {
	t.Helper()
	ek := newEventKey(t)
	front, url := serve(t, http.NotFoundHandler())
	var ks []*kiosk
	for range n {
		ks = append(ks, newKiosk(t, ek, url))
	}
	h := startHub(t, ek, ks...)
	front.swap(h)
	return h, front, ks
}
