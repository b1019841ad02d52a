//go:build unix

package safefile

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// openNoFollow opens path read-only without following a link at its last
// element (O_NOFOLLOW: a link is refused by the system itself) and
// without waiting for a writer should it be a named pipe (O_NONBLOCK; it
// changes nothing for the regular files that are then accepted).
func openNoFollow(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err == nil {
		return f, nil
	}
	// Linux says ELOOP for a link under O_NOFOLLOW, FreeBSD EMLINK; make
	// sure with Lstat rather than trust either.
	if errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.EMLINK) {
		if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode()&os.ModeSymlink != 0 {
			return nil, fmt.Errorf("%s: %w (it is a link)", path, ErrNotPlainFile)
		}
	}
	return nil, err
}
