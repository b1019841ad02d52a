package sync

import (
	"context"
	"errors"
	"kiosk/data/pgtest"
	"strings"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/checkin"
	"kiosk/data/datatest"
	"kiosk/data/store"
)

func syncOnce(t *testing.T, k *kiosk) {
	t.Helper()
	if err := k.client.SyncOnce(context.Background()); err != nil {
		t.Fatalf("%s: %v", k.id, err)
	}
}

// A badge used at kiosk A is "already checked in at kiosk A" at kiosk B
// once both synced, from B's own desk and store.
func TestCheckInAtAReachesBAsAlreadyCheckedIn(t *testing.T) {
	pgtest.Each(t, testCheckInAtAReachesBAsAlreadyCheckedIn)
}

func testCheckInAtAReachesBAsAlreadyCheckedIn(t *testing.T) {
	hub, _, ks := venueWith(t, 2)
	a, b := ks[0], ks[1]
	if o := a.scan(datatest.StockID, 1); o.Status != checkin.Welcome {
		t.Fatalf("at A: %+v", o)
	}
	syncOnce(t, a)
	syncOnce(t, b)
	o := b.scan(datatest.StockID, 1)
	if o.Status != checkin.Already || !strings.Contains(o.Detail, "at "+a.id) {
		t.Fatalf("at B: %v %q, want already checked in at %s", o.Status, o.Detail, a.id)
	}
	if hub.count(t) != 1 {
		t.Fatalf("the hub holds %d check-ins, want 1", hub.count(t))
	}
	// B's check-in of another delegate reaches A the same way.
	b.scan(datatest.KouassiID, 2)
	syncOnce(t, b)
	syncOnce(t, a)
	if o := a.scan(datatest.KouassiID, 2); o.Status != checkin.Already {
		t.Fatalf("at A: %+v", o)
	}
	if st := a.status(); !st.Online || st.Waiting != 0 || st.LastSync.IsZero() || st.LastError != "" {
		t.Fatalf("A's status %+v", st)
	}
}

// A hub answering 500, one that cannot be reached, and one that commits a
// batch but whose answer is lost: nothing is lost, the mark moves only on
// a real answer, and the resend stores nothing twice.
func TestFailingHubLosesNothingAndTheMarkMovesOnlyOnAnAnswer(t *testing.T) {
	ctx := context.Background()
	hub, front, ks := venueWith(t, 1)
	a := ks[0]
	a.backlog(5)
	for _, mode := range []int32{fail500, drop, commitDrop} {
		front.mode.Store(mode)
		err := a.client.SyncOnce(ctx)
		var off *OfflineError
		if !errors.As(err, &off) {
			t.Fatalf("mode %d: %v, want an offline error", mode, err)
		}
		st := a.status()
		if st.Online || st.Waiting != 5 || st.LastError == "" {
			t.Fatalf("mode %d: status %+v", mode, st)
		}
		if s, _ := a.store.SyncStatus(ctx, "test-event"); s.Acked != 0 {
			t.Fatalf("mode %d: the mark moved to %d without an answer", mode, s.Acked)
		}
	}
	if hub.count(t) != 5 {
		t.Fatalf("the hub committed %d before its answer was lost, want 5", hub.count(t))
	}
	front.mode.Store(pass)
	syncOnce(t, a)
	if s, _ := a.store.SyncStatus(ctx, "test-event"); s.Acked != 5 || s.Waiting != 0 {
		t.Fatalf("after the hub came back: %+v", s)
	}
	if hub.count(t) != 5 || len(a.all()) != 5 {
		t.Fatalf("hub %d, kiosk %d check-ins; want 5 and 5", hub.count(t), len(a.all()))
	}
	if st := a.status(); !st.Online || st.LastError != "" {
		t.Fatalf("status after recovery %+v", st)
	}
}

// A hub refusing a whole request (403 pending) changes nothing on the
// kiosk and the reason is reported.
func TestWholeRequestRefusalKeepsEverything(t *testing.T) {
	ctx := context.Background()
	hub, front, ks := venueWith(t, 1)
	a := ks[0]
	a.backlog(3)
	front.mode.Store(pending)
	err := a.client.SyncOnce(ctx)
	var he *HubError
	if !errors.As(err, &he) || he.Status != 403 || he.Code != "pending" || !strings.Contains(err.Error(), "approval") {
		t.Fatalf("%v, want the hub's refusal with its reason", err)
	}
	st := a.status()
	if st.Waiting != 3 || !strings.Contains(st.LastError, "approval") || !st.Online {
		t.Fatalf("status %+v", st)
	}
	if len(a.all()) != 3 || hub.count(t) != 0 {
		t.Fatal("a refusal changed the kiosk or the hub")
	}
}

