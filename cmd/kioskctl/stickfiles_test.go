//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Files staff name to kioskctl often sit on a stick: a link there must
// not lead kioskctl to read a system file, a pipe must not hang it.
func TestKioskctlRefusesLinksAndPipesQuickly(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "passwd")
	writeFile(t, outside, []byte("root:x:0:0:root:/root:/bin/bash\n"))
	link, fifo := filepath.Join(dir, "link.kbundle"), filepath.Join(dir, "pipe.kbundle")
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	pub := filepath.Join(dir, "keys", "event.pub")
	if code, _, e := ctl(t, "keygen", "--out", filepath.Join(dir, "keys")); code != 0 {
		t.Fatal(e)
	}
	for _, path := range []string{link, fifo} {
		for _, args := range [][]string{
			{"bundle", "inspect", path},
			{"bundle", "verify", "--pub", pub, path},
			{"bundle", "import", "--data", filepath.Join(dir, "kiosk"), path},
			{"checkins", "merge", path, "--out", filepath.Join(dir, "all.csv")},
			{"bundle", "verify", "--pub", path, path},
			{"bundle", "import", "--data", filepath.Join(dir, "kiosk"), "--trust", path, path},
			{"checkins", "merge", path, "--kiosks", path, "--out", filepath.Join(dir, "all.csv")},
			{"receipt", "verify", "--pub", path, "--event", "ev", "KC"},
		} {
			done := make(chan string, 1)
			go func() {
				code, _, e := ctl(t, args...)
				if code == 0 {
					e = "accepted"
				}
				done <- e
			}()
			select {
			case e := <-done:
				if !strings.Contains(e, "not a plain file") || strings.Contains(e, "root") {
					t.Errorf("%s: %q, want a refusal of a file that is not plain, showing nothing of what it points to", args, e)
				}
			case <-time.After(5 * time.Second):
				if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					w.Close()
				}
				t.Fatalf("%s did not return within 5 s", args)
			}
		}
	}
}
