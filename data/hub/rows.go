package hub

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"kiosk/data"
)

// The pieces both stores share: they read rows the same way, whether the
// rows come from database/sql (SQLite) or pgx (PostgreSQL).

type scanner interface{ Scan(...any) error }

// rowIter is the part of sql.Rows and pgx.Rows the readers below use.
type rowIter interface {
	scanner
	Next() bool
	Err() error
}

// scanAll reads every row with scan.
func scanAll[T any](rows rowIter, scan func(scanner) (T, error)) ([]T, error) {
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// gaplessAfter is the mark moved over the sequence numbers rows yields
// (ascending, all above mark) as long as they follow it without a gap.
func gaplessAfter(mark int64, rows rowIter) (int64, error) {
	for rows.Next() {
		var seq int64
		if err := rows.Scan(&seq); err != nil {
			return 0, err
		}
		if seq != mark+1 {
			break
		}
		mark = seq
	}
	return mark, rows.Err()
}

// outcomeBeside is what a check-in c that was not inserted is beside the
// one held under its id: a Duplicate if identical, else a Conflict (found
// is false when the id is free and its kiosk number is another's).
func outcomeBeside(held data.CheckIn, found bool, c data.CheckIn) IngestOutcome {
	if found && held.SameEvent(c) {
		return Duplicate
	}
	return Conflict
}

type kioskMark struct {
	kiosk string
	mark  int64
}

func scanMark(r scanner) (kioskMark, error) {
	var m kioskMark
	err := r.Scan(&m.kiosk, &m.mark)
	return m, err
}

// rangeReader reads a kiosk's check-ins with numbers in (from, to], in
// order, all of them held.
type rangeReader func(kiosk string, from, to int64) (rowIter, func(), error)

// pullPage is Store.Pull over the gapless marks read in one transaction:
// each kiosk's check-ins after the cursor up to its mark, at most q.Limit
// numbers in all, keeping those of q.EventID (the cursor moves over the
// others too).
func pullPage(q PullQuery, marks []kioskMark, read rangeReader) (PullPage, error) {
	page := PullPage{Cursor: map[string]int64{}}
	left := q.Limit
	for _, m := range marks {
		from := max(q.Cursor[m.kiosk], 0)
		page.Cursor[m.kiosk] = from
		if from >= m.mark {
			continue
		}
		if left == 0 {
			page.More = true
			continue
		}
		to := min(m.mark, from+int64(left))
		rows, done, err := read(m.kiosk, from, to)
		if err != nil {
			return page, err
		}
		last := from
		for rows.Next() {
			c, err := scanCheckIn(rows)
			if err != nil {
				done()
				return page, err
			}
			last = c.Seq
			if c.EventID == q.EventID {
				page.CheckIns = append(page.CheckIns, c)
			}
		}
		done()
		if err := rows.Err(); err != nil {
			return page, err
		}
		left -= int(last - from)
		page.Cursor[m.kiosk] = last
		page.More = page.More || last < m.mark
	}
	page.CheckIns = slices.Clip(page.CheckIns)
	return page, nil
}

// scanHeld reads a check-in's columns then received_at and pushed_by.
func scanHeld(r scanner) (HeldCheckIn, error) {
	var h HeldCheckIn
	var received int64
	c, err := scanCheckIn(r, &received, &h.PushedBy)
	h.CheckIn, h.Received = c, fromMs(received)
	return h, err
}

// noRows is a query for one row finding none, in either store.
func noRows(err error) bool {
	return errors.Is(err, sql.ErrNoRows) || errors.Is(err, pgx.ErrNoRows)
}

// scanBundle reads the bundle row's event_id, version, sha256, signer,
// installed_at and bytes.
func scanBundle(r scanner) (InstalledBundle, error) {
	var b InstalledBundle
	var signer []byte
	var at int64
	err := r.Scan(&b.EventID, &b.Version, &b.SHA256, &signer, &at, &b.Bytes)
	b.Signer, b.Installed = signer, fromMs(at)
	return b, err
}

// notNewer refuses to install b over the installed event and version
// read with err (no row: nothing installed): an install never goes
// back.
func notNewer(err error, event string, version int64, b InstalledBundle) error {
	switch {
	case noRows(err):
		return nil
	case err != nil:
		return err
	case event == b.EventID && version >= b.Version:
		return fmt.Errorf("%w: version %d of %s is installed, this is %d", ErrNotNewer, version, event, b.Version)
	}
	return nil
}

// advanceTouched moves the gapless mark of the pusher and of every kiosk
// whose check-ins list holds, in one order of ids (so that two
// transactions taking per-kiosk locks never wait on each other), and
// returns the pusher's mark.
func advanceTouched(pusher string, list []data.CheckIn, advance func(kiosk string) (int64, error)) (int64, error) {
	touched := []string{pusher}
	for _, c := range list {
		touched = append(touched, c.KioskID)
	}
	slices.Sort(touched)
	var acked int64
	for _, id := range slices.Compact(touched) {
		mark, err := advance(id)
		if err != nil {
			return 0, err
		}
		if id == pusher {
			acked = mark
		}
	}
	return acked, nil
}
