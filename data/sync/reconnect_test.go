package sync

import (
	"context"
	"crypto/ed25519"
	"io"
	"log"
	"net/http"
	"testing"

	"kiosk/data/hub"
	"kiosk/data/pgtest"
)

// openHubAt serves the hub store at where (pgtest.NewStore; made there if new) with a clock
// reading venueNow from now on; a new store trusts eventKey and installs
// the fixture event enrolling the kiosks given.
func openHubAt(t *testing.T, where string, eventKey ed25519.PrivateKey, fresh bool, enrolled ...*kiosk) *testHub {
	t.Helper()
	ctx := context.Background()
	s, err := hub.OpenStore(ctx, where)
	if err != nil {
		t.Fatal(err)
	}
	th := &testHub{store: s}
	th.setClock(venueNow)
	if th.hub, err = hub.New(ctx, s, hub.Options{Now: th.clock, Logger: log.New(io.Discard, "", 0)}); err != nil {
		t.Fatal(err)
	}
	if fresh {
		if err := s.Trust(ctx, eventKey.Public().(ed25519.PublicKey)); err != nil {
			t.Fatal(err)
		}
		th.install(t, buildBundle(t, eventKey, 1, enrolled...))
	}
	th.Handler = th.hub.Handler()
	return th
}

// After the kiosks synced for a while, a hub commits one more batch of
// every kiosk and dies before any answer leaves it; it starts again on its folder and all the kiosks reconnect at
// the same moment. Nothing is lost or stored twice: each kiosk's mark
// stayed where it was until an answer came, the resent batches are
// duplicates, and afterwards every kiosk's check-ins are on the hub once
// and every kiosk holds everyone's.
func TestHubDiesBeforeAnsweringAndKiosksReconnectTogether(t *testing.T) {
	pgtest.Each(t, testHubDiesBeforeAnsweringAndKiosksReconnectTogether)
}

func testHubDiesBeforeAnsweringAndKiosksReconnectTogether(t *testing.T) {
	const n, before, each, batch = 8, 10, 40, 10
	ctx := context.Background()
	ek := newEventKey(t)
	front, url := serve(t, http.NotFoundHandler())
	var ks []*kiosk
	for range n {
		k := newKiosk(t, ek, url)
		k.client.cfg.Batch = batch
		ks = append(ks, k)
	}
	where := pgtest.NewStore(t)
	first := openHubAt(t, where, ek, true, ks...)
	front.swap(first)
	// The venue ran for a while: every kiosk synced its first check-ins.
	for _, k := range ks {
		k.backlog(before)
		syncOnce(t, k)
		k.backlog(each - before)
	}

	front.mode.Store(commitDrop)
	runAll(t, ks, func(k *kiosk) error {
		if _, err := k.client.Push(ctx); err == nil {
			t.Errorf("%s: a push whose answer was lost reported success", k.id)
		}
		return nil
	})
	if got := first.count(t); got != n*(before+batch) {
		t.Fatalf("the hub committed %d check-ins before dying, want %d (one more batch of each kiosk)", got, n*(before+batch))
	}
	for _, k := range ks {
		if st, err := k.store.SyncStatus(ctx, "test-event"); err != nil || st.Acked != before || st.Waiting != each-before {
			t.Fatalf("%s after a lost answer: %+v, %v; want mark %d and %d waiting", k.id, st, err, before, each-before)
		}
	}
	first.store.Close()

	again := openHubAt(t, where, ek, false)
	t.Cleanup(func() { again.store.Close() })
	front.swap(again)
	front.mode.Store(pass)
	start := make(chan struct{})
	go close(start)
	runAll(t, ks, func(k *kiosk) error {
		<-start
		return syncUntilDrained(ctx, k)
	})

	held := hubCheckIns(t, again)
	if len(held) != n*each || again.count(t) != n*each {
		t.Fatalf("the hub lists %d check-ins and counts %d, want %d", len(held), again.count(t), n*each)
	}
	for _, k := range ks {
		checkKioskOnHub(t, again, k, held, each)
	}
	runAll(t, ks, func(k *kiosk) error { return pullAll(ctx, k, n*each) })
}

// syncUntilDrained syncs k until nothing waits, a bounded number of times.
func syncUntilDrained(ctx context.Context, k *kiosk) error {
	var err error
	for try := 0; try < 10; try++ {
		err = k.client.SyncOnce(ctx)
		st, serr := k.client.Status(ctx)
		if serr != nil {
			return serr
		}
		if err == nil && st.Waiting == 0 {
			return nil
		}
	}
	return err
}
