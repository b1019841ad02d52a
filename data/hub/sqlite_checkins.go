package hub

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"kiosk/data"
)

const checkInColumns = `id, event_id, kiosk_id, seq, delegate_id, badge_serial, purpose, session_id, room_id,
	scanned_at, hlc, method, clock_suspect, signature`

// Ingest implements Store.
func (s *SQLiteStore) Ingest(ctx context.Context, pusher string, list []data.CheckIn, received time.Time) ([]IngestOutcome, int64, error) {
	out := make([]IngestOutcome, len(list))
	var acked int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, `INSERT INTO checkins (`+checkInColumns+`, received_at, pushed_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for i, c := range list {
			if out[i], err = insertOnce(ctx, tx, ins, c, received, pusher); err != nil {
				return err
			}
		}
		acked, err = advanceTouched(pusher, list, func(id string) (int64, error) { return advanceGapless(ctx, tx, id) })
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return out, acked, nil
}

// insertOnce stores c unless its id or its kiosk number is taken; then it
// tells an identical copy (Duplicate) from anything else (Conflict).
func insertOnce(ctx context.Context, tx *sql.Tx, ins *sql.Stmt, c data.CheckIn, received time.Time, pusher string) (IngestOutcome, error) {
	res, err := ins.ExecContext(ctx, c.ID, c.EventID, c.KioskID, c.Seq, c.DelegateID, int64(c.BadgeSerial), string(c.Purpose),
		c.SessionID, c.RoomID, ms(c.ScannedAt), c.HLC, string(c.Method), c.ClockSuspect, c.Signature, ms(received), pusher)
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return Stored, err
	}
	held, err := scanCheckIn(tx.QueryRowContext(ctx, `SELECT `+checkInColumns+` FROM checkins WHERE id = ?`, c.ID))
	found := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	return outcomeBeside(held, found, c), nil
}

// advanceGapless moves a kiosk's gapless mark over the check-ins that now
// follow it without a gap, and returns it.
func advanceGapless(ctx context.Context, tx *sql.Tx, kioskID string) (int64, error) {
	var mark int64
	err := tx.QueryRowContext(ctx, `SELECT mark FROM gapless WHERE kiosk_id = ?`, kioskID).Scan(&mark)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT seq FROM checkins WHERE kiosk_id = ? AND seq > ? ORDER BY seq`, kioskID, mark)
	if err != nil {
		return 0, err
	}
	start := mark
	mark, err = gaplessAfter(mark, rows)
	rows.Close()
	if err != nil {
		return 0, err
	}
	if mark == start {
		return mark, nil
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO gapless (kiosk_id, mark) VALUES (?, ?)
		ON CONFLICT (kiosk_id) DO UPDATE SET mark = excluded.mark`, kioskID, mark)
	return mark, err
}

// scanCheckIn reads a check-in's columns, then any extra ones the query
// selected after them.
func scanCheckIn(r scanner, extra ...any) (data.CheckIn, error) {
	var c data.CheckIn
	var serial, scanned int64
	var purpose, method string
	if err := r.Scan(append([]any{&c.ID, &c.EventID, &c.KioskID, &c.Seq, &c.DelegateID, &serial, &purpose, &c.SessionID, &c.RoomID,
		&scanned, &c.HLC, &method, &c.ClockSuspect, &c.Signature}, extra...)...); err != nil {
		return c, err
	}
	c.BadgeSerial, c.Purpose, c.Method, c.ScannedAt = uint32(serial), data.Purpose(purpose), data.Method(method), fromMs(scanned)
	return c, nil
}

// Pull implements Store. Within one read transaction, so that the marks
// and the check-ins read agree.
func (s *SQLiteStore) Pull(ctx context.Context, q PullQuery) (PullPage, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return PullPage{}, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT kiosk_id, mark FROM gapless WHERE kiosk_id <> ? ORDER BY kiosk_id`, q.Exclude)
	if err != nil {
		return PullPage{}, err
	}
	marks, err := scanAll(rows, scanMark)
	rows.Close()
	if err != nil {
		return PullPage{}, err
	}
	return pullPage(q, marks, func(kiosk string, from, to int64) (rowIter, func(), error) {
		rows, err := tx.QueryContext(ctx, `SELECT `+checkInColumns+` FROM checkins WHERE kiosk_id = ? AND seq > ? AND seq <= ? ORDER BY seq`,
			kiosk, from, to)
		if err != nil {
			return nil, nil, err
		}
		return rows, func() { rows.Close() }, nil
	})
}

// CheckInCount implements Store.
func (s *SQLiteStore) CheckInCount(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM checkins`).Scan(&n)
	return n, err
}

// CheckIns implements Store.
func (s *SQLiteStore) CheckIns(ctx context.Context, eventID string) ([]HeldCheckIn, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+checkInColumns+`, received_at, pushed_by
		FROM checkins WHERE event_id = ? ORDER BY kiosk_id, seq`, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanAll(rows, scanHeld)
}
