package dashboard

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"

	"kiosk/data"
	"kiosk/data/bundle"
	"kiosk/data/checkincode"
	"kiosk/data/datatest"
	"kiosk/data/hub"
	"kiosk/data/keys"
	"kiosk/data/source"
	"kiosk/data/syncproto"
)

const testPassword = "correct horse battery"

// rig is a hub on a real SQLite store in a temporary folder, with its
// dashboard, served over loopback HTTP, with an event bundle (signed by a
// test event key, so not the demo: kiosks wait for approval) enrolling
// the kiosks north and south.
type rig struct {
	t            testing.TB
	store        *hub.SQLiteStore
	hub          *hub.Hub
	dash         *Server
	srv          *httptest.Server
	eventKey     ed25519.PrivateKey
	ev           *data.EventData
	north, south *testKiosk
	now          func() time.Time
}

type testKiosk struct {
	id, label string
	key       ed25519.PrivateKey
	seq       int64
	room      string        // where it stands; datatest's plenary hall unless set
	skew      time.Duration // how far its clock is off the hub's
}

func newTestKiosk(t testing.TB, label string) *testKiosk {
	pub, priv, err := keys.Generate()
	if err != nil {
		t.Fatal(err)
	}
	return &testKiosk{id: syncproto.KioskIDFor(pub), label: label, key: priv, room: datatest.PlenaryRoom}
}

func newRig(t testing.TB, ev *data.EventData, opts ...func(*Options)) *rig {
	t.Helper()
	r := &rig{t: t, ev: ev, north: newTestKiosk(t, "north-entrance"), south: newTestKiosk(t, "south-entrance"), now: time.Now}
	pub, priv, err := keys.Generate()
	if err != nil {
		t.Fatal(err)
	}
	r.eventKey = priv
	ctx := context.Background()
	if r.store, err = hub.OpenSQLite(ctx, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.store.Close() })
	quiet := log.New(io.Discard, "", 0)
	if r.hub, err = hub.New(ctx, r.store, hub.Options{Logger: quiet}); err != nil {
		t.Fatal(err)
	}
	if err := r.store.Trust(ctx, pub); err != nil {
		t.Fatal(err)
	}
	if _, err := r.hub.ImportBundle(ctx, r.bundle(1)); err != nil {
		t.Fatal(err)
	}
	o := Options{Logger: quiet, Refresh: 200 * time.Millisecond}
	for _, set := range opts {
		set(&o)
	}
	if r.dash, err = New(ctx, r.hub, o); err != nil {
		t.Fatal(err)
	}
	r.srv = httptestServer(t, r.hub.HandlerWith(r.dash))
	return r
}

