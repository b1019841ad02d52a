package kioskdir

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kiosk/data/datatest"
	"kiosk/data/store"
)

func seedFixture(ctx context.Context, s *store.Store) error {
	return s.Install(ctx, datatest.Event(), datatest.Info(1), nil)
}

func TestOpenSeedsAnEmptyFolderOnce(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "new", "data")
	o, err := Open(ctx, dir, seedFixture)
	if err != nil {
		t.Fatal(err)
	}
	if !o.Seeded || o.Recovered != "" || o.Notice() != "" {
		t.Fatalf("first open: seeded %v recovered %q", o.Seeded, o.Recovered)
	}
	o.Store.Close()
	o, err = Open(ctx, dir, seedFixture)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Store.Close()
	if o.Seeded {
		t.Fatal("seeded again on second open")
	}
	if e, err := o.Store.Event(ctx); err != nil || e.ID != "test-event" {
		t.Fatalf("event %+v %v", e, err)
	}
}

func TestOpenMovesADamagedDatabaseAsideAndReseeds(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	garbage := []byte(strings.Repeat("not a database ", 300))
	if err := os.WriteFile(filepath.Join(dir, DBName), garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	o, err := Open(ctx, dir, seedFixture)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Store.Close()
	if o.Recovered == "" || !o.Seeded {
		t.Fatalf("recovered %q seeded %v", o.Recovered, o.Seeded)
	}
	kept, err := os.ReadFile(o.Recovered)
	if err != nil || string(kept) != string(garbage) {
		t.Fatalf("the damaged file was not kept as it was: %v", err)
	}
	if !strings.Contains(o.Notice(), o.Recovered) {
		t.Fatalf("notice does not say where the file went: %q", o.Notice())
	}
	if _, err := o.Store.Event(ctx); err != nil {
		t.Fatalf("reseeded store: %v", err)
	}
}

func TestUnwritableFolderIsAClearError(t *testing.T) {
	if os.Getuid() == 0 {
		// root writes anywhere; use a path under a regular file instead.
		file := filepath.Join(t.TempDir(), "file")
		os.WriteFile(file, nil, 0o600)
		_, err := Open(context.Background(), filepath.Join(file, "data"), nil)
		if err == nil || !strings.Contains(err.Error(), "cannot create the data folder") {
			t.Fatalf("got %v", err)
		}
		return
	}
	dir := filepath.Join(t.TempDir(), "ro")
	os.Mkdir(dir, 0o500)
	_, err := Open(context.Background(), dir, nil)
	if err == nil || !strings.Contains(err.Error(), "cannot be written") {
		t.Fatalf("got %v", err)
	}
}

func TestDataFolderThatIsAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o600)
	_, err := Open(context.Background(), file, nil)
	if err == nil || !strings.Contains(err.Error(), file) {
		t.Fatalf("got %v", err)
	}
}

// The data folder holds the kiosk's private key (in the database) and
// damaged copies of older databases that hold it too: only the kiosk's
// user may enter it or read them, also when an older kiosk made them.
func TestOpenKeepsTheDataFolderToTheKioskUser(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil { // whatever the umask
		t.Fatal(err)
	}
	old := filepath.Join(dir, DBName+".damaged-20161107T090000Z")
	if err := os.WriteFile(old, []byte("an older kiosk's damaged database"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(old, 0o644)
	o, err := Open(ctx, dir, seedFixture)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Store.Close()
	if _, err := o.Store.Identity(ctx); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o700 {
		t.Errorf("data folder has mode %04o, want 0700", st.Mode().Perm())
	}
	seen := 0
	for _, e := range entries {
		st, err := os.Stat(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		seen++
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %04o, want 0600", e.Name(), st.Mode().Perm())
		}
	}
	if seen < 4 { // kiosk.db, -wal, -shm and the old damaged copy
		t.Fatalf("only %d files in the data folder", seen)
	}
}
