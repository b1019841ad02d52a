//go:build unix

package camera

import (
	"context"
	"image"
	"syscall"
	"testing"
	"time"
)

// BenchmarkWatchIdle15fps: the CPU an idle kiosk spends on its camera:
// the watcher reading a 15 frames a second source with nobody in front
// of it, every frame decoded. cpu-ms/s is the process's CPU time (user
// and system, all threads) per second of wall time: 1000 is one core
// busy. Each op is one second of watching.
func BenchmarkWatchIdle15fps(b *testing.B) {
	src := NewImageSource("idle", []image.Image{emptyFrame()}, 15, true)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		Watch(ctx, Options{Source: src})
		close(done)
	}()
	time.Sleep(200 * time.Millisecond) // past the start
	cpu0, wall0 := cpuTime(b), time.Now()
	shown0, dropped0 := src.Counts()
	time.Sleep(time.Duration(b.N) * time.Second)
	cpu, wall := cpuTime(b)-cpu0, time.Since(wall0)
	shown, dropped := src.Counts()
	cancel()
	<-done
	frames := (shown - shown0) - (dropped - dropped0) // the frames the watcher took
	if frames == 0 {
		b.Fatal("no frame watched")
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/wall.Seconds(), "cpu-ms/s")
	b.ReportMetric(float64(frames)/wall.Seconds(), "frames/s")
}

func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
