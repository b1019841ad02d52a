package camera

import (
	"context"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"
)

// script is a source that gives fixed frames at fixed times, then waits
// for ctx; drained is closed when it has given them all.
type script struct {
	frames  []Frame
	i       int
	drained chan struct{}
}

func newScript(frames []Frame) *script { return &script{frames: frames, drained: make(chan struct{})} }

func (s *script) Open(context.Context) error { return nil }
func (s *script) Close() error               { return nil }
func (s *script) Name() string               { return "script" }
func (s *script) Next(ctx context.Context) (Frame, error) {
	if s.i == len(s.frames) {
		close(s.drained)
		<-ctx.Done()
		return Frame{}, ctx.Err()
	}
	s.i++
	return s.frames[s.i-1], nil
}

var t0 = time.Date(2016, 11, 8, 10, 0, 0, 0, time.UTC)

func at(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }

// watchScript runs Watch over the frames until it has read them all.
func watchScript(t *testing.T, frames []Frame, o Options) {
	t.Helper()
	src := newScript(frames)
	o.Source = src
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { Watch(ctx, o); close(done) }()
	select {
	case <-src.drained:
	case <-time.After(20 * time.Second):
		t.Fatal("the watcher did not read every frame")
	}
	cancel()
	<-done
}

// TestWatchTakesEachCodeOnce: a code held in view is taken once; a
// different code at once; the first again only after it was out of
// view for Hold.
func TestWatchTakesEachCodeOnce(t *testing.T) {
	a, b := demoBadge(t), demoCheckInCode(t)
	fa, fb := frame(t, a, scene{ppm: 3, offX: 0.3, offY: 0.2}), frame(t, b, scene{ppm: 3, offX: 0.3, offY: 0.2})
	empty := image.NewGray(image.Rect(0, 0, 64, 64))
	frames := []Frame{
		{fa, at(0)}, {fa, at(100)}, {empty, at(150)}, {fa, at(200)}, // held, one frame missed: once
		{empty, at(300)}, {fa, at(1200)}, // out of view 1 s, less than Hold: not again
		{fb, at(1300)},                    // another code: at once
		{fa, at(1400)},                    // back to the first, seen 0.2 s ago: not again
		{empty, at(2000)}, {fa, at(3500)}, // out of view 2.1 s: again
	}
	var got []string
	var when []time.Time
	watchScript(t, frames, Options{Hold: 1500 * time.Millisecond, OnCode: func(text string, f Frame) {
		got, when = append(got, text), append(when, f.At)
	}})
	if !slices.Equal(got, []string{a, b, a}) || !slices.Equal(when, []time.Time{at(0), at(1300), at(3500)}) {
		t.Fatalf("codes taken at %v (%d), want the badge at 0, the check-in code at 1.3 s, the badge at 3.5 s", when, len(got))
	}
}

func TestWatchPreviewsAtMostPreviewRate(t *testing.T) {
	empty := image.NewGray(image.Rect(0, 0, 32, 32))
	var frames []Frame
	for ms := 0; ms < 1000; ms += 20 { // 50 frames a second for a second
		frames = append(frames, Frame{empty, at(ms)})
	}
	var shown []time.Time
	watchScript(t, frames, Options{PreviewRate: 4, OnFrame: func(f Frame) { shown = append(shown, f.At) }})
	if want := []time.Time{at(0), at(260), at(520), at(780)}; !slices.Equal(shown, want) {
		t.Fatalf("preview frames at %v, want %v", shown, want)
	}
}

