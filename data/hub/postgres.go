package hub

import (
	"context"
	"crypto/ed25519"
	_ "embed"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"kiosk/data"
	"kiosk/data/keys"
	"kiosk/data/syncproto"
)

//go:embed schema_postgres.sql
var pgSchemaSQL string

// pgSchemaVersion is the version of schema_postgres.sql, kept in the meta
// table; pgMigrations[i] brings a database of version i+1 to i+2.
const pgSchemaVersion = 1

var pgMigrations = []string{}

// Advisory lock keys (pg_advisory_xact_lock's first int4): the set-up of a
// new database, the installed bundle, and a kiosk's gapless mark (the
// second int4 a hash of its id).
const (
	lockSetUp int32 = 0x6b696f01 + iota
	lockBundle
	lockGapless
)

// PostgresStore is the Store of a hub whose state is in PostgreSQL, for
// events that outgrow one machine: any number of hub processes may share
// one database. Every write is one transaction at PostgreSQL's READ
// COMMITTED level, made safe across processes by what each one takes:
// unique keys with ON CONFLICT for check-ins, nonces and settings (a
// second insert of a key waits for the first to commit or roll back),
// and a transaction-scoped advisory lock for what is read and then
// written (a kiosk's gapless mark, the installed bundle, the set-up).
// A deadlock or serialization failure is retried.
type PostgresStore struct {
	pool  *pgxpool.Pool
	hubID string
	where string
}

var _ Store = (*PostgresStore)(nil)

// OpenPostgres connects to the database at url (postgres://user@host:port/db,
// or anything pgx takes), creating the hub's tables and its epoch in an
// empty database, and bringing an older schema up.
func OpenPostgres(ctx context.Context, url string) (*PostgresStore, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("the PostgreSQL address: %w", err)
	}
	s := &PostgresStore{where: fmt.Sprintf("%s@%s:%d/%s", cfg.ConnConfig.User, cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)}
	if s.pool, err = pgxpool.NewWithConfig(ctx, cfg); err != nil {
		return nil, fmt.Errorf("PostgreSQL %s: %w", s.where, err)
	}
	if err := s.setUp(ctx); err != nil {
		s.pool.Close()
		return nil, fmt.Errorf("the hub's database %s: %w", s.where, err)
	}
	return s, nil
}

// OpenStore opens the store at where: a PostgreSQL database when where is
// a postgres:// or postgresql:// URL (OpenPostgres), else the SQLite store
// in the data folder where (OpenSQLite).
func OpenStore(ctx context.Context, where string) (Store, error) {
	if strings.HasPrefix(where, "postgres://") || strings.HasPrefix(where, "postgresql://") {
		return OpenPostgres(ctx, where)
	}
	return OpenSQLite(ctx, where)
}

// Where is the database as user@host:port/name, without any password.
func (s *PostgresStore) Where() string { return s.where }

// setUp creates or brings up the schema and reads the epoch, one process
// at a time: hubs started together on a new database make one schema and
// one epoch.
func (s *PostgresStore) setUp(ctx context.Context) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockSetUp); err != nil {
			return err
		}
		var v int
		var made bool
		if err := tx.QueryRow(ctx, `SELECT to_regclass('meta') IS NOT NULL`).Scan(&made); err != nil {
			return err
		}
		if made {
			var text string
			err := tx.QueryRow(ctx, `SELECT value FROM meta WHERE key = 'schema_version'`).Scan(&text)
			if err != nil {
				return fmt.Errorf("its schema version: %w", err)
			}
			if v, err = strconv.Atoi(text); err != nil {
				return fmt.Errorf("its schema version %q: %w", text, err)
			}
		}
		switch {
		case v > pgSchemaVersion:
			return fmt.Errorf("it was made by a newer hub (schema %d, this hub knows %d)", v, pgSchemaVersion)
		case v == 0:
			if _, err := tx.Exec(ctx, pgSchemaSQL); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO meta (key, value) VALUES ('hub_id', $1)`, newHubID()); err != nil {
				return err
			}
		}
		for ; v > 0 && v < pgSchemaVersion; v++ {
			if _, err := tx.Exec(ctx, pgMigrations[v-1]); err != nil {
				return fmt.Errorf("bringing schema %d up to %d: %w", v, v+1, err)
			}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO meta (key, value) VALUES ('schema_version', $1)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, strconv.Itoa(pgSchemaVersion)); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT value FROM meta WHERE key = 'hub_id'`).Scan(&s.hubID)
	})
}

