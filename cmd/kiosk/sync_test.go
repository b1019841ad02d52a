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
	"kiosk/data/hubtls"
	"kiosk/data/store"
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
	pin := "sha256:" + strings.Repeat("5a", 32)
	w = run("--hub", "https://192.0.2.7:8090", "--hub-fingerprint", strings.ToUpper(pin))
	if h, _ := w.store.Hub(context.Background()); h.URL != "https://192.0.2.7:8090" || h.Fingerprint != pin || w.sync.Client() == nil {
		t.Fatalf("the pinned hub kept: %+v, sync %v", h, w.sync.Client() != nil)
	}
	w.close()
	w = run("--hub", "http://192.0.2.7:8090", "--insecure-http")
	if w.sync.Client() == nil {
		t.Fatal("no sync with --insecure-http")
	}
	w.close()
	// Without the flag, the kept plain-http hub is not contacted, and the
	// kiosk still starts and says why.
	w = run()
	if st, _ := w.sync.Status(context.Background()); w.sync.Client() != nil || !strings.Contains(st.LastError, "--insecure-http") {
		t.Fatalf("a kept plain-http hub to another machine without the flag: %+v", st)
	}
	w.close()
}

// The hub flags refuse what could never work before anything starts, or
// when sync starts, for what depends on the bundle; nothing is kept.
func TestHubFlagsRefused(t *testing.T) {
	pin := "sha256:" + strings.Repeat("5a", 32)
	for _, args := range [][]string{
		{"--hub-fingerprint", pin},
		{"--hub", "http://127.0.0.1:8090", "--hub-fingerprint", pin},
		{"--hub", "https://192.0.2.7:8090", "--hub-fingerprint", "sha256:5a5a"},
	} {
		if _, err := parseFlags(args, io.Discard); err == nil || !strings.Contains(err.Error(), "fingerprint") {
			t.Errorf("%q: %v", args, err)
		}
	}
	dir := filepath.Join(t.TempDir(), "data")
	for args, want := range map[[2]string]string{
		{"--hub", "https://192.0.2.7:8090"}: "no fingerprint",
		{"--hub", "http://192.0.2.7:8090"}:  "--insecure-http",
	} {
		o, err := parseFlags(append([]string{"--data", dir}, args[:]...), io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		w, err := openData(o)
		if err != nil {
			t.Fatal(err)
		}
		err = w.startSync(o)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", args, err, want)
		}
		if u, _ := w.store.HubURL(context.Background()); u != "" {
			t.Errorf("%q kept %q", args, u)
		}
		w.close()
	}
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

// demoHub is a real hub on the demo event on loopback over HTTPS with its
// own key, which approves kiosks by itself as on the quick start; it
// returns the URL, the key's fingerprint and the hub's store.
func demoHub(t *testing.T) (string, string, *hub.SQLiteStore) {
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
	kp, err := hub.TLSKeyPair(ctx, s, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(h.Handler())
	srv.TLS = hubtls.ServerConfig(kp)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv.URL, kp.Fingerprint, s
}

// The hub set from staff mode takes effect on the running kiosk: the
// check-ins reach the new hub with no restart, and the new URL is kept.
func TestStaffModeHubChangeNeedsNoRestart(t *testing.T) {
	ctx := context.Background()
	first, firstPin, firstStore := demoHub(t)
	second, secondPin, secondStore := demoHub(t)
	o, err := parseFlags([]string{"--data", filepath.Join(t.TempDir(), "data"), "--clock", "2016-11-08 10:15",
		"--hub", first, "--hub-fingerprint", firstPin}, io.Discard)
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
	// The first hub's key does not open the second: nothing is sent.
	if err := staffSide.SetHub(ctx, store.HubSetting{URL: second, Fingerprint: firstPin}); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the second hub refused for its key", func() bool {
		st, _ := staffSide.Status(ctx)
		return strings.Contains(st.LastError, "not the pinned "+firstPin)
	})
	if n, _ := secondStore.CheckInCount(ctx); n != 0 {
		t.Fatal("a check-in reached a hub whose key is not pinned")
	}
	if err := staffSide.SetHub(ctx, store.HubSetting{URL: second, Fingerprint: secondPin}); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the check-in reaches the new hub", held(secondStore))
	if u, _ := w.store.HubURL(ctx); u != second {
		t.Fatalf("kept hub %q, want %q", u, second)
	}
	// The hub commits before its answer reaches the kiosk; the refusal
	// kept from the wrong pin is cleared by the first sync that works.
	waitUntil(t, "nothing waits and no error is shown", func() bool {
		st, err := staffSide.Status(ctx)
		return err == nil && st.Waiting == 0 && st.LastError == ""
	})
	st, err := staffSide.Status(ctx)
	if err != nil || st.Hub != second || st.Fingerprint != secondPin {
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
