package store

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"kiosk/data"
	"kiosk/data/datatest"
)

// syncFixture is a store holding three check-ins taken here, two relayed
// by export and one pulled from the hub.
func syncFixture(t *testing.T) (s *Store, own, relay []data.CheckIn) {
	t.Helper()
	ctx := context.Background()
	s = relayStore(t)
	for _, d := range []string{datatest.StockID, datatest.KouassiID, "D003"} {
		own = append(own, s.recordHere(t, d))
	}
	relay = []data.CheckIn{relayed("kiosk-0000000b", 1, "D010"), relayed("kiosk-0000000a", 2, "D011")}
	if in, err := s.AddCheckIns(ctx, relay, utcPurposeKey, data.OriginExport); err != nil || in.Taken != 2 {
		t.Fatalf("relayed: %+v %v", in, err)
	}
	if in, err := s.AddCheckIns(ctx, []data.CheckIn{relayed("kiosk-0000000c", 1, "D012")}, utcPurposeKey, data.OriginHub); err != nil || in.Taken != 1 {
		t.Fatalf("pulled: %+v %v", in, err)
	}
	return s, own, relay
}

func pendingIDs(t *testing.T, s *Store) []string {
	t.Helper()
	list, err := s.PendingCheckIns(context.Background(), "test-event", 100)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range list {
		ids = append(ids, c.ID)
	}
	return ids
}

func idsOf(list ...data.CheckIn) []string {
	var ids []string
	for _, c := range list {
		ids = append(ids, c.ID)
	}
	return ids
}

// Waiting are the own check-ins in number order, then the relayed ones by
// kiosk and number; a check-in pulled from the hub never goes back.
func TestPendingIsOwnInOrderThenRelayedNeverPulled(t *testing.T) {
	s, own, relay := syncFixture(t)
	want := idsOf(own[0], own[1], own[2], relay[1], relay[0])
	if got := pendingIDs(t, s); !reflect.DeepEqual(got, want) {
		t.Fatalf("pending %v, want %v", got, want)
	}
	list, err := s.PendingCheckIns(context.Background(), "test-event", 2)
	if err != nil || len(list) != 2 || list[0].Seq != 1 || list[1].Seq != 2 {
		t.Fatalf("limit 2: %+v %v", list, err)
	}
	if _, queued, err := s.CheckInCount(context.Background()); err != nil || queued != 5 {
		t.Fatalf("queued %d (%v), want 5", queued, err)
	}
}

func ackedMark(t *testing.T, s *Store) int64 {
	t.Helper()
	st, err := s.SyncStatus(context.Background(), "test-event")
	if err != nil {
		t.Fatal(err)
	}
	return st.Acked
}

// The hub's mark only moves forward, and never past the kiosk's last own
// number, whatever a hub answers.
func TestAckedMarkOnlyMovesForwardAndNeverPastTheLastOwn(t *testing.T) {
	ctx := context.Background()
	s, own, relay := syncFixture(t)
	steps := []struct{ answer, want int64 }{{2, 2}, {1, 2}, {0, 2}, {99, 3}}
	for _, st := range steps {
		if err := s.RecordPush(ctx, PushResult{HubID: "hub-1", Acked: st.answer}); err != nil {
			t.Fatal(err)
		}
		if got := ackedMark(t, s); got != st.want {
			t.Fatalf("after the hub answered %d the mark is %d, want %d", st.answer, got, st.want)
		}
	}
	if got, want := pendingIDs(t, s), idsOf(relay[1], relay[0]); !reflect.DeepEqual(got, want) {
		t.Fatalf("pending %v, want the relayed %v (own %v acknowledged)", got, want, idsOf(own...))
	}
	if err := s.RecordPush(ctx, PushResult{Acked: 3}); err == nil {
		t.Fatal("an answer without a hub identity was kept")
	}
}