// tx runs f in a transaction, again on a deadlock or a serialization
// failure (another hub process got there first): f must do all its work
// again each time.
func (s *PostgresStore) tx(ctx context.Context, f func(pgx.Tx) error) error {
	for try := 1; ; try++ {
		err := pgx.BeginFunc(ctx, s.pool, f)
		var pe *pgconn.PgError
		if err == nil || try == 10 || !errors.As(err, &pe) || (pe.Code != "40001" && pe.Code != "40P01") {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(mrand.IntN(5*try)+1) * time.Millisecond):
		}
	}
}

// HubID implements Store.
func (s *PostgresStore) HubID() string { return s.hubID }

// Close implements Store.
func (s *PostgresStore) Close() error {
	s.pool.Close()
	return nil
}

func scanKey(r scanner) (ed25519.PublicKey, error) {
	var k []byte
	err := r.Scan(&k)
	return k, err
}

// Trusted implements Store.
func (s *PostgresStore) Trusted(ctx context.Context) ([]ed25519.PublicKey, error) {
	rows, err := s.pool.Query(ctx, `SELECT public_key FROM trusted_keys ORDER BY key_id COLLATE "C"`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanAll(rows, scanKey)
}

// Trust implements Store.
func (s *PostgresStore) Trust(ctx context.Context, pub ed25519.PublicKey) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO trusted_keys (key_id, public_key) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
		keys.ID(pub), []byte(pub))
	return err
}

// Bundle implements Store.
func (s *PostgresStore) Bundle(ctx context.Context) (*InstalledBundle, error) {
	var b *InstalledBundle
	// One read-only snapshot: the bundle and its kiosks are of one install.
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		got, err := scanBundle(tx.QueryRow(ctx, `SELECT event_id, version, sha256, signer, installed_at, bytes FROM bundle`))
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT label, public_key FROM bundle_kiosks ORDER BY label COLLATE "C"`)
		if err != nil {
			return err
		}
		defer rows.Close()
		got.KioskKeys, err = scanAll(rows, scanBundleKiosk)
		b = &got
		return err
	})
	return b, err
}

// InstallBundle implements Store. The bundle's lock makes concurrent
// installs one after the other, each reading what the one before wrote.
func (s *PostgresStore) InstallBundle(ctx context.Context, b InstalledBundle) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockBundle); err != nil {
			return err
		}
		var event string
		var version int64
		err := tx.QueryRow(ctx, `SELECT event_id, version FROM bundle`).Scan(&event, &version)
		if err := notNewer(err, event, version, b); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO bundle (one, event_id, version, sha256, signer, installed_at, bytes)
			VALUES (1, $1, $2, $3, $4, $5, $6) ON CONFLICT (one) DO UPDATE SET event_id = excluded.event_id,
			version = excluded.version, sha256 = excluded.sha256, signer = excluded.signer,
			installed_at = excluded.installed_at, bytes = excluded.bytes`,
			b.EventID, b.Version, b.SHA256, []byte(b.Signer), ms(b.Installed), b.Bytes); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM bundle_kiosks`); err != nil {
			return err
		}
		for _, k := range b.KioskKeys {
			if _, err := tx.Exec(ctx, `INSERT INTO bundle_kiosks (kiosk_id, label, public_key) VALUES ($1, $2, $3)
				ON CONFLICT (kiosk_id) DO UPDATE SET label = excluded.label, public_key = excluded.public_key`,
				syncproto.KioskIDFor(k.PublicKey), k.KioskID, []byte(k.PublicKey)); err != nil {
				return err
			}
		}
		return nil
	})
}

// Kiosk implements Store.
func (s *PostgresStore) Kiosk(ctx context.Context, id string) (Kiosk, error) {
	return pgKioskIn(ctx, s.pool, id)
}

type pgQueryer interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func pgKioskIn(ctx context.Context, db pgQueryer, id string) (Kiosk, error) {
	k, err := scanKiosk(db.QueryRow(ctx, `SELECT `+kioskColumns+kioskFrom+` WHERE k.kiosk_id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return k, fmt.Errorf("%w: %s", ErrNoKiosk, id)
	}
	return k, err
}

