package hub

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"kiosk/data/syncproto"
)

// Bundle implements Store.
func (s *SQLiteStore) Bundle(ctx context.Context) (*InstalledBundle, error) {
	b, err := scanBundle(s.db.QueryRowContext(ctx, `SELECT event_id, version, sha256, signer, installed_at, bytes FROM bundle`))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT label, public_key FROM bundle_kiosks ORDER BY label`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	b.KioskKeys, err = scanAll(rows, scanBundleKiosk)
	return &b, err
}

// InstallBundle implements Store.
func (s *SQLiteStore) InstallBundle(ctx context.Context, b InstalledBundle) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var event string
		var version int64
		err := tx.QueryRowContext(ctx, `SELECT event_id, version FROM bundle`).Scan(&event, &version)
		if err := notNewer(err, event, version, b); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO bundle (one, event_id, version, sha256, signer, installed_at, bytes)
			VALUES (1, ?, ?, ?, ?, ?, ?)`, b.EventID, b.Version, b.SHA256, []byte(b.Signer), ms(b.Installed), b.Bytes); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM bundle_kiosks`); err != nil {
			return err
		}
		for _, k := range b.KioskKeys {
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO bundle_kiosks (kiosk_id, label, public_key) VALUES (?, ?, ?)`,
				syncproto.KioskIDFor(k.PublicKey), k.KioskID, []byte(k.PublicKey)); err != nil {
				return err
			}
		}
		return nil
	})
}

const kioskColumns = `k.kiosk_id, k.public_key, k.status, k.first_seen, k.last_seen, k.offset_ms, k.flagged, coalesce(g.mark, 0),
	k.report_bundle_version, k.report_waiting, k.reported_at`
const kioskFrom = ` FROM kiosks k LEFT JOIN gapless g ON g.kiosk_id = k.kiosk_id`

func scanKiosk(r scanner) (Kiosk, error) {
	var k Kiosk
	var pub []byte
	var status string
	var first, last, off, reported int64
	if err := r.Scan(&k.ID, &pub, &status, &first, &last, &off, &k.Flagged, &k.Gapless,
		&k.Report.BundleVersion, &k.Report.Waiting, &reported); err != nil {
		return k, err
	}
	if reported != 0 {
		k.Report.At = fromMs(reported)
	}
	k.PublicKey, k.Status = ed25519.PublicKey(pub), KioskStatus(status)
	k.FirstSeen, k.LastSeen, k.Offset = fromMs(first), fromMs(last), time.Duration(off)*time.Millisecond
	return k, nil
}

// Kiosk implements Store.
func (s *SQLiteStore) Kiosk(ctx context.Context, id string) (Kiosk, error) {
	return kioskIn(ctx, s.db, id)
}

type queryer interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func kioskIn(ctx context.Context, db queryer, id string) (Kiosk, error) {
	k, err := scanKiosk(db.QueryRowContext(ctx, `SELECT `+kioskColumns+kioskFrom+` WHERE k.kiosk_id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return k, fmt.Errorf("%w: %s", ErrNoKiosk, id)
	}
	return k, err
}

// Kiosks implements Store.
func (s *SQLiteStore) Kiosks(ctx context.Context) ([]Kiosk, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+kioskColumns+kioskFrom+` ORDER BY k.kiosk_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanAll(rows, scanKiosk)
}

// Admit implements Store.
func (s *SQLiteStore) Admit(ctx context.Context, v Visit) (Kiosk, error) {
	var k Kiosk
	err := s.tx(ctx, func(tx *sql.Tx) error {
		// Expired nonces go first: a request carrying one is refused for
		// its time, so they need not be kept.
		if _, err := tx.ExecContext(ctx, `DELETE FROM nonces WHERE until_ms < ?`, ms(v.Seen)); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO nonces (kiosk_id, nonce, until_ms) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
			v.KioskID, v.Nonce, ms(v.NonceUntil))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return fmt.Errorf("%w (%s, nonce %s)", ErrReplayed, v.KioskID, v.Nonce)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO kiosks (kiosk_id, public_key, status, first_seen, last_seen, offset_ms, flagged)
			VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6)
			ON CONFLICT (kiosk_id) DO UPDATE SET last_seen = excluded.last_seen, offset_ms = excluded.offset_ms,
				flagged = excluded.flagged, status = CASE WHEN excluded.status = 'approved' THEN 'approved' ELSE kiosks.status END`,
			v.KioskID, []byte(v.PublicKey), string(v.Status), ms(v.Seen), v.Offset.Milliseconds(), v.Flagged); err != nil {
			return err
		}
		if r := v.Report; r != nil {
			if _, err := tx.ExecContext(ctx, `UPDATE kiosks SET report_bundle_version = ?, report_waiting = ?, reported_at = ?
				WHERE kiosk_id = ?`, r.BundleVersion, r.Waiting, ms(r.At), v.KioskID); err != nil {
				return err
			}
		}
		k, err = kioskIn(ctx, tx, v.KioskID)
		return err
	})
	return k, err
}

// Approve implements Store.
func (s *SQLiteStore) Approve(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE kiosks SET status = 'approved' WHERE kiosk_id = ?`, id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("%w: %s", ErrNoKiosk, id)
	}
	return nil
}

// ForgetPending implements Store.
func (s *SQLiteStore) ForgetPending(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM kiosks WHERE kiosk_id = ? AND status = 'pending'`, id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("%w waiting for approval: %s", ErrNoKiosk, id)
	}
	return nil
}

// NewIdentity implements Store.
func (s *SQLiteStore) NewIdentity(ctx context.Context) (string, error) {
	id := newHubID()
	if _, err := s.db.ExecContext(ctx, `UPDATE meta SET value = ? WHERE key = 'hub_id'`, id); err != nil {
		return "", err
	}
	s.hubID = id
	return id, nil
}

// Setting implements Store.
func (s *SQLiteStore) Setting(ctx context.Context, name string) ([]byte, bool, error) {
	var v []byte
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE name = ?`, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return v, err == nil, err
}

// SetSetting implements Store.
func (s *SQLiteStore) SetSetting(ctx context.Context, name string, value []byte) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`, name, value)
	return err
}

// SettingOnce implements Store.
func (s *SQLiteStore) SettingOnce(ctx context.Context, name string, value []byte) ([]byte, error) {
	var stored []byte
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING`, name, value); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE name = ?`, name).Scan(&stored)
	})
	return stored, err
}
