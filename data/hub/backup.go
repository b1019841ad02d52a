package hub

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"kiosk/data/safefile"
	"kiosk/data/sqlitefile"
)

// maxBackup caps the size of a backup file taken back in: far above an
// assembly's hub (a million check-ins are under 1 GiB), far below a disk.
const maxBackup = 64 << 30

// Backup writes a consistent copy of the store to path while the hub
// serves (SQLite's VACUUM INTO reads one snapshot). The file is made
// first, empty and readable by its owner only, since it holds every
// check-in; a file already there is never overwritten.
func (s *SQLiteStore) Backup(ctx context.Context, path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	f.Close()
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path)
		return fmt.Errorf("backup %s: %w", path, err)
	}
	return nil
}

// RestoreSQLite makes the data folder dir, which must hold no hub yet, a
// hub restored from the backup file: the backup's state under a new hub
// id, so that every kiosk pulls again from the start and pushes what the
// backup lacks (Store.NewIdentity). It returns the backup's id and the
// new one. A file that is not a hub's backup is refused and nothing is
// left behind.
func RestoreSQLite(ctx context.Context, backup, dir string) (oldID, newID string, err error) {
	dst := filepath.Join(dir, DBName)
	if _, err := os.Lstat(dst); err == nil {
		return "", "", fmt.Errorf("%s already holds a hub (%s): restore into a new folder, and serve from that one", dir, DBName)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", "", fmt.Errorf("cannot create the hub's data folder %s: %w", dir, err)
	}
	if err := copyBackup(backup, dst); err != nil {
		return "", "", err
	}
	defer func() {
		if err != nil {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(dst + suffix)
			}
		}
	}()
	if oldID, err = backupID(ctx, dst); err != nil {
		return "", "", fmt.Errorf("%s is not a backup of a hub: %w", backup, err)
	}
	s, err := OpenSQLite(ctx, dir)
	if err != nil {
		return "", "", err
	}
	defer s.Close()
	newID, err = s.NewIdentity(ctx)
	return oldID, newID, err
}

// copyBackup copies the backup, a plain file (no link followed), to dst,
// made new and private, and makes the copy durable.
func copyBackup(backup, dst string) error {
	in, _, err := safefile.OpenFile(backup, maxBackup)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, io.LimitReader(in, maxBackup))
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
		return fmt.Errorf("copying %s: %w", backup, err)
	}
	return nil
}

// backupID checks that path is a hub's database of a schema this hub
// knows, before anything opens it as a store (which would turn any other
// SQLite file into an empty hub), and returns its hub id.
func backupID(ctx context.Context, path string) (string, error) {
	db, err := sqlitefile.Open(path)
	if err != nil {
		return "", err
	}
	defer db.Close()
	var v int
	if err := db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return "", err
	}
	if v < 1 || v > schemaVersion {
		return "", fmt.Errorf("its schema version is %d; this hub reads 1 to %d", v, schemaVersion)
	}
	var id string
	err = db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'hub_id'`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", errors.New("it has no hub id")
	}
	return id, err
}
