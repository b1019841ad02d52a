package sync

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	gosync "sync"
	"sync/atomic"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/checkin"
	"kiosk/data/datatest"
	"kiosk/data/keys"
	"kiosk/data/store"
)

var venue, _ = time.LoadLocation("Asia/Makassar")

// venueNow is a time the fixture event is running.
var venueNow = time.Date(2016, 11, 7, 9, 30, 0, 0, venue)

// kiosk is a real store and desk with a settable clock and a sync client.
type kiosk struct {
	t      testing.TB
	store  *store.Store
	desk   *checkin.Desk
	client *Client
	id     string
	pub    ed25519.PublicKey
	eventK ed25519.PrivateKey

	mu    gosync.Mutex
	now   time.Time
	taken int // check-ins backlog recorded so far: each is another delegate's
}

func (k *kiosk) clock() time.Time {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.now
}

func (k *kiosk) setClock(t time.Time) {
	k.mu.Lock()
	k.now = t
	k.mu.Unlock()
}

// newKiosk opens a kiosk on the fixture event whose badges are signed by
// eventKey, syncing with the hub at url.
func newKiosk(t testing.TB, eventKey ed25519.PrivateKey, url string) *kiosk {
	t.Helper()
	ctx := context.Background()
	k := &kiosk{t: t, eventK: eventKey, now: venueNow}
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "kiosk.db"), store.WithClock(k.clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Install(ctx, datatest.Event(), datatest.Info(1), nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Trust(ctx, eventKey.Public().(ed25519.PublicKey), "test"); err != nil {
		t.Fatal(err)
	}
	id, err := s.Identity(ctx)
	if err != nil {
		t.Fatal(err)
	}
	k.store, k.id, k.pub = s, id.KioskID, id.Public()
	k.desk = checkin.New(s, k.clock)
	k.client, err = New(Config{Store: s, Desk: k.desk, HubURL: url, MinBackoff: 10 * time.Millisecond,
		MaxBackoff: 50 * time.Millisecond, PullEvery: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func newEventKey(t testing.TB) ed25519.PrivateKey {
	t.Helper()
	_, priv, err := keys.Generate()
	if err != nil {
		t.Fatal(err)
	}
	return priv
}

// scan scans a badge of delegate at the kiosk's desk.
func (k *kiosk) scan(delegate string, serial uint32) checkin.Outcome {
	k.t.Helper()
	tok, err := badge.Issue(k.eventK, badge.Claims{EventID: "test-event", DelegateID: delegate, Serial: serial,
		ValidFrom: time.Date(2016, 11, 6, 0, 0, 0, 0, venue), ValidUntil: time.Date(2016, 11, 11, 0, 0, 0, 0, venue)})
	if err != nil {
		k.t.Fatal(err)
	}
	o, err := k.desk.Scan(context.Background(), tok, data.MethodScan)
	if err != nil {
		k.t.Fatal(err)
	}
	return o
}

// backlog records n check-ins straight in the store, as a kiosk offline
// for a day would hold them (delegates need not exist for sync).
func (k *kiosk) backlog(n int) {
	k.t.Helper()
	ctx := context.Background()
	for range n {
		k.taken++
		i := k.taken
		_, _, err := k.store.RecordCheckIn(ctx, store.NewCheckIn{EventID: "test-event", DelegateID: fmt.Sprintf("B%05d", i),
			BadgeSerial: uint32(i), Purpose: data.PurposeArrival, Method: data.MethodScan, ScannedAt: k.clock(),
			PurposeKey: store.PurposeKey("test-event", data.PurposeArrival, "", "2016-11-07")})
		if err != nil {
			k.t.Fatal(err)
		}
	}
}

func (k *kiosk) status() Status {
	k.t.Helper()
	st, err := k.client.Status(context.Background())
	if err != nil {
		k.t.Fatal(err)
	}
	return st
}

func (k *kiosk) all() []data.CheckIn {
	k.t.Helper()
	list, err := k.store.CheckIns(context.Background(), store.CheckInFilter{})
	if err != nil {
		k.t.Fatal(err)
	}
	return list
}

// The ways faulty makes a hub fail.
const (
	pass       = iota
	fail500    // answer 500 without reaching the hub
	drop       // close the connection without an answer
	commitDrop // let the hub commit, then close the connection
	pending    // answer 403 pending without reaching the hub
)

// faulty sits in front of a hub handler and fails as told; the handler
// behind it may be swapped (a hub replaced by another).
type faulty struct {
	mode atomic.Int32
	hits atomic.Int64

	mu    gosync.Mutex
	inner http.Handler
}

func (f *faulty) swap(h http.Handler) {
	f.mu.Lock()
	f.inner = h
	f.mu.Unlock()
}

func (f *faulty) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.hits.Add(1)
	f.mu.Lock()
	h := f.inner
	f.mu.Unlock()
	switch f.mode.Load() {
	case fail500:
		http.Error(w, `{"code":"internal","message":"database is locked"}`, http.StatusInternalServerError)
	case pending:
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `{"code":"pending","message":"this kiosk waits for staff approval"}`)
	case drop:
		hangUp(w)
	case commitDrop:
		h.ServeHTTP(httptest.NewRecorder(), r)
		hangUp(w)
	default:
		h.ServeHTTP(w, r)
	}
}

func hangUp(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		conn.Close()
	}
}

// serve starts h behind a faulty front on loopback.
func serve(t testing.TB, h http.Handler) (*faulty, string) {
	t.Helper()
	f := &faulty{}
	f.inner = h
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv.URL
}
