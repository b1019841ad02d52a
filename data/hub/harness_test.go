package hub

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/bundle"
	"kiosk/data/checkincode"
	"kiosk/data/datatest"
	"kiosk/data/keys"
	"kiosk/data/pgtest"
	"kiosk/data/source"
	"kiosk/data/syncproto"
)

const testEvent = "test-event"

// clock is the hub's clock in a test: real time moved by what the test
// sets, so that a test can walk the hub past a window.
type clock struct {
	mu  sync.Mutex
	add time.Duration
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.add)
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.add += d
	c.mu.Unlock()
}

// testKiosk is a kiosk as the hub sees it: a key, an id, and its own
// numbering of check-ins.
type testKiosk struct {
	id  string
	key ed25519.PrivateKey
	pub ed25519.PublicKey
	seq int64
	// skew is added to the real clock when signing: a kiosk whose clock is
	// off.
	skew time.Duration
}

func newKiosk(t testing.TB) *testKiosk {
	t.Helper()
	pub, priv, err := keys.Generate()
	if err != nil {
		t.Fatal(err)
	}
	return &testKiosk{id: syncproto.KioskIDFor(pub), key: priv, pub: pub}
}

// take makes the kiosk's next check-in, signed as a kiosk signs it.
func (k *testKiosk) take(t testing.TB, delegate string) data.CheckIn {
	t.Helper()
	k.seq++
	return k.signedAt(t, k.seq, delegate)
}

func (k *testKiosk) signedAt(t testing.TB, seq int64, delegate string) data.CheckIn {
	t.Helper()
	var id [16]byte
	rand.Read(id[:])
	at := time.Date(2016, 11, 8, 10, 15, 0, 0, time.UTC).Add(time.Duration(seq) * time.Second)
	c := data.CheckIn{ID: hex.EncodeToString(id[:]), EventID: testEvent, KioskID: k.id, Seq: seq, DelegateID: delegate,
		BadgeSerial: uint32(seq), Purpose: data.PurposeArrival, ScannedAt: at, HLC: at.UnixMilli() << 16, Method: data.MethodScan}
	sig, err := checkincode.Sign(testEvent, k.key, c)
	if err != nil {
		t.Fatal(err)
	}
	c.Signature = sig
	return c
}

// fixture is a hub on a real store (SQLite in a temporary folder or a
// database on a real PostgreSQL server), served over loopback HTTP, with
// an event bundle enrolling kiosks a and b.
type fixture struct {
	t testing.TB
	// dir is a temporary folder; where is the store (newStore).
	dir, where string
	store      Store
	hub        *Hub
	srv        *httptest.Server
	clock      *clock
	eventKey   ed25519.PrivateKey
	a, b       *testKiosk
	// url is where the hub answers: srv's, or a hub process's.
	url string
}

func newFixture(t testing.TB, opts ...func(*Options)) *fixture {
	t.Helper()
	f := &fixture{t: t, dir: t.TempDir(), where: pgtest.NewStore(t), clock: &clock{}, a: newKiosk(t), b: newKiosk(t)}
	pub, priv, err := keys.Generate()
	if err != nil {
		t.Fatal(err)
	}
	f.eventKey = priv
	f.open(opts...)
	if err := f.store.Trust(context.Background(), pub); err != nil {
		t.Fatal(err)
	}
	if _, err := f.hub.ImportBundle(context.Background(), f.bundle(1, f.a, f.b)); err != nil {
		t.Fatal(err)
	}
	return f
}

// open opens the store at f.where and serves a hub on it.
func (f *fixture) open(opts ...func(*Options)) {
	f.t.Helper()
	s, err := OpenStore(context.Background(), f.where)
	if err != nil {
		f.t.Fatal(err)
	}
	o := Options{Now: f.clock.now, Logger: log.New(io.Discard, "", 0)}
	for _, set := range opts {
		set(&o)
	}
	h, err := New(context.Background(), s, o)
	if err != nil {
		f.t.Fatal(err)
	}
	f.store, f.hub, f.srv = s, h, httptest.NewServer(h.Handler())
	f.url = f.srv.URL
	f.t.Cleanup(f.close)
}

func (f *fixture) close() {
	if f.srv != nil {
		f.srv.Close()
		f.store.Close()
		f.srv = nil
	}
}

// bundle is a bundle of the test event enrolling the kiosks given.
func (f *fixture) bundle(version int64, enrolled ...*testKiosk) []byte {
	f.t.Helper()
	return f.bundleOf(testEvent, version, enrolled...)
}

