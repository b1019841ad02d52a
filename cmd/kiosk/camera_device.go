package main

import (
	"context"
	"errors"

	"kiosk/data/camera"
)

// openCamera is the source for a device: package camera's V4L2 reader
// once it has one; until then a source that says the kiosk cannot read
// cameras, which staff mode shows with the device's name.
var openCamera = func(device string) camera.Source { return noCamera{device} }

type noCamera struct{ device string }

func (n noCamera) Name() string { return n.device }

func (n noCamera) Open(context.Context) error {
	return &camera.Error{Device: n.device, Problem: camera.ProblemFailed, Err: errors.New("this kiosk was built without a camera reader")}
}

func (n noCamera) Next(ctx context.Context) (camera.Frame, error) { return camera.Frame{}, n.Open(ctx) }

func (n noCamera) Close() error { return nil }
