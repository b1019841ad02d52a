package camera

import (
	"context"
	"errors"
	"time"
)

// slowEvery is how often at most a frame the fast way missed gets the
// slow ways too: they cost several times the fast one, and an idle camera
// would pay them on every frame. A code that needs them is held still
// long enough for the next turn (200 ms at most).
const slowEvery = 200 * time.Millisecond

// Defaults of Options.
const (
	DefaultPreviewRate = 10
	DefaultRetry       = 2 * time.Second
	DefaultHold        = 3 * time.Second
)

// Watch reads frames from o.Source and reports what it sees, until ctx
// ends; the kiosk runs it on a goroutine of its own (go Watch(...)), and
// the callbacks come from that goroutine, never from the UI's.
//
// Frames are read one at a time, each decoded before the next is asked
// for: the source drops the frames that came meanwhile, so a slow decode
// makes the watcher skip frames, never fall behind. When the source
// fails with a *Error (unplugged, busy, no permission), Watch reports
// it, closes the source, waits o.Retry and opens it again, for as long
// as ctx lasts. When ctx ends it closes the source and reports a state
// that is not running.
func Watch(ctx context.Context, o Options) {
	o = o.withDefaults()
	w := &watcher{o: o, seen: map[string]time.Time{}}
	if o.Source == nil {
		w.report(State{Err: &Error{Device: "camera", Problem: ProblemMissing, Err: errors.New("no camera source given")}})
		return
	}
	for {
		err := w.run(ctx)
		if ctx.Err() != nil {
			w.report(State{Device: o.Source.Name()})
			return
		}
		retryAt := o.Now().Add(o.Retry)
		w.report(State{Device: o.Source.Name(), Err: asError(o.Source.Name(), err), RetryAt: retryAt})
		select {
		case <-ctx.Done():
			w.report(State{Device: o.Source.Name()})
			return
		case <-time.After(o.Retry):
		}
	}
}

func (o Options) withDefaults() Options {
	if o.Decoder == nil {
		o.Decoder = NewDecoder()
	}
	if o.PreviewRate <= 0 {
		o.PreviewRate = DefaultPreviewRate
	}
	if o.Retry <= 0 {
		o.Retry = DefaultRetry
	}
	if o.Hold <= 0 {
		o.Hold = DefaultHold
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// asError gives any failure of a source the form the kiosk shows: a
// *Error as it is, anything else as a camera that stopped.
func asError(device string, err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	if err == nil {
		err = errors.New("stopped giving frames")
	}
	return &Error{Device: device, Problem: ProblemFailed, Err: err}
}

type watcher struct {
	o           Options
	state       State
	reported    bool
	seen        map[string]time.Time // each code in view lately, and when it was last seen
	lastPreview time.Time
	lastSlow    time.Time // when the slow ways last ran
}

// run opens the source and reads it until it fails or ctx ends; the
// source is closed again either way.
func (w *watcher) run(ctx context.Context) error {
	src := w.o.Source
	if err := src.Open(ctx); err != nil {
		return err
	}
	defer src.Close()
	w.report(State{Device: src.Name(), Running: true})
	for {
		f, err := src.Next(ctx)
		if err != nil {
			return err
		}
		w.frame(f)
	}
}

// frame shows f in the preview when it is time, and reports its code
// when the code is new.
func (w *watcher) frame(f Frame) {
	if f.At.IsZero() {
		f.At = w.o.Now()
	}
	if w.o.OnFrame != nil && f.At.Sub(w.lastPreview) >= time.Second/time.Duration(w.o.PreviewRate) {
		w.lastPreview = f.At
		w.o.OnFrame(f)
	}
	slow := f.At.Sub(w.lastSlow) >= slowEvery
	text, ok, slowTried := w.o.Decoder.decode(f.Image, slow)
	if slowTried {
		w.lastSlow = f.At
	}
	if !ok {
		return
	}
	if w.isNew(text, f.At) && w.o.OnCode != nil {
		w.o.OnCode(text, f)
	}
}

// isNew says whether a code seen at t is to be taken: it is when it was
// not seen within Hold before. Codes out of view longer than Hold are
// forgotten, so the memory stays as small as what is in front of the
// camera.
func (w *watcher) isNew(text string, t time.Time) bool {
	last, seen := w.seen[text]
	w.seen[text] = t
	for code, at := range w.seen {
		if t.Sub(at) >= w.o.Hold {
			delete(w.seen, code)
		}
	}
	return !seen || t.Sub(last) >= w.o.Hold
}

// report passes s on when it differs from the state last reported.
func (w *watcher) report(s State) {
	if w.reported && sameState(w.state, s) {
		return
	}
	w.state, w.reported = s, true
	if w.o.OnState != nil {
		w.o.OnState(s)
	}
}

func sameState(a, b State) bool {
	return a.Device == b.Device && a.Running == b.Running && a.RetryAt.Equal(b.RetryAt) &&
		(a.Err == nil) == (b.Err == nil) && (a.Err == nil || a.Err.Problem == b.Err.Problem && a.Err.Error() == b.Err.Error())
}
