package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// A hub sending nothing but forgeries cannot fill the kiosk's disk: the
// newest MaxRefusedFromHub are kept for staff, cut to bounded texts, and
// the count covers them all; one listed and refused again is not counted
// twice.
func TestRefusedFromHubAreBoundedAndCountedOnce(t *testing.T) {
	ctx := context.Background()
	s := relayStore(t)
	huge := strings.Repeat("x", 1<<20) + "\xff"
	var batch []Refusal
	for i := range MaxRefusedFromHub + 10 {
		c := relayed("kiosk-0000000b", int64(i+1), "D010")
		reason := "forged"
		if i == 0 {
			c.DelegateID, c.ID, reason = huge, huge, huge
		}
		batch = append(batch, Refusal{CheckIn: c, Reason: errors.New(reason)})
	}
	if err := s.RefuseFromHub(ctx, batch); err != nil {
		t.Fatal(err)
	}
	// A hub starting its stream afresh sends the kept ones again.
	kept, err := s.RejectedCheckIns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var again []Refusal
	for _, r := range kept[:5] {
		again = append(again, Refusal{CheckIn: r.CheckIn, Reason: errors.New(r.Reason)})
	}
	if err := s.RefuseFromHub(ctx, again); err != nil {
		t.Fatal(err)
	}
	st, err := s.SyncStatus(ctx, "test-event")
	if err != nil || st.RefusedFromHub != MaxRefusedFromHub+10 || st.Rejected != 0 {
		t.Fatalf("status %+v (%v), want %d refused from the hub", st, err, MaxRefusedFromHub+10)
	}
	list, err := s.RejectedCheckIns(ctx)
	if err != nil || len(list) != MaxRefusedFromHub {
		t.Fatalf("%d listed (%v), want the newest %d", len(list), err, MaxRefusedFromHub)
	}
	for _, r := range list {
		if !r.FromHub || len(r.Reason) > maxRefusedReason+len("\uFFFD…") || len(r.CheckIn.ID) > maxRefusedField+len("\uFFFD…") ||
			!utf8.ValidString(r.Reason) || r.RejectedAt.IsZero() {
			t.Fatalf("kept %q (%d bytes of reason)", r.CheckIn.ID, len(r.Reason))
		}
	}
	if got := clip("ab\xffcdé", 6); got != "ab\uFFFDcd…" {
		t.Fatalf("clip cut to %q", got)
	}
	if all, _ := s.CheckIns(ctx, CheckInFilter{}); len(all) != 0 {
		t.Fatalf("a refused check-in is in the store: %d", len(all))
	}
}
