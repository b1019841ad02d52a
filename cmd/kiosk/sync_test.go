package main

import (
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/hub"
	"kiosk/data/syncproto"
	"kiosk/ui"
)

func TestHubFlagIsCheckedAndKept(t *testing.T) {
	for _, bad := range []string{"10.0.0.2:8090", "ftp://hub", "http://"} {
		if _, err := parseFlags([]string{"--hub", bad}, io.Discard); err == nil || !strings.Contains(err.Error(), "hub") {
			t.Fatalf("--hub %q: %v", bad, err)
		}
	}
	dir := filepath.Join(t.TempDir(), "data")
	run := func(args ...string) *wired {
		t.Helper()
		o, err := parseFlags(append([]string{"--data", dir}, args...), io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		w, err := openData(o)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.startSync(o); err != nil {
			t.Fatal(err)
		}
		return w
	}
	w := run("--hub", "http://127.0.0.1:1")
	if w.sync.Client() == nil {
		t.Fatal("no sync with --hub")
	}
	w.close()
	w = run()
	if u, _ := w.store.HubURL(context.Background()); u != "http://127.0.0.1:1" || w.sync.Client() == nil {
		t.Fatalf("the hub kept in the data folder: %q, sync %v", u, w.sync.Client() != nil)
	}
	w.close()
	w = run("--hub=")
	if u, _ := w.store.HubURL(context.Background()); u != "" || w.sync.Client() != nil {
		t.Fatalf("--hub= left %q, sync %v", u, w.sync.Client() != nil)
	}
	w.close()
}

// A scan at the kiosk's desk is pushed to the hub at once, while the
// kiosk waits seconds between pulls.
func TestScanIsPushedAtOnce(t *testing.T) {
	var pushed atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == syncproto.PathPush {
			var req syncproto.PushRequest
			if json.NewDecoder(r.Body).Decode(&req) == nil {
				pushed.Add(int64(len(req.CheckIns)))
			}
		}
		// A hub that cannot store: the kiosk keeps everything.
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	o, err := parseFlags([]string{"--data", filepath.Join(t.TempDir(), "data"), "--clock", "2016-11-08 10:15", "--hub", srv.URL}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	w, err := openData(o)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.startSync(o); err != nil {
		t.Fatal(err)
	}
	defer w.close()
	time.Sleep(200 * time.Millisecond) // the first sync (nothing to push) is over
	d := notifyingDesk{w.desk, w.notify}
	if _, err := d.Scan(context.Background(), demoBadge(t), data.MethodScan); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for pushed.Load() == 0 && time.Since(start) < 5*time.Second {
		time.Sleep(10 * time.Millisecond)
	}
	if pushed.Load() == 0 || time.Since(start) > time.Second {
		t.Fatalf("pushed %d check-ins after %v", pushed.Load(), time.Since(start))
	}
	if _, queued, _ := w.store.CheckInCount(context.Background()); queued != 1 {
		t.Fatalf("queued %d after a hub that could not store, want 1", queued)
	}
}

// demoHub is a real hub on the demo event on loopback, which approves
// kiosks by itself as on the quick start.
func demoHub(t *testing.T) (string, *hub.SQLiteStore) {
	t.Helper()
	ctx := context.Background()
	s, err := hub.OpenSQLite(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	h, err := hub.New(ctx, s, hub.Options{Logger: log.New(io.Discard, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.InstallDemo(ctx); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h.Handler())
	t.Cleanup(srv.Close)
	return srv.URL, s
}

// The hub set from staff mode takes effect on the running kiosk: the
// check-ins reach the new hub with no restart, and the new URL is kept.
func TestStaffModeHubChangeNeedsNoRestart(t *testing.T) {
	ctx := context.Background()
	first, firstStore := demoHub(t)
	second, secondStore := demoHub(t)
	o, err := parseFlags([]string{"--data", filepath.Join(t.TempDir(), "data"), "--clock", "2016-11-08 10:15", "--hub", first}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	w, err := openData(o)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.startSync(o); err != nil {
		t.Fatal(err)
	}
	defer w.close()
	d := notifyingDesk{w.desk, w.notify}
	if _, err := d.Scan(ctx, demoBadge(t), data.MethodScan); err != nil {
		t.Fatal(err)
	}
	held := func(s *hub.SQLiteStore) func() bool {
		return func() bool { n, err := s.CheckInCount(ctx); return err == nil && n == 1 }
	}
	waitUntil(t, "the check-in reaches the first hub", held(firstStore))
	var staffSide ui.SyncService = w.sync
	if err := staffSide.SetHub(ctx, second); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the check-in reaches the new hub", held(secondStore))
	if u, _ := w.store.HubURL(ctx); u != second {
		t.Fatalf("kept hub %q, want %q", u, second)
	}
	st, err := staffSide.Status(ctx)
	if err != nil || st.Hub != second || st.Waiting != 0 {
		t.Fatalf("status %+v %v", st, err)
	}
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("after 10s: %s", what)
}