// A check-in the hub rejects stays on the kiosk with the hub's reason and
// is not sent again; the others go through.
func TestRejectedCheckInStaysAndIsNotResent(t *testing.T) {
	ctx := context.Background()
	hub, front, ks := venueWith(t, 1)
	a := ks[0]
	a.backlog(2)
	// A relayed check-in without its kiosk's signature (an export of an
	// older kiosk, say): the hub cannot believe it.
	forged := data.CheckIn{ID: "0123456789abcdef0123456789abcdef", EventID: "test-event", KioskID: "kiosk-0000beef",
		Seq: 1, DelegateID: datatest.StockID, BadgeSerial: 9, Purpose: data.PurposeArrival,
		ScannedAt: venueNow.UTC(), HLC: venueNow.UnixMilli() << 16, Method: data.MethodScan}
	key, _ := a.desk.PurposeKey(ctx)
	if in, err := a.store.AddCheckIns(ctx, []data.CheckIn{forged}, key, data.OriginExport); err != nil || in.Taken != 1 {
		t.Fatalf("%+v %v", in, err)
	}
	syncOnce(t, a)
	rej, err := a.store.RejectedCheckIns(ctx)
	if err != nil || len(rej) != 1 || rej[0].CheckIn.ID != forged.ID || !strings.Contains(rej[0].Reason, "unknown_kiosk") {
		t.Fatalf("rejected %+v %v", rej, err)
	}
	hits := front.hits.Load()
	for range 3 {
		syncOnce(t, a)
	}
	// Each sync is one pull now: nothing waits, so nothing is pushed.
	if got := front.hits.Load() - hits; got != 3 {
		t.Fatalf("%d requests for 3 syncs, want 3 pulls", got)
	}
	st := a.status()
	if st.Rejected != 1 || st.Waiting != 0 || len(a.all()) != 3 || hub.count(t) != 2 {
		t.Fatalf("status %+v, kiosk %d, hub %d", st, len(a.all()), hub.count(t))
	}
}

// A hub replaced by a new one (new identity, empty store): the kiosks
// send everything again and pull from zero; nothing is skipped.
func TestReplacedHubGetsEverythingAgain(t *testing.T) {
	ctx := context.Background()
	_, front, ks := venueWith(t, 2)
	a, b := ks[0], ks[1]
	a.backlog(3)
	syncOnce(t, a)
	syncOnce(t, b)
	if len(b.all()) != 3 {
		t.Fatalf("B holds %d", len(b.all()))
	}
	// The new hub enrols a kiosk that never met the old one.
	c := newKiosk(t, a.eventK, a.client.cfg.HubURL)
	hub2 := startHub(t, a.eventK, a, b, c)
	front.swap(hub2)
	syncOnce(t, a)
	syncOnce(t, b)
	syncOnce(t, c)
	if hub2.count(t) != 3 || len(c.all()) != 3 {
		t.Fatalf("the new hub holds %d, kiosk C %d; want 3 and 3", hub2.count(t), len(c.all()))
	}
	cur, err := b.store.PullCursor(ctx)
	if err != nil || cur.HubID != hub2.store.HubID() || cur.Seqs[a.id] != 3 {
		t.Fatalf("B's cursor %+v %v", cur, err)
	}
	if s, _ := a.store.SyncStatus(ctx, "test-event"); s.Acked != 3 {
		t.Fatalf("A's mark at the new hub %d", s.Acked)
	}
}

