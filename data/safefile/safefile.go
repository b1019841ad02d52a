// Package safefile opens files that come from outside the kiosk's control
// (a USB stick, a staff sources folder, the data folder) only when they are
// what they claim to be: a regular file within a size cap, reached without
// following a link, opened without blocking on a named pipe.
package safefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrNotPlainFile refuses a stick file that is a link, a named pipe, a
// device or a folder. The scan lists only regular files, but a file is
// opened later by its path, and by then a link or a pipe may stand under
// the same name: a link could lead to a system file (the kiosk would read
// it), a pipe would block the reader for ever.
var ErrNotPlainFile = errors.New("not a plain file")

// ErrTooLarge refuses a stick file larger than its reader accepts.
var ErrTooLarge = errors.New("too large")

// OpenFile opens a file on a stick for reading, and only if it is a
// regular file of at most maxSize bytes. It never follows a link and never
// blocks on a pipe: the checks are made on the opened file itself, so
// nothing can be swapped in between the check and the read. Errors name
// the file and what is wrong with it, never anything it holds.
func OpenFile(path string, maxSize int64) (*os.File, int64, error) {
	f, err := openNoFollow(path)
	if err != nil {
		return nil, 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, 0, fmt.Errorf("%s: %w (it is %s)", path, ErrNotPlainFile, kindOf(fi.Mode()))
	}
	if fi.Size() > maxSize {
		f.Close()
		return nil, fi.Size(), fmt.Errorf("%s: %w: %d bytes, more than the %d accepted", path, ErrTooLarge, fi.Size(), maxSize)
	}
	return f, fi.Size(), nil
}

// ReadFile reads a stick file whole through OpenFile. The file may grow
// while it is read: no more than maxSize bytes are ever read.
func ReadFile(path string, maxSize int64) ([]byte, error) {
	f, size, err := OpenFile(path, maxSize)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// One buffer of the size the file claims (io.ReadAll would grow one
	// step at a time, asking for about twice as much at the end).
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, maxSize+1)); err != nil {
		return nil, fmt.Errorf("reading %s (was the stick pulled out?): %w", path, err)
	}
	b := buf.Bytes()
	if int64(len(b)) > maxSize {
		return nil, fmt.Errorf("%s: %w: grew past the %d bytes accepted while it was read", path, ErrTooLarge, maxSize)
	}
	return b, nil
}

// kindOf names what a file that is not a regular one is, for staff.
func kindOf(m os.FileMode) string {
	switch {
	case m&os.ModeSymlink != 0:
		return "a link"
	case m.IsDir():
		return "a folder"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}
