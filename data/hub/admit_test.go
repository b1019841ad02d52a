package hub

import (
	"context"
	"errors"
	"kiosk/data/pgtest"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"kiosk/assets"
	"kiosk/data/syncproto"
)

func TestUnknownKioskRefused(t *testing.T) { pgtest.Each(t, testUnknownKioskRefused) }

func testUnknownKioskRefused(t *testing.T) {
	f := newFixture(t)
	stranger := newKiosk(t)
	body := pushBody(t, stranger.take(t, "D1"))

	req := f.signedRequest(stranger, "POST", syncproto.PathPush, body)
	req.Header.Del(syncproto.HeaderKioskKey)
	refusedWith(t, f.send(req), http.StatusUnauthorized, syncproto.CodeUnknownKiosk)

	// A key its id is not made from: the id is someone else's.
	req = f.signedRequest(stranger, "POST", syncproto.PathPush, body)
	req.Header.Set(syncproto.HeaderKioskKey, f.signedRequest(f.a, "GET", "/", nil).Header.Get(syncproto.HeaderKioskKey))
	refusedWith(t, f.send(req), http.StatusUnauthorized, syncproto.CodeUnknownKiosk)

	ks, _ := f.store.Kiosks(context.Background())
	if len(ks) != 0 || f.count() != 0 {
		t.Fatalf("a refused request left kiosks %v, %d check-ins", ks, f.count())
	}
}

func TestBadSignatureRefused(t *testing.T) { pgtest.Each(t, testBadSignatureRefused) }

func testBadSignatureRefused(t *testing.T) {
	f := newFixture(t)
	body := pushBody(t, f.a.take(t, "D1"))
	req := f.signedRequest(f.a, "POST", syncproto.PathPush, body)
	// The same headers over another body: b's check-in instead.
	req2 := f.signedRequest(f.a, "POST", syncproto.PathPush, pushBody(t, f.b.take(t, "D2")))
	req2.Header = req.Header.Clone()
	refusedWith(t, f.send(req2), http.StatusUnauthorized, syncproto.CodeBadSignature)
	// b's key presented for a's id changes nothing: a is enrolled with its
	// own key.
	req3 := f.signedRequest(f.b, "POST", syncproto.PathPush, body)
	req3.Header.Set(syncproto.HeaderKioskID, f.a.id)
	refusedWith(t, f.send(req3), http.StatusUnauthorized, syncproto.CodeBadSignature)
	if f.count() != 0 {
		t.Fatal("a request with a bad signature stored check-ins")
	}
	// The genuine request still goes through: its nonce was not used up.
	if r := f.send(req); r.status != http.StatusOK {
		t.Fatalf("genuine request after forged ones: %d %s", r.status, r.body)
	}
}

func TestMissingHeadersRefused(t *testing.T) { pgtest.Each(t, testMissingHeadersRefused) }

func testMissingHeadersRefused(t *testing.T) {
	f := newFixture(t)
	for _, h := range []string{syncproto.HeaderKioskID, syncproto.HeaderTime, syncproto.HeaderNonce, syncproto.HeaderSignature} {
		req := f.signedRequest(f.a, "POST", syncproto.PathPush, pushBody(t))
		req.Header.Del(h)
		e := refusedWith(t, f.send(req), http.StatusUnauthorized, syncproto.CodeMissingAuth)
		if !strings.Contains(e.Message, h) {
			t.Errorf("message %q does not name %s", e.Message, h)
		}
	}
	req := f.signedRequest(f.a, "POST", syncproto.PathPush, pushBody(t))
	req.Header.Set(syncproto.HeaderSignature, "not base64!")
	refusedWith(t, f.send(req), http.StatusUnauthorized, syncproto.CodeBadAuth)
}

func TestPendingKioskThenApproved(t *testing.T) { pgtest.Each(t, testPendingKioskThenApproved) }

func testPendingKioskThenApproved(t *testing.T) {
	f := newFixture(t)
	c := newKiosk(t)
	r := f.call(c, "POST", syncproto.PathPush, pushBody(t, c.take(t, "D1")))
	refusedWith(t, r, http.StatusForbidden, syncproto.CodePending)
	k, err := f.store.Kiosk(context.Background(), c.id)
	if err != nil || k.Status != StatusPending || !k.PublicKey.Equal(c.pub) {
		t.Fatalf("new kiosk recorded as %+v, %v", k, err)
	}
	if f.count() != 0 {
		t.Fatal("a pending kiosk's push stored check-ins")
	}
	if err := f.store.Approve(context.Background(), c.id); err != nil {
		t.Fatal(err)
	}
	// Once approved it syncs, with the key it introduced itself with.
	ans := f.push(c, c.signedAt(t, 1, "D1"))
	if ans.Results[0].Status != syncproto.StatusStored || ans.Acked != 1 {
		t.Fatalf("approved kiosk's push: %+v", ans)
	}
	if err := f.store.Approve(context.Background(), "kiosk-nobody"); !errors.Is(err, ErrNoKiosk) {
		t.Fatalf("approving an unknown kiosk: %v", err)
	}
}

func TestDemoEventApprovesKiosksByItself(t *testing.T) {
	pgtest.Each(t, testDemoEventApprovesKiosksByItself)
}

