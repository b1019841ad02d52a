package hub

import (
	"context"
	"kiosk/data/pgtest"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/syncproto"
)

// pullAll pulls as k from cursor until the hub says no more, and returns
// the check-ins by kiosk and the final cursor.
func (f *fixture) pullAll(k *testKiosk, hubID string, cursor map[string]int64) ([]syncproto.Record, map[string]int64, int) {
	f.t.Helper()
	var all []syncproto.Record
	pages := 0
	for {
		ans := f.pull(k, hubID, cursor)
		pages++
		all = append(all, ans.CheckIns...)
		cursor, hubID = ans.Cursor, ans.HubID
		if !ans.More {
			return all, cursor, pages
		}
		if pages > 100 {
			f.t.Fatal("pull never ends")
		}
	}
}

// samePulled wants exactly these check-ins, in this order, each as pushed
// (signature included).
func samePulled(t *testing.T, what string, recs []syncproto.Record, want ...data.CheckIn) {
	t.Helper()
	if len(recs) != len(want) {
		t.Fatalf("%s: pulled %d check-ins, want %d", what, len(recs), len(want))
	}
	for i, r := range recs {
		c, err := r.CheckIn(testEvent)
		if err != nil || !c.SameEvent(want[i]) || string(c.Signature) != string(want[i].Signature) {
			t.Fatalf("%s: check-in %d is %s %d (%v), want %s %d", what, i, r.KioskID, r.Seq, err, want[i].KioskID, want[i].Seq)
		}
	}
}

func TestPullOthersUpToGaplessMarkWithPaging(t *testing.T) {
	pgtest.Each(t, testPullOthersUpToGaplessMarkWithPaging)
}

func testPullOthersUpToGaplessMarkWithPaging(t *testing.T) {
	f := newFixture(t, func(o *Options) { o.PullLimit = 3 })
	var fromA []data.CheckIn
	for range 5 {
		fromA = append(fromA, f.a.take(t, "D1"))
	}
	b1, b2, b3 := f.b.take(t, "D2"), f.b.take(t, "D3"), f.b.take(t, "D4")
	f.push(f.a, fromA...)
	f.push(f.b, b1, b3) // b's 2 is missing: 3 waits behind the gap

	recs, cursor, pages := f.pullAll(f.b, "", nil)
	samePulled(t, "b's pull", recs, fromA...)
	if pages != 2 || cursor[f.a.id] != 5 {
		t.Fatalf("b pulled in %d pages, cursor %v; want 2 pages, a at 5", pages, cursor)
	}
	recs, cursor, _ = f.pullAll(f.a, "", nil)
	samePulled(t, "a's pull (3 waits behind the gap)", recs, b1)
	if cursor[f.b.id] != 1 {
		t.Fatalf("cursor %v, want b at 1", cursor)
	}
	// Once the gap is filled, a gets 2 and 3 from its cursor: nothing is
	// skipped.
	f.push(f.b, b2)
	recs, cursor, _ = f.pullAll(f.a, f.store.HubID(), cursor)
	samePulled(t, "a's pull after the gap", recs, b2, b3)
	if ans := f.pull(f.a, f.store.HubID(), cursor); len(ans.CheckIns) != 0 || ans.More || ans.Restart || cursor[f.b.id] != 3 {
		t.Fatalf("nothing new, yet %+v (cursor %v)", ans, cursor)
	}
}

func TestPullWithOtherHubIDRestarts(t *testing.T) { pgtest.Each(t, testPullWithOtherHubIDRestarts) }

func testPullWithOtherHubIDRestarts(t *testing.T) {
	f := newFixture(t)
	f.push(f.a, f.a.take(t, "D1"), f.a.take(t, "D2"))
	for _, hubID := range []string{"", "0123456789abcdef0123456789abcdef"} {
		ans := f.pull(f.b, hubID, map[string]int64{f.a.id: 2})
		if !ans.Restart || len(ans.CheckIns) != 2 || ans.Cursor[f.a.id] != 2 || ans.HubID != f.store.HubID() {
			t.Fatalf("hub id %q: restart %v, %d check-ins, cursor %v", hubID, ans.Restart, len(ans.CheckIns), ans.Cursor)
		}
	}
	ans := f.pull(f.b, f.store.HubID(), map[string]int64{f.a.id: 2})
	if ans.Restart || len(ans.CheckIns) != 0 {
		t.Fatalf("own hub id: restart %v, %d check-ins", ans.Restart, len(ans.CheckIns))
	}
}

func TestPullForAnotherEventRefused(t *testing.T) { pgtest.Each(t, testPullForAnotherEventRefused) }

func testPullForAnotherEventRefused(t *testing.T) {
	f := newFixture(t)
	r := f.call(f.a, "POST", syncproto.PathPull, mustJSON(t, syncproto.PullRequest{EventID: "other-event"}))
	refusedWith(t, r, http.StatusConflict, syncproto.CodeWrongEvent)
}

func TestHubKeepsItsEpochAcrossRestarts(t *testing.T) {
	pgtest.Each(t, testHubKeepsItsEpochAcrossRestarts)
}

func testHubKeepsItsEpochAcrossRestarts(t *testing.T) {
	f := newFixture(t)
	f.push(f.a, f.a.take(t, "D1"))
	first := f.store.HubID()
	f.close()
	f.open()
	if got := f.store.HubID(); got != first || len(first) != 32 {
		t.Fatalf("restarted hub id %q, was %q", got, first)
	}
	// Its state came back too: a resend is a duplicate, the mark stands.
	ans := f.pull(f.b, first, map[string]int64{f.a.id: 1})
	if ans.Restart {
		t.Fatal("the restarted hub tells kiosks to start again")
	}
	other, err := OpenStore(context.Background(), pgtest.NewStore(t))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if other.HubID() == first || other.HubID() == "" {
		t.Fatalf("a new store has hub id %q (first %q)", other.HubID(), first)
	}
}

func TestStoreFilesArePrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "hub")
	s, err := OpenSQLite(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	k := newKiosk(t)
	if _, _, err := s.Ingest(context.Background(), k.id, []data.CheckIn{k.take(t, "D1")}, time.Now()); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(dir)
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("data folder: %v %v", st.Mode(), err)
	}
	for _, name := range []string{DBName, DBName + "-wal"} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v %v", name, st.Mode(), err)
		}
	}
}
