package hub

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/pgtest"
	"kiosk/data/syncproto"
)

// BenchmarkHubIngest measures the hub's ingest rate: check-ins stored per
// second, pushed over loopback HTTP in signed batches of 500 by four
// kiosks at once, and by one, on the SQLite store (WAL, synchronous
// FULL) and on a PostgreSQL server the test starts (default durability:
// fsync on, synchronous_commit on). Making and signing the check-ins is
// left out; the hub's checks (request signature, every record's rules
// and signature) and the commit are in.
func BenchmarkHubIngest(b *testing.B) {
	for _, store := range []string{"sqlite", "postgres"} {
		b.Run(store, func(b *testing.B) {
			for _, pushers := range []int{4, 1} {
				b.Run(fmt.Sprintf("kiosks=%d", pushers), func(b *testing.B) { benchIngest(b, pushers) })
			}
		})
	}
}

func benchIngest(b *testing.B, pushers int) {
	const batch = 500
	f := newFixture(b)
	ks := []*testKiosk{f.a}
	for range pushers - 1 {
		ks = append(ks, newKiosk(b))
	}
	f.hub.ImportBundle(b.Context(), f.bundle(2, ks...))
	per := (b.N + pushers - 1) / pushers
	work := make([][][]byte, pushers) // per kiosk, its push bodies
	for i, k := range ks {
		list := make([]data.CheckIn, per)
		for j := range list {
			list[j] = k.take(b, "D1")
		}
		for start := 0; start < per; start += batch {
			work[i] = append(work[i], pushBody(b, list[start:min(start+batch, per)]...))
		}
	}
	b.ResetTimer()
	cpuBefore := cpuTime() + pgtest.ServerCPU()
	began := time.Now()
	var wg sync.WaitGroup
	for i, k := range ks {
		wg.Go(func() {
			for _, body := range work[i] {
				f.benchPush(b, k, body)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(began)
	cpu := cpuTime() + pgtest.ServerCPU() - cpuBefore
	b.StopTimer()
	if n := f.count(); n != int64(per*pushers) {
		b.Fatalf("hub holds %d check-ins, want %d", n, per*pushers)
	}
	b.ReportMetric(float64(per*pushers)/elapsed.Seconds(), "checkins/s")
	// The processor time per check-in (hub and kiosk side of the test
	// together, and the PostgreSQL server's) does not depend on what else the machine runs, unlike the
	// rate on a shared machine.
	b.ReportMetric(float64(cpu.Microseconds())/float64(per*pushers), "cpu-µs/checkin")
}

func (f *fixture) benchPush(b *testing.B, k *testKiosk, body []byte) {
	req, err := http.NewRequest("POST", f.srv.URL+syncproto.PathPush, bytes.NewReader(body))
	if err != nil {
		b.Error(err)
		return
	}
	if err := syncproto.SignRequest(req, body, k.id, k.key, time.Now()); err != nil {
		b.Error(err)
		return
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Error(err)
		return
	}
	defer resp.Body.Close()
	var ans syncproto.PushResponse
	if err := json.NewDecoder(resp.Body).Decode(&ans); err != nil || resp.StatusCode != http.StatusOK {
		b.Errorf("push: %d %v", resp.StatusCode, err)
		return
	}
	for _, r := range ans.Results {
		if r.Status != syncproto.StatusStored {
			b.Errorf("pushed check-in %s: %s %s", r.ID, r.Status, r.Reason)
			return
		}
	}
}