// TestWatchRetriesAFailingCamera: every failure is reported with its
// kind and the time of the next try, the camera is tried again after
// Retry, and a camera that comes back is reported running.
func TestWatchRetriesAFailingCamera(t *testing.T) {
	busy := &Error{Device: "/dev/video0", Problem: ProblemBusy, Err: syscall.EBUSY}
	denied := &Error{Device: "/dev/video0", Problem: ProblemPermission, Err: syscall.EACCES}
	gone := &Error{Device: "/dev/video0", Problem: ProblemMissing, Err: syscall.ENODEV}
	src := &FlakySource{Source: NewImageSource("/dev/video0", []image.Image{image.NewGray(image.Rect(0, 0, 32, 32))}, 200, true),
		OpenErrs: []*Error{busy, denied}, FailAfter: 3, NextErr: gone}
	now := at(0)
	var mu sync.Mutex
	var states []State
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		Watch(ctx, Options{Source: src, Retry: 10 * time.Millisecond, Now: func() time.Time { return now },
			OnState: func(s State) {
				mu.Lock()
				defer mu.Unlock()
				states = append(states, s)
				if len(states) == 6 {
					cancel()
				}
			}})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Watch did not end with its context")
	}
	want := []State{
		{Device: "/dev/video0", Err: busy, RetryAt: at(10)},
		{Device: "/dev/video0", Err: denied, RetryAt: at(10)},
		{Device: "/dev/video0", Running: true},
		{Device: "/dev/video0", Err: gone, RetryAt: at(10)},
		{Device: "/dev/video0", Running: true},
	}
	if len(states) < 7 {
		t.Fatalf("%d states reported: %+v", len(states), states)
	}
	for i, w := range want {
		if s := states[i]; s.Running != w.Running || s.Err != w.Err || !s.RetryAt.Equal(w.RetryAt) || s.Device != w.Device {
			t.Errorf("state %d: %+v, want %+v", i, s, w)
		}
	}
	if last := states[len(states)-1]; last.Running || last.Err != nil {
		t.Errorf("after its context ended, the camera is reported %+v", last)
	}
	if src.Opens() != 4 {
		t.Errorf("opened %d times, want 4", src.Opens())
	}
	if shown, _ := src.Source.(*ImageSource).Counts(); src.Source.(*ImageSource).box != nil || shown == 0 {
		t.Error("the source was left open")
	}
}

func TestWatchReportsAnyFailureAsACameraError(t *testing.T) {
	e := asError("/dev/video0", errors.New("read: input/output error"))
	if e.Problem != ProblemFailed || e.Device != "/dev/video0" {
		t.Fatalf("%+v", e)
	}
	busy := &Error{Device: "x", Problem: ProblemBusy, Err: syscall.EBUSY}
	if asError("y", busy) != busy {
		t.Fatal("a camera error was not passed on as it is")
	}
}

