//go:build !unix && !windows

package usb

// Systems with neither Unix devices nor drive letters (Plan 9, js/wasm)
// have no mount points to tell apart: a stick there is a folder with
// something in it.
func isMountPoint(string) bool { return false }

func isVolumeRoot(string) bool { return false }