func testDemoEventApprovesKiosksByItself(t *testing.T) {
	s, err := OpenStore(context.Background(), pgtest.NewStore(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h, err := New(context.Background(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := h.InstallDemo(context.Background()); !ok || err != nil {
		t.Fatalf("install demo: %v %v", ok, err)
	}
	if ok, err := h.InstallDemo(context.Background()); ok || err != nil {
		t.Fatalf("the demo is installed over an installed bundle: %v %v", ok, err)
	}
	f := &fixture{t: t, hub: h, store: s}
	f.srv = httptestServer(t, h)
	f.url = f.srv.URL
	k := newKiosk(t)
	_, demoEvent := publishedDemo()
	r := f.call(k, "POST", syncproto.PathPull, mustJSON(t, syncproto.PullRequest{EventID: demoEvent}))
	if r.status != http.StatusOK {
		t.Fatalf("a new kiosk on the demo event: %d %s", r.status, r.body)
	}
	if got, _ := s.Kiosk(context.Background(), k.id); got.Status != StatusApproved {
		t.Fatalf("kiosk on the demo is %s", got.Status)
	}
	r = f.call(k, "GET", syncproto.PathBundle, nil)
	if r.status != http.StatusOK || string(r.body) != string(assets.DemoBundle) {
		t.Fatalf("demo bundle: %d, %d bytes", r.status, len(r.body))
	}
}

func TestRealEventNeverApprovesByItself(t *testing.T) {
	pgtest.Each(t, testRealEventNeverApprovesByItself)
}

func testRealEventNeverApprovesByItself(t *testing.T) {
	f := newFixture(t)
	if f.hub.facts.Load().demo {
		t.Fatal("the test event counts as the demo")
	}
	c := newKiosk(t)
	refusedWith(t, f.call(c, "POST", syncproto.PathPull, mustJSON(t, syncproto.PullRequest{EventID: testEvent})), http.StatusForbidden, syncproto.CodePending)
}

func TestReplayedNonceRefused(t *testing.T) { pgtest.Each(t, testReplayedNonceRefused) }

func testReplayedNonceRefused(t *testing.T) {
	f := newFixture(t)
	body := pushBody(t, f.a.take(t, "D1"))
	req := f.signedRequest(f.a, "POST", syncproto.PathPush, body)
	replay := f.signedRequest(f.a, "POST", syncproto.PathPush, body)
	replay.Header = req.Header.Clone()
	if r := f.send(req); r.status != http.StatusOK {
		t.Fatalf("first: %d %s", r.status, r.body)
	}
	refusedWith(t, f.send(replay), http.StatusUnauthorized, syncproto.CodeReplayedNonce)
	// Past the window, the request is refused for its time instead.
	f.clock.advance(syncproto.ClockWindow + time.Second)
	replay2 := f.signedRequest(f.a, "POST", syncproto.PathPush, body)
	replay2.Header = req.Header.Clone()
	refusedWith(t, f.send(replay2), http.StatusUnauthorized, syncproto.CodeStaleTime)
}

func TestStaleTimeRefusedWithHubTime(t *testing.T) { pgtest.Each(t, testStaleTimeRefusedWithHubTime) }

func testStaleTimeRefusedWithHubTime(t *testing.T) {
	f := newFixture(t)
	f.a.skew = 24 * time.Hour
	c := f.a.take(t, "D1")
	before := time.Now().UnixMilli()
	r := f.call(f.a, "POST", syncproto.PathPush, pushBody(t, c))
	e := refusedWith(t, r, http.StatusUnauthorized, syncproto.CodeStaleTime)
	after := time.Now().UnixMilli()
	hdr, _ := strconv.ParseInt(r.header.Get(syncproto.HeaderHubTime), 10, 64)
	if e.HubTime < before || e.HubTime > after || hdr < before || hdr > after {
		t.Fatalf("hub_time %d, header %d, not between %d and %d", e.HubTime, hdr, before, after)
	}
	if f.count() != 0 {
		t.Fatal("a stale request stored check-ins")
	}
	// The kiosk measures the offset from the answer and signs again with
	// its clock corrected; it says by how much, so the hub can flag it.
	correction := time.UnixMilli(e.HubTime).Sub(time.Now().Add(f.a.skew))
	req2 := f.signedRequestAt(f.a, "POST", syncproto.PathPush, pushBody(t, c), time.Now().Add(f.a.skew).Add(correction))
	syncproto.SetClockCorrection(req2, correction)
	if r := f.send(req2); r.status != http.StatusOK {
		t.Fatalf("resigned: %d %s", r.status, r.body)
	}
	k, _ := f.store.Kiosk(context.Background(), f.a.id)
	if !k.Flagged || (k.Offset-24*time.Hour).Abs() > time.Minute {
		t.Fatalf("kiosk a day ahead recorded with offset %s, flagged %v", k.Offset, k.Flagged)
	}
	// A check-in is never refused for its scan time: it was stored.
	if f.count() != 1 {
		t.Fatalf("hub holds %d check-ins, want 1", f.count())
	}
}

// Nonces are kept only as long as a request carrying one could pass the
// time check, so the table does not grow with every request.
func TestNoncesForgottenAfterTheWindow(t *testing.T) {
	pgtest.Each(t, testNoncesForgottenAfterTheWindow)
}

func testNoncesForgottenAfterTheWindow(t *testing.T) {
	f := newFixture(t)
	for range 5 {
		f.push(f.a)
	}
	count := func() int { return f.rows("nonces") }
	if n := count(); n != 5 {
		t.Fatalf("%d nonces kept, want 5", n)
	}
	f.clock.advance(syncproto.ClockWindow + time.Second)
	f.a.skew = syncproto.ClockWindow + time.Second // the kiosk's clock moved on too
	f.push(f.a)
	if n := count(); n != 1 {
		t.Fatalf("%d nonces kept after the window, want 1", n)
	}
}
