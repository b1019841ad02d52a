package hub

import (
	"bytes"
	"context"
	"log"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"kiosk/data/syncproto"
)

// syncBuffer is a log destination the hub's goroutines may share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func pendingCount(t *testing.T, f *fixture) int {
	t.Helper()
	ks, err := f.store.Kiosks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, k := range ks {
		if k.Status == StatusPending {
			n++
		}
	}
	return n
}

// Anyone on the venue network can make key pairs: each one that signs a
// request would become a kiosk row waiting for approval. The hub keeps at
// most MaxPendingKiosks waiting; beyond, a new kiosk is refused (429
// pending_full) with nothing recorded, the hub says so in its log once a
// minute, and the kiosks it knows go on syncing. Approving waiting ones
// makes room again.
func TestPendingKiosksAreCapped(t *testing.T) {
	var logs syncBuffer
	f := newFixture(t, func(o *Options) { o.Logger = log.New(&logs, "", 0) })
	const max = syncproto.MaxPendingKiosks
	var waiting []*testKiosk
	for range max {
		k := newKiosk(t)
		refusedWith(t, f.call(k, "POST", syncproto.PathPull, mustJSON(t, syncproto.PullRequest{EventID: testEvent})),
			http.StatusForbidden, syncproto.CodePending)
		waiting = append(waiting, k)
	}
	if n := pendingCount(t, f); n != max {
		t.Fatalf("%d pending, want %d", n, max)
	}
	for range 3 {
		e := refusedWith(t, f.call(newKiosk(t), "POST", syncproto.PathPush, pushBody(t)),
			http.StatusTooManyRequests, syncproto.CodePendingFull)
		if !strings.Contains(e.Message, "waiting for approval") {
			t.Fatalf("message %q does not say why", e.Message)
		}
	}
	if n := pendingCount(t, f); n != max {
		t.Fatalf("%d pending after refusals, want %d: a refused kiosk was recorded", n, max)
	}
	if got := strings.Count(logs.String(), "pending_full"); got != 1 {
		t.Fatalf("the log says it %d times within a minute, want once:\n%s", got, logs.String())
	}
	// A kiosk already waiting is still told to wait, and its check-ins are
	// stored neither from its own push nor relayed by a kiosk that syncs;
	// an enrolled kiosk's own are.
	refusedWith(t, f.call(waiting[0], "POST", syncproto.PathPush, pushBody(t, waiting[0].take(t, "D1"))),
		http.StatusForbidden, syncproto.CodePending)
	ans := f.push(f.a, f.a.take(t, "D1"), waiting[0].take(t, "D2"))
	if ans.Results[0].Status != syncproto.StatusStored || ans.Results[1].Status != syncproto.StatusRejected ||
		!strings.HasPrefix(ans.Results[1].Reason, syncproto.ReasonUnknownKiosk) {
		t.Fatalf("an enrolled kiosk's push with a pending kiosk's check-in: %+v", ans)
	}
	if f.count() != 1 {
		t.Fatalf("the hub holds %d check-ins, want only the enrolled kiosk's", f.count())
	}
	// Staff approve one (from another process: the hub learns it when it
	// counts again); a minute on, the log speaks again and there is room
	// for one.
	if err := f.store.Approve(context.Background(), waiting[1].id); err != nil {
		t.Fatal(err)
	}
	f.clock.advance(time.Minute + time.Second)
	refusedWith(t, f.call(newKiosk(t), "POST", syncproto.PathPush, pushBody(t)), http.StatusForbidden, syncproto.CodePending)
	refusedWith(t, f.call(newKiosk(t), "POST", syncproto.PathPush, pushBody(t)), http.StatusTooManyRequests, syncproto.CodePendingFull)
	if got := strings.Count(logs.String(), "pending_full"); got != 2 {
		t.Fatalf("the log says it %d times after a minute, want twice:\n%s", got, logs.String())
	}
}
