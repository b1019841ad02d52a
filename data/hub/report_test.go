package hub

import (
	"context"
	"net/http"
	"testing"

	"kiosk/data/pgtest"
	"kiosk/data/syncproto"
)

// A kiosk's report in a push or a pull reaches the store with the visit;
// a request without one keeps the last; a malformed body is refused
// before the visit is recorded, so its nonce and report change nothing.
func TestKioskReportTravelsWithPushAndPull(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	body := mustJSON(t, syncproto.PushRequest{EventID: testEvent, CheckIns: []syncproto.Record{syncproto.ToRecord(f.a.take(t, "D1"))},
		Kiosk: &syncproto.KioskReport{BundleVersion: 3, Waiting: 41}})
	if r := f.call(f.a, "POST", syncproto.PathPush, body); r.status != http.StatusOK {
		t.Fatalf("push: %d %s", r.status, r.body)
	}
	k, err := f.store.Kiosk(ctx, f.a.id)
	if err != nil || k.Report.BundleVersion != 3 || k.Report.Waiting != 41 || k.Report.At.IsZero() {
		t.Fatalf("after push: %+v %v", k.Report, err)
	}
	pull := mustJSON(t, syncproto.PullRequest{EventID: testEvent, Kiosk: &syncproto.KioskReport{BundleVersion: 3, Waiting: 0}})
	if r := f.call(f.a, "POST", syncproto.PathPull, pull); r.status != http.StatusOK {
		t.Fatalf("pull: %d %s", r.status, r.body)
	}
	if k, _ = f.store.Kiosk(ctx, f.a.id); k.Report.Waiting != 0 {
		t.Fatalf("after pull: %+v", k.Report)
	}
	f.pull(f.a, "", nil) // no report: the last stays
	if k, _ = f.store.Kiosk(ctx, f.a.id); k.Report.BundleVersion != 3 {
		t.Fatalf("a request without a report dropped it: %+v", k.Report)
	}

	bad := []byte(`{"event_id":"` + testEvent + `","kiosk":{"bundle_version":9,"waiting":"many"}}`)
	req := f.signedRequest(f.a, "POST", syncproto.PathPull, bad)
	refusedWith(t, f.send(req), http.StatusBadRequest, syncproto.CodeMalformed)
	if k, _ = f.store.Kiosk(ctx, f.a.id); k.Report.BundleVersion != 3 {
		t.Fatalf("a malformed request changed the report: %+v", k.Report)
	}
}

// A report no kiosk writes (a negative figure) is refused like any
// malformed body, and changes nothing.
func TestNegativeKioskReportRefused(t *testing.T) { pgtest.Each(t, testNegativeKioskReportRefused) }

func testNegativeKioskReportRefused(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.pull(f.a, "", nil)
	for _, rep := range []syncproto.KioskReport{{BundleVersion: -1}, {Waiting: -40}} {
		body := mustJSON(t, syncproto.PullRequest{EventID: testEvent, Kiosk: &rep})
		refusedWith(t, f.call(f.a, "POST", syncproto.PathPull, body), http.StatusBadRequest, syncproto.CodeMalformed)
	}
	if k, err := f.store.Kiosk(ctx, f.a.id); err != nil || !k.Report.At.IsZero() {
		t.Fatalf("a refused report was stored: %+v %v", k.Report, err)
	}
}
