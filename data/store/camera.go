package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
)

// metaCamera is the camera chosen for this kiosk (kiosk --camera, staff
// mode): "" for none, "auto", or a device node.
const metaCamera = "camera_device"

// CameraAuto picks the first camera found.
const CameraAuto = "auto"

// Camera reads the camera chosen for this kiosk; "" when none is.
func (s *Store) Camera(ctx context.Context) (string, error) {
	return s.meta(ctx, metaCamera)
}

// SetCamera keeps the camera chosen for this kiosk; a name CleanCamera
// refuses changes nothing.
func (s *Store) SetCamera(ctx context.Context, device string) error {
	device, err := CleanCamera(device)
	if err != nil {
		return err
	}
	return s.setMeta(ctx, metaCamera, device)
}

// CleanCamera is a camera name as the kiosk keeps it, or why it cannot be
// kept: "" (no camera), "auto", or an absolute path under /dev, such as
// /dev/video0 or /dev/v4l/by-id/….
func CleanCamera(device string) (string, error) {
	device = strings.TrimSpace(device)
	if device == "" || device == CameraAuto {
		return device, nil
	}
	if !strings.HasPrefix(device, "/dev/") || filepath.Clean(device) != device {
		return device, fmt.Errorf("camera %q: want a device such as /dev/video0, or auto, or nothing for no camera", device)
	}
	return device, nil
}
