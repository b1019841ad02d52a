//go:build unix

package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadFileTakesOnlyPlainFilesWithinTheCap(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "passwd")
	must(t, os.WriteFile(outside, []byte("root:x:0:0:root:/root:/bin/bash\n"), 0o644))
	plain := filepath.Join(dir, "plain.kbundle")
	must(t, os.WriteFile(plain, []byte("0123456789"), 0o644))
	link := filepath.Join(dir, "link.kbundle")
	must(t, os.Symlink(outside, link))
	fifo := filepath.Join(dir, "fifo.kbundle")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	folder := filepath.Join(dir, "folder.kbundle")
	must(t, os.Mkdir(folder, 0o755))

	if b, err := ReadFile(plain, 10); err != nil || string(b) != "0123456789" {
		t.Fatalf("a plain file within the cap: %q, %v", b, err)
	}
	for _, c := range []struct {
		path string
		max  int64
		want error
		says string
	}{
		{link, 1 << 20, ErrNotPlainFile, "a link"},
		{fifo, 1 << 20, ErrNotPlainFile, "a named pipe"},
		{folder, 1 << 20, ErrNotPlainFile, "a folder"},
		{plain, 9, ErrTooLarge, "10 bytes, more than the 9"},
	} {
		began := time.Now()
		_, err := ReadFile(c.path, c.max)
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.path) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want %v naming the file and saying %q", c.path, err, c.want, c.says)
		}
		if err != nil && strings.Contains(err.Error(), "root") {
			t.Errorf("%s: the refusal shows what the link points to: %v", c.path, err)
		}
		if took := time.Since(began); took > time.Second {
			t.Errorf("%s: refused after %v", c.path, took)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