// Relayed check-ins the hub answered for are not sent again; own ones
// held back by a gap at the hub (number 2 refused) are not resent either.
func TestDoneAndRejectedAreNotSentAgainAndRejectedAreKept(t *testing.T) {
	ctx := context.Background()
	s, own, relay := syncFixture(t)
	err := s.RecordPush(ctx, PushResult{HubID: "hub-1", Acked: 1, Done: idsOf(own[2], relay[0]),
		Rejected: map[string]string{own[1].ID: "signature does not match", relay[1].ID: "conflict"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := pendingIDs(t, s); len(got) != 0 {
		t.Fatalf("still pending: %v", got)
	}
	// A later answer does not change the reason kept first.
	if err := s.RecordPush(ctx, PushResult{HubID: "hub-1", Acked: 1, Rejected: map[string]string{own[1].ID: "other"}}); err != nil {
		t.Fatal(err)
	}
	rej, err := s.RejectedCheckIns(ctx)
	if err != nil || len(rej) != 2 {
		t.Fatalf("rejected %+v %v", rej, err)
	}
	reasons := map[string]string{}
	for _, r := range rej {
		reasons[r.CheckIn.ID] = r.Reason
		if r.CheckIn.DelegateID == "" || r.RejectedAt.IsZero() {
			t.Fatalf("a rejected check-in without its record: %+v", r)
		}
	}
	if reasons[own[1].ID] != "signature does not match" || reasons[relay[1].ID] != "conflict" {
		t.Fatalf("reasons %v", reasons)
	}
	all, err := s.CheckIns(ctx, CheckInFilter{})
	if err != nil || len(all) != 6 {
		t.Fatalf("the store holds %d check-ins (%v), want all 6", len(all), err)
	}
	st, err := s.SyncStatus(ctx, "test-event")
	if err != nil || st.Rejected != 2 || st.Waiting != 0 {
		t.Fatalf("status %+v %v", st, err)
	}
}

// A hub with a new identity (replaced, restored from a backup) gets every
// check-in again but the refused ones: nothing is skipped because the old
// hub had it.
func TestNewHubIdentityGetsEverythingAgain(t *testing.T) {
	ctx := context.Background()
	s, own, relay := syncFixture(t)
	if err := s.RecordPush(ctx, PushResult{HubID: "hub-1", Acked: 3, Done: idsOf(relay...),
		Rejected: map[string]string{own[0].ID: "bad"}}); err != nil {
		t.Fatal(err)
	}
	if got := pendingIDs(t, s); len(got) != 0 {
		t.Fatalf("pending %v", got)
	}
	if err := s.RecordPush(ctx, PushResult{HubID: "hub-2", Acked: 0}); err != nil {
		t.Fatal(err)
	}
	want := idsOf(own[1], own[2], relay[1], relay[0])
	if got := pendingIDs(t, s); !reflect.DeepEqual(got, want) {
		t.Fatalf("pending for the new hub %v, want %v", got, want)
	}
	if got := ackedMark(t, s); got != 0 {
		t.Fatalf("mark %d for the new hub", got)
	}
}

// The pull cursor survives a restart of the kiosk, never moves a number
// back for the same hub, and is replaced whole for another hub.
func TestPullCursorKeptPerHub(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if c, err := s.PullCursor(ctx); err != nil || c.HubID != "" || len(c.Seqs) != 0 {
		t.Fatalf("fresh cursor %+v %v", c, err)
	}
	if err := s.SetPullCursor(ctx, PullCursor{HubID: "hub-1", Seqs: map[string]int64{"kiosk-a": 5, "kiosk-b": 2}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPullCursor(ctx, PullCursor{HubID: "hub-1", Seqs: map[string]int64{"kiosk-a": 3}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.PullCursor(ctx)
	if err != nil || c.HubID != "hub-1" || !reflect.DeepEqual(c.Seqs, map[string]int64{"kiosk-a": 5, "kiosk-b": 2}) {
		t.Fatalf("cursor after reopening %+v %v", c, err)
	}
	if err := s.SetPullCursor(ctx, PullCursor{HubID: "hub-2", Seqs: map[string]int64{"kiosk-c": 1}}); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.PullCursor(ctx); c.HubID != "hub-2" || !reflect.DeepEqual(c.Seqs, map[string]int64{"kiosk-c": 1}) {
		t.Fatalf("cursor of a new hub %+v", c)
	}
	for _, bad := range []PullCursor{{Seqs: map[string]int64{"kiosk-d": 1}}, {HubID: "hub-2", Seqs: map[string]int64{"kiosk-d": -1}}} {
		if err := s.SetPullCursor(ctx, bad); err == nil {
			t.Fatalf("cursor %+v was kept", bad)
		}
	}
	if c, _ := s.PullCursor(ctx); c.HubID != "hub-2" || len(c.Seqs) != 1 {
		t.Fatalf("a refused cursor changed the kept one: %+v", c)
	}
	if err := s.ResetPullCursor(ctx); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.PullCursor(ctx); c.HubID != "" || len(c.Seqs) != 0 {
		t.Fatalf("cursor after reset %+v", c)
	}
}

func TestHubSettingRefusesWhatCannotWork(t *testing.T) {
	ctx := context.Background()
	s := relayStore(t)
	if err := s.SetHub(ctx, HubSetting{URL: "http://127.0.0.1:8090/"}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"ftp://hub", "127.0.0.1:8090", "http://", "http://hub/?x=1", "http://hub/%zz", "https://user:pw@hub"} {
		err := s.SetHub(ctx, HubSetting{URL: bad})
		if err == nil || !strings.Contains(err.Error(), "hub URL") {
			t.Fatalf("%q: %v", bad, err)
		}
	}
	for _, bad := range []string{"abc", "sha256:12", "sha1:" + strings.Repeat("a", 64), "sha256:" + strings.Repeat("g", 64)} {
		err := s.SetHub(ctx, HubSetting{URL: "https://10.0.0.2:8090", Fingerprint: bad})
		if err == nil || !strings.Contains(err.Error(), "fingerprint") {
			t.Fatalf("%q: %v", bad, err)
		}
	}
	if h, err := s.Hub(ctx); err != nil || h != (Hub{URL: "http://127.0.0.1:8090"}) {
		t.Fatalf("hub %+v %v", h, err)
	}
	if err := s.SetHub(ctx, HubSetting{}); err != nil {
		t.Fatal(err)
	}
	if u, _ := s.HubURL(ctx); u != "" {
		t.Fatalf("hub URL %q after clearing", u)
	}
}

// TestHubFromBundle: the installed bundle's hub is used when none was
// set by hand; its pin is used for a URL set by hand with none; what is
// set by hand wins; a bundle without a hub clears the bundle's.
func TestHubFromBundle(t *testing.T) {
	ctx := context.Background()
	s := relayStore(t)
	pinA, pinB := "sha256:"+strings.Repeat("a", 64), "sha256:"+strings.Repeat("b", 64)
	d := datatest.Event()
	d.Event.HubURL, d.Event.HubFingerprint = "https://hub.venue:8090/", strings.ToUpper(pinA)
	if err := s.Install(ctx, d, datatest.Info(2), nil); err != nil {
		t.Fatal(err)
	}
	want := Hub{URL: "https://hub.venue:8090", Fingerprint: pinA, URLFromBundle: true, PinFromBundle: true}
	if h, err := s.Hub(ctx); err != nil || h != want {
		t.Fatalf("hub %+v %v, want %+v", h, err, want)
	}
	if err := s.SetHub(ctx, HubSetting{URL: "https://10.0.0.9:8090"}); err != nil {
		t.Fatal(err)
	}
	want = Hub{URL: "https://10.0.0.9:8090", Fingerprint: pinA, PinFromBundle: true}
	if h, _ := s.Hub(ctx); h != want {
		t.Fatalf("hub %+v, want %+v", h, want)
	}
	if err := s.SetHub(ctx, HubSetting{URL: "https://10.0.0.9:8090", Fingerprint: pinB}); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.Hub(ctx); h != (Hub{URL: "https://10.0.0.9:8090", Fingerprint: pinB}) {
		t.Fatalf("hub %+v", h)
	}
	if err := s.SetHub(ctx, HubSetting{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Install(ctx, datatest.Event(), datatest.Info(3), nil); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.Hub(ctx); h != (Hub{}) {
		t.Fatalf("hub %+v after a bundle without one", h)
	}
}

func TestSyncStatusKeepsLastSyncAndLastError(t *testing.T) {
	ctx := context.Background()
	s := relayStore(t)
	st, err := s.SyncStatus(ctx, "test-event")
	if err != nil || !st.LastSync.IsZero() || st.LastError != "" {
		t.Fatalf("fresh status %+v %v", st, err)
	}
	if err := s.SetSyncError(ctx, "hub unreachable"); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordPush(ctx, PushResult{HubID: "hub-1"}); err != nil {
		t.Fatal(err)
	}
	st, err = s.SyncStatus(ctx, "test-event")
	if err != nil || !st.LastSync.Equal(relayNow) || st.LastError != "hub unreachable" || !st.ErrorAt.Equal(relayNow) {
		t.Fatalf("status %+v %v", st, err)
	}
	if err := s.SetSyncError(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.SyncStatus(ctx, "test-event"); st.LastError != "" || !st.ErrorAt.IsZero() {
		t.Fatalf("cleared error still there: %+v", st)
	}
}

// Check-ins of another event than the hub's (the demo's, kept when a real
// event replaced it) are not pushed with it.
func TestPendingIsOfOneEvent(t *testing.T) {
	ctx := context.Background()
	s, _, _ := syncFixture(t)
	other := relayed("kiosk-0000000d", 1, "D020")
	other.EventID = "other-event"
	if in, err := s.AddCheckIns(ctx, []data.CheckIn{other}, utcPurposeKey, data.OriginExport); err != nil || in.Taken != 1 {
		t.Fatalf("%+v %v", in, err)
	}
	if got := pendingIDs(t, s); len(got) != 5 {
		t.Fatalf("pending for test-event %d, want 5", len(got))
	}
	list, err := s.PendingCheckIns(ctx, "other-event", 10)
	if err != nil || len(list) != 1 || list[0].ID != other.ID {
		t.Fatalf("pending for other-event %+v %v", list, err)
	}
	if _, queued, _ := s.CheckInCount(ctx); queued != 6 {
		t.Fatalf("queued over all events %d, want 6", queued)
	}
}

// A pull that meets a new hub resets the push side as a push would; the
// same hub changes nothing.
func TestMeetHubStartsAfreshOnlyForANewHub(t *testing.T) {
	ctx := context.Background()
	s, own, relay := syncFixture(t)
	if err := s.RecordPush(ctx, PushResult{HubID: "hub-1", Acked: 3, Done: idsOf(relay...)}); err != nil {
		t.Fatal(err)
	}
	if changed, err := s.MeetHub(ctx, "hub-1"); err != nil || changed || len(pendingIDs(t, s)) != 0 {
		t.Fatalf("same hub: changed %v %v, pending %v", changed, err, pendingIDs(t, s))
	}
	if changed, err := s.MeetHub(ctx, "hub-2"); err != nil || !changed {
		t.Fatalf("new hub: changed %v %v", changed, err)
	}
	if got := pendingIDs(t, s); len(got) != len(own)+len(relay) {
		t.Fatalf("pending for the new hub %v", got)
	}
	if _, err := s.MeetHub(ctx, ""); err == nil {
		t.Fatal("a hub without identity was met")
	}
}