// TestMailboxKeepsTheNewestFrame: frames put while nobody takes them
// are dropped, all but the newest; nothing is queued behind it.
func TestMailboxKeepsTheNewestFrame(t *testing.T) {
	m := newMailbox()
	for ms := 1; ms <= 5; ms++ {
		m.put(Frame{At: at(ms)})
	}
	f, err := m.take(context.Background())
	if err != nil || !f.At.Equal(at(5)) || m.dropped != 4 {
		t.Fatalf("took the frame of %v (%v), %d dropped; want the newest, 4 dropped", f.At.Sub(t0), err, m.dropped)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if f, err := m.take(ctx); err == nil {
		t.Fatalf("a second frame (%v) was queued", f.At.Sub(t0))
	}
}

// TestImageSourceDropsFramesNotQueues: a reader slower than the source
// gets newer frames each time, and the frames between are dropped.
func TestImageSourceDropsFramesNotQueues(t *testing.T) {
	src := NewImageSource("test", []image.Image{image.NewGray(image.Rect(0, 0, 1, 1))}, 200, true)
	ctx := context.Background()
	if err := src.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	taken := 0
	var last time.Time
	for ; taken < 5; taken++ {
		time.Sleep(40 * time.Millisecond) // 8 frames' time
		f, err := src.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !f.At.After(last) {
			t.Errorf("frame %d is no newer than the one before", taken)
		}
		last = f.At
	}
	shown, dropped := src.Counts()
	if shown <= taken || dropped < shown-taken-1 {
		t.Fatalf("%d frames shown, %d taken, %d dropped", shown, taken, dropped)
	}
}

func TestImageSourceWithoutLoopStopsAtItsLastFrame(t *testing.T) {
	imgs := []image.Image{image.NewGray(image.Rect(0, 0, 1, 1)), image.NewGray(image.Rect(0, 0, 2, 1))}
	src := NewImageSource("test", imgs, 1000, false)
	if err := src.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	for { // the first frame, if the reader came before the second, then the last
		f, err := src.Next(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if f.Image.Bounds().Dx() == 2 {
			break
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if _, err := src.Next(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Next after the last frame: %v, want it to wait for its context", err)
	}
}

func TestFolderSource(t *testing.T) {
	dir := t.TempDir()
	for i, name := range []string{"b.png", "a.jpg", "notes.txt"} {
		g := image.NewGray(image.Rect(0, 0, 10+i, 10))
		writeImage(t, filepath.Join(dir, name), g)
	}
	src := NewFolderSource(dir, 1000, false)
	if err := src.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if len(src.frames) != 2 || src.frames[0].Bounds().Dx() != 11 || src.frames[1].Bounds().Dx() != 10 {
		t.Fatalf("read %d pictures, want a.jpg then b.png", len(src.frames))
	}

	missing := NewFolderSource(t.TempDir()+"/none", 10, true)
	var e *Error
	if err := missing.Open(context.Background()); !errors.As(err, &e) || e.Problem != ProblemMissing {
		t.Fatalf("a folder that is not there: %v", err)
	}
	if err := NewFolderSource(t.TempDir(), 10, true).Open(context.Background()); !errors.As(err, &e) || e.Problem != ProblemMissing {
		t.Fatalf("an empty folder: %v", err)
	}
}

func writeImage(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	switch filepath.Ext(path) {
	case ".png":
		err = png.Encode(f, img)
	default:
		err = jpeg.Encode(f, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// TestWatchTriesTheSlowWaysFiveTimesASecond: a frame the fast way
// misses gets the slow ways only when they did not run in the last
// 200 ms, so an idle camera does not pay them on every frame.
func TestWatchTriesTheSlowWaysFiveTimesASecond(t *testing.T) {
	code := demoBadge(t)
	hard := frame(t, code, scene{ppm: 4, dark: 115, light: 140, offX: 0.3, offY: 0.2})
	d := NewDecoder()
	if _, ok := d.DecodeFast(hard); ok {
		t.Fatal("the fast way reads the hard frame: the test proves nothing")
	}
	if got, ok := d.Decode(hard); !ok || got != code {
		t.Fatal("the slow ways do not read the hard frame")
	}
	empty := image.NewGray(image.Rect(0, 0, 64, 64))
	frames := []Frame{{empty, at(0)}} // the slow ways run, and find nothing
	for ms := 50; ms <= 400; ms += 50 {
		frames = append(frames, Frame{hard, at(ms)})
	}
	var when []time.Time
	watchScript(t, frames, Options{Decoder: d, OnCode: func(_ string, f Frame) { when = append(when, f.At) }})
	if !slices.Equal(when, []time.Time{at(200)}) {
		t.Fatalf("the hard code taken at %v, want at 200 ms", when)
	}
}

// TestWatchACameraFilmingABadge: the whole path on a steady 15 frames a
// second source: nobody, then a badge held up for many frames; the code
// is handed on once, the preview gets frames, and the camera is reported
// running, then stopped with its context.
func TestWatchACameraFilmingABadge(t *testing.T) {
	code := demoBadge(t)
	held := frame(t, code, scene{ppm: 4, angle: 10, offX: 0.3, offY: 0.2})
	nobody := emptyFrame()
	src := NewImageSource("camera", []image.Image{nobody, nobody, held, held, held, held, held, held}, 15, false)
	var mu sync.Mutex
	var codes []string
	var states []State
	previews := 0
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		Watch(ctx, Options{Source: src,
			OnCode:  func(text string, _ Frame) { mu.Lock(); codes = append(codes, text); mu.Unlock() },
			OnFrame: func(Frame) { mu.Lock(); previews++; mu.Unlock() },
			OnState: func(s State) { mu.Lock(); states = append(states, s); mu.Unlock() }})
		close(done)
	}()
	// until every frame was shown and taken, and the code handed on
	deadline := time.Now().Add(10 * time.Second)
	for !allTaken(src) || func() bool { mu.Lock(); defer mu.Unlock(); return len(codes) == 0 }() {
		if time.Now().After(deadline) {
			t.Fatal("the frames were not all taken, or no code was handed on")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if !slices.Equal(codes, []string{code}) {
		t.Errorf("%d codes handed on, want the badge once", len(codes))
	}
	if previews == 0 {
		t.Error("no frame for the preview")
	}
	if len(states) != 2 || !states[0].Running || states[1].Running || states[1].Err != nil {
		t.Errorf("states %+v, want running then stopped", states)
	}
	if src.box != nil {
		t.Error("the source was left open")
	}
}

// allTaken says whether a source without loop has shown its last frame
// and the reader took it.
func allTaken(src *ImageSource) bool {
	src.mu.Lock()
	box, done := src.box, src.done
	src.mu.Unlock()
	select {
	case <-done:
	default:
		return false
	}
	box.mu.Lock()
	defer box.mu.Unlock()
	return !box.full
}

func TestWatchWithoutSource(t *testing.T) {
	var states []State
	Watch(context.Background(), Options{OnState: func(s State) { states = append(states, s) }})
	if len(states) != 1 || states[0].Running || states[0].Err == nil || states[0].Err.Problem != ProblemMissing {
		t.Fatalf("states %+v, want one: no camera", states)
	}
}
