package importer

import (
	"bytes"
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/bundle"
	"kiosk/data/demo"
	"kiosk/data/keys"
	"kiosk/data/source"
	"kiosk/data/store"
)

// BenchmarkImport100k imports a 100,000-delegate, 2,000-session bundle into
// a kiosk store that already holds an older version of it: read, verify
// signature and hashes, decode and check every rule, install in one
// transaction, build the directory index. Goal: under 3 s.
//
// Meanwhile a goroutine stands in for the kiosk's UI: every 10 ms it does
// what a screen does while an import runs (a directory search and a
// programme read) and records the longest it had to wait, counting from
// when it meant to start (ui-stall-max-ms). The goal is that no such wait
// exceeds 50 ms: the import must never freeze the screens.
func BenchmarkImport100k(b *testing.B) {
	ctx := context.Background()
	d, err := demo.Generate(demo.Options{Delegates: 100_000, Sessions: 2_000})
	if err != nil {
		b.Fatal(err)
	}
	pub, priv, _ := keys.Generate()
	now := time.Now()
	build := func(v int64) []byte {
		var buf bytes.Buffer
		if _, err := bundle.Build(&buf, &source.Sources{Data: *d}, priv, bundle.BuildOptions{Version: v, Created: now}); err != nil {
			b.Fatal(err)
		}
		return buf.Bytes()
	}
	s, err := store.Open(ctx, filepath.Join(b.TempDir(), "kiosk.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := Import(ctx, s, build(1), Options{Trust: pub}); err != nil {
		b.Fatal(err)
	}
	if _, err := s.Index(ctx); err != nil {
		b.Fatal(err)
	}
	bundles := make([][]byte, 0, 8)

	var worst, reads time.Duration
	version := int64(1)
	for b.Loop() {
		b.StopTimer()
		version++
		if len(bundles) < int(version) {
			bundles = append(bundles, build(version))
		}
		raw := bundles[len(bundles)-1]
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			w, r := uiProbe(ctx, s, stop)
			worst, reads = max(worst, w), max(reads, r)
		}()
		b.StartTimer()
		if _, err := Import(ctx, s, raw, Options{}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		close(stop)
		wg.Wait()
		b.StartTimer()
	}
	b.ReportMetric(float64(worst.Microseconds())/1000, "ui-stall-max-ms")
	// The reads alone: the stall above also counts the probe waiting for
	// a core while the import and the garbage collector hold both.
	b.ReportMetric(float64(reads.Microseconds())/1000, "read-max-ms")
}

// uiProbe does a screen's reads every 10 ms until stop, and returns the
// longest delay between when one was due and when it finished, and the
// longest the reads themselves took.
func uiProbe(ctx context.Context, s *store.Store, stop chan struct{}) (worst, reads time.Duration) {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	due := time.Now()
	for {
		select {
		case <-stop:
			return worst, reads
		case <-tick.C:
		}
		began := time.Now()
		if _, err := s.SearchDelegates(ctx, data.DirectoryQuery{Text: "ju"}); err != nil {
			panic(err)
		}
		if _, _, err := s.NowNext(ctx, time.Now(), 5); err != nil {
			panic(err)
		}
		reads = max(reads, time.Since(began))
		due = due.Add(10 * time.Millisecond)
		if late := time.Since(due); late > worst {
			worst = late
		}
		due = time.Now()
	}
}
