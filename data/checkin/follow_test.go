package checkin

import (
	"context"
	"testing"

	"kiosk/data"
	"kiosk/data/datatest"
	"kiosk/data/store"
)

// A bundle installed under a running kiosk by another process (kioskctl
// bundle import, with its own database handle) that withdraws a badge:
// the running kiosk's desk refuses that badge at the next scan, not only
// after a restart.
func TestABadgeRevokedByAnotherProcessIsRefusedAtOnce(t *testing.T) {
	ctx := context.Background()
	r := newRig(t, nil)
	tok := r.badge(datatest.StockID, 41)
	if o := r.scan(tok); o.Status != Welcome {
		t.Fatalf("before the revocation: %+v", o)
	}
	other, err := store.Open(ctx, r.store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	d := datatest.Event()
	d.Revoked = []data.Revocation{{Serial: 41, Reason: "reported stolen"}}
	if err := other.Install(ctx, d, datatest.Info(2), nil); err != nil {
		t.Fatal(err)
	}
	if o := r.scan(tok); o.Status != Refused || o.Reason != ReasonRevoked {
		t.Fatalf("the running kiosk after another process revoked the badge: %+v", o)
	}
}