// Kiosks implements Store.
func (s *PostgresStore) Kiosks(ctx context.Context) ([]Kiosk, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+kioskColumns+kioskFrom+` ORDER BY k.kiosk_id COLLATE "C"`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanAll(rows, scanKiosk)
}

// Admit implements Store. A nonce used by two requests at once is taken
// by one: the second insert waits for the first to commit, then finds it.
func (s *PostgresStore) Admit(ctx context.Context, v Visit) (Kiosk, error) {
	var k Kiosk
	err := s.tx(ctx, func(tx pgx.Tx) error {
		// Expired nonces go first: a request carrying one is refused for
		// its time, so they need not be kept.
		if _, err := tx.Exec(ctx, `DELETE FROM nonces WHERE until_ms < $1`, ms(v.Seen)); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `INSERT INTO nonces (kiosk_id, nonce, until_ms) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
			v.KioskID, v.Nonce, ms(v.NonceUntil))
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("%w (%s, nonce %s)", ErrReplayed, v.KioskID, v.Nonce)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO kiosks (kiosk_id, public_key, status, first_seen, last_seen, offset_ms, flagged)
			VALUES ($1, $2, $3, $4, $4, $5, $6)
			ON CONFLICT (kiosk_id) DO UPDATE SET last_seen = excluded.last_seen, offset_ms = excluded.offset_ms,
				flagged = excluded.flagged, status = CASE WHEN excluded.status = 'approved' THEN 'approved' ELSE kiosks.status END`,
			v.KioskID, []byte(v.PublicKey), string(v.Status), ms(v.Seen), v.Offset.Milliseconds(), v.Flagged); err != nil {
			return err
		}
		if r := v.Report; r != nil {
			if _, err := tx.Exec(ctx, `UPDATE kiosks SET report_bundle_version = $1, report_waiting = $2, reported_at = $3
				WHERE kiosk_id = $4`, r.BundleVersion, r.Waiting, ms(r.At), v.KioskID); err != nil {
				return err
			}
		}
		k, err = pgKioskIn(ctx, tx, v.KioskID)
		return err
	})
	return k, err
}

// Approve implements Store.
func (s *PostgresStore) Approve(ctx context.Context, id string) error {
	tag, err := s.pool.Exec(ctx, `UPDATE kiosks SET status = 'approved' WHERE kiosk_id = $1`, id)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("%w: %s", ErrNoKiosk, id)
	}
	return nil
}

// ForgetPending implements Store.
func (s *PostgresStore) ForgetPending(ctx context.Context, id string) error {
	tag, err := s.pool.Exec(ctx, `DELETE FROM kiosks WHERE kiosk_id = $1 AND status = 'pending'`, id)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("%w waiting for approval: %s", ErrNoKiosk, id)
	}
	return nil
}

// NewIdentity implements Store.
func (s *PostgresStore) NewIdentity(ctx context.Context) (string, error) {
	id := newHubID()
	if _, err := s.pool.Exec(ctx, `UPDATE meta SET value = $1 WHERE key = 'hub_id'`, id); err != nil {
		return "", err
	}
	s.hubID = id
	return id, nil
}

// Setting implements Store.
func (s *PostgresStore) Setting(ctx context.Context, name string) ([]byte, bool, error) {
	var v []byte
	err := s.pool.QueryRow(ctx, `SELECT value FROM settings WHERE name = $1`, name).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, nil
	}
	return v, err == nil, err
}

// SetSetting implements Store.
func (s *PostgresStore) SetSetting(ctx context.Context, name string, value []byte) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO settings (name, value) VALUES ($1, $2)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`, name, value)
	return err
}

// SettingOnce implements Store. Of two processes storing a value at once,
// the second's insert waits for the first's commit and does nothing, and
// its read, a statement later, sees the first's value.
func (s *PostgresStore) SettingOnce(ctx context.Context, name string, value []byte) ([]byte, error) {
	var stored []byte
	err := s.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING`, name, value); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT value FROM settings WHERE name = $1`, name).Scan(&stored)
	})
	return stored, err
}

// scanBundleKiosk reads a bundle_kiosks row's label and key.
func scanBundleKiosk(r scanner) (data.KioskKey, error) {
	var k data.KioskKey
	var pub []byte
	err := r.Scan(&k.KioskID, &pub)
	k.PublicKey = pub
	return k, err
}
