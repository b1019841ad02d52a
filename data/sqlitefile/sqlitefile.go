// Package sqlitefile opens an SQLite database file (modernc.org/sqlite,
// pure Go) the way every database of the project is opened: private to its
// owner, and with the connection settings a durable check-in needs. The
// kiosk's store and the hub's store both use it; neither knows the other.
package sqlitefile

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"

	_ "modernc.org/sqlite" // the "sqlite" driver
)

// FileMode is the mode of a database and its WAL files: they hold keys
// and check-ins, so no other local user may read them.
const FileMode os.FileMode = 0o600

// Open makes the file private (Restrict), then opens it with DSN.
func Open(path string) (*sql.DB, error) {
	if err := Restrict(path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", DSN(path))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// Restrict creates the database file readable by its owner only before
// SQLite opens it (SQLite gives the -wal and -shm files the mode of the
// database file), and tightens the files of a database made looser
// before (taking group and other permissions off). Links and other
// non-regular files are left alone: chmod would follow a link elsewhere.
func Restrict(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, FileMode)
	if err == nil {
		f.Close()
	} else if !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("cannot create the database %s: %w", path, err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		st, err := os.Lstat(p)
		if err != nil || !st.Mode().IsRegular() || st.Mode().Perm()&0o077 == 0 {
			continue
		}
		if err := os.Chmod(p, st.Mode().Perm()&^0o077); err != nil {
			return fmt.Errorf("cannot make %s readable by its owner only: %w", p, err)
		}
	}
	return nil
}

// DSN sets the pragmas every connection needs, in the order that matters:
// busy_timeout first so that the others wait for a lock instead of
// failing; synchronous(FULL) so that a committed check-in survives a power
// cut; immediate transactions so that two writers queue instead of
// deadlocking.
func DSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}