func httptestServer(t testing.TB, h http.Handler) *httptest.Server {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// bundle is a bundle of the rig's event, enrolling north and south.
func (r *rig) bundle(version int64) []byte {
	r.t.Helper()
	src := &source.Sources{Data: *r.ev}
	for _, k := range []*testKiosk{r.north, r.south} {
		src.KioskKeys = append(src.KioskKeys, source.KioskKey{KioskID: k.label, PublicKey: k.key.Public().(ed25519.PublicKey)})
	}
	var buf bytes.Buffer
	if _, err := bundle.Build(&buf, src, r.eventKey, bundle.BuildOptions{Version: version, Created: time.Now().Add(-time.Hour)}); err != nil {
		r.t.Fatal(err)
	}
	return buf.Bytes()
}

// checkIn is the kiosk's next check-in, signed as a kiosk signs it.
func (k *testKiosk) checkIn(t testing.TB, eventID, delegate string, p data.Purpose, session string, at time.Time) data.CheckIn {
	t.Helper()
	k.seq++
	var id [16]byte
	rand.Read(id[:])
	at = at.UTC().Truncate(time.Millisecond)
	c := data.CheckIn{ID: hex.EncodeToString(id[:]), EventID: eventID, KioskID: k.id, Seq: k.seq, DelegateID: delegate,
		BadgeSerial: uint32(k.seq), Purpose: p, SessionID: session, RoomID: k.room, ScannedAt: at,
		HLC: at.UnixMilli() << 16, Method: data.MethodScan}
	sig, err := checkincode.Sign(eventID, k.key, c)
	if err != nil {
		t.Fatal(err)
	}
	c.Signature = sig
	return c
}

// call sends a request signed by k, as a kiosk does.
func (r *rig) call(k *testKiosk, path string, body any) (int, string) {
	r.t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		r.t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, r.srv.URL+path, bytes.NewReader(raw))
	if err != nil {
		r.t.Fatal(err)
	}
	if err := syncproto.SignRequest(req, raw, k.id, k.key, time.Now().Add(k.skew)); err != nil {
		r.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// push pushes check-ins as k, with what k says of itself, and wants them
// stored.
func (r *rig) push(k *testKiosk, report *syncproto.KioskReport, list ...data.CheckIn) {
	r.t.Helper()
	p := syncproto.PushRequest{EventID: r.ev.Event.ID, Kiosk: report}
	for _, c := range list {
		p.CheckIns = append(p.CheckIns, syncproto.ToRecord(c))
	}
	if status, body := r.call(k, syncproto.PathPush, p); status != http.StatusOK || strings.Contains(body, "rejected") {
		r.t.Fatalf("push by %s: %d %s", k.label, status, body)
	}
}

// knock is a kiosk the bundle does not enrol asking to sync: the hub
// records it as pending.
func (r *rig) knock(k *testKiosk) {
	r.t.Helper()
	status, body := r.call(k, syncproto.PathPull, syncproto.PullRequest{EventID: r.ev.Event.ID})
	if status != http.StatusForbidden || !strings.Contains(body, syncproto.CodePending) {
		r.t.Fatalf("unknown kiosk: %d %s", status, body)
	}
}

// setPassword sets testPassword, hashed at a low argon2id cost so that the
// many logins of the tests stay fast (pinhash.Matches reads the cost from
// the hash); SetPassword's own cost is tested apart.
func (r *rig) setPassword() {
	r.t.Helper()
	salt := []byte("0123456789abcdef")
	key := argon2.IDKey([]byte(testPassword), salt, 1, 1024, 1, 32)
	h := "argon2id$v=19$m=1024,t=1,p=1$" + base64.RawStdEncoding.EncodeToString(salt) + "$" + base64.RawStdEncoding.EncodeToString(key)
	if err := r.store.SetSetting(context.Background(), settingPassword, []byte(h)); err != nil {
		r.t.Fatal(err)
	}
}

// browser is an HTTP client that keeps cookies and does not follow
// redirects, so that a test sees each answer.
func (r *rig) browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

type page struct {
	status int
	header http.Header
	body   string
}

func (r *rig) get(c *http.Client, path string) page {
	r.t.Helper()
	resp, err := c.Get(r.srv.URL + path)
	if err != nil {
		r.t.Fatal(err)
	}
	return read(r.t, resp)
}

func (r *rig) post(c *http.Client, path string, form url.Values) page {
	r.t.Helper()
	resp, err := c.PostForm(r.srv.URL+path, form)
	if err != nil {
		r.t.Fatal(err)
	}
	return read(r.t, resp)
}

func read(t testing.TB, resp *http.Response) page {
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return page{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func csrfOf(t testing.TB, p page) string {
	t.Helper()
	m := csrfField.FindStringSubmatch(p.body)
	if m == nil {
		t.Fatalf("no CSRF token in the page (%d): %.300s", p.status, p.body)
	}
	return m[1]
}

// login signs c in with the password and returns the dashboard page.
func (r *rig) login(c *http.Client, password string) page {
	r.t.Helper()
	form := r.get(c, "/login")
	p := r.post(c, "/login", url.Values{"csrf": {csrfOf(r.t, form)}, "password": {password}})
	if p.status != http.StatusSeeOther {
		return p
	}
	return r.get(c, "/")
}
