//go:build unix

package usb

import (
	"os"
	"path/filepath"
	"syscall"
)

// isMountPoint reports whether dir is where a file system is mounted: it
// lies on another device than its parent folder, or it is its parent (/).
func isMountPoint(dir string) bool {
	fi, err := os.Lstat(dir)
	if err != nil || !fi.IsDir() {
		return false
	}
	pi, err := os.Stat(filepath.Join(dir, ".."))
	if err != nil {
		return false
	}
	a, ok1 := fi.Sys().(*syscall.Stat_t)
	b, ok2 := pi.Sys().(*syscall.Stat_t)
	if !ok1 || !ok2 {
		return false
	}
	return a.Dev != b.Dev || a.Ino == b.Ino
}

// isVolumeRoot is for drive letters, which Unix does not have.
func isVolumeRoot(string) bool { return false }
