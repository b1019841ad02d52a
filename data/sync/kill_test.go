package sync

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/checkin"
	"kiosk/data/datatest"
	"kiosk/data/hub"
	"kiosk/data/pgtest"
	"kiosk/data/store"
)

// The environment that makes the test binary a kiosk process recording
// and syncing until it is killed: its data folder, and the hub's URL.
const (
	kioskChildDir = "KIOSK_SYNC_TEST_CHILD"
	kioskChildHub = "KIOSK_SYNC_TEST_HUB"
)

// TestMain lets the test binary run as a kiosk process, for the test that
// kills one while it syncs, or as a hub process (hubprocs_test.go).
func TestMain(m *testing.M) {
	if dir := os.Getenv(hubChildDir); dir != "" {
		if err := serveHubChild(dir, os.Getenv(hubChildStore)); err != nil {
			fmt.Fprintln(os.Stderr, "hub process:", err)
			os.Exit(2)
		}
		return
	}
	if dir := os.Getenv(kioskChildDir); dir != "" {
		if err := recordAndSyncUntilKilled(dir, os.Getenv(kioskChildHub)); err != nil {
			fmt.Fprintln(os.Stderr, "kiosk process:", err)
			os.Exit(2)
		}
		return
	}
	os.Exit(pgtest.Main(m))
}

// childKioskDB is the kiosk's database in its data folder; committedFile
// lists, a line each, the check-ins the kiosk process saw committed.
func childKioskDB(dir string) string  { return filepath.Join(dir, "kiosk.db") }
func committedFile(dir string) string { return filepath.Join(dir, "committed") }
func readyFile(dir string) string     { return filepath.Join(dir, "ready") }

// recordAndSyncUntilKilled is the kiosk process: it syncs in the
// background, in small batches so that a kill finds one on its way, and
// records check-ins one after another, writing each id down once
// RecordCheckIn returned (so committed). It stops after a bounded number.
func recordAndSyncUntilKilled(dir, hubURL string) error {
	ctx := context.Background()
	clock := func() time.Time { return venueNow }
	s, err := store.Open(ctx, childKioskDB(dir), store.WithClock(clock))
	if err != nil {
		return err
	}
	id, err := s.Identity(ctx)
	if err != nil {
		return err
	}
	c, err := New(Config{Store: s, Desk: checkin.New(s, clock), HubURL: hubURL, Batch: 7, PullEvery: 20 * time.Millisecond,
		MinBackoff: 5 * time.Millisecond, MaxBackoff: 40 * time.Millisecond})
	if err != nil {
		return err
	}
	go c.Run(ctx)
	out, err := os.OpenFile(committedFile(dir), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if err := os.WriteFile(readyFile(dir), nil, 0o600); err != nil {
		return err
	}
	for i := 0; i < 20000; i++ {
		rec, prior, err := s.RecordCheckIn(ctx, store.NewCheckIn{EventID: "test-event",
			DelegateID: fmt.Sprintf("K-%s-%d-%d", id.KioskID, os.Getpid(), i), BadgeSerial: uint32(i),
			Purpose: data.PurposeArrival, Method: data.MethodScan, ScannedAt: venueNow,
			PurposeKey: store.PurposeKey("test-event", data.PurposeArrival, "", "2016-11-07")})
		if err != nil || prior != nil {
			return fmt.Errorf("recording check-in %d: %v (prior %v)", i, err, prior)
		}
		// A kill between the commit and this line only leaves a committed
		// check-in unlisted, which the final check allows.
		if _, err := fmt.Fprintf(out, "%s\n", rec.ID); err != nil {
			return err
		}
		c.Notify()
		time.Sleep(time.Duration(rand.IntN(1500)) * time.Microsecond)
	}
	select {} // wait to be killed
}

// A kiosk process recording check-ins and syncing with a real hub on
// loopback is killed with SIGKILL at random moments, ten times, and
// started again on the same data folder. After every kill the kiosk still
// holds every check-in it saw committed, and its acknowledged mark is not
// above the hub's gapless mark for it. At the end, after one more sync,
// every check-in the kiosk took is on the hub exactly once.
func TestKioskKilledWhileSyncing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts kiosk processes")
	}
	ek := newEventKey(t)
	dir := t.TempDir()
	k := prepareKioskFolder(t, dir, ek)
	h := startHub(t, ek, k)
	// A few milliseconds of venue network on each request, so that kills
	// land while a batch is on its way; a request whose kiosk died on the
	// way never arrives.
	_, url := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(time.Duration(2+rand.IntN(15)) * time.Millisecond):
			h.ServeHTTP(w, r)
		case <-r.Context().Done():
		}
	}))
	const kills = 10
	for round := range kills {
		child := startKioskChild(t, dir, url)
		after := time.Duration(150+rand.IntN(450)) * time.Millisecond
		time.Sleep(after)
		child.Process.Signal(syscall.SIGKILL)
		err := child.Wait()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || !exit.Sys().(syscall.WaitStatus).Signaled() {
			t.Fatalf("round %d: the kiosk process ended by itself before the kill: %v", round, err)
		}
		acked, committed := checkKilledKiosk(t, dir, h, k.id)
		t.Logf("round %d: killed after %v; %d committed, acknowledged mark %d", round, after, committed, acked)
	}
	drainKioskFolder(t, dir, url)
	checkAllOnHubOnce(t, dir, h, k.id)
}

