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
