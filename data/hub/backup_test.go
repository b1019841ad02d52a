package hub

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kiosk/data/pgtest"
	"kiosk/data/sqlitefile"
	"kiosk/data/syncproto"
)

// A stranger's pending kiosk can be forgotten, freeing its place; an
// approved kiosk cannot, and its check-ins stay.
func TestForgetPendingKiosk(t *testing.T) { pgtest.Each(t, testForgetPendingKiosk) }

func testForgetPendingKiosk(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	stranger := newKiosk(t)
	refusedWith(t, f.call(stranger, "POST", syncproto.PathPush, pushBody(t, stranger.take(t, "D1"))), http.StatusForbidden, syncproto.CodePending)
	f.push(f.a, f.a.take(t, "D2"))
	if err := f.store.ForgetPending(ctx, f.a.id); !errors.Is(err, ErrNoKiosk) {
		t.Fatalf("forgetting an approved kiosk: %v", err)
	}
	if err := f.store.ForgetPending(ctx, stranger.id); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.Kiosk(ctx, stranger.id); !errors.Is(err, ErrNoKiosk) {
		t.Fatalf("the forgotten kiosk is still there: %v", err)
	}
	if err := f.store.ForgetPending(ctx, stranger.id); !errors.Is(err, ErrNoKiosk) {
		t.Fatalf("forgetting it twice: %v", err)
	}
	if k, err := f.store.Kiosk(ctx, f.a.id); err != nil || k.Gapless != 1 || f.count() != 1 {
		t.Fatalf("the approved kiosk after a forget: %+v %v, %d held", k, err, f.count())
	}
}

// A new identity makes every kiosk's cursor another hub's: the next pull
// starts again from zero.
func TestNewIdentityRestartsPulls(t *testing.T) { pgtest.Each(t, testNewIdentityRestartsPulls) }

func testNewIdentityRestartsPulls(t *testing.T) {
	f := newFixture(t)
	f.push(f.a, f.a.take(t, "D1"))
	first := f.pull(f.b, "", nil)
	old := first.HubID
	id, err := f.store.NewIdentity(context.Background())
	if err != nil || id == old || len(id) != 32 || f.store.HubID() != id {
		t.Fatalf("new identity %q (was %q), store says %q: %v", id, old, f.store.HubID(), err)
	}
	f.close()
	f.open()
	again := f.pull(f.b, old, first.Cursor)
	if !again.Restart || again.HubID != id || len(again.CheckIns) != 1 {
		t.Fatalf("pull with the old identity's cursor after a new identity: %+v", again)
	}
}

// A backup taken while the hub serves restores into a new folder with
// everything it held, under a new identity.
func TestBackupAndRestore(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.push(f.a, f.a.take(t, "D1"), f.a.take(t, "D2"))
	s := f.store.(*SQLiteStore)
	backup := filepath.Join(t.TempDir(), "hub-backup.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(backup); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v %v", fi, err)
	}
	if err := s.Backup(ctx, backup); err == nil {
		t.Fatal("a backup overwrote a file")
	}

	dir := filepath.Join(t.TempDir(), "restored")
	oldID, newID, err := RestoreSQLite(ctx, backup, dir)
	if err != nil {
		t.Fatal(err)
	}
	if oldID != s.HubID() || newID == oldID {
		t.Fatalf("restored %q -> %q; the hub was %q", oldID, newID, s.HubID())
	}
	r, err := OpenSQLite(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	held, err := r.CheckIns(ctx, testEvent)
	if err != nil || len(held) != 2 || r.HubID() != newID {
		t.Fatalf("restored store: %d check-ins, id %q: %v", len(held), r.HubID(), err)
	}
	if b, err := r.Bundle(ctx); err != nil || b == nil {
		t.Fatalf("restored bundle: %v %v", b, err)
	}
	if _, _, err := RestoreSQLite(ctx, backup, dir); err == nil || !strings.Contains(err.Error(), "already holds a hub") {
		t.Fatalf("restore over a hub: %v", err)
	}
}

// Anything but a hub's backup is refused, and leaves no database behind
// that a hub would later serve.
func TestRestoreRefusesWhatIsNotAHubBackup(t *testing.T) {
	ctx := context.Background()
	src := t.TempDir()
	text := filepath.Join(src, "notes.txt")
	os.WriteFile(text, []byte("not a database at all, but long enough to look like a header......."), 0o600)
	other := filepath.Join(src, "other.db")
	db, err := sqlitefile.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE t (x)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	link := filepath.Join(src, "link.db")
	os.Symlink(other, link)
	for file, want := range map[string]string{
		text:                          "not a backup of a hub",
		other:                         "schema version is 0",
		link:                          "link",
		filepath.Join(src, "missing"): "no such file",
	} {
		dir := t.TempDir()
		if _, _, err := RestoreSQLite(ctx, file, dir); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v; want %q", filepath.Base(file), err, want)
		}
		if _, err := os.Stat(filepath.Join(dir, DBName)); err == nil {
			t.Errorf("%s: a database was left behind", filepath.Base(file))
		}
	}
}