// A kiosk whose clock is a day ahead still syncs: the hub's first refusal
// gives its time, and the client signs with the measured offset.
func TestKioskClockADayAheadStillSyncs(t *testing.T) {
	hub, _, ks := venueWith(t, 2)
	a, b := ks[0], ks[1]
	a.setClock(venueNow.Add(24 * time.Hour))
	a.backlog(2)
	syncOnce(t, a)
	if off := a.client.Offset(); off > -23*time.Hour || off < -25*time.Hour {
		t.Fatalf("offset %v, want about -24h", off)
	}
	// The hub sees the kiosk's own clock, a day ahead, and flags it.
	k, err := hub.store.Kiosk(context.Background(), a.id)
	if err != nil || !k.Flagged || k.Offset < 23*time.Hour || k.Offset > 25*time.Hour {
		t.Fatalf("the hub's record of A: %+v %v", k, err)
	}
	syncOnce(t, b)
	if hub.count(t) != 2 || len(b.all()) != 2 {
		t.Fatalf("hub %d, B %d", hub.count(t), len(b.all()))
	}
	// The scan time stays the kiosk's own, never the hub's.
	for _, c := range b.all() {
		if !c.ScannedAt.Equal(venueNow.Add(24 * time.Hour)) {
			t.Fatalf("scan time %v changed on the way", c.ScannedAt)
		}
	}
}

// A kiosk offline with 2,000 check-ins drains them all once the hub is
// back, in batches, with Run in the background.
func TestOfflineBacklogDrainsInTheBackground(t *testing.T) {
	hub, front, ks := venueWith(t, 1)
	a := ks[0]
	front.mode.Store(drop)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { a.client.Run(ctx); close(done) }()
	a.backlog(2000)
	time.Sleep(100 * time.Millisecond)
	if hub.count(t) != 0 || a.status().Online {
		t.Fatal("the hub was reached while down")
	}
	front.mode.Store(pass)
	a.client.Notify()
	// A bound on liveness, not a speed goal (BenchmarkDrainBacklog
	// measures that): generous, for a machine shared with other builds.
	deadline := time.Now().Add(2 * time.Minute)
	for a.status().Waiting > 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	<-done
	if st := a.status(); st.Waiting != 0 || hub.count(t) != 2000 {
		t.Fatalf("status %+v, hub %d", st, hub.count(t))
	}
	if s, _ := a.store.SyncStatus(context.Background(), "test-event"); s.Acked != 2000 {
		t.Fatalf("mark %d", s.Acked)
	}
}

