package store

import (
	"context"
	"database/sql"
	"fmt"

	"kiosk/data"
)

// metaScreened marks a database whose stored check-ins were screened once
// against today's rules of a record (screenCheckIns).
const metaScreened = "checkins_screened"

// screenCheckIns sets aside, once per database, the stored check-ins that
// a kiosk took in before every relayed record was checked: one claiming
// this kiosk's own id (its number would break the kiosk's own numbering,
// seq 2^63-1 even every later scan) and one breaking the rules of a
// record (every later export of the kiosk would fail on it). They go to
// checkins_quarantine with the reason, never deleted. New records cannot
// need it: every way in applies the same rules.
func (s *Store) screenCheckIns(ctx context.Context) error {
	done, err := s.meta(ctx, metaScreened)
	if err != nil || done == "1" {
		return err
	}
	var own string
	if key, err := s.meta(ctx, metaKioskKey); err != nil {
		return err
	} else if key != "" {
		id, err := s.Identity(ctx)
		if err != nil {
			return err
		}
		own = id.KioskID
	}
	all, err := s.CheckIns(ctx, CheckInFilter{})
	if err != nil {
		return err
	}
	bad := map[string]string{}
	for _, c := range all {
		if reason := screen(c, own); reason != "" {
			bad[c.ID] = reason
		}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if len(bad) > 0 {
			if err := s.setAside(ctx, tx, bad); err != nil {
				return err
			}
		}
		return setMetaTx(ctx, tx, metaScreened, "1")
	})
}

// screen says why a stored check-in must be set aside, "" if it stays.
func screen(c data.CheckIn, own string) string {
	if own != "" && c.KioskID == own && c.Origin != data.OriginHere {
		return fmt.Sprintf("came in by %s claiming this kiosk's id", c.Origin)
	}
	if err := c.Validate(); err != nil {
		return err.Error()
	}
	return ""
}

// setAside moves check-ins to the quarantine table. Check-ins are
// append-only, guarded by a trigger; the trigger is lifted for this one
// transaction only and put back before it commits.
func (s *Store) setAside(ctx context.Context, tx *sql.Tx, bad map[string]string) error {
	now := s.now().UnixMilli()
	for id, reason := range bad {
		if _, err := tx.ExecContext(ctx, `INSERT INTO checkins_quarantine SELECT id, event_id, kiosk_id, seq,
			delegate_id, badge_serial, purpose, session_id, room_id, scanned_at, hlc, method, clock_suspect,
			signature, purpose_key, origin, received_at, ?, ? FROM checkins WHERE id = ?`, reason, now, id); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DROP TRIGGER checkins_are_never_deleted`); err != nil {
		return err
	}
	for id := range bad {
		if _, err := tx.ExecContext(ctx, `DELETE FROM checkins WHERE id = ?`, id); err != nil {
			return err
		}
		// Its sync row would say nothing of any check-in here.
		if _, err := tx.ExecContext(ctx, `DELETE FROM sync_done WHERE id = ?`, id); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `CREATE TRIGGER checkins_are_never_deleted BEFORE DELETE ON checkins
BEGIN
    SELECT RAISE(ABORT, 'check-ins are append-only');
END`)
	return err
}

// SetAside lists the check-ins set aside, with their reasons, for staff.
func (s *Store) SetAside(ctx context.Context) ([]SetAsideCheckIn, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, kiosk_id, seq, reason FROM checkins_quarantine ORDER BY moved_at, id`)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var list []SetAsideCheckIn
	for rows.Next() {
		var c SetAsideCheckIn
		if err := rows.Scan(&c.ID, &c.KioskID, &c.Seq, &c.Reason); err != nil {
			return nil, classify(s.path, err)
		}
		list = append(list, c)
	}
	return list, classify(s.path, rows.Err())
}

// SetAsideCheckIn is a check-in kept apart, and why.
type SetAsideCheckIn struct {
	ID, KioskID string
	Seq         int64
	Reason      string
}
