package main

import (
	"context"
	"log"

	"kiosk/data/camera"
	"kiosk/data/store"
)

// cameraService is the kiosk's own camera for the screens: the choice
// kept in the data folder (kiosk --camera, staff mode), and package
// camera's watcher on the V4L2 device.
type cameraService struct{ store *store.Store }

func (c cameraService) Device(ctx context.Context) (string, error) { return c.store.Camera(ctx) }

func (c cameraService) SetDevice(ctx context.Context, device string) error {
	return c.store.SetCamera(ctx, device)
}

// Watch watches device until ctx ends; the log keeps every change of the
// camera's state, for staff who were not looking at staff mode.
func (c cameraService) Watch(ctx context.Context, device string, opts camera.Options) {
	onState := opts.OnState
	opts.OnState = func(st camera.State) {
		logCameraState(device, st)
		onState(st)
	}
	src, err := camera.OpenDevice(device)
	if err != nil {
		// Watch says in staff mode and on the Check-in screen that there
		// is no camera to watch.
		log.Printf("camera %q: %v", device, err)
	}
	opts.Source = src
	camera.Watch(ctx, opts)
}

func logCameraState(device string, st camera.State) {
	switch {
	case st.Err != nil:
		log.Printf("camera %s: %v; trying again at %s", device, st.Err, st.RetryAt.Format("15:04:05"))
	case st.Running:
		log.Printf("camera %s: running (%s)", device, st.Device)
	}
}
