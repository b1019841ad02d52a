//go:build unix

package source

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A sources folder may come on a stick: a named pipe in place of a table
// hung the reader for ever, and a link to a file elsewhere was followed.
// Both are refused at once, named, with nothing of the other file shown.
func TestSourcesFolderRefusesPipesAndLinks(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.csv")
	if err := os.WriteFile(outside, []byte("id,name\nSECRET,x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, swap := range map[string]func(string) error{
		"pipe": func(p string) error { return syscall.Mkfifo(p, 0o600) },
		"link": func(p string) error { return os.Symlink(outside, p) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "sources")
			if err := WriteDir(dir, fixture(t)); err != nil {
				t.Fatal(err)
			}
			rooms := filepath.Join(dir, "rooms.csv")
			os.Remove(rooms)
			if err := swap(rooms); err != nil {
				t.Skipf("cannot make a %s here: %v", name, err)
			}
			done := make(chan error, 1)
			go func() { _, err := ReadDir(dir); done <- err }()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), "rooms.csv") || strings.Contains(err.Error(), "SECRET") {
					t.Fatalf("a %s as rooms.csv: %v", name, err)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("reading a folder with a %s as rooms.csv did not return in 5 s", name)
			}
		})
	}
}
