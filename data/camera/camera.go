// Package camera reads badge codes and check-in codes from a camera's
// frames: a Source gives frames, a Decoder finds a QR code in one, and
// Watch runs the two off the UI goroutine and reports each new code
// once, the frames for a preview, and the camera's state.
//
// Sources: SourceFor (a kiosk's camera setting: a device or a folder),
// OpenDevice (a V4L2 camera on Linux), NewImageSource and
// NewFolderSource (pictures at a steady rate, for tests and demos), and
// FlakySource (a source that fails as a camera does).
//
// It never imports Fyne: the kiosk's ui package shows what it reports.
package camera

import (
	"context"
	"image"
	"time"
)

// Frame is one picture from a source, with the time it was taken.
type Frame struct {
	Image image.Image
	At    time.Time
}

// Source gives frames. Next blocks until a frame newer than the last one
// returned is there, and returns the newest: frames that came while the
// caller was busy are dropped, never queued. Next returns ctx.Err() when
// ctx ends, and a *Error when the camera fails (unplugged, busy, no
// permission); Watch then closes the source and opens it again. A
// frame's Image is never written to again by the source: whoever gets it
// may keep it (a preview on the UI goroutine), and must not change it.
type Source interface {
	Open(ctx context.Context) error
	Next(ctx context.Context) (Frame, error)
	Close() error
	// Name is the source's device or file, for messages.
	Name() string
}

// Problem says what kind of failure a camera had, for the message a
// person reads.
type Problem int

const (
	ProblemNone       Problem = iota
	ProblemMissing            // no such device: unplugged, or a wrong name
	ProblemBusy               // another program holds it
	ProblemPermission         // the kiosk's user may not open it
	ProblemFormat             // it offers no format the kiosk reads
	ProblemFailed             // anything else: the device stopped giving frames
)

// Error is a camera failure with its kind and the device it concerns.
type Error struct {
	Device  string
	Problem Problem
	Err     error
}

func (e *Error) Error() string { return e.Device + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// State is what the camera is doing, for the kiosk's Check-in screen and
// staff mode: running, or failed with Err and tried again at RetryAt.
type State struct {
	Device  string
	Running bool
	Err     *Error
	RetryAt time.Time
}

// Options set up Watch.
type Options struct {
	Source  Source
	Decoder *Decoder // nil: NewDecoder()
	// OnCode gets each new code once: the same code held in view is not
	// taken again until it has been out of view for Hold; another code is
	// taken at once. Called from the watcher's goroutine.
	OnCode func(text string, f Frame)
	// OnFrame gets frames for a preview, at most PreviewRate a second.
	OnFrame     func(f Frame)
	PreviewRate int // default 10
	// OnState gets every change of state.
	OnState func(State)
	Retry   time.Duration // between attempts to open a failed camera; default 2 s
	Hold    time.Duration // default 3 s
	Now     func() time.Time
}
