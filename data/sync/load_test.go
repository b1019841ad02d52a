package sync

import (
	"context"
	"fmt"
	"os"
	gosync "sync"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/hub"
	"kiosk/data/pgtest"
	"kiosk/data/store"
)

// loadSize is how many kiosks push how many check-ins each in
// TestLoadManyKiosksPushAtOnce: a short run in the normal suite, the
// issue's 50 × 1,000 with KIOSK_LOAD=full.
// The short run pushes in small batches, so that each push is several
// batches and each answer's mark matters, as in the full run.
func loadSize() (kiosks, each, batch int) {
	if os.Getenv("KIOSK_LOAD") == "full" {
		return 50, 1000, DefaultBatch
	}
	return 6, 40, 4
}

// Many kiosks record check-ins and push them to one real hub at the same
// time, each in several pushes while it records: afterwards the hub holds
// every check-in exactly once, every kiosk's acknowledged mark is its last
// number, no kiosk lost one, and after pulls every kiosk holds them all.
//
//	KIOSK_LOAD=full go test -run Load -v -timeout 30m ./data/sync
func TestLoadManyKiosksPushAtOnce(t *testing.T) { pgtest.Each(t, testLoadManyKiosksPushAtOnce) }

func testLoadManyKiosksPushAtOnce(t *testing.T) {
	n, each, batch := loadSize()
	if testing.Short() && n > 8 {
		t.Skip("the full load run is not short")
	}
	h, _, ks := venueWith(t, n)
	for _, k := range ks {
		k.client.cfg.Batch = batch
	}
	ctx := context.Background()
	start := time.Now()
	runAll(t, ks, func(k *kiosk) error { return recordAndPush(ctx, k, each) })
	pushed := time.Since(start)
	total := n * each
	t.Logf("%d kiosks × %d check-ins pushed in %v: %.0f check-ins/s", n, each, pushed.Round(time.Millisecond),
		float64(total)/pushed.Seconds())

	held := hubCheckIns(t, h)
	if len(held) != total || h.count(t) != total {
		t.Fatalf("the hub lists %d check-ins and counts %d, want %d", len(held), h.count(t), total)
	}
	for _, k := range ks {
		checkKioskOnHub(t, h, k, held, int64(each))
	}

	start = time.Now()
	runAll(t, ks, func(k *kiosk) error { return pullAll(ctx, k, total) })
	t.Logf("every kiosk pulled the others' check-ins in %v", time.Since(start).Round(time.Millisecond))
	for _, k := range ks {
		if got := len(k.all()); got != total {
			t.Errorf("%s holds %d check-ins after pulling, want %d", k.id, got, total)
		}
	}
}

// runAll runs f for every kiosk at once and fails the test with every
// error.
func runAll(t *testing.T, ks []*kiosk, f func(*kiosk) error) {
	t.Helper()
	var wg gosync.WaitGroup
	errs := make([]error, len(ks))
	for i, k := range ks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = f(k)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("kiosk %d (%s): %v", i, ks[i].id, err)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
}

// recordAndPush records each check-ins at k with store.RecordCheckIn in
// ten rounds, pushing after each round, then pushes until nothing waits.
// A push that fails is tried again: the hub is busy with every other
// kiosk, and a kiosk retries, but a bounded number of times here.
func recordAndPush(ctx context.Context, k *kiosk, each int) error {
	const rounds = 10
	for r := range rounds {
		for i := r * each / rounds; i < (r+1)*each/rounds; i++ {
			if err := recordOne(ctx, k.store, k.id, i+1, k.clock()); err != nil {
				return err
			}
		}
		// A failed push here is retried by the next round or below.
		_, _ = k.client.Push(ctx)
	}
	for try := 0; ; try++ {
		_, err := k.client.Push(ctx)
		st, serr := k.client.Status(ctx)
		if serr != nil {
			return serr
		}
		if err == nil && st.Waiting == 0 {
			return nil
		}
		if try == 20 {
			return fmt.Errorf("%d check-ins still waiting after %d pushes; last: %v", st.Waiting, try+1, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// recordOne records the kiosk's i-th check-in: another delegate each, so
// that every one is a new check-in.
func recordOne(ctx context.Context, s *store.Store, kioskID string, i int, at time.Time) error {
	_, prior, err := s.RecordCheckIn(ctx, store.NewCheckIn{EventID: "test-event", DelegateID: fmt.Sprintf("L-%s-%06d", kioskID, i),
		BadgeSerial: uint32(i), Purpose: data.PurposeArrival, Method: data.MethodScan, ScannedAt: at,
		PurposeKey: store.PurposeKey("test-event", data.PurposeArrival, "", "2016-11-07")})
	if err == nil && prior != nil {
		err = fmt.Errorf("check-in %d was taken as a repeat of %s", i, prior.ID)
	}
	return err
}

// pullAll pulls until k holds want check-ins, a bounded number of times.
func pullAll(ctx context.Context, k *kiosk, want int) error {
	for try := 0; try < 50; try++ {
		_, err := k.client.Pull(ctx)
		list, lerr := k.store.CheckIns(ctx, store.CheckInFilter{})
		if lerr != nil {
			return lerr
		}
		if err == nil && len(list) == want {
			return nil
		}
		if len(list) > want {
			return fmt.Errorf("holds %d check-ins, more than the %d taken", len(list), want)
		}
	}
	return fmt.Errorf("does not hold all %d check-ins after 50 pulls", want)
}

// hubCheckIns is every check-in the hub serves (each kiosk's up to its
// gapless mark), by id; an id served twice fails the test.
func hubCheckIns(t *testing.T, h *testHub) map[string]data.CheckIn {
	t.Helper()
	out := map[string]data.CheckIn{}
	cursor := map[string]int64{}
	for page := 0; ; page++ {
		p, err := h.store.Pull(context.Background(), hub.PullQuery{EventID: "test-event", Cursor: cursor, Limit: 5000})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range p.CheckIns {
			if _, twice := out[c.ID]; twice {
				t.Fatalf("the hub serves check-in %s twice", c.ID)
			}
			out[c.ID] = c
		}
		cursor = p.Cursor
		if !p.More {
			return out
		}
		if page > 10000 {
			t.Fatal("the hub's pages do not end")
		}
	}
}

// checkKioskOnHub checks that every own check-in of k, numbers 1 to last,
// is on the hub with the same content, that k's acknowledged mark and the
// hub's gapless mark for k are both last, and that nothing waits or was
// refused.
func checkKioskOnHub(t *testing.T, h *testHub, k *kiosk, held map[string]data.CheckIn, last int64) {
	t.Helper()
	ctx := context.Background()
	own, err := k.store.CheckIns(ctx, store.CheckInFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, c := range own {
		if c.KioskID != k.id {
			continue
		}
		n++
		if got, ok := held[c.ID]; !ok || !got.SameEvent(c) {
			t.Errorf("%s: check-in %d (%s) is not on the hub as taken: %+v", k.id, c.Seq, c.ID, got)
		}
	}
	if n != last {
		t.Errorf("%s holds %d own check-ins, want %d", k.id, n, last)
	}
	st, err := k.store.SyncStatus(ctx, "test-event")
	if err != nil {
		t.Fatal(err)
	}
	hk, err := h.store.Kiosk(ctx, k.id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Acked != last || hk.Gapless != last || st.Waiting != 0 || st.Rejected != 0 {
		t.Errorf("%s: acknowledged mark %d, hub's gapless mark %d, waiting %d, refused %d; want %d, %d, 0, 0",
			k.id, st.Acked, hk.Gapless, st.Waiting, st.Rejected, last, last)
	}
}
