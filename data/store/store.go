// Package store keeps a kiosk's data in one SQLite file (modernc.org/sqlite,
// pure Go): the installed event, and everything the kiosk records. Every
// public method is one transaction.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"kiosk/data/directory"
	"kiosk/data/sqlitefile"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// ErrCorrupt is wrapped by errors that mean the database file is damaged or
// is not a database at all; the kiosk moves such a file aside and reseeds.
var ErrCorrupt = errors.New("database file is damaged")

// ErrNoEvent is returned by reads when no event is installed yet.
var ErrNoEvent = errors.New("no event installed")

// Store is a kiosk's database.
type Store struct {
	db   *sql.DB
	path string
	now  func() time.Time

	// The directory index is loaded on first use and again whenever the
	// install count moved on since (an install by this process or another).
	dirMu    sync.Mutex
	dir      *directory.Index
	dirCount int64
	// pending is the index an install of this process built, for the
	// install count it will have once committed. SQLite makes a commit
	// visible before COMMIT returns (a WAL checkpoint may follow inside
	// it, copying the whole install): a search in that window takes
	// this index instead of loading the stored one again.
	pending      *directory.Index
	pendingCount int64

	idMu sync.Mutex
	id   Identity

	hlcMu     sync.Mutex
	hlc       int64
	hlcLoaded bool

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt
}

// prepared returns the statement for query, preparing it once: on the
// check-in path, parsing and planning SQL again for every scan costs more
// than running it.
func (s *Store) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	if st, ok := s.stmts[query]; ok {
		return st, nil
	}
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if s.stmts == nil {
		s.stmts = map[string]*sql.Stmt{}
	}
	s.stmts[query] = st
	return st, nil
}

// txStmt is a prepared statement bound to a transaction.
func (s *Store) txStmt(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	st, err := s.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	return tx.StmtContext(ctx, st), nil
}

// Option changes how Open sets up a store.
type Option func(*Store)

// WithClock makes the store read time from now (tests, rehearsals).
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// Open opens (creating if needed) the database at path and brings its
// schema up to date.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	db, err := sqlitefile.Open(path)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, classify(path, err)
	}
	if err := s.screenCheckIns(ctx); err != nil {
		db.Close()
		return nil, classify(path, err)
	}
	return s, nil
}

// FileMode is the mode of the database and its WAL files: the kiosk's
// private key is inside, so no other local user may read them.
const FileMode = sqlitefile.FileMode

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error {
	s.stmtMu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = nil
	s.stmtMu.Unlock()
	return s.db.Close()
}

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now() }

// classify wraps errors that mean a damaged file in ErrCorrupt.
func classify(path string, err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
		}
	}
	return fmt.Errorf("%s: %w", path, err)
}

// migrate applies the embedded numbered migrations not yet applied, each
// in its own transaction, in order.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`); err != nil {
		return err
	}
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		n, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a number", base)
		}
		if err := s.applyMigration(ctx, n, base, name); err != nil {
			return fmt.Errorf("migration %s: %w", base, err)
		}
	}
	return nil
}

func (s *Store) applyMigration(ctx context.Context, version int, base, name string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var done int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&done); err != nil {
			return err
		}
		if done > 0 {
			return nil
		}
		body, err := migrationFiles.ReadFile(name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
			version, base, s.now().Unix())
		return err
	})
}

// tx runs fn in one transaction, committing if it returns nil.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(s.path, err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return classify(s.path, err)
	}
	return classify(s.path, tx.Commit())
}

// Check runs SQLite's own consistency check and returns ErrCorrupt when it
// finds anything wrong.
func (s *Store) Check(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `PRAGMA quick_check`)
	if err != nil {
		return classify(s.path, err)
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return classify(s.path, err)
		}
		if m != "ok" {
			msgs = append(msgs, m)
		}
	}
	if err := rows.Err(); err != nil {
		return classify(s.path, err)
	}
	if len(msgs) > 0 {
		return fmt.Errorf("%w: %s: %s", ErrCorrupt, s.path, strings.Join(msgs, "; "))
	}
	return nil
}

// meta reads a value the kiosk keeps about itself; "" when unset. Other
// packages use the typed settings (settings.go), which own the keys and
// the form of their values.
func (s *Store) meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, classify(s.path, err)
}

// setMeta stores a value the kiosk keeps about itself.
func (s *Store) setMeta(ctx context.Context, key, value string) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return setMetaTx(ctx, tx, key, value) })
}
