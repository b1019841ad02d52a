package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// wantMode fails the test when a file exists with another mode than want.
func wantMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	st, err := os.Lstat(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if got := st.Mode().Perm(); got != want {
		t.Errorf("%s has mode %04o, want %04o", filepath.Base(path), got, want)
	}
}

// The kiosk's private key lives in the database: no other local user may
// read the file or its WAL companions, whatever the process umask.
func TestOpenCreatesTheDatabaseReadableByTheKioskOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Identity(ctx); err != nil { // writes the private key
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		wantMode(t, p, 0o600)
	}
}

func TestOpenTightensAnExistingDatabaseAndItsWALFiles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Identity(ctx); err != nil {
		t.Fatal(err)
	}
	// A database made by an older kiosk: readable by everyone. The WAL
	// files are still there because a second connection holds them open.
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	s.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if _, err := os.Stat(p); err == nil {
			wantMode(t, p, 0o600)
		}
	}
	wantMode(t, path, 0o600)
}