// prepareKioskFolder makes a kiosk's data folder on the fixture event and
// returns its id and key, for the hub to enrol.
func prepareKioskFolder(t *testing.T, dir string, ek ed25519.PrivateKey) *kiosk {
	t.Helper()
	ctx := context.Background()
	s := openKioskFolder(t, dir)
	defer s.Close()
	if err := s.Install(ctx, datatest.Event(), datatest.Info(1), nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Trust(ctx, ek.Public().(ed25519.PublicKey), "test"); err != nil {
		t.Fatal(err)
	}
	id, err := s.Identity(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return &kiosk{id: id.KioskID, pub: id.Public()}
}

func openKioskFolder(t *testing.T, dir string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), childKioskDB(dir), store.WithClock(func() time.Time { return venueNow }))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// startKioskChild starts a kiosk process on dir and waits until it
// records.
func startKioskChild(t *testing.T, dir, url string) *exec.Cmd {
	t.Helper()
	os.Remove(readyFile(dir))
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), kioskChildDir+"="+dir, kioskChildHub+"="+url)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if _, err := os.Stat(readyFile(dir)); err == nil {
			return cmd
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	t.Fatal("the kiosk process did not start")
	return nil
}

// committedIDs are the check-ins the kiosk processes saw committed.
func committedIDs(t *testing.T, dir string) []string {
	t.Helper()
	f, err := os.Open(committedFile(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ids []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		ids = append(ids, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}

// checkKilledKiosk opens the killed kiosk's folder: every check-in it saw
// committed is there, and its acknowledged mark is at most the hub's
// gapless mark for it. It returns the mark and how many were committed.
func checkKilledKiosk(t *testing.T, dir string, h *testHub, kioskID string) (int64, int) {
	t.Helper()
	ctx := context.Background()
	s := openKioskFolder(t, dir)
	defer s.Close()
	held := map[string]bool{}
	list, err := s.CheckIns(ctx, store.CheckInFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		held[c.ID] = true
	}
	ids := committedIDs(t, dir)
	for _, id := range ids {
		if !held[id] {
			t.Fatalf("check-in %s was committed but the kiosk lost it", id)
		}
	}
	st, err := s.SyncStatus(ctx, "test-event")
	if err != nil {
		t.Fatal(err)
	}
	if gapless := hubGapless(t, h, kioskID); st.Acked > gapless {
		t.Fatalf("the kiosk's acknowledged mark %d is above the hub's gapless mark %d", st.Acked, gapless)
	}
	return st.Acked, len(ids)
}

func hubGapless(t *testing.T, h *testHub, kioskID string) int64 {
	t.Helper()
	hk, err := h.store.Kiosk(context.Background(), kioskID)
	if errors.Is(err, hub.ErrNoKiosk) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return hk.Gapless
}

// drainKioskFolder syncs the kiosk in dir until nothing waits, a bounded
// number of times, as the kiosk would once started again.
func drainKioskFolder(t *testing.T, dir, url string) {
	t.Helper()
	ctx := context.Background()
	s := openKioskFolder(t, dir)
	defer s.Close()
	c, err := New(Config{Store: s, Desk: checkin.New(s, s.Now), HubURL: url, MinBackoff: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	for try := 0; try < 5; try++ {
		err := c.SyncOnce(ctx)
		st, serr := c.Status(ctx)
		if serr != nil {
			t.Fatal(serr)
		}
		if err == nil && st.Waiting == 0 && st.Rejected == 0 {
			return
		}
		t.Logf("sync %d: %v, status %+v", try, err, st)
	}
	t.Fatal("the kiosk does not drain after 5 syncs")
}

// checkAllOnHubOnce wants every check-in the kiosk in dir took, and every
// one it saw committed, on the hub once and unchanged, and both marks at
// its last number.
func checkAllOnHubOnce(t *testing.T, dir string, h *testHub, kioskID string) {
	t.Helper()
	ctx := context.Background()
	s := openKioskFolder(t, dir)
	defer s.Close()
	onHub := hubCheckIns(t, h)
	list, err := s.CheckIns(ctx, store.CheckInFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		if got, ok := onHub[c.ID]; !ok || !got.SameEvent(c) {
			t.Fatalf("check-in %d (%s) is not on the hub as taken", c.Seq, c.ID)
		}
	}
	for _, id := range committedIDs(t, dir) {
		if _, ok := onHub[id]; !ok {
			t.Fatalf("committed check-in %s is not on the hub", id)
		}
	}
	last := int64(len(list))
	st, err := s.SyncStatus(ctx, "test-event")
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(onHub)) != last || int64(h.count(t)) != last || st.Acked != last || hubGapless(t, h, kioskID) != last {
		t.Fatalf("kiosk took %d, hub serves %d and counts %d, acknowledged mark %d, hub's gapless mark %d",
			last, len(onHub), h.count(t), st.Acked, hubGapless(t, h, kioskID))
	}
	t.Logf("%d check-ins on the hub once, %d of them seen committed", last, len(committedIDs(t, dir)))
}
