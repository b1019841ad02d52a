//go:build unix

package usb

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestIsMountPoint(t *testing.T) {
	if !isMountPoint("/") {
		t.Error("/ is where the root file system is mounted")
	}
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	must(t, os.Mkdir(sub, 0o755))
	if isMountPoint(sub) {
		t.Errorf("%s is a plain folder", sub)
	}
	if isMountPoint(filepath.Join(dir, "missing")) {
		t.Error("a missing folder is no mount point")
	}
	if runtime.GOOS == "linux" {
		if _, err := os.Stat("/proc/self"); err == nil && !isMountPoint("/proc") {
			t.Error("/proc is a mount point on Linux")
		}
	}
}
