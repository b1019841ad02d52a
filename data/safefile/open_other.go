//go:build !unix

package safefile

import (
	"fmt"
	"os"
)

// openNoFollow refuses a link by looking before opening, then makes sure
// that the file opened is the one looked at: without O_NOFOLLOW a link
// swapped in between would otherwise be followed unnoticed. These systems
// have no named pipes in the file system that a read could block on.
func openNoFollow(path string) (*os.File, error) {
	before, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !before.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w (it is %s)", path, ErrNotPlainFile, kindOf(before.Mode()))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	after, err := f.Stat()
	if err != nil || !os.SameFile(before, after) {
		f.Close()
		return nil, fmt.Errorf("%s: %w (it changed while it was opened)", path, ErrNotPlainFile)
	}
	return f, nil
}
