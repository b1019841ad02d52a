//go:build linux

package camera

import (
	"context"
	"errors"
	"fmt"
	"image"
	"syscall"
	"time"

	"github.com/blackjack/webcam"
)

// stallAfter is how long a streaming camera may give no frame before it
// counts as failed (its cable loose, its driver stuck).
const stallAfter = 5 * time.Second

// OpenDevice makes a Source of a V4L2 camera (Linux): name is a device
// node such as /dev/video0, or "auto" for the first node that captures
// video. Nothing is opened yet: Watch opens it, and "auto" looks
// for a camera at every opening, so a camera plugged in later is found
// at the next retry.
func OpenDevice(name string) (Source, error) {
	if name == "" {
		return nil, errors.New("camera: no device named (a node such as /dev/video0, or auto)")
	}
	return &v4l2Source{name: name}, nil
}

type v4l2Source struct {
	name   string // as given: a node or "auto"
	node   string // the node open
	cam    *webcam.Webcam
	format uint32
	w, h   int
}

func (s *v4l2Source) Name() string {
	if s.node != "" {
		return s.node
	}
	return s.name
}

// Open opens the camera and starts it streaming in the format and size
// chosen.
func (s *v4l2Source) Open(ctx context.Context) error {
	s.Close() // opened twice: start afresh
	if s.name != "auto" {
		return s.openNode(s.name)
	}
	nodes := videoDevices(devicePattern)
	if len(nodes) == 0 {
		return &Error{Device: "auto", Problem: ProblemMissing,
			Err: fmt.Errorf("no camera found (no %s): plugged in?", devicePattern)}
	}
	// the first node that opens is the camera; if none does, the first
	// one's failure says best why (a camera busy rather than its
	// metadata node that is not a camera)
	var first *Error
	for _, n := range nodes {
		err := s.openNode(n)
		if err == nil {
			return nil
		}
		var e *Error
		if errors.As(err, &e) && (first == nil || first.Problem == ProblemFormat && e.Problem != ProblemFormat) {
			first = e
		}
	}
	return first
}

func (s *v4l2Source) openNode(node string) error {
	cam, err := webcam.Open(node)
	if err != nil {
		if err.Error() == "Not a video capture device" || err.Error() == "Device does not support the streaming I/O method" {
			err = errNotCapture
		}
		return classify(node, err)
	}
	if err := s.start(cam, node); err != nil {
		cam.Close()
		return err
	}
	s.cam, s.node = cam, node
	return nil
}

// start chooses a format and size, and starts streaming with few
// buffers: a frame waits in at most three of them, so the newest is
// never far behind.
func (s *v4l2Source) start(cam *webcam.Webcam, node string) error {
	var offered []uint32
	for f := range cam.GetSupportedFormats() {
		offered = append(offered, uint32(f))
	}
	format, ok := pickFormat(offered)
	if !ok {
		return &Error{Device: node, Problem: ProblemFormat, Err: fmt.Errorf("offers neither YUYV nor MJPEG (%d other formats)", len(offered))}
	}
	var sizes []frameSizes
	for _, fs := range cam.GetSupportedFrameSizes(webcam.PixelFormat(format)) {
		sizes = append(sizes, frameSizes{fs.MinWidth, fs.MaxWidth, fs.StepWidth, fs.MinHeight, fs.MaxHeight, fs.StepHeight})
	}
	w, h, ok := closestSize(sizes)
	if !ok {
		w, h = wantWidth, wantHeight // the driver says no sizes: ask, and it picks
	}
	got, _, _, err := cam.SetImageFormat(webcam.PixelFormat(format), w, h)
	if err != nil {
		return classify(node, err)
	}
	if got != webcam.PixelFormat(format) {
		return &Error{Device: node, Problem: ProblemFormat, Err: errors.New("would not give YUYV or MJPEG")}
	}
	_ = cam.SetFramerate(wantRate) // a camera that cannot is fine at its own rate
	if err := cam.SetBufferCount(3); err != nil {
		return classify(node, err)
	}
	if err := cam.StartStreaming(); err != nil {
		return classify(node, err)
	}
	s.format, s.w, s.h = format, int(w), int(h)
	return nil
}

// Next waits for a frame, takes every frame that queued meanwhile and
// keeps the newest, so the picture decoded is the one in front of the
// camera now.
func (s *v4l2Source) Next(ctx context.Context) (Frame, error) {
	if s.cam == nil {
		return Frame{}, &Error{Device: s.Name(), Problem: ProblemFailed, Err: errors.New("not open")}
	}
	waited := time.Duration(0)
	for {
		if err := ctx.Err(); err != nil {
			return Frame{}, err
		}
		err := s.cam.WaitForFrame(1) // seconds; ctx is looked at between waits
		var timeout *webcam.Timeout
		switch {
		case errors.As(err, &timeout):
			if waited += time.Second; waited >= stallAfter {
				return Frame{}, &Error{Device: s.Name(), Problem: ProblemFailed, Err: fmt.Errorf("no frame for %v", stallAfter)}
			}
			continue
		case err != nil:
			return Frame{}, classify(s.Name(), err)
		}
		img, err := s.newest()
		if errors.Is(err, syscall.EAGAIN) {
			continue // woken for nothing
		}
		var bad badFrame
		if errors.As(err, &bad) {
			// one damaged frame (a USB hiccup) is no failure: wait for
			// the next
			continue
		}
		if err != nil {
			return Frame{}, classify(s.Name(), err)
		}
		return Frame{Image: img, At: time.Now()}, nil
	}
}

// newest dequeues every frame ready, gives the buffers of all but the
// last back at once, and makes a picture of the last (a new one: the
// preview may keep it) before its buffer goes back too.
func (s *v4l2Source) newest() (image.Image, error) {
	data, idx, err := s.cam.GetFrame()
	if err != nil {
		return nil, err
	}
	for {
		next, nidx, err := s.cam.GetFrame()
		if err != nil {
			break // EAGAIN: none left
		}
		_ = s.cam.ReleaseFrame(idx)
		data, idx = next, nidx
	}
	img, perr := s.picture(data)
	if err := s.cam.ReleaseFrame(idx); err != nil {
		return nil, err
	}
	if perr != nil {
		return nil, badFrame{perr}
	}
	return img, nil
}

// badFrame is a frame that would not decode.
type badFrame struct{ error }

func (s *v4l2Source) picture(data []byte) (image.Image, error) {
	if s.format == formatYUYV {
		return yuyvGray(data, s.w, s.h)
	}
	return decodeMJPEG(data)
}

// Close stops streaming and closes the device.
func (s *v4l2Source) Close() error {
	if s.cam == nil {
		return nil
	}
	err := s.cam.Close()
	s.cam = nil
	if s.name == "auto" {
		s.node = ""
	}
	return err
}
