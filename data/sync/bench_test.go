package sync

import (
	"context"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/syncproto"
)

// BenchmarkDrainBacklog10000 is one kiosk back online with 10,000
// check-ins waiting, pushing them all to a real hub on loopback (signing
// each, 500 to a batch) and pulling once: the time from the first push to
// nothing waiting; over plain HTTP, and over HTTPS pinned to the hub's key
// as on a venue network.
//
//	go test -run '^$' -bench DrainBacklog -benchtime 1x ./data/sync
func BenchmarkDrainBacklog10000(b *testing.B) {
	b.Run("http", func(b *testing.B) { drainBacklog(b, false) })
	b.Run("https-pinned", func(b *testing.B) { drainBacklog(b, true) })
}

func drainBacklog(b *testing.B, pinned bool) {
	const n = 10000
	for range b.N {
		b.StopTimer()
		hub, _, ks := venueWith(b, 1)
		a := ks[0]
		if pinned {
			_, url, pin := serveTLS(b, hub)
			c, err := New(Config{Store: a.store, Desk: a.desk, HubURL: url, HubFingerprint: pin})
			if err != nil {
				b.Fatal(err)
			}
			a.client = c
		}
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

// BenchmarkSeenAtAnotherKiosk is the time from a check-in committed at
// kiosk A to the same check-in stored at kiosk B, both syncing in the
// background with their default timing through a real hub on loopback.
//
//	go test -run '^$' -bench SeenAtAnotherKiosk -benchtime 20x ./data/sync
func BenchmarkSeenAtAnotherKiosk(b *testing.B) {
	_, _, ks := venueWith(b, 2)
	a, k := ks[0], ks[1]
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for _, x := range ks {
		c, err := New(Config{Store: x.store, Desk: x.desk, HubURL: x.client.cfg.HubURL})
		if err != nil {
			b.Fatal(err)
		}
		x.client = c
		go c.Run(ctx)
	}
	var worst time.Duration
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		a.backlog(1)
		a.client.Notify()
		for len(k.all()) < i+1 {
			if time.Since(start) > 10*time.Second {
				b.Fatalf("check-in %d not seen at B after 10 s", i+1)
			}
			time.Sleep(2 * time.Millisecond)
		}
		worst = max(worst, time.Since(start))
	}
	b.ReportMetric(worst.Seconds()*1000, "worst-ms")
}

// BenchmarkCheckPulledAnswer is the cost of checking one full pull answer
// (syncproto.MaxPullRecords check-ins of 50 kiosks, all enrolled, so
// every signature is verified) before the store takes it in.
//
//	go test -run '^$' -bench CheckPulledAnswer ./data/sync
func BenchmarkCheckPulledAnswer(b *testing.B) {
	const kiosks = 50
	var enrolled []data.KioskKey
	var recs []syncproto.Record
	for range kiosks {
		o := newOtherKiosk(b)
		enrolled = append(enrolled, data.KioskKey{KioskID: o.id, PublicKey: o.pub})
		for seq := range syncproto.MaxPullRecords / kiosks {
			recs = append(recs, syncproto.ToRecord(checkIn(b, o.id, int64(seq+1), o.priv)))
		}
	}
	b.ResetTimer()
	for range b.N {
		if list, refused := checkRecords(recs, "test-event", enrolled); len(list) != len(recs) || len(refused) != 0 {
			b.Fatalf("%d taken, %d refused", len(list), len(refused))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(recs)), "µs/checkin")
}
