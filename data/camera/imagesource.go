package camera

import (
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // frames in a folder may be JPEG
	_ "image/png"  // or PNG
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// mailbox holds the newest frame only: put replaces a frame nobody took,
// so a slow reader gets the newest frame and the others are dropped,
// never queued.
type mailbox struct {
	mu      sync.Mutex
	f       Frame
	full    bool
	dropped int
	ready   chan struct{} // a frame came; one slot, so a put never waits
}

func newMailbox() *mailbox { return &mailbox{ready: make(chan struct{}, 1)} }

func (m *mailbox) put(f Frame) {
	m.mu.Lock()
	if m.full {
		m.dropped++
	}
	m.f, m.full = f, true
	m.mu.Unlock()
	select {
	case m.ready <- struct{}{}:
	default:
	}
}

func (m *mailbox) take(ctx context.Context) (Frame, error) {
	for {
		m.mu.Lock()
		if m.full {
			f := m.f
			m.f, m.full = Frame{}, false
			m.mu.Unlock()
			return f, nil
		}
		m.mu.Unlock()
		select {
		case <-m.ready:
		case <-ctx.Done():
			return Frame{}, ctx.Err()
		}
	}
}

// ImageSource is a camera stand-in for tests and demos: it shows its
// pictures one after another at a steady rate, as a camera films.
type ImageSource struct {
	name   string
	frames []image.Image
	rate   float64
	loop   bool
	load   func() ([]image.Image, error) // a folder's pictures, read at Open

	mu     sync.Mutex
	box    *mailbox
	stop   context.CancelFunc
	done   chan struct{}
	shown  int // frames produced since Open
	closed int // dropped frames of earlier openings
}

// NewImageSource makes a source named name that produces frames at rate
// frames a second into a one-frame mailbox: a reader slower than rate
// gets the newest frame and misses the others, as with a real camera.
// With loop it starts again after the last frame; without, the last
// frame is the last one Next returns (Next then waits for ctx).
func NewImageSource(name string, frames []image.Image, rate float64, loop bool) *ImageSource {
	return &ImageSource{name: name, frames: frames, rate: rate, loop: loop}
}

// NewFolderSource is an ImageSource of the PNG and JPEG files in dir, in
// the order of their names, read when the source is opened: a folder of
// photos stands in for a camera in a demo.
func NewFolderSource(dir string, rate float64, loop bool) *ImageSource {
	s := NewImageSource(dir, nil, rate, loop)
	s.load = func() ([]image.Image, error) { return readFolder(dir) }
	return s
}

func readFolder(dir string) ([]image.Image, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var frames []image.Image
	for _, e := range entries { // ReadDir sorts by name
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || !slices.Contains([]string{".png", ".jpg", ".jpeg"}, ext) {
			continue
		}
		img, err := readImage(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		frames = append(frames, img)
	}
	if len(frames) == 0 {
		return nil, fmt.Errorf("no PNG or JPEG pictures in %s", dir)
	}
	return frames, nil
}

func readImage(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return img, nil
}

// Name is the name the source was made with.
func (s *ImageSource) Name() string { return s.name }

// Open starts producing frames. A folder that cannot be read, or holds
// no picture, is a missing camera.
func (s *ImageSource) Open(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stop != nil {
		return &Error{Device: s.name, Problem: ProblemBusy, Err: errors.New("already open")}
	}
	if s.load != nil {
		frames, err := s.load()
		if err != nil {
			return &Error{Device: s.name, Problem: ProblemMissing, Err: err}
		}
		s.frames = frames
	}
	if len(s.frames) == 0 || s.rate <= 0 {
		return &Error{Device: s.name, Problem: ProblemFormat, Err: errors.New("no frames to show")}
	}
	pctx, stop := context.WithCancel(context.Background())
	s.box, s.stop, s.done, s.shown = newMailbox(), stop, make(chan struct{}), 0
	go s.produce(pctx, s.box, s.done)
	return nil
}

// produce puts a frame into the mailbox at every tick of the rate.
func (s *ImageSource) produce(ctx context.Context, box *mailbox, done chan struct{}) {
	defer close(done)
	tick := time.NewTicker(time.Duration(float64(time.Second) / s.rate))
	defer tick.Stop()
	for i := 0; ; i++ {
		if i == len(s.frames) {
			if !s.loop {
				return
			}
			i = 0
		}
		box.put(Frame{Image: s.frames[i], At: time.Now()})
		s.mu.Lock()
		s.shown++
		s.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// Next returns the newest frame not returned yet.
func (s *ImageSource) Next(ctx context.Context) (Frame, error) {
	s.mu.Lock()
	box := s.box
	s.mu.Unlock()
	if box == nil {
		return Frame{}, &Error{Device: s.name, Problem: ProblemFailed, Err: errors.New("not open")}
	}
	return box.take(ctx)
}

// Close stops producing frames.
func (s *ImageSource) Close() error {
	s.mu.Lock()
	stop, done, box := s.stop, s.done, s.box
	s.stop, s.box = nil, nil
	s.mu.Unlock()
	if stop == nil {
		return nil
	}
	stop()
	<-done
	box.mu.Lock()
	s.mu.Lock()
	s.closed += box.dropped
	s.mu.Unlock()
	box.mu.Unlock()
	return nil
}

// Counts says how many frames were produced since the last Open, and
// how many were dropped because nobody took them in time, over every
// opening.
func (s *ImageSource) Counts() (shown, dropped int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	shown, dropped = s.shown, s.closed
	if s.box != nil {
		s.box.mu.Lock()
		dropped += s.box.dropped
		s.box.mu.Unlock()
	}
	return shown, dropped
}

// FlakySource makes a source fail as a camera does, for tests and demos
// of the kiosk's messages and retries: its first len(OpenErrs) Opens
// fail with those errors in turn; after that each opening gives
// FailAfter frames and then fails Next with NextErr (FailAfter 0: never),
// as a camera pulled out while filming.
type FlakySource struct {
	Source
	OpenErrs  []*Error
	FailAfter int
	NextErr   *Error

	mu     sync.Mutex
	opens  int
	frames int
}

// Open fails with the next of OpenErrs, or opens the source.
func (f *FlakySource) Open(ctx context.Context) error {
	f.mu.Lock()
	n := f.opens
	f.opens++
	f.frames = 0
	f.mu.Unlock()
	if n < len(f.OpenErrs) && f.OpenErrs[n] != nil {
		return f.OpenErrs[n]
	}
	return f.Source.Open(ctx)
}

// Next fails with NextErr after FailAfter frames.
func (f *FlakySource) Next(ctx context.Context) (Frame, error) {
	f.mu.Lock()
	fail := f.FailAfter > 0 && f.frames >= f.FailAfter
	f.frames++
	f.mu.Unlock()
	if fail && f.NextErr != nil {
		return Frame{}, f.NextErr
	}
	if fail {
		return Frame{}, &Error{Device: f.Name(), Problem: ProblemFailed, Err: errors.New("stopped giving frames")}
	}
	return f.Source.Next(ctx)
}

// Opens says how many times the source was opened, the failed times
// included.
func (f *FlakySource) Opens() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.opens
}
