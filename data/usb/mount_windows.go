//go:build windows

package usb

import (
	"path/filepath"
	"strings"
)

// isMountPoint reports whether dir is the root of a drive. Folders mounted
// as volumes inside another drive are not looked for: Windows gives a
// stick a drive letter of its own.
func isMountPoint(dir string) bool { return isVolumeRoot(dir) }

// isVolumeRoot reports whether dir is a drive's root, such as E:\.
func isVolumeRoot(dir string) bool {
	v := filepath.VolumeName(dir)
	return v != "" && strings.Trim(dir[len(v):], `\/`) == ""
}
