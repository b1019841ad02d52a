package hub

import (
	"context"
	"kiosk/data/pgtest"
	"net/http"
	"slices"
	"strings"
	"testing"

	"kiosk/data"
	"kiosk/data/syncproto"
)

func TestPushStoresOnce(t *testing.T) { pgtest.Each(t, testPushStoresOnce) }

func testPushStoresOnce(t *testing.T) {
	f := newFixture(t)
	list := []data.CheckIn{f.a.take(t, "D1"), f.a.take(t, "D2"), f.a.take(t, "D3")}
	ans := f.push(f.a, list...)
	if !slices.Equal(statuses(ans), []string{"stored", "stored", "stored"}) || ans.Acked != 3 || ans.HubID != f.store.HubID() || ans.HubTime == 0 {
		t.Fatalf("answer %+v", ans)
	}
	if n := f.count(); n != 3 {
		t.Fatalf("hub holds %d check-ins, want 3", n)
	}
	page, err := f.store.Pull(context.Background(), PullQuery{EventID: testEvent, Cursor: nil, Limit: 10})
	if err != nil || len(page.CheckIns) != 3 {
		t.Fatalf("pull back: %v %d", err, len(page.CheckIns))
	}
	for i, c := range page.CheckIns {
		if !c.SameEvent(list[i]) || string(c.Signature) != string(list[i].Signature) {
			t.Fatalf("stored %+v\nwant %+v", c, list[i])
		}
	}
}

func TestResendReorderDuplicateChangeNothing(t *testing.T) {
	pgtest.Each(t, testResendReorderDuplicateChangeNothing)
}

func testResendReorderDuplicateChangeNothing(t *testing.T) {
	f := newFixture(t)
	list := []data.CheckIn{f.a.take(t, "D1"), f.a.take(t, "D2"), f.a.take(t, "D3")}
	f.push(f.a, list...)
	again := f.push(f.a, list...)
	reversed := f.push(f.a, list[2], list[1], list[0])
	doubled := f.push(f.a, list[0], list[0], list[1], list[1])
	for _, ans := range []syncproto.PushResponse{again, reversed, doubled} {
		for _, s := range statuses(ans) {
			if s != syncproto.StatusDuplicate {
				t.Fatalf("a resend is %v", statuses(ans))
			}
		}
		if ans.Acked != 3 {
			t.Fatalf("acked %d after a resend, want 3", ans.Acked)
		}
	}
	// A batch arriving out of order and twice in one request: each stored
	// once.
	c4, c5 := f.a.take(t, "D4"), f.a.take(t, "D5")
	ans := f.push(f.a, c5, c4, c5)
	if !slices.Equal(statuses(ans), []string{"stored", "stored", "duplicate"}) || ans.Acked != 5 {
		t.Fatalf("reordered batch: %v acked %d", statuses(ans), ans.Acked)
	}
	if n := f.count(); n != 5 {
		t.Fatalf("hub holds %d check-ins, want 5", n)
	}
}

func TestSameIDOtherContentRejected(t *testing.T) { pgtest.Each(t, testSameIDOtherContentRejected) }

func testSameIDOtherContentRejected(t *testing.T) {
	f := newFixture(t)
	c := f.a.take(t, "D1")
	f.push(f.a, c)

	// The kiosk's own key signs both, so only the store can tell: a
	// different check-in under a stored id, and one under a taken number.
	sameID := f.a.signedAt(t, 2, "D2")
	sameID.ID = c.ID
	sameID = resign(t, f.a, sameID)
	sameSeq := f.a.signedAt(t, 1, "D3")
	ans := f.push(f.a, sameID, sameSeq)
	for i, r := range ans.Results {
		if r.Status != syncproto.StatusRejected || !strings.HasPrefix(r.Reason, syncproto.ReasonConflict) {
			t.Fatalf("result %d: %+v, want a conflict", i, r)
		}
	}
	if n := f.count(); n != 1 || ans.Acked != 1 {
		t.Fatalf("hub holds %d check-ins, acked %d; want 1, 1", n, ans.Acked)
	}
	page, _ := f.store.Pull(context.Background(), PullQuery{EventID: testEvent, Limit: 10})
	if len(page.CheckIns) != 1 || !page.CheckIns[0].SameEvent(c) {
		t.Fatalf("the stored check-in changed: %+v", page.CheckIns)
	}
}

func resign(t *testing.T, k *testKiosk, c data.CheckIn) data.CheckIn {
	t.Helper()
	c.Signature = nil
	sig, err := checkincodeSign(k, c)
	if err != nil {
		t.Fatal(err)
	}
	c.Signature = sig
	return c
}

func TestForgedRecordsRejected(t *testing.T) { pgtest.Each(t, testForgedRecordsRejected) }

func testForgedRecordsRejected(t *testing.T) {
	f := newFixture(t)
	changed := f.a.take(t, "D1")
	changed.DelegateID = "D2" // after signing
	unsigned := f.a.take(t, "D3")
	unsigned.Signature = nil
	// b signs a check-in that claims to be a's.
	claimed := f.b.signedAt(t, 3, "D4")
	claimed.KioskID = f.a.id
	stranger := newKiosk(t).take(t, "D5")
	invalid := f.a.signedAt(t, 4, "D6")
	invalid.Purpose = "lunch"
	ans := f.push(f.b, changed, unsigned, claimed, stranger, invalid)
	want := []string{syncproto.ReasonBadSignature, syncproto.ReasonBadSignature, syncproto.ReasonBadSignature,
		syncproto.ReasonUnknownKiosk, syncproto.ReasonInvalid}
	for i, r := range ans.Results {
		if r.Status != syncproto.StatusRejected || !strings.HasPrefix(r.Reason, want[i]) {
			t.Errorf("record %d: %+v, want rejected %s", i, r, want[i])
		}
	}
	if n := f.count(); n != 0 {
		t.Fatalf("hub holds %d check-ins, want none", n)
	}
}

