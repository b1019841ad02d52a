package ui

import (
	"context"
	"fmt"
	"image"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/datatest"
)

// benchDelegates are the delegates the latency benchmark checks in, one
// a frame: a welcome needs someone not yet checked in.
const benchDelegates = 60

// BenchmarkFrameToWelcome is the time from a frame with a badge handed to
// the camera's source to the result screen welcoming its holder: the
// watcher reading the frame, decoding it, the kiosk verifying the badge,
// recording the check-in in SQLite and drawing the welcome. Run it as
// the README's table says, with -benchtime=Nx, N at most benchDelegates.
func BenchmarkFrameToWelcome(b *testing.B) {
	cam := newTestCamera("/dev/video0")
	k := newTestKioskWith(b, "test", func(tk *testKiosk, d *Deps) {
		d.Camera = cam
		ev := datatest.Event()
		for i := range benchDelegates {
			ev.Delegates = append(ev.Delegates, data.Delegate{ID: benchID(i), GivenNames: "Bench", FamilyName: fmt.Sprint(i),
				CountryCode: "DEU", Role: data.RoleDelegate})
		}
		if err := tk.store.Install(context.Background(), ev, datatest.Info(2), nil); err != nil {
			b.Fatal(err)
		}
	})
	b.Cleanup(k.Stop)
	k.StartCamera()
	k.Show(ScreenCheckIn)
	cam.pumpUntil(b, "the camera to run", func() bool { return k.CameraState().Running })
	if b.N > benchDelegates {
		b.Fatalf("-benchtime=%dx: at most %dx, one delegate a frame", b.N, benchDelegates)
	}
	frames := make([]image.Image, b.N)
	for i := range frames {
		frames[i] = badgeFrame(b, k.badge(b, benchID(i), 1))
	}
	var worst time.Duration
	b.ResetTimer()
	for i, f := range frames {
		began := time.Now()
		cam.src.show(f)
		cam.pumpUntil(b, "the welcome", func() bool { return k.welcomed(benchID(i)) })
		worst = max(worst, time.Since(began))
	}
	b.StopTimer()
	b.ReportMetric(float64(worst.Microseconds())/1000, "worst-ms")
}

func benchID(i int) string { return fmt.Sprintf("B%03d", i) }
