package sync

import (
	"context"
	"testing"
	"time"
)

// BenchmarkDrainBacklog10000 is one kiosk back online with 10,000
// check-ins waiting, pushing them all to a real hub on loopback (signing
// each, 500 to a batch) and pulling once: the time from the first push to
// nothing waiting.
//
//	go test -run '^$' -bench DrainBacklog -benchtime 1x ./data/sync
func BenchmarkDrainBacklog10000(b *testing.B) {
	const n = 10000
	for range b.N {
		b.StopTimer()
		hub, _, ks := venueWith(b, 1)
		a := ks[0]
		a.backlog(n)
		b.StartTimer()
		start := time.Now()
		if err := a.client.SyncOnce(context.Background()); err != nil {
			b.Fatal(err)
		}
		took := time.Since(start)
		b.StopTimer()
		if st := a.status(); st.Waiting != 0 || hub.count(b) != n {
			b.Fatalf("waiting %d, hub holds %d", st.Waiting, hub.count(b))
		}
		b.ReportMetric(float64(n)/took.Seconds(), "checkins/s")
		b.ReportMetric(took.Seconds(), "s/drain")
	}
}
