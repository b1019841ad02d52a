package sync

import (
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"kiosk/data/hub"
)

// The environment that makes the test binary a hub process: a folder for
// its address, and its store.
const (
	hubChildDir   = "KIOSK_SYNC_TEST_HUB_DIR"
	hubChildStore = "KIOSK_SYNC_TEST_HUB_STORE"
)

// serveHubChild is a hub process: it serves the hub on the store at where
// on a free loopback port, its clock reading venueNow from its start, and
// writes its address to dir/addr once it listens.
func serveHubChild(dir, where string) error {
	ctx := context.Background()
	s, err := hub.OpenStore(ctx, where)
	if err != nil {
		return err
	}
	start := time.Now()
	h, err := hub.New(ctx, s, hub.Options{Now: func() time.Time { return venueNow.Add(time.Since(start)) },
		Logger: log.New(io.Discard, "", 0)})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "addr.tmp"), []byte(ln.Addr().String()), 0o600); err != nil {
		return err
	}
	if err := os.Rename(filepath.Join(dir, "addr.tmp"), filepath.Join(dir, "addr")); err != nil {
		return err
	}
	return http.Serve(ln, h.Handler())
}

// startHubChild starts a hub process on the store at where and returns
// its URL; the process is killed when the test ends.
func startHubChild(t *testing.T, where string) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), hubChildDir+"="+dir, hubChildStore+"="+where)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if b, err := os.ReadFile(filepath.Join(dir, "addr")); err == nil {
			return "http://" + string(b)
		}
	}
	t.Fatal("the hub process did not start")
	return ""
}

// counting forwards every request to one hub process and counts them.
type counting struct {
	proxy *httputil.ReverseProxy
	n     atomic.Int64
}

func (c *counting) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.n.Add(1)
	c.proxy.ServeHTTP(w, r)
}

// Two hub processes serve one event from one PostgreSQL database, with
// the kiosks split between them as a load balancer would: every kiosk
// records check-ins and pushes them (real sync clients, in several pushes
// while it records) to its own hub process, then pulls. Every check-in is
// stored exactly once, every kiosk's mark is its last number, and every
// kiosk holds every other kiosk's check-ins, whichever process took them.
func TestTwoHubProcessesOnOnePostgreSQL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts hub processes")
	}
	t.Run("postgres", func(t *testing.T) {
		const n, each, batch = 6, 40, 5
		ek := newEventKey(t)
		var fronts [2]*faulty
		var urls [2]string
		for i := range fronts {
			fronts[i], urls[i] = serve(t, http.NotFoundHandler())
		}
		var ks []*kiosk
		for i := range n {
			k := newKiosk(t, ek, urls[i%2])
			k.client.cfg.Batch = batch
			ks = append(ks, k)
		}
		// The event is installed through the test's own store; the hub
		// processes find it in the database.
		h := startHub(t, ek, ks...)
		var served [2]*counting
		for i := range served {
			u, err := url.Parse(startHubChild(t, h.where))
			if err != nil {
				t.Fatal(err)
			}
			served[i] = &counting{proxy: httputil.NewSingleHostReverseProxy(u)}
			fronts[i].swap(served[i])
		}

		ctx := context.Background()
		runAll(t, ks, func(k *kiosk) error { return recordAndPush(ctx, k, each) })
		total := n * each
		held := hubCheckIns(t, h)
		if len(held) != total || h.count(t) != total {
			t.Fatalf("the database lists %d check-ins and counts %d, want %d", len(held), h.count(t), total)
		}
		for _, k := range ks {
			checkKioskOnHub(t, h, k, held, int64(each))
		}
		runAll(t, ks, func(k *kiosk) error { return pullAll(ctx, k, total) })
		for _, k := range ks {
			if got := len(k.all()); got != total {
				t.Errorf("%s holds %d check-ins after pulling, want %d", k.id, got, total)
			}
		}
		t.Logf("hub processes answered %d and %d requests", served[0].n.Load(), served[1].n.Load())
		if served[0].n.Load() == 0 || served[1].n.Load() == 0 {
			t.Fatal("a hub process served no request")
		}
	})
}