func TestRelayedCheckInsStoredForTheirKiosk(t *testing.T) {
	pgtest.Each(t, testRelayedCheckInsStoredForTheirKiosk)
}

func testRelayedCheckInsStoredForTheirKiosk(t *testing.T) {
	f := newFixture(t)
	fromB := []data.CheckIn{f.b.take(t, "D1"), f.b.take(t, "D2")}
	own := f.a.take(t, "D3")
	ans := f.push(f.a, fromB[0], own, fromB[1])
	if !slices.Equal(statuses(ans), []string{"stored", "stored", "stored"}) || ans.Acked != 1 {
		t.Fatalf("relayed: %v acked %d", statuses(ans), ans.Acked)
	}
	// b's own push later finds them there, and its mark already at 2.
	ans = f.push(f.b, fromB...)
	if !slices.Equal(statuses(ans), []string{"duplicate", "duplicate"}) || ans.Acked != 2 {
		t.Fatalf("b's own push: %v acked %d", statuses(ans), ans.Acked)
	}
}

func TestGaplessAck(t *testing.T) { pgtest.Each(t, testGaplessAck) }

func testGaplessAck(t *testing.T) {
	f := newFixture(t)
	c1, c2, c3, c4 := f.a.take(t, "D1"), f.a.take(t, "D2"), f.a.take(t, "D3"), f.a.take(t, "D4")
	if ans := f.push(f.a, c1, c2, c4); ans.Acked != 2 {
		t.Fatalf("seq 1, 2, 4: acked %d, want 2", ans.Acked)
	}
	if ans := f.push(f.a); ans.Acked != 2 {
		t.Fatalf("empty push: acked %d, want 2", ans.Acked)
	}
	if ans := f.push(f.a, c3); ans.Acked != 4 {
		t.Fatalf("then 3: acked %d, want 4", ans.Acked)
	}
}

func TestMalformedPushChangesNothing(t *testing.T) { pgtest.Each(t, testMalformedPushChangesNothing) }

func testMalformedPushChangesNothing(t *testing.T) {
	f := newFixture(t)
	good := string(pushBody(t, f.a.take(t, "D1")))
	cases := map[string]string{
		"not JSON":         `{"event_id":`,
		"unknown field":    strings.Replace(good, `"checkins"`, `"checkins_v2":[],"checkins"`, 1),
		"trailing value":   good + `{}`,
		"wrong type":       strings.Replace(good, `"seq":1`, `"seq":"1"`, 1),
		"bad event id":     strings.Replace(good, `"event_id":"test-event"`, `"event_id":"test event"`, 1),
		"checkins not set": `{"event_id":"test-event","checkins":{}}`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			r := f.call(f.a, "POST", syncproto.PathPush, []byte(body))
			refusedWith(t, r, http.StatusBadRequest, syncproto.CodeMalformed)
			if n := f.count(); n != 0 {
				t.Fatalf("hub holds %d check-ins after a malformed push", n)
			}
		})
	}
}

func TestOversizedPushRefused(t *testing.T) { pgtest.Each(t, testOversizedPushRefused) }

func testOversizedPushRefused(t *testing.T) {
	f := newFixture(t)
	body := pushBody(t, f.a.take(t, "D1"))
	huge := append(body[:len(body)-1:len(body)-1], []byte(`,"pad":"`+strings.Repeat("x", syncproto.MaxBody)+`"}`)...)
	r := f.call(f.a, "POST", syncproto.PathPush, huge)
	refusedWith(t, r, http.StatusRequestEntityTooLarge, syncproto.CodeTooLarge)

	many := make([]data.CheckIn, syncproto.MaxPushRecords+1)
	c := f.a.take(t, "D1")
	for i := range many {
		many[i] = c
	}
	r = f.call(f.a, "POST", syncproto.PathPush, pushBody(t, many...))
	refusedWith(t, r, http.StatusRequestEntityTooLarge, syncproto.CodeTooLarge)
	if n := f.count(); n != 0 {
		t.Fatalf("hub holds %d check-ins after refused pushes", n)
	}
}

// A large batch is checked on every core; each answer still belongs to
// its record.
func TestLargeBatchAnswersInOrder(t *testing.T) { pgtest.Each(t, testLargeBatchAnswersInOrder) }

func testLargeBatchAnswersInOrder(t *testing.T) {
	f := newFixture(t)
	var list []data.CheckIn
	for i := range 300 {
		c := f.a.take(t, "D1")
		if i%7 == 3 {
			c.BadgeSerial++ // changed after signing
		}
		list = append(list, c)
	}
	ans := f.push(f.a, list...)
	for i, r := range ans.Results {
		want := syncproto.StatusStored
		if i%7 == 3 {
			want = syncproto.StatusRejected
		}
		if r.ID != list[i].ID || r.Status != want {
			t.Fatalf("result %d: %+v, want %s for %s", i, r, want, list[i].ID)
		}
	}
	if ans.Acked != 3 || f.count() != int64(300-43) {
		t.Fatalf("acked %d, %d held", ans.Acked, f.count())
	}
}
