package hub

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"kiosk/data"
)

// Ingest implements Store. The inserts go in one round trip; a check-in
// inserted by another hub process at the same moment makes this insert
// wait for that commit, then count as a duplicate. Then each kiosk's
// gapless mark moves under that kiosk's lock, so that of two processes
// storing numbers 1 and 2 at once, the later to take the lock sees both.
func (s *PostgresStore) Ingest(ctx context.Context, pusher string, list []data.CheckIn, received time.Time) ([]IngestOutcome, int64, error) {
	out := make([]IngestOutcome, len(list))
	var acked int64
	err := s.tx(ctx, func(tx pgx.Tx) error {
		missed, err := insertAll(ctx, tx, list, received, pusher, out)
		if err != nil {
			return err
		}
		if err := classifyMissed(ctx, tx, list, missed, out); err != nil {
			return err
		}
		acked, err = advanceTouched(pusher, list, func(id string) (int64, error) { return pgAdvanceGapless(ctx, tx, id) })
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return out, acked, nil
}

// insertAll inserts every check-in unless its id or kiosk number is
// taken, marking those inserted Stored in out, and returns the indexes of
// the others.
func insertAll(ctx context.Context, tx pgx.Tx, list []data.CheckIn, received time.Time, pusher string, out []IngestOutcome) ([]int, error) {
	var b pgx.Batch
	for _, c := range list {
		b.Queue(`INSERT INTO checkins (`+checkInColumns+`, received_at, pushed_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT DO NOTHING`,
			c.ID, c.EventID, c.KioskID, c.Seq, c.DelegateID, int64(c.BadgeSerial), string(c.Purpose),
			c.SessionID, c.RoomID, ms(c.ScannedAt), c.HLC, string(c.Method), c.ClockSuspect, c.Signature, ms(received), pusher)
	}
	res := tx.SendBatch(ctx, &b)
	var missed []int
	for i := range list {
		tag, err := res.Exec()
		if err != nil {
			res.Close()
			return nil, err
		}
		if tag.RowsAffected() == 1 {
			out[i] = Stored
		} else {
			missed = append(missed, i)
		}
	}
	return missed, res.Close()
}

// classifyMissed tells, for each check-in not inserted, an identical copy
// of the one held under its id (Duplicate) from anything else (Conflict).
func classifyMissed(ctx context.Context, tx pgx.Tx, list []data.CheckIn, missed []int, out []IngestOutcome) error {
	if len(missed) == 0 {
		return nil
	}
	ids := make([]string, len(missed))
	for j, i := range missed {
		ids[j] = list[i].ID
	}
	rows, err := tx.Query(ctx, `SELECT `+checkInColumns+` FROM checkins WHERE id = ANY($1)`, ids)
	if err != nil {
		return err
	}
	held, err := scanAll(rows, func(r scanner) (data.CheckIn, error) { return scanCheckIn(r) })
	rows.Close()
	if err != nil {
		return err
	}
	byID := make(map[string]data.CheckIn, len(held))
	for _, c := range held {
		byID[c.ID] = c
	}
	for _, i := range missed {
		h, found := byID[list[i].ID]
		out[i] = outcomeBeside(h, found, list[i])
	}
	return nil
}

// pgAdvanceGapless moves a kiosk's gapless mark over the check-ins that
// now follow it without a gap, and returns it. The lock is held until the
// transaction ends; each statement after it sees every check-in committed
// before it was granted.
func pgAdvanceGapless(ctx context.Context, tx pgx.Tx, kioskID string) (int64, error) {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, lockGapless, kioskID); err != nil {
		return 0, err
	}
	var start int64
	if err := tx.QueryRow(ctx, `SELECT coalesce((SELECT mark FROM gapless WHERE kiosk_id = $1), 0)`, kioskID).Scan(&start); err != nil {
		return 0, err
	}
	rows, err := tx.Query(ctx, `SELECT seq FROM checkins WHERE kiosk_id = $1 AND seq > $2 ORDER BY seq`, kioskID, start)
	if err != nil {
		return 0, err
	}
	mark, err := gaplessAfter(start, rows)
	rows.Close()
	if err != nil || mark == start {
		return mark, err
	}
	_, err = tx.Exec(ctx, `INSERT INTO gapless (kiosk_id, mark) VALUES ($1, $2)
		ON CONFLICT (kiosk_id) DO UPDATE SET mark = excluded.mark`, kioskID, mark)
	return mark, err
}

// Pull implements Store, in one read-only snapshot, so that the marks and
// the check-ins read agree.
func (s *PostgresStore) Pull(ctx context.Context, q PullQuery) (PullPage, error) {
	var page PullPage
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT kiosk_id, mark FROM gapless WHERE kiosk_id <> $1 ORDER BY kiosk_id COLLATE "C"`, q.Exclude)
		if err != nil {
			return err
		}
		marks, err := scanAll(rows, scanMark)
		rows.Close()
		if err != nil {
			return err
		}
		page, err = pullPage(q, marks, func(kiosk string, from, to int64) (rowIter, func(), error) {
			rows, err := tx.Query(ctx, `SELECT `+checkInColumns+` FROM checkins WHERE kiosk_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`,
				kiosk, from, to)
			if err != nil {
				return nil, nil, err
			}
			return rows, rows.Close, nil
		})
		return err
	})
	return page, err
}

// CheckInCount implements Store.
func (s *PostgresStore) CheckInCount(ctx context.Context) (int64, error) {
	var n int64
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM checkins`).Scan(&n)
	return n, err
}

// CheckIns implements Store.
func (s *PostgresStore) CheckIns(ctx context.Context, eventID string) ([]HeldCheckIn, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+checkInColumns+`, received_at, pushed_by
		FROM checkins WHERE event_id = $1 ORDER BY kiosk_id COLLATE "C", seq`, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanAll(rows, scanHeld)
}
