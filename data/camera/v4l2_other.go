//go:build !linux

package camera

import (
	"context"
	"errors"
)

// OpenDevice makes a Source of a camera device. Capture is written for
// V4L2, so on systems other than Linux the source says so when opened;
// the kiosk builds and runs there without a camera.
func OpenDevice(name string) (Source, error) {
	if name == "" {
		return nil, errors.New("camera: no device named (a node such as /dev/video0, or auto)")
	}
	return linuxOnly{name}, nil
}

type linuxOnly struct{ name string }

var errLinuxOnly = errors.New("camera capture works on Linux only (V4L2)")

func (s linuxOnly) Name() string { return s.name }
func (s linuxOnly) Open(context.Context) error {
	return &Error{Device: s.name, Problem: ProblemFailed, Err: errLinuxOnly}
}
func (s linuxOnly) Next(context.Context) (Frame, error) {
	return Frame{}, &Error{Device: s.name, Problem: ProblemFailed, Err: errLinuxOnly}
}
func (s linuxOnly) Close() error { return nil }
