package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/data/camera"
	"kiosk/data/store"
)

// buildCamera makes staff mode's camera section: what the camera does,
// and the device to use, kept in the data folder.
func (s *StaffScreen) buildCamera() fyne.CanvasObject {
	s.CameraState = widget.NewLabel("")
	s.CameraState.Wrapping = fyne.TextWrapWord
	s.showCamera("", camera.State{})
	s.CameraDevice = newSearchEntry("/dev/video0, auto, or empty for no camera", s.k, nil)
	s.SaveCamera = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), s.saveCamera)
	return container.NewVBox(
		subheading("Camera"), s.CameraState,
		container.NewBorder(nil, nil, caption("Device"), s.SaveCamera, s.CameraDevice),
	)
}

// fillCamera puts the camera in use in the device field, once per visit,
// so that a change of state never overwrites typing.
func (s *StaffScreen) fillCamera() {
	if s.CameraDevice != nil {
		s.CameraDevice.SetText(s.k.cam.device)
	}
}

// showCamera says what the camera does.
func (s *StaffScreen) showCamera(device string, st camera.State) {
	if s.CameraState != nil {
		s.CameraState.SetText(cameraStaffLine(device, st, s.k))
	}
}

// cameraStaffLine is the camera's state in staff's words, with what to
// do about a failure.
func cameraStaffLine(device string, st camera.State, k *Kiosk) string {
	if device == "" {
		return "No camera: delegates check in with a scanner or by hand. Type a device such as /dev/video0, or auto, and save to use one."
	}
	name := device
	if st.Device != "" && st.Device != device {
		name = fmt.Sprintf("%s (%s)", device, st.Device)
	}
	switch {
	case st.Err != nil:
		// The camera's own words say what to do (package camera).
		line := fmt.Sprintf("Camera %s: %v.", name, st.Err.Err)
		if !st.RetryAt.IsZero() {
			line += " Trying again at " + st.RetryAt.In(k.loc).Format("15:04:05") + "."
		}
		if st.Err.Problem == camera.ProblemPermission {
			line += " To do so: sudo usermod -aG video USER, then log in again (see the README, \"Camera\")."
		}
		return line + " The scanner works meanwhile."
	case st.Running:
		return fmt.Sprintf("Camera %s: running. The codes it reads check delegates in on every screen but staff mode.", name)
	}
	return fmt.Sprintf("Camera %s: starting…", name)
}

// saveCamera uses the device typed from now on and keeps it in the data
// folder. A name the store would refuse is refused at once, with why.
func (s *StaffScreen) saveCamera() {
	s.k.Touch()
	device, err := store.CleanCamera(s.CameraDevice.Text)
	if err != nil {
		s.say("Camera not changed: " + err.Error() + ".")
		return
	}
	work(s, "Changing the camera", queryTimeout, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, s.k.deps.Camera.SetDevice(ctx, device)
	}, func(struct{}) {
		s.k.useCamera(device)
		s.CameraDevice.SetText(device)
		if device == "" {
			s.say("Camera turned off. Delegates check in with a scanner or by hand.")
			return
		}
		s.say("Using the camera " + strings.TrimSpace(device) + " from now on.")
	})
}
