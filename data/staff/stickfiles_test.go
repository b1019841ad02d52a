//go:build unix

package staff

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"kiosk/data/importer"
)

// stickAttack is a file on a stick that passed the directory scan as a
// regular file and was then replaced under the same name.
type stickAttack struct {
	name    string
	make    func(t *testing.T, path string)
	says    string // what the refusal must call the file
	secrets []string
}

// outsideSecret is a file off the stick, like the password database, that
// a link on the stick points to.
const outsideSecret = "root:x:0:0:root:/root:/bin/bash\n"

func stickAttacks() []stickAttack {
	return []stickAttack{
		{name: "named pipe", says: "named pipe", make: func(t *testing.T, path string) {
			if err := syscall.Mkfifo(path, 0o644); err != nil {
				t.Skipf("no named pipes here: %v", err)
			}
		}},
		{name: "link to a file outside the stick", says: "link", secrets: []string{"root", "'r'", "bash"},
			make: func(t *testing.T, path string) {
				outside := filepath.Join(t.TempDir(), "passwd")
				if err := os.WriteFile(outside, []byte(outsideSecret), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(outside, path); err != nil {
					t.Fatal(err)
				}
			}},
		{name: "plain file that is not an export", says: "not a check-in export", secrets: []string{"root", "'r'", "bash"},
			make: func(t *testing.T, path string) {
				if err := os.WriteFile(path, []byte(outsideSecret), 0o644); err != nil {
					t.Fatal(err)
				}
			}},
	}
}

// refusedQuickly runs a stick read and fails the test if it does not
// return within a few seconds; a read blocked on a pipe is released
// afterwards by opening the pipe's other end.
func refusedQuickly(t *testing.T, path string, read func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- read() }()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		if w, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		t.Fatalf("reading %s did not return within 5 s: it blocks", path)
		return nil
	}
}

func TestStickFilesSwappedAfterTheScanAreRefusedQuickly(t *testing.T) {
	ctx := context.Background()
	svc, _, _ := service(t)
	reads := map[string]struct {
		ext  string
		read func(path string) error
	}{
		"inspect": {".kbundle", func(p string) error { _, err := svc.Inspect(p); return err }},
		"install": {".kbundle", func(p string) error { _, err := svc.ImportFile(ctx, p, importer.Options{}); return err }},
		"take in": {".kcheckins", func(p string) error { _, err := svc.ImportCheckIns(ctx, p); return err }},
	}
	for _, a := range stickAttacks() {
		for what, r := range reads {
			if a.says == "not a check-in export" && what != "take in" {
				continue
			}
			t.Run(a.name+"/"+what, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "event"+r.ext)
				a.make(t, path)
				err := refusedQuickly(t, path, func() error { return r.read(path) })
				if err == nil {
					t.Fatal("accepted")
				}
				msg := err.Error()
				if !strings.Contains(msg, path) || !strings.Contains(msg, a.says) {
					t.Errorf("refusal %q should name %s and call it a %s", msg, path, a.says)
				}
				for _, s := range a.secrets {
					if strings.Contains(msg, s) {
						t.Errorf("refusal %q shows %q from the file the link points to", msg, s)
					}
				}
			})
		}
	}
}
