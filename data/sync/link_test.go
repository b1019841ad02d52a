package sync

import (
	"context"
	"strings"
	"testing"
	"time"

	"kiosk/data/store"
)

// waitFor polls cond for up to five seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	// A bound on liveness for a loaded machine, not a speed goal.
	for start := time.Now(); time.Since(start) < 20*time.Second; time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("after 20s: %s", what)
}

// A hub set on a running link takes effect at once: the waiting check-ins
// reach it with no restart; a bad URL changes nothing; "" stops sync.
func TestLinkSwitchesHubsWithoutARestart(t *testing.T) {
	ctx := context.Background()
	hub, front, ks := venueWith(t, 1)
	a := ks[0]
	url := a.client.cfg.HubURL
	a.backlog(2)
	l := NewLink(Config{Store: a.store, Desk: a.desk, PullEvery: 50 * time.Millisecond,
		MinBackoff: 10 * time.Millisecond, MaxBackoff: 50 * time.Millisecond})
	defer l.Close()
	if err := l.Start(ctx); err != nil || l.Client() != nil {
		t.Fatalf("a store with no hub started sync: %v", err)
	}
	st, err := l.Status(ctx)
	if err != nil || st.Hub != "" || st.Waiting != 2 {
		t.Fatalf("sync off: %+v %v", st, err)
	}
	if err := l.SetHub(ctx, store.HubSetting{URL: url + "/ "}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the backlog reaches the new hub", func() bool { return hub.count(t) == 2 })
	waitFor(t, "nothing waits", func() bool { st, _ := l.Status(ctx); return st.Waiting == 0 && st.Online })
	if u, _ := a.store.HubURL(ctx); u != url {
		t.Fatalf("kept hub %q, want %q", u, url)
	}
	running := l.Client()
	for _, bad := range []string{"10.0.0.2:8090", "ftp://hub", "http://"} {
		if err := l.SetHub(ctx, store.HubSetting{URL: bad}); err == nil || !strings.Contains(err.Error(), "hub URL") {
			t.Fatalf("%q: %v", bad, err)
		}
	}
	if u, _ := a.store.HubURL(ctx); u != url || l.Client() != running {
		t.Fatalf("a bad URL changed the hub to %q", u)
	}
	if err := l.SetHub(ctx, store.HubSetting{}); err != nil || l.Client() != nil {
		t.Fatalf("sync still on after \"\": %v", err)
	}
	hits := front.hits.Load()
	a.backlog(1)
	l.Notify()
	time.Sleep(200 * time.Millisecond)
	if front.hits.Load() != hits {
		t.Fatal("the hub was asked after sync was turned off")
	}
	if st, _ := l.Status(ctx); st.Hub != "" || st.Waiting != 1 {
		t.Fatalf("sync off: %+v", st)
	}
}
