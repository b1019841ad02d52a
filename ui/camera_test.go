package ui

import (
	"context"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"sync"
	"testing"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"kiosk/data/camera"
)

// frameSource is a camera.Source fed by the test: put hands it a frame,
// fail makes it fail as an unplugged or busy camera does. Like a real
// camera it gives the newest frame and drops the ones nobody took.
type frameSource struct {
	mu     sync.Mutex
	frame  camera.Frame
	put    int // frames handed over
	taken  int // frames Next returned
	err    *camera.Error
	opens  int
	signal chan struct{}
}

func newFrameSource() *frameSource { return &frameSource{signal: make(chan struct{}, 1)} }

func (s *frameSource) Name() string { return "test" }

func (s *frameSource) Open(context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opens++
	if s.err != nil {
		return s.err
	}
	return nil
}

func (s *frameSource) Close() error { return nil }

func (s *frameSource) Next(ctx context.Context) (camera.Frame, error) {
	for {
		s.mu.Lock()
		switch {
		case s.err != nil:
			err := s.err
			s.mu.Unlock()
			return camera.Frame{}, err
		case s.taken < s.put:
			s.taken = s.put
			f := s.frame
			s.mu.Unlock()
			return f, nil
		}
		s.mu.Unlock()
		select {
		case <-ctx.Done():
			return camera.Frame{}, ctx.Err()
		case <-s.signal:
		}
	}
}

// show hands the source a frame, taken now.
func (s *frameSource) show(img image.Image) {
	s.mu.Lock()
	s.frame = camera.Frame{Image: img, At: time.Now()}
	s.put++
	s.mu.Unlock()
	s.wake()
}

// fail makes the source fail with problem p from now on; ProblemNone
// mends it.
func (s *frameSource) fail(p camera.Problem) {
	s.mu.Lock()
	s.err = nil
	if p != camera.ProblemNone {
		s.err = &camera.Error{Device: "test", Problem: p, Err: errors.New("the test says so")}
	}
	s.mu.Unlock()
	s.wake()
}

func (s *frameSource) wake() {
	select {
	case s.signal <- struct{}{}:
	default:
	}
}

// testCamera is a CameraService on a frameSource and the real watcher.
// The watcher's calls are run on the test's goroutine (pump), as the
// kiosk's UI goroutine runs them: Fyne's test driver would otherwise run
// fyne.Do on the watcher's goroutine, beside the test's own.
type testCamera struct {
	device string
	src    *frameSource
	calls  chan func()
	hold   time.Duration // the watcher's Hold; its default when 0
}

func newTestCamera(device string) *testCamera {
	return &testCamera{device: device, src: newFrameSource(), calls: make(chan func(), 1024)}
}

func (c *testCamera) Device(context.Context) (string, error) { return c.device, nil }

func (c *testCamera) SetDevice(_ context.Context, d string) error { c.device = d; return nil }

func (c *testCamera) Watch(ctx context.Context, _ string, opts camera.Options) {
	onCode, onFrame, onState := opts.OnCode, opts.OnFrame, opts.OnState
	send := func(f func()) {
		select {
		case c.calls <- f:
		case <-ctx.Done():
		}
	}
	opts.Source = c.src
	opts.OnCode = func(text string, f camera.Frame) { send(func() { onCode(text, f) }) }
	opts.OnFrame = func(f camera.Frame) { send(func() { onFrame(f) }) }
	opts.OnState = func(st camera.State) { send(func() { onState(st) }) }
	opts.Retry = 10 * time.Millisecond // a failed camera comes back within the test
	if c.hold > 0 {
		opts.Hold = c.hold
	}
	camera.Watch(ctx, opts)
}

// pumpUntil runs the watcher's calls until cond holds; it fails the test
// after a few seconds.
func (c *testCamera) pumpUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	// The watcher's own progress (a frame taken) comes with no call.
	poll := time.NewTicker(time.Millisecond)
	defer poll.Stop()
	for !cond() {
		select {
		case f := <-c.calls:
			f()
		case <-poll.C:
		case <-deadline:
			t.Fatalf("waited 5 s for %s", what)
		}
	}
}

// pumpFor runs the watcher's calls for d: long enough for anything the
// watcher would still do.
func (c *testCamera) pumpFor(d time.Duration) {
	end := time.After(d)
	for {
		select {
		case f := <-c.calls:
			f()
		case <-end:
			return
		}
	}
}

// newCameraKiosk is a test kiosk watching cam, stopped at the end.
func newCameraKiosk(t testing.TB, cam *testCamera) *testKiosk {
	t.Helper()
	k := newTestKioskWith(t, "test", func(_ *testKiosk, d *Deps) { d.Camera = cam })
	t.Cleanup(k.Stop)
	k.StartCamera()
	return k
}

// badgeFrame is a 640x480 camera frame with code as a QR code in its
// middle, 320 pixels wide, on a grey background as a desk is.
func badgeFrame(t testing.TB, code string) image.Image {
	t.Helper()
	q, err := qrcode.New(code, qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	qr := q.Image(320)
	frame := image.NewRGBA(image.Rect(0, 0, 640, 480))
	draw.Draw(frame, frame.Bounds(), image.NewUniform(color.Gray{Y: 0x70}), image.Point{}, draw.Src)
	draw.Draw(frame, qr.Bounds().Add(image.Pt(160, 80)), qr, image.Point{}, draw.Src)
	return frame
}

// emptyFrame is a frame with no code in it.
func emptyFrame() image.Image {
	frame := image.NewGray(image.Rect(0, 0, 640, 480))
	for i := range frame.Pix {
		frame.Pix[i] = 0x70
	}
	return frame
}

// consumed reports whether the watcher took the last frame handed over.
func (s *frameSource) consumed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.taken == s.put
}
