package ui

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"kiosk/data/checkin"
	"kiosk/data/datatest"
	"kiosk/data/store"
)

// Start and Stop with real goroutines: Stop ends the clock and the idle
// timer, and waits for them, so that nothing runs on after
// it (go test -race reported Stop's write of the stop channel against the
// ticker reading it, and a ticker that read the emptied channel ticked on
// for ever).
func TestStopEndsTheKiosksGoroutines(t *testing.T) {
	test.NewTempApp(t)
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "kiosk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Install(context.Background(), datatest.Event(), datatest.Info(1), nil); err != nil {
		t.Fatal(err)
	}
	var reads atomic.Int64
	at := time.Date(2016, 11, 7, 9, 30, 0, 0, venue)
	clock := func() time.Time { reads.Add(1); return at }
	// Background work runs on goroutines of its own, one at a time:
	// Fyne's test driver runs fyne.Do on the calling goroutine (the real
	// driver runs it on the UI goroutine), so jobs side by side would race
	// on widgets in the test only. For the same reason there is no staff
	// mode here: its USB watcher would update widgets from a third
	// goroutine; it stops on the same context as the clock.
	oneAtATime := func(f func()) {
		done := make(chan struct{})
		go func() { defer close(done); f() }()
		<-done
	}
	k := New(Deps{
		Programme: s, Directory: s, Desk: checkin.New(s, clock),
		Now: clock,
		Go:  oneAtATime,
	})
	k.Start()
	time.Sleep(1300 * time.Millisecond) // at least one tick
	k.Stop()
	if k.Clock.Text == "" {
		t.Fatal("the clock never ticked")
	}
	after := reads.Load()
	time.Sleep(1300 * time.Millisecond)
	if n := reads.Load(); n != after {
		t.Fatalf("the kiosk read its clock %d more times after Stop", n-after)
	}
	k.Stop() // a second Stop is harmless
}