// Notify pushes a check-in at once while Run waits for its next pull.
func TestNotifyPushesAtOnce(t *testing.T) {
	hub, _, ks := venueWith(t, 1)
	a := ks[0]
	url := a.client.cfg.HubURL
	var err error
	a.client, err = New(Config{Store: a.store, Desk: a.desk, HubURL: url, PullEvery: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go a.client.Run(ctx)
	time.Sleep(50 * time.Millisecond)
	a.scan(datatest.StockID, 1)
	start := time.Now()
	a.client.Notify()
	for hub.count(t) == 0 && time.Since(start) < 5*time.Second {
		time.Sleep(5 * time.Millisecond)
	}
	if hub.count(t) != 1 || time.Since(start) > time.Second {
		t.Fatalf("hub %d after %v", hub.count(t), time.Since(start))
	}
}

func TestNewRefusesAnUnusableHubURL(t *testing.T) {
	a := newKiosk(t, newEventKey(t), "http://127.0.0.1:1")
	for _, u := range []string{"", "127.0.0.1:8090", "ftp://hub"} {
		if _, err := New(Config{Store: a.store, Desk: a.desk, HubURL: u}); err == nil {
			t.Fatalf("%q was taken", u)
		}
	}
	if _, err := New(Config{Desk: a.desk, HubURL: "http://h"}); err == nil {
		t.Fatal("a client without a store")
	}
	_ = store.PullCursor{}
}

// A check-in this kiosk cannot take in yet (its clock reading is more
// than a day ahead of this kiosk's clock) is asked for again at every
// pull, not skipped: once the clocks agree it comes in.
func TestPulledCheckInRefusedNowIsNotSkipped(t *testing.T) {
	ctx := context.Background()
	_, _, ks := venueWith(t, 2)
	a, b := ks[0], ks[1]
	a.setClock(venueNow.Add(48 * time.Hour))
	a.backlog(2)
	syncOnce(t, a)
	err := b.client.SyncOnce(ctx)
	if err == nil || !strings.Contains(err.Error(), "not taken in") {
		t.Fatalf("pulling check-ins two days ahead: %v", err)
	}
	if st := b.status(); !strings.Contains(st.LastError, "not taken in") {
		t.Fatalf("B's status does not say what was refused: %+v", st)
	}
	cur, _ := b.store.PullCursor(ctx)
	if cur.Seqs[a.id] != 0 || len(b.all()) != 0 {
		t.Fatalf("B's cursor %+v with %d check-ins: the refused ones were skipped", cur, len(b.all()))
	}
	b.setClock(venueNow.Add(48 * time.Hour))
	syncOnce(t, b)
	if cur, _ := b.store.PullCursor(ctx); cur.Seqs[a.id] != 2 || len(b.all()) != 2 {
		t.Fatalf("after the clocks agree: cursor %+v, %d check-ins", cur, len(b.all()))
	}
}

// Check-ins of an earlier event (the demo's, kept when the real event
// replaced it) are not pushed to the real event's hub, and the kiosk's
// own numbers they hold do not keep the real ones waiting: the hub's
// mark cannot pass them, the per-check-in answers still count.
func TestCheckInsOfAnotherEventDoNotHoldBackSync(t *testing.T) {
	ctx := context.Background()
	hub, front, ks := venueWith(t, 1)
	a := ks[0]
	for i, d := range []string{"OLD1", "OLD2"} {
		_, _, err := a.store.RecordCheckIn(ctx, store.NewCheckIn{EventID: "old-event", DelegateID: d, BadgeSerial: uint32(i + 1),
			Purpose: data.PurposeArrival, Method: data.MethodScan, ScannedAt: venueNow,
			PurposeKey: store.PurposeKey("old-event", data.PurposeArrival, "", "2016-11-07")})
		if err != nil {
			t.Fatal(err)
		}
	}
	a.backlog(2)
	syncOnce(t, a)
	if st := a.status(); st.Waiting != 0 || hub.count(t) != 2 {
		t.Fatalf("status %+v, hub %d", st, hub.count(t))
	}
	hits := front.hits.Load()
	syncOnce(t, a)
	if got := front.hits.Load() - hits; got != 1 {
		t.Fatalf("%d requests for a sync with nothing waiting, want 1 pull", got)
	}
}

// The same badge checked in at two kiosks while both were offline: once
// online, both kiosks and the hub hold both check-ins, each once, and
// both kiosks name the same one as the check-in that counts.
func TestSameBadgeAtTwoOfflineKiosksAgreesOnWhichCounts(t *testing.T) {
	hub, front, ks := venueWith(t, 2)
	a, b := ks[0], ks[1]
	front.mode.Store(drop)
	oa := a.scan(datatest.StockID, 1)
	b.setClock(venueNow.Add(time.Minute))
	ob := b.scan(datatest.StockID, 1)
	if oa.Status != checkin.Welcome || ob.Status != checkin.Welcome {
		t.Fatalf("offline scans: %v %v", oa.Status, ob.Status)
	}
	for _, k := range ks {
		if err := k.client.SyncOnce(context.Background()); err == nil {
			t.Fatal("synced with the hub down")
		}
	}
	front.mode.Store(pass)
	for range 2 {
		syncOnce(t, a)
		syncOnce(t, b)
	}
	if hub.count(t) != 2 || len(a.all()) != 2 || len(b.all()) != 2 {
		t.Fatalf("hub %d, A %d, B %d; want 2 each", hub.count(t), len(a.all()), len(b.all()))
	}
	a.setClock(venueNow.Add(2 * time.Minute))
	b.setClock(venueNow.Add(2 * time.Minute))
	againA, againB := a.scan(datatest.StockID, 1), b.scan(datatest.StockID, 1)
	if againA.Status != checkin.Already || againB.Status != checkin.Already ||
		againA.CheckIn.ID != oa.CheckIn.ID || againB.CheckIn.ID != oa.CheckIn.ID {
		t.Fatalf("A names %s, B names %s; want both A's earlier %s", againA.CheckIn.ID, againB.CheckIn.ID, oa.CheckIn.ID)
	}
}

// A sync error kept from an earlier run (the kiosk restarted while the hub
// was down) is cleared by the first sync that succeeds now: staff mode
// must not show "online" next to an error that no longer holds.
func TestAnErrorFromAnEarlierRunIsClearedByTheFirstSuccess(t *testing.T) {
	ctx := context.Background()
	_, _, ks := venueWith(t, 1)
	a := ks[0]
	if err := a.store.SetSyncError(ctx, "hub unreachable (from before the restart)"); err != nil {
		t.Fatal(err)
	}
	a.backlog(1)
	syncOnce(t, a)
	if st := a.status(); st.LastError != "" || st.Waiting != 0 {
		t.Fatalf("after a successful sync: %+v", st)
	}
}
