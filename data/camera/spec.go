package camera

import "os"

// SourceFor makes the Source a kiosk's camera setting names: a folder of
// PNG or JPEG pictures (shown at 15 frames a second, over and over: a
// demo without a camera), else a camera device (OpenDevice: a node such
// as /dev/video0, or auto).
func SourceFor(name string) (Source, error) {
	if fi, err := os.Stat(name); err == nil && fi.IsDir() {
		return NewFolderSource(name, wantRate, true), nil
	}
	return OpenDevice(name)
}

// String names a Problem in a word, for logs and for the keys of the
// kiosk's messages.
func (p Problem) String() string {
	switch p {
	case ProblemNone:
		return "none"
	case ProblemMissing:
		return "missing"
	case ProblemBusy:
		return "busy"
	case ProblemPermission:
		return "permission"
	case ProblemFormat:
		return "format"
	case ProblemFailed:
		return "failed"
	}
	return "unknown"
}
