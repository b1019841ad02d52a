package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"kiosk/data"
)

// The kiosk's own settings live in the meta table under these keys. Only
// the typed methods below read and write them, each in one transaction,
// so that no other package spells a key or parses a value.
const (
	metaPINFailures = "staff_pin_failures"
	metaPINLocked   = "staff_pin_locked_until"
	metaLastExport  = "last_export_received_ms"
	metaDeskPurpose = "checkin_purpose"
	metaDeskRoom    = "checkin_room"
	metaKioskKey    = "kiosk_key"
	// Written by installs: the bundle's staff PIN, and whether the event
	// may be replaced by another without staff saying so (the demo).
	metaStaffPINHash = "staff_pin_hash"
	metaReplaceable  = "event_replaceable"
	// The highest of this kiosk's sequence numbers the hub acknowledged.
	metaHubAckedSeq = "hub_acked_seq"
)

// ErrBadSetting is wrapped by errors about a setting whose stored value
// is not what the kiosk writes there (the file was edited or damaged).
var ErrBadSetting = errors.New("a kiosk setting holds a value the kiosk never writes")

// StaffPINHash is the stored form of the staff PIN; "" when none is set.
func (s *Store) StaffPINHash(ctx context.Context) (string, error) {
	return s.meta(ctx, metaStaffPINHash)
}

// SetStaffPINHash stores the stored form of a staff PIN chosen at this
// kiosk. It never leaves the kiosk: bundles and exports do not carry it.
func (s *Store) SetStaffPINHash(ctx context.Context, h string) error {
	return s.setMeta(ctx, metaStaffPINHash, h)
}

// PINGuard is what the kiosk remembers about wrong staff PINs.
type PINGuard struct {
	Failures    int       // wrong PINs since the last right one
	LockedUntil time.Time // zero when never locked
}

// PINGuard reads the wrong-PIN count and the lock. A value that does not
// read back as a number is an error wrapping ErrBadSetting, never zero:
// a guard that cannot be read must not open.
func (s *Store) PINGuard(ctx context.Context) (PINGuard, error) {
	var g PINGuard
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		g, err = readPINGuard(ctx, tx)
		return err
	})
	return g, err
}

// RecordPINFailure counts one more wrong PIN and sets the lock that
// lockFor gives for the new count (none when it gives 0), from now, in
// one transaction: two wrong PINs typed at once both count.
func (s *Store) RecordPINFailure(ctx context.Context, now time.Time, lockFor func(failures int) time.Duration) (PINGuard, error) {
	var g PINGuard
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if g, err = readPINGuard(ctx, tx); err != nil {
			return err
		}
		g.Failures++
		if d := lockFor(g.Failures); d > 0 {
			g.LockedUntil = now.Add(d)
		}
		return writePINGuard(ctx, tx, g)
	})
	return g, err
}

// SetPINGuard replaces the guard: zero after a right PIN, or a fresh lock
// when the stored one could not be read.
func (s *Store) SetPINGuard(ctx context.Context, g PINGuard) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return writePINGuard(ctx, tx, g) })
}

func readPINGuard(ctx context.Context, tx *sql.Tx) (PINGuard, error) {
	failures, err := metaInt(ctx, tx, metaPINFailures)
	if err != nil {
		return PINGuard{}, err
	}
	until, err := metaInt(ctx, tx, metaPINLocked)
	if err != nil {
		return PINGuard{}, err
	}
	if failures < 0 || until < 0 {
		return PINGuard{}, fmt.Errorf("%w: the wrong-PIN record is negative", ErrBadSetting)
	}
	g := PINGuard{Failures: int(failures)}
	if until > 0 {
		g.LockedUntil = time.Unix(until, 0)
	}
	return g, nil
}

func writePINGuard(ctx context.Context, tx *sql.Tx, g PINGuard) error {
	var until int64
	if !g.LockedUntil.IsZero() {
		until = g.LockedUntil.Unix()
		if g.LockedUntil.Nanosecond() > 0 {
			until++ // a lock never ends early by rounding
		}
	}
	if err := setMetaTx(ctx, tx, metaPINFailures, strconv.Itoa(g.Failures)); err != nil {
		return err
	}
	return setMetaTx(ctx, tx, metaPINLocked, strconv.FormatInt(until, 10))
}

// LastExport is the receive time of the newest check-in written by the
// last export; zero when the kiosk never exported.
func (s *Store) LastExport(ctx context.Context) (time.Time, error) {
	var ms int64
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		ms, err = metaInt(ctx, tx, metaLastExport)
		return err
	})
	if err != nil || ms == 0 {
		return time.Time{}, err
	}
	return time.UnixMilli(ms), nil
}

// MarkExported records that check-ins received up to upTo were exported.
// The mark never moves back, so "export new" never repeats what an
// earlier export already carried.
func (s *Store) MarkExported(ctx context.Context, upTo time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		old, err := metaInt(ctx, tx, metaLastExport)
		if err != nil && !errors.Is(err, ErrBadSetting) {
			return err
		}
		return setMetaTx(ctx, tx, metaLastExport, strconv.FormatInt(max(old, upTo.UnixMilli()), 10))
	})
}

// DeskSetting is what staff set the check-in desk to: the purpose of its
// check-ins and the room it stands in ("" for none).
type DeskSetting struct {
	Purpose data.Purpose
	RoomID  string
}

// DeskSetting reads the desk's setting; empty when never set.
func (s *Store) DeskSetting(ctx context.Context) (DeskSetting, error) {
	var d DeskSetting
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		p, err := metaTx(ctx, tx, metaDeskPurpose)
		if err != nil {
			return err
		}
		d.Purpose = data.Purpose(p)
		d.RoomID, err = metaTx(ctx, tx, metaDeskRoom)
		return err
	})
	return d, err
}

// SetDeskSetting stores purpose and room together: a desk never has a new
// purpose with the old room.
func (s *Store) SetDeskSetting(ctx context.Context, d DeskSetting) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := setMetaTx(ctx, tx, metaDeskPurpose, string(d.Purpose)); err != nil {
			return err
		}
		return setMetaTx(ctx, tx, metaDeskRoom, d.RoomID)
	})
}

// readTx runs fn in a transaction that only reads, so that values read
// together come from one state of the database.
func (s *Store) readTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return classify(s.path, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return classify(s.path, err)
	}
	return nil
}

func metaTx(ctx context.Context, tx *sql.Tx, key string) (string, error) {
	var v string
	err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// metaInt reads a number the kiosk wrote; 0 when unset.
func metaInt(ctx context.Context, tx *sql.Tx, key string) (int64, error) {
	v, err := metaTx(ctx, tx, key)
	if err != nil || v == "" {
		return 0, err
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %s holds %q, not a number", ErrBadSetting, key, v)
	}
	return n, nil
}

func setMetaTx(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}
