package store

import (
	"context"
	"path/filepath"
	"testing"
)

func TestCameraSettingIsKeptAndBadNamesAreRefused(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "kiosk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if d, err := s.Camera(ctx); err != nil || d != "" {
		t.Fatalf("a new kiosk's camera: %q %v, want none", d, err)
	}
	if err := s.SetCamera(ctx, " /dev/video2 "); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"video0", "/dev/../etc/passwd", "/tmp/video0", "Auto"} {
		if err := s.SetCamera(ctx, bad); err == nil {
			t.Errorf("camera %q was kept", bad)
		}
	}
	if d, _ := s.Camera(ctx); d != "/dev/video2" {
		t.Fatalf("camera %q after refused names, want /dev/video2", d)
	}
	if err := s.SetCamera(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Camera(ctx); d != "" {
		t.Fatalf("camera %q after turning it off", d)
	}
}
