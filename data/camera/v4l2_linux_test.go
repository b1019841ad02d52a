//go:build linux

package camera

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// There is no camera on the test machine: these tests open what is
// there (nothing, a file, /dev/null) and check the failure each gives.

func openErr(t *testing.T, name string) *Error {
	t.Helper()
	src, err := OpenDevice(name)
	if err != nil {
		t.Fatal(err)
	}
	err = src.Open(context.Background())
	if err == nil {
		src.Close()
		t.Fatalf("%s opened", name)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%s: %v is no camera error", name, err)
	}
	return e
}

func TestOpenDeviceFailures(t *testing.T) {
	if _, err := OpenDevice(""); err == nil {
		t.Error("a device without a name")
	}
	missing := filepath.Join(t.TempDir(), "video0")
	if e := openErr(t, missing); e.Problem != ProblemMissing || e.Device != missing || !strings.Contains(e.Error(), "plugged in?") {
		t.Errorf("a node that is not there: %v %v", e.Problem, e)
	}
	if e := openErr(t, "/dev/null"); e.Problem != ProblemFormat || !strings.Contains(e.Error(), "not a camera") {
		t.Errorf("/dev/null: %v %v", e.Problem, e)
	}
}

func TestAutoWithoutCamera(t *testing.T) {
	defer func(p string) { devicePattern = p }(devicePattern)
	dir := t.TempDir()
	devicePattern = filepath.Join(dir, "video*")
	if e := openErr(t, "auto"); e.Problem != ProblemMissing || !strings.Contains(e.Error(), "plugged in?") {
		t.Errorf("no device node: %v %v", e.Problem, e)
	}
	// a node that is not a camera (a metadata node, here a plain file)
	if err := os.WriteFile(filepath.Join(dir, "video0"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if e := openErr(t, "auto"); e.Problem != ProblemFormat || e.Device != filepath.Join(dir, "video0") {
		t.Errorf("only a node that is not a camera: %v %v", e.Problem, e)
	}
}

// TestWatchAMissingCamera: the kiosk started with a camera that is not
// plugged in reports it, and tries again until it stops.
func TestWatchAMissingCamera(t *testing.T) {
	src, err := OpenDevice(filepath.Join(t.TempDir(), "video0"))
	if err != nil {
		t.Fatal(err)
	}
	states := make(chan State, 100)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		Watch(ctx, Options{Source: src, Retry: 5 * time.Millisecond, OnState: func(s State) { states <- s }})
		close(done)
	}()
	for i := 0; i < 3; i++ {
		s := <-states
		if s.Running || s.Err == nil || s.Err.Problem != ProblemMissing || s.RetryAt.IsZero() {
			t.Fatalf("state %d: %+v", i, s)
		}
	}
	cancel()
	<-done
}
