package hub

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"database/sql"
	_ "embed"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"kiosk/data/keys"
	"kiosk/data/sqlitefile"
)

// DBName is the hub's database file in its data folder.
const DBName = "hub.db"

//go:embed schema.sql
var schemaSQL string

const schemaVersion = 2

// migrations bring a database of schema version i+1 to i+2.
var migrations = []string{
	`ALTER TABLE kiosks ADD COLUMN report_bundle_version INTEGER NOT NULL DEFAULT 0;
	 ALTER TABLE kiosks ADD COLUMN report_waiting INTEGER NOT NULL DEFAULT 0;
	 ALTER TABLE kiosks ADD COLUMN reported_at INTEGER NOT NULL DEFAULT 0;
	 CREATE TABLE settings (name TEXT PRIMARY KEY, value BLOB NOT NULL) STRICT;`,
}

// SQLiteStore is the Store of a hub on one machine: one SQLite file in the
// hub's data folder.
type SQLiteStore struct {
	db    *sql.DB
	path  string
	hubID string
}

var _ Store = (*SQLiteStore)(nil)

// OpenSQLite opens the store in the data folder dir, creating the folder
// and the database as needed, both readable by their owner only: the
// database holds every check-in.
func OpenSQLite(ctx context.Context, dir string) (*SQLiteStore, error) {
	// A folder staff made keeps its mode (it may be shared with other
	// things); the database file itself is private in any case.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the hub's data folder %s: %w", dir, err)
	}
	path := filepath.Join(dir, DBName)
	db, err := sqlitefile.Open(path)
	if err != nil {
		return nil, err
	}
	s := &SQLiteStore{db: db, path: path}
	if err := s.setUp(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("the hub's database %s: %w", path, err)
	}
	return s, nil
}

// setUp creates the schema and the hub's epoch on a new database, in one
// transaction, and reads the epoch.
func (s *SQLiteStore) setUp(ctx context.Context) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var v int
		if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
			return err
		}
		switch {
		case v > schemaVersion:
			return fmt.Errorf("it was made by a newer hub (schema %d, this hub knows %d)", v, schemaVersion)
		case v == 0:
			if err := createSchema(ctx, tx); err != nil {
				return err
			}
		case v < schemaVersion:
			for ; v < schemaVersion; v++ {
				if _, err := tx.ExecContext(ctx, migrations[v-1]); err != nil {
					return fmt.Errorf("bringing schema %d up to %d: %w", v, v+1, err)
				}
			}
			if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, schemaVersion)); err != nil {
				return err
			}
		}
		return tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'hub_id'`).Scan(&s.hubID)
	})
}

// newHubID is a new random hub id (an epoch: see Store.HubID).
func newHubID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand since Go 1.24)
	return hex.EncodeToString(b[:])
}

func createSchema(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, schemaSQL); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('hub_id', ?)`, newHubID()); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, schemaVersion))
	return err
}

func (s *SQLiteStore) tx(ctx context.Context, f func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Path is the database file.
func (s *SQLiteStore) Path() string { return s.path }

// HubID implements Store.
func (s *SQLiteStore) HubID() string { return s.hubID }

// Close implements Store.
func (s *SQLiteStore) Close() error { return s.db.Close() }

// Trusted implements Store.
func (s *SQLiteStore) Trusted(ctx context.Context) ([]ed25519.PublicKey, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT public_key FROM trusted_keys ORDER BY key_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanAll(rows, scanKey)
}

// Trust implements Store.
func (s *SQLiteStore) Trust(ctx context.Context, pub ed25519.PublicKey) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO trusted_keys (key_id, public_key) VALUES (?, ?) ON CONFLICT DO NOTHING`,
		keys.ID(pub), []byte(pub))
	return err
}

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMs(v int64) time.Time { return time.UnixMilli(v).UTC() }
