package hub

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/pgtest"
	"kiosk/data/syncproto"
)

// The child hub process's folder (for its address) and store.
const childEnv, childStoreEnv = "KIOSK_HUB_TEST_CHILD", "KIOSK_HUB_TEST_CHILD_STORE"

// TestMain lets the test binary run as a hub process on a store, for the
// tests that kill one, and stops the PostgreSQL server the tests started.
func TestMain(m *testing.M) {
	if dir := os.Getenv(childEnv); dir != "" {
		serveChild(dir, os.Getenv(childStoreEnv))
		return
	}
	os.Exit(pgtest.Main(m))
}

// serveChild serves the hub on the store at where on a free loopback port
// and writes the address to dir/addr once it listens; it runs until
// killed.
func serveChild(dir, where string) {
	s, err := OpenStore(context.Background(), where)
	if err != nil {
		log.Fatal(err)
	}
	h, err := New(context.Background(), s, Options{Logger: log.New(io.Discard, "", 0)})
	if err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "addr.tmp"), []byte(ln.Addr().String()), 0o600); err != nil {
		log.Fatal(err)
	}
	os.Rename(filepath.Join(dir, "addr.tmp"), filepath.Join(dir, "addr"))
	log.Fatal(http.Serve(ln, h.Handler()))
}

// startChild starts a hub process on f.dir and points f at it.
func (f *fixture) startChild(t *testing.T) *exec.Cmd {
	t.Helper()
	os.Remove(filepath.Join(f.dir, "addr"))
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+f.dir, childStoreEnv+"="+f.where)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if b, err := os.ReadFile(filepath.Join(f.dir, "addr")); err == nil {
			f.url = "http://" + string(b)
			return cmd
		}
	}
	cmd.Process.Kill()
	t.Fatal("the hub process did not start")
	return nil
}

// tryPush pushes once; an error is a lost connection or a non-200
// answer, which a kiosk retries.
func (f *fixture) tryPush(k *testKiosk, body []byte) (syncproto.PushResponse, error) {
	var ans syncproto.PushResponse
	req := f.signedRequest(k, "POST", syncproto.PathPush, body)
	client := http.Client{Timeout: 10 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return ans, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return ans, fmt.Errorf("status %d", resp.StatusCode)
	}
	return ans, json.NewDecoder(resp.Body).Decode(&ans)
}

// TestHubKilledDuringPushes kills a hub process with SIGKILL while two
// kiosks push batches (mid-batch, or after a commit whose answer never
// arrives), starts it again on the same folder, and lets the kiosks send
// again everything the hub had not acknowledged. Every check-in ends up
// on the hub exactly once, the marks cover them all, and the hub keeps
// its identity.
func TestHubKilledDuringPushes(t *testing.T) { pgtest.Each(t, testHubKilledDuringPushes) }

func testHubKilledDuringPushes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts hub processes")
	}
	f := newFixture(t)
	hubID := f.store.HubID()
	f.close() // the hub processes own the folder from here
	const perKiosk, batch = 600, 50
	lists := map[*testKiosk][]data.CheckIn{}
	for _, k := range []*testKiosk{f.a, f.b} {
		for range perKiosk {
			lists[k] = append(lists[k], k.take(t, "D1"))
		}
	}
	kiosks := []*testKiosk{f.a, f.b}
	acked := make([]int64, len(kiosks))
	for round := 0; round < 6; round++ {
		f.killRound(t, round, kiosks, lists, acked, batch)
	}
	// Last round: no kill; every kiosk drains.
	child := f.startChild(t)
	defer func() { child.Process.Kill(); child.Wait() }()
	for i, k := range kiosks {
		if got := f.pushFrom(k, lists[k], acked[i], batch, func() {}); got != perKiosk {
			t.Fatalf("%s acked %d of %d", k.id, got, perKiosk)
		}
	}
	checkHeldOnce(t, f.where, hubID, lists)
}

// killRound starts a hub process, lets the kiosks push from their acked
// marks, and kills the hub a random moment after a random answer, while
// the next batches are on their way, committed or not.
func (f *fixture) killRound(t *testing.T, round int, kiosks []*testKiosk, lists map[*testKiosk][]data.CheckIn, acked []int64, batch int) {
	child := f.startChild(t)
	var answers atomic.Int32
	killAfter, delay := int32(1+rand.IntN(4)), time.Duration(rand.IntN(4000))*time.Microsecond
	onAnswer := func() {
		if answers.Add(1) == killAfter {
			time.AfterFunc(delay, func() { child.Process.Signal(syscall.SIGKILL) })
		}
	}
	var wg sync.WaitGroup
	for i, k := range kiosks {
		wg.Go(func() { acked[i] = f.pushFrom(k, lists[k], acked[i], batch, onAnswer) })
	}
	wg.Wait()
	child.Process.Signal(syscall.SIGKILL)
	child.Wait()
	t.Logf("round %d: killed %s after answer %d; acked %v", round, delay, killAfter, acked)
}

// checkHeldOnce wants the hub on the store at where to hold every
// check-in of lists, unchanged, and nothing else, under its first
// identity.
func checkHeldOnce(t *testing.T, where, hubID string, lists map[*testKiosk][]data.CheckIn) {
	s, err := OpenStore(context.Background(), where)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.HubID() != hubID {
		t.Fatalf("hub id changed from %s to %s", hubID, s.HubID())
	}
	page, err := s.Pull(context.Background(), PullQuery{EventID: testEvent, Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	held := map[string]data.CheckIn{}
	for _, c := range page.CheckIns {
		held[c.ID] = c
	}
	total := 0
	for k, list := range lists {
		total += len(list)
		for _, c := range list {
			if h, ok := held[c.ID]; !ok || !h.SameEvent(c) {
				t.Fatalf("%s's check-in %d is missing or changed", k.id, c.Seq)
			}
		}
	}
	if n, _ := s.CheckInCount(context.Background()); n != int64(total) || len(held) != total {
		t.Fatalf("hub holds %d check-ins, want %d", n, total)
	}
}

// pushFrom pushes a kiosk's check-ins above acked in batches, as a kiosk
// does, advancing only from the hub's answers; it stops at the first
// failure (the hub killed) and returns the last acknowledged mark.
func (f *fixture) pushFrom(k *testKiosk, list []data.CheckIn, acked int64, batch int, onAnswer func()) int64 {
	for acked < int64(len(list)) {
		end := min(int(acked)+batch, len(list))
		ans, err := f.tryPush(k, pushBody(f.t, list[acked:end]...))
		if err != nil {
			return acked
		}
		for _, r := range ans.Results {
			if r.Status == syncproto.StatusRejected {
				f.t.Errorf("%s: %s rejected: %s", k.id, r.ID, r.Reason)
				return acked
			}
		}
		if ans.Acked < acked || !strings.EqualFold(ans.HubID, f.store.HubID()) {
			f.t.Errorf("acked went from %d to %d (hub %s)", acked, ans.Acked, ans.HubID)
			return acked
		}
		acked = ans.Acked
		onAnswer()
	}
	return acked
}
