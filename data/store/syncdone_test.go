package store

import (
	"context"
	"reflect"
	"sort"
	"testing"
	"time"

	"kiosk/data"
)

func doneRows(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), `SELECT id FROM sync_done ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// The hub's answers would leave a row in sync_done for every check-in
// pushed, for good. The kiosk's own check-ins at or below the
// acknowledged mark need none (the mark covers them): their rows go as
// the mark passes them, and none is written for one the mark covers
// already. A relayed check-in's row stays, as nothing else says it was
// sent; nothing waiting changes.
func TestSyncDoneKeepsOnlyWhatTheMarkDoesNotCover(t *testing.T) {
	ctx := context.Background()
	s, own, relay := syncFixture(t)
	// Number 2 is held back at the hub by a gap: 1 is acknowledged, 3 is
	// done above the mark.
	if err := s.RecordPush(ctx, PushResult{HubID: "hub-1", Acked: 1, Done: idsOf(own[0], own[2], relay[0])}); err != nil {
		t.Fatal(err)
	}
	if got, want := doneRows(t, s), sortedIDs(own[2], relay[0]); !reflect.DeepEqual(got, want) {
		t.Fatalf("sync_done %v, want %v (own 3 above the mark, and the relayed one)", got, want)
	}
	if got, want := pendingIDs(t, s), idsOf(own[1], relay[1]); !reflect.DeepEqual(got, want) {
		t.Fatalf("pending %v, want %v", got, want)
	}
	// The gap is filled: the mark passes 3, whose row goes.
	if err := s.RecordPush(ctx, PushResult{HubID: "hub-1", Acked: 3, Done: idsOf(own[1], relay[1])}); err != nil {
		t.Fatal(err)
	}
	if got, want := doneRows(t, s), sortedIDs(relay...); !reflect.DeepEqual(got, want) {
		t.Fatalf("sync_done %v, want only the relayed %v", got, want)
	}
	if got := pendingIDs(t, s); len(got) != 0 {
		t.Fatalf("pending %v after everything was answered", got)
	}
}

func sortedIDs(list ...data.CheckIn) []string {
	ids := idsOf(list...)
	sort.Strings(ids)
	return ids
}

// A database written before the pruning holds a row for every own
// check-in pushed: they go when the kiosk opens it, with those of relayed
// check-ins the hub's pull stream passed and of check-ins no longer in
// the store (set aside), and nothing else.
func TestSyncDoneRowsOfAnOlderDatabaseArePrunedOnOpen(t *testing.T) {
	ctx := context.Background()
	s, own, relay := syncFixture(t)
	if err := s.RecordPush(ctx, PushResult{HubID: "hub-1", Acked: 2, Done: idsOf(relay...)}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPullCursor(ctx, PullCursor{HubID: "hub-1", Seqs: map[string]int64{"kiosk-0000000b": 1}}); err != nil {
		t.Fatal(err)
	}
	for _, id := range append(idsOf(own[0], own[1], own[2], relay[0]), "0123456789abcdef0123456789abcdef") {
		if _, err := s.db.ExecContext(ctx, `INSERT INTO sync_done (id) VALUES (?)`, id); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM schema_migrations WHERE name = '0010_sync_done_prune.sql'`); err != nil {
		t.Fatal(err)
	}
	path := s.path
	s.Close()
	s, err := Open(ctx, path, WithClock(func() time.Time { return relayNow }))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, want := doneRows(t, s), sortedIDs(own[2], relay[1]); !reflect.DeepEqual(got, want) {
		t.Fatalf("sync_done %v, want %v (own 3 above the mark 2, and the relayed one the cursor does not cover)", got, want)
	}
}

// A relayed check-in's row goes once the same hub's pull stream has
// passed its kiosk's number: the hub holds that kiosk's check-ins up to
// there, so it is not sent again either way. A cursor of another hub
// than the one that answered the push covers nothing.
func TestSyncDoneRowOfARelayedCheckInGoesOnceTheHubServedItsNumber(t *testing.T) {
	ctx := context.Background()
	s, _, relay := syncFixture(t)
	if err := s.RecordPush(ctx, PushResult{HubID: "hub-1", Acked: 3, Done: idsOf(relay...)}); err != nil {
		t.Fatal(err)
	}
	// relay[0] is kiosk-0000000b number 1, relay[1] kiosk-0000000a number 2.
	if err := s.SetPullCursor(ctx, PullCursor{HubID: "hub-2", Seqs: map[string]int64{"kiosk-0000000b": 5}}); err != nil {
		t.Fatal(err)
	}
	if got, want := doneRows(t, s), sortedIDs(relay...); !reflect.DeepEqual(got, want) {
		t.Fatalf("sync_done %v after another hub's cursor, want %v", got, want)
	}
	if err := s.ResetPullCursor(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPullCursor(ctx, PullCursor{HubID: "hub-1", Seqs: map[string]int64{"kiosk-0000000b": 1, "kiosk-0000000a": 1}}); err != nil {
		t.Fatal(err)
	}
	if got, want := doneRows(t, s), sortedIDs(relay[1]); !reflect.DeepEqual(got, want) {
		t.Fatalf("sync_done %v, want only %v (its number 2 is past the cursor's 1)", got, want)
	}
	if got := pendingIDs(t, s); len(got) != 0 {
		t.Fatalf("pending %v: a check-in the hub holds would be sent again", got)
	}
	// A new relayed check-in the cursor covers already is not sent either.
	if in, err := s.AddCheckIns(ctx, []data.CheckIn{relayed("kiosk-0000000a", 1, "D014")}, utcPurposeKey, data.OriginExport); err != nil || in.Taken != 1 {
		t.Fatalf("%+v %v", in, err)
	}
	if got := pendingIDs(t, s); len(got) != 0 {
		t.Fatalf("pending %v: kiosk-0000000a number 1 is held by the hub already", got)
	}
}