func (f *fixture) bundleOf(eventID string, version int64, enrolled ...*testKiosk) []byte {
	f.t.Helper()
	src := &source.Sources{Data: *datatest.Event()}
	src.Data.Event.ID = eventID
	for _, k := range enrolled {
		src.KioskKeys = append(src.KioskKeys, source.KioskKey{KioskID: "staff-label-" + k.id, PublicKey: k.pub})
	}
	var buf bytes.Buffer
	if _, err := bundle.Build(&buf, src, f.eventKey, bundle.BuildOptions{Version: version, Created: time.Now().Add(-time.Hour)}); err != nil {
		f.t.Fatal(err)
	}
	return buf.Bytes()
}

// signedRequest is a request signed by k with its (skewed) clock.
func (f *fixture) signedRequest(k *testKiosk, method, path string, body []byte) *http.Request {
	f.t.Helper()
	return f.signedRequestAt(k, method, path, body, time.Now().Add(k.skew))
}

type reply struct {
	status int
	header http.Header
	body   []byte
}

func (f *fixture) send(req *http.Request) reply {
	f.t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: b}
}

func (f *fixture) call(k *testKiosk, method, path string, body []byte) reply {
	f.t.Helper()
	return f.send(f.signedRequest(k, method, path, body))
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func pushBody(t testing.TB, list ...data.CheckIn) []byte {
	t.Helper()
	p := syncproto.PushRequest{EventID: testEvent, CheckIns: make([]syncproto.Record, 0, len(list))}
	for _, c := range list {
		p.CheckIns = append(p.CheckIns, syncproto.ToRecord(c))
	}
	return mustJSON(t, p)
}

// push pushes check-ins as k and wants a 200 answer.
func (f *fixture) push(k *testKiosk, list ...data.CheckIn) syncproto.PushResponse {
	f.t.Helper()
	r := f.call(k, "POST", syncproto.PathPush, pushBody(f.t, list...))
	if r.status != http.StatusOK {
		f.t.Fatalf("push by %s: %d %s", k.id, r.status, r.body)
	}
	var ans syncproto.PushResponse
	if err := json.Unmarshal(r.body, &ans); err != nil {
		f.t.Fatal(err)
	}
	if len(ans.Results) != len(list) {
		f.t.Fatalf("%d results for %d check-ins", len(ans.Results), len(list))
	}
	return ans
}

func (f *fixture) pull(k *testKiosk, hubID string, cursor map[string]int64) syncproto.PullResponse {
	f.t.Helper()
	r := f.call(k, "POST", syncproto.PathPull, mustJSON(f.t, syncproto.PullRequest{EventID: testEvent, HubID: hubID, Cursor: cursor}))
	if r.status != http.StatusOK {
		f.t.Fatalf("pull by %s: %d %s", k.id, r.status, r.body)
	}
	var ans syncproto.PullResponse
	if err := json.Unmarshal(r.body, &ans); err != nil {
		f.t.Fatal(err)
	}
	return ans
}

// refusedWith wants an error answer of that status and code.
func refusedWith(t testing.TB, r reply, status int, code string) syncproto.ErrorBody {
	t.Helper()
	var e syncproto.ErrorBody
	if err := json.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("answer %d is not an error body: %s", r.status, r.body)
	}
	if r.status != status || e.Code != code || e.Message == "" || e.HubTime == 0 {
		t.Fatalf("got %d %s, want %d %q with a message and hub_time", r.status, r.body, status, code)
	}
	return e
}

// count is how many check-ins the hub holds.
func (f *fixture) count() int64 {
	f.t.Helper()
	n, err := f.store.CheckInCount(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}

func statuses(ans syncproto.PushResponse) []string {
	out := make([]string, len(ans.Results))
	for i, r := range ans.Results {
		out[i] = r.Status
	}
	return out
}

func checkincodeSign(k *testKiosk, c data.CheckIn) ([]byte, error) {
	return checkincode.Sign(testEvent, k.key, c)
}

func (f *fixture) signedRequestAt(k *testKiosk, method, path string, body []byte, at time.Time) *http.Request {
	f.t.Helper()
	req, err := http.NewRequest(method, f.url+path, bytes.NewReader(body))
	if err != nil {
		f.t.Fatal(err)
	}
	if err := syncproto.SignRequest(req, body, k.id, k.key, at); err != nil {
		f.t.Fatal(err)
	}
	return req
}

func httptestServer(t testing.TB, h *Hub) *httptest.Server {
	srv := httptest.NewServer(h.Handler())
	t.Cleanup(srv.Close)
	return srv
}

// rows is how many rows a table of the store holds.
func (f *fixture) rows(table string) (n int) {
	f.t.Helper()
	var err error
	switch s := f.store.(type) {
	case *SQLiteStore:
		err = s.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n)
	case *PostgresStore:
		err = s.pool.QueryRow(context.Background(), `SELECT count(*) FROM `+table).Scan(&n)
	}
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}
