package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/store"
)

// Under --clock the whole kiosk runs on the venue clock: the desk that
// stamps a scan and the store that stamps its arrival and orders it (the
// hybrid logical clock) agree, instead of the store running on wall time.
func TestOneClockUnderClockFlag(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	w, err := openData(options{dataDir: dir, clock: "2016-11-08 10:15"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.store.Close()
	venue, _ := time.LoadLocation("Asia/Makassar")
	want := time.Date(2016, 11, 8, 10, 15, 0, 0, venue)
	near := func(what string, got time.Time) {
		t.Helper()
		if d := got.Sub(want); d < 0 || d > time.Minute {
			t.Errorf("%s is %v, want the venue clock, %v", what, got, want)
		}
	}
	near("the kiosk's clock", w.now())
	near("the store's clock", w.store.Now())
	res, err := w.desk.Scan(ctx, demoBadge(t), data.MethodScan)
	if err != nil {
		t.Fatal(err)
	}
	list, err := w.store.CheckIns(ctx, store.CheckInFilter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("check-ins %+v %v (scan: %+v)", list, err, res)
	}
	c := list[0]
	near("the scan time", c.ScannedAt)
	near("the time the store received the check-in", c.ReceivedAt)
	near("the check-in's logical clock", time.UnixMilli(c.HLC>>16))
}
