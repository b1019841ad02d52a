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
// check-in pushed: they go when the kiosk opens it, with rows of
// check-ins no longer in the store (set aside), and nothing else.
func TestSyncDoneRowsOfAnOlderDatabaseArePrunedOnOpen(t *testing.T) {
	ctx := context.Background()
	s, own, relay := syncFixture(t)
	if err := s.RecordPush(ctx, PushResult{HubID: "hub-1", Acked: 2, Done: idsOf(relay[0])}); err != nil {
		t.Fatal(err)
	}
	for _, id := range append(idsOf(own...), "0123456789abcdef0123456789abcdef") {
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
	if got, want := doneRows(t, s), sortedIDs(own[2], relay[0]); !reflect.DeepEqual(got, want) {
		t.Fatalf("sync_done %v, want %v (own 3 above the mark 2, and the relayed one)", got, want)
	}
}
