package sync

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"kiosk/data"
)

// Check-ins carried on a stick are uploaded by another kiosk's identity:
// stored once, duplicates the second time, a forged one refused with its
// reason; a hub that keeps failing ends the upload with an error after a
// few tries.
func TestUploadStoresOnceAndReportsRefusals(t *testing.T) {
	ctx := context.Background()
	hub, front, ks := venueWith(t, 2)
	a, b := ks[0], ks[1]
	a.backlog(3)
	id, _ := a.store.Identity(ctx)
	own := a.all()
	recs, err := signOwn("test-event", id, own)
	if err != nil {
		t.Fatal(err)
	}
	var list []data.CheckIn
	for _, r := range recs {
		c, err := r.CheckIn("test-event")
		if err != nil {
			t.Fatal(err)
		}
		list = append(list, c)
	}
	bid, _ := b.store.Identity(ctx)
	cfg := UploadConfig{HubURL: b.client.cfg.HubURL, Identity: bid, Backoff: time.Millisecond}
	rep, err := Upload(ctx, cfg, "test-event", list)
	if err != nil || rep.Stored != 3 || rep.Duplicate != 0 || len(rep.Rejected) != 0 {
		t.Fatalf("first upload %+v %v", rep, err)
	}
	forged := list[0]
	forged.ID, forged.Seq = "00000000000000000000000000000001", 99
	rep, err = Upload(ctx, cfg, "test-event", append(list, forged))
	if err != nil || rep.Stored != 0 || rep.Duplicate != 3 || len(rep.Rejected) != 1 ||
		!strings.Contains(rep.Rejected[0].Reason, "signature") {
		t.Fatalf("second upload %+v %v", rep, err)
	}
	if hub.count(t) != 3 {
		t.Fatalf("the hub holds %d", hub.count(t))
	}
	front.mode.Store(fail500)
	hits := front.hits.Load()
	_, err = Upload(ctx, cfg, "test-event", list)
	var off *OfflineError
	if !errors.As(err, &off) || front.hits.Load()-hits != uploadAttempts {
		t.Fatalf("%v after %d tries", err, front.hits.Load()-hits)
	}
}
