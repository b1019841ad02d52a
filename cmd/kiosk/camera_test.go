package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

func TestCameraFlagIsCheckedAndKept(t *testing.T) {
	for _, bad := range []string{"video0", "/tmp/cam", "/dev/../video0"} {
		if _, err := parseFlags([]string{"--camera", bad}, io.Discard); err == nil || !strings.Contains(err.Error(), "camera") {
			t.Fatalf("--camera %q: %v", bad, err)
		}
	}
	dir := filepath.Join(t.TempDir(), "data")
	camera := func(args ...string) string {
		t.Helper()
		o, err := parseFlags(append([]string{"--data", dir}, args...), io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		w, err := openData(o)
		if err != nil {
			t.Fatal(err)
		}
		defer w.close()
		d, err := newCameraService(w.store, o.openCamera, o.pictures != "").Device(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if d := camera(); d != "" {
		t.Fatalf("a new kiosk uses the camera %q; none is the default", d)
	}
	if d := camera("--camera", "/dev/video2"); d != "/dev/video2" {
		t.Fatalf("--camera /dev/video2 gave %q", d)
	}
	if d := camera(); d != "/dev/video2" {
		t.Fatalf("the camera kept in the data folder: %q", d)
	}
	if d := camera("--camera", "auto"); d != "auto" {
		t.Fatalf("--camera auto gave %q", d)
	}
	if d := camera("--camera="); d != "" {
		t.Fatalf("--camera= left %q", d)
	}
	// Pictures are filmed with no camera chosen, and the choice stays none.
	if d := camera("--camera-pictures", t.TempDir()); d != "auto" {
		t.Fatalf("--camera-pictures films %q", d)
	}
	if d := camera(); d != "" {
		t.Fatalf("--camera-pictures kept %q", d)
	}
}
