package ui

import (
	"context"
	"sync/atomic"

	"fyne.io/fyne/v2"

	"kiosk/data/camera"
)

// CameraService runs the kiosk's own camera: which one is chosen (kept in
// the data folder), and watching it. The ui package never opens a device
// itself, so a test can give it frames of its own.
type CameraService interface {
	// Device reads the camera chosen for this kiosk: "" for none, "auto",
	// or a device node such as /dev/video0.
	Device(ctx context.Context) (string, error)
	// SetDevice keeps another choice; a name it refuses changes nothing.
	SetDevice(ctx context.Context, device string) error
	// Watch watches device with opts (the service gives the Source) until
	// ctx ends, calling opts' functions from its own goroutine; it retries
	// a camera that fails and says so through OnState.
	Watch(ctx context.Context, device string, opts camera.Options)
}

// PreviewRate is how many preview frames a second the Check-in screen
// shows: enough to aim a badge, few enough to keep an idle kiosk cool.
const PreviewRate = 10

// cameraRun is the camera the kiosk watches, as the UI goroutine sees it.
type cameraRun struct {
	device string // "" for none
	state  camera.State
	cancel context.CancelFunc
	// gen counts the watchers started: what an older one still reports
	// after it was replaced is dropped.
	gen int
	// preview is set while the Check-in screen is on show: frames are
	// scaled for it only then. Read by the watcher's goroutine.
	preview atomic.Bool
	feed    *previewFeed
}

// StartCamera reads the camera chosen for this kiosk, off the UI
// goroutine, and watches it. Start calls it; tests call it themselves.
func (k *Kiosk) StartCamera() {
	if k.deps.Camera == nil {
		return
	}
	load(k, "Reading the camera setting", func(ctx context.Context) (string, error) {
		return k.deps.Camera.Device(ctx)
	}, k.useCamera)
}

// useCamera watches device from now on, in place of the camera watched
// so far; "" stops watching. On the UI goroutine.
func (k *Kiosk) useCamera(device string) {
	c := &k.cam
	if c.cancel != nil {
		c.cancel()
		c.cancel = nil
	}
	c.gen++
	c.device = device
	k.cameraState(camera.State{Device: device})
	if device == "" {
		return
	}
	gen := c.gen
	ctx, cancel := context.WithCancel(k.ctx)
	c.cancel = cancel
	// The current screen decides whether frames are scaled for a preview.
	c.preview.Store(k.current == ScreenCheckIn)
	opts := camera.Options{
		OnCode:      func(text string, _ camera.Frame) { k.onUI(gen, func() { k.cameraCode(text) }) },
		OnFrame:     func(f camera.Frame) { k.cameraFrame(gen, f) },
		OnState:     func(st camera.State) { k.onUI(gen, func() { k.cameraState(st) }) },
		PreviewRate: PreviewRate,
	}
	k.jobs.Go(func() { k.deps.Camera.Watch(ctx, device, opts) })
}

// onUI runs f on the UI goroutine unless the watcher that asked, gen, has
// been replaced or the kiosk stopped meanwhile.
func (k *Kiosk) onUI(gen int, f func()) {
	fyne.Do(func() {
		if gen == k.cam.gen && k.ctx.Err() == nil {
			f()
		}
	})
}

// cameraCode takes a code the camera read as a scan, except in staff mode:
// a badge held up in passing must not throw staff out of their screens.
func (k *Kiosk) cameraCode(text string) {
	if k.current == ScreenPIN || k.current == ScreenStaff {
		return
	}
	k.scanned(text)
}

// cameraFrame scales a frame for the preview on the watcher's goroutine
// and shows it on the UI goroutine; with no buffer free (the screen has
// not shown the last one yet) the frame is dropped.
func (k *Kiosk) cameraFrame(gen int, f camera.Frame) {
	if !k.cam.preview.Load() {
		return
	}
	buf := k.cam.feed.take()
	if buf == nil {
		return
	}
	scalePreview(buf, f.Image)
	fyne.Do(func() {
		if gen != k.cam.gen || k.ctx.Err() != nil {
			k.cam.feed.give(buf)
			return
		}
		k.CheckIns.showFrame(buf)
	})
}

// cameraState shows what the camera does: on the Check-in screen, on
// Home, and in staff mode.
func (k *Kiosk) cameraState(st camera.State) {
	k.cam.state = st
	k.CheckIns.showCamera(k.cam.device, st)
	k.Home.showCamera(k.cam.device != "" && st.Running)
	k.Staff.showCamera(k.cam.device, st)
}

// cameraShown follows the screen on show: the preview is scaled only for
// the Check-in screen.
func (k *Kiosk) cameraShown(s Screen) { k.cam.preview.Store(s == ScreenCheckIn && k.cam.device != "") }

// CameraState is the state of the camera as last reported.
func (k *Kiosk) CameraState() camera.State { return k.cam.state }
