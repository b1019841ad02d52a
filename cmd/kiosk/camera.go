package main

import (
	"context"
	"fmt"
	"log"

	"kiosk/data/camera"
	"kiosk/data/store"
)

// cameraService is the kiosk's own camera for the screens: the choice
// kept in the data folder (kiosk --camera, staff mode), and package
// camera's watcher on the V4L2 device.
type cameraService struct {
	store *store.Store
	open  func(device string) (camera.Source, error)
	// always: a camera even when none is chosen (--camera-pictures).
	always bool
}

// newCameraService is the camera on store's setting; open makes its
// source (camera.OpenDevice when nil); with always, the kiosk films even
// when no camera is chosen.
func newCameraService(s *store.Store, open func(string) (camera.Source, error), always bool) cameraService {
	if open == nil {
		open = camera.OpenDevice
	}
	return cameraService{store: s, open: open, always: always}
}

func (c cameraService) Device(ctx context.Context) (string, error) {
	d, err := c.store.Camera(ctx)
	if err == nil && d == "" && c.always {
		d = store.CameraAuto
	}
	return d, err
}

// filmPictures is a source for any device: the pictures in dir, shown as
// a camera films, 15 a second, over and over.
func filmPictures(dir string) func(string) (camera.Source, error) {
	return func(string) (camera.Source, error) { return camera.NewFolderSource(dir, 15, true), nil }
}

func (c cameraService) SetDevice(ctx context.Context, device string) error {
	return c.store.SetCamera(ctx, device)
}

// Watch watches device until ctx ends; the log keeps every change of the
// camera's state, for staff who were not looking at staff mode, but not
// every retry of a camera that stays away.
func (c cameraService) Watch(ctx context.Context, device string, opts camera.Options) {
	onState := opts.OnState
	logged := ""
	opts.OnState = func(st camera.State) {
		if line := cameraLogLine(device, st); line != logged {
			logged = line
			log.Print(line)
		}
		onState(st)
	}
	src, err := c.open(device)
	if err != nil {
		// Watch says in staff mode and on the Check-in screen that there
		// is no camera to watch.
		log.Printf("camera %q: %v", device, err)
	}
	opts.Source = src
	camera.Watch(ctx, opts)
}

// cameraLogLine is a state in the log's words, the same for every retry
// of the same failure.
func cameraLogLine(device string, st camera.State) string {
	switch {
	case st.Err != nil:
		return fmt.Sprintf("camera %s: %v; trying again every %v", device, st.Err.Err, camera.DefaultRetry)
	case st.Running:
		return fmt.Sprintf("camera %s: running (%s)", device, st.Device)
	}
	return fmt.Sprintf("camera %s: stopped", device)
}
