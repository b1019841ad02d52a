package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"kiosk/data"
	"kiosk/data/hubtls"
)

// Sync state keys in the meta table (see settings.go for the others).
const (
	// The hub set by hand, and the one the installed bundle names.
	metaHubURL         = "hub_url"
	metaHubFingerprint = "hub_fingerprint"
	metaBundleHubURL   = "bundle_hub_url"
	metaBundleHubPin   = "bundle_hub_fingerprint"
	// The hub identity the acknowledged mark and sync_done belong to, and
	// the one the pull cursor belongs to. They are kept apart: a push may
	// meet a new hub before a pull does, and the pull must still send the
	// old identity so that the hub answers "restart".
	metaHubPushID   = "hub_push_id"
	metaHubPullID   = "hub_pull_id"
	metaSyncOK      = "sync_last_ok_ms"
	metaSyncErr     = "sync_last_error"
	metaSyncErrTime = "sync_last_error_ms"
)

// HubSetting is a hub as set by hand for this kiosk (kiosk --hub, staff
// mode): its URL, and the fingerprint of its key ("" to use the bundle's).
type HubSetting struct {
	URL         string
	Fingerprint string
}

// Hub is the hub this kiosk syncs with, and where each part comes from.
type Hub struct {
	URL         string // "" for none: sync is off
	Fingerprint string // the pinned key, "" for none
	// URLFromBundle and PinFromBundle say the value is the installed
	// bundle's (the event's hub_url, hub_fingerprint), not set by hand.
	URLFromBundle, PinFromBundle bool
}

// Hub reads the hub to sync with (ResolveHub).
func (s *Store) Hub(ctx context.Context) (Hub, error) {
	hand, bundle, err := s.HubSettings(ctx)
	return ResolveHub(hand, bundle), err
}

// HubSettings reads the hub set by hand and the one the installed bundle
// names, in one transaction.
func (s *Store) HubSettings(ctx context.Context) (hand, bundle HubSetting, err error) {
	err = s.readTx(ctx, func(tx *sql.Tx) error {
		for _, f := range []struct {
			to  *string
			key string
		}{{&hand.URL, metaHubURL}, {&hand.Fingerprint, metaHubFingerprint}, {&bundle.URL, metaBundleHubURL}, {&bundle.Fingerprint, metaBundleHubPin}} {
			var err error
			if *f.to, err = metaTx(ctx, tx, f.key); err != nil {
				return err
			}
		}
		return nil
	})
	return hand, bundle, err
}

// ResolveHub is the hub to sync with. A URL set by hand wins over the
// bundle's (staff on site know the address the venue network gave); a
// fingerprint set by hand wins too, and else the bundle's pins the hub at
// whatever URL, so that a kiosk set up by USB takes only the event's hub
// even at an address typed in staff mode.
func ResolveHub(hand, bundle HubSetting) Hub {
	h := Hub{URL: hand.URL, Fingerprint: hand.Fingerprint}
	if h.URL == "" && bundle.URL != "" {
		h.URL, h.URLFromBundle = bundle.URL, true
	}
	if h.Fingerprint == "" && bundle.Fingerprint != "" {
		h.Fingerprint, h.PinFromBundle = bundle.Fingerprint, true
	}
	return h
}

// HubURL is the URL of the hub this kiosk syncs with (see Hub); "" for
// none.
func (s *Store) HubURL(ctx context.Context) (string, error) {
	h, err := s.Hub(ctx)
	return h.URL, err
}

// SetHub keeps the hub set by hand; an empty URL leaves the bundle's hub,
// if any, and else turns sync off. A URL that is not one, or a malformed
// fingerprint, changes nothing: a kiosk must not keep a value it would
// fail on at every start. Whether the hub may be contacted (a fingerprint
// for https, loopback for http) is the transport's rule, applied where
// the kiosk's flags are known (hubtls.Endpoint).
func (s *Store) SetHub(ctx context.Context, h HubSetting) error {
	h, err := CleanHubSetting(h)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := setMetaTx(ctx, tx, metaHubURL, h.URL); err != nil {
			return err
		}
		return setMetaTx(ctx, tx, metaHubFingerprint, h.Fingerprint)
	})
}

// CleanHubSetting is h as the kiosk keeps it (spaces and a trailing slash
// off, the fingerprint in lower case), or why it cannot be kept.
func CleanHubSetting(h HubSetting) (HubSetting, error) {
	h.URL = strings.TrimSpace(h.URL)
	if h.URL != "" {
		if err := hubtls.CheckURL(h.URL); err != nil {
			return h, err
		}
	}
	h.URL = strings.TrimRight(h.URL, "/")
	h.Fingerprint = strings.TrimSpace(h.Fingerprint)
	if h.Fingerprint != "" {
		var err error
		if h.Fingerprint, err = hubtls.ParseFingerprint(h.Fingerprint); err != nil {
			return h, err
		}
	}
	return h, nil
}

// setBundleHub keeps the hub the installed bundle names, in the install's
// transaction: a bundle without one clears it.
func setBundleHub(ctx context.Context, tx *sql.Tx, e data.Event) error {
	pin := ""
	if e.HubFingerprint != "" {
		var err error
		if pin, err = hubtls.ParseFingerprint(e.HubFingerprint); err != nil {
			return err
		}
	}
	if err := setMetaTx(ctx, tx, metaBundleHubURL, strings.TrimRight(e.HubURL, "/")); err != nil {
		return err
	}
	return setMetaTx(ctx, tx, metaBundleHubPin, pin)
}

// The check-ins of event ?3 ("" for every event) that wait for the hub:
// this kiosk's own above the acknowledged mark (?1 kiosk id, ?2 mark), and
// those relayed from other kiosks, leaving out any the hub answered for
// or refused.
const (
	notAnswered = ` AND NOT EXISTS (SELECT 1 FROM sync_done d WHERE d.id = c.id)
	AND NOT EXISTS (SELECT 1 FROM sync_rejected r WHERE r.id = c.id)`
	pendingOwnSQL = `SELECT ` + checkInColumns + ` FROM checkins c WHERE kiosk_id = ?1 AND seq > ?2 AND origin = 'here'
	AND (?3 = '' OR event_id = ?3)` + notAnswered
	pendingRelayedSQL = `SELECT ` + checkInColumns + ` FROM checkins c WHERE origin IN ('code', 'export')
	AND (?3 = '' OR event_id = ?3)` + notAnswered
	pendingSQL = pendingOwnSQL + ` UNION ALL ` + pendingRelayedSQL
)

// PendingCheckIns lists at most limit check-ins of an event that wait to
// be pushed to the hub: own ones first, in number order, so that the
// hub's gapless mark moves with each batch, then relayed ones by kiosk
// and number. Each part is read in its index's order and stops at the
// limit: a batch never sorts the whole backlog. A hub serves one event:
// check-ins of another (the demo's, kept when a real event replaced it)
// would only be refused as a whole request.
func (s *Store) PendingCheckIns(ctx context.Context, eventID string, limit int) ([]data.CheckIn, error) {
	id, err := s.Identity(ctx)
	if err != nil {
		return nil, err
	}
	var out []data.CheckIn
	err = s.readTx(ctx, func(tx *sql.Tx) error {
		mark, err := metaInt(ctx, tx, metaHubAckedSeq)
		if err != nil {
			return err
		}
		out = nil
		for _, q := range []string{pendingOwnSQL + ` ORDER BY seq`, pendingRelayedSQL + ` ORDER BY kiosk_id, seq`} {
			if len(out) >= limit {
				break
			}
			if out, err = appendCheckIns(ctx, tx, out, q+` LIMIT ?4`, id.KioskID, mark, eventID, limit-len(out)); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

func appendCheckIns(ctx context.Context, tx *sql.Tx, out []data.CheckIn, query string, args ...any) ([]data.CheckIn, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCheckIn(rows)
		if err != nil {
			return out, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SyncStatus is what the kiosk knows of its sync with the hub, for staff
// mode.
type SyncStatus struct {
	Acked     int64 // the hub's acknowledged mark for this kiosk's own check-ins
	Waiting   int   // check-ins to push (own and relayed)
	Rejected  int   // check-ins the hub refused, kept here
	LastSync  time.Time
	LastError string
	ErrorAt   time.Time
}

// SyncStatus reads the sync state in one transaction; Waiting counts the
// check-ins of eventID ("" for every event).
func (s *Store) SyncStatus(ctx context.Context, eventID string) (SyncStatus, error) {
	id, err := s.Identity(ctx)
	if err != nil {
		return SyncStatus{}, err
	}
	var st SyncStatus
	err = s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		if st.Acked, err = metaInt(ctx, tx, metaHubAckedSeq); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (`+pendingSQL+`)`, id.KioskID, st.Acked, eventID).Scan(&st.Waiting); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sync_rejected`).Scan(&st.Rejected); err != nil {
			return err
		}
		return readSyncTimes(ctx, tx, &st)
	})
	return st, err
}

func readSyncTimes(ctx context.Context, tx *sql.Tx, st *SyncStatus) error {
	var err error
	if st.LastError, err = metaTx(ctx, tx, metaSyncErr); err != nil {
		return err
	}
	okMS, err := metaInt(ctx, tx, metaSyncOK)
	if err != nil {
		return err
	}
	errMS, err := metaInt(ctx, tx, metaSyncErrTime)
	if err != nil {
		return err
	}
	if okMS > 0 {
		st.LastSync = unixMilli(okMS)
	}
	if errMS > 0 && st.LastError != "" {
		st.ErrorAt = unixMilli(errMS)
	}
	return nil
}

// PushResult is the hub's answer to one push, as the kiosk keeps it.
type PushResult struct {
	HubID string
	// Acked is the hub's highest gapless number for this kiosk's own
	// check-ins; Done the ids it answered stored or duplicate; Rejected
	// the ids it refused, with its reasons.
	Acked    int64
	Done     []string
	Rejected map[string]string
}

// RecordPush keeps a hub's answer to a push, in one transaction. The
// acknowledged mark only moves forward, and never past this kiosk's own
// last number (a hub cannot make the kiosk skip a check-in it has not
// seen). A hub with another identity than the last one that answered
// (replaced, or restored from a backup) starts afresh: its own mark, and
// every relayed check-in sent again. Refused check-ins stay refused.
func (s *Store) RecordPush(ctx context.Context, r PushResult) error {
	if r.HubID == "" {
		return fmt.Errorf("the hub's answer names no hub identity")
	}
	id, err := s.Identity(ctx)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		mark, err := s.pushMark(ctx, tx, r.HubID)
		if err != nil {
			return err
		}
		var last int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM checkins WHERE kiosk_id = ?`,
			id.KioskID).Scan(&last); err != nil {
			return err
		}
		if err := setMetaTx(ctx, tx, metaHubAckedSeq, strconv.FormatInt(max(mark, min(r.Acked, last)), 10)); err != nil {
			return err
		}
		if err := markDone(ctx, tx, r.Done); err != nil {
			return err
		}
		if err := markRejected(ctx, tx, r.Rejected, s.now()); err != nil {
			return err
		}
		return setMetaTx(ctx, tx, metaSyncOK, strconv.FormatInt(s.now().UnixMilli(), 10))
	})
}

// MeetHub tells the store which hub answered a pull: a hub with another
// identity than the one the acknowledged mark is of starts afresh, as in
// RecordPush, so that a kiosk with nothing new still sends everything to
// a replaced hub. It reports whether the hub was new.
func (s *Store) MeetHub(ctx context.Context, hubID string) (bool, error) {
	if hubID == "" {
		return false, fmt.Errorf("the hub's answer names no hub identity")
	}
	// Almost every pull meets the same hub: a read settles it without
	// taking the write lock a scan may be waiting for.
	var was string
	if err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		was, err = metaTx(ctx, tx, metaHubPushID)
		return err
	}); err != nil || was == hubID {
		return false, err
	}
	var changed bool
	err := s.tx(ctx, func(tx *sql.Tx) error {
		was, err := metaTx(ctx, tx, metaHubPushID)
		if err != nil || was == hubID {
			return err
		}
		changed = true
		_, err = s.pushMark(ctx, tx, hubID)
		return err
	})
	return changed, err
}

// pushMark is the acknowledged mark that holds for hub hubID: the stored
// one for the same hub, 0 for another (whose sync_done it clears).
func (s *Store) pushMark(ctx context.Context, tx *sql.Tx, hubID string) (int64, error) {
	was, err := metaTx(ctx, tx, metaHubPushID)
	if err != nil {
		return 0, err
	}
	if was == hubID {
		return metaInt(ctx, tx, metaHubAckedSeq)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sync_done`); err != nil {
		return 0, err
	}
	if err := setMetaTx(ctx, tx, metaHubAckedSeq, "0"); err != nil {
		return 0, err
	}
	return 0, setMetaTx(ctx, tx, metaHubPushID, hubID)
}

func markDone(ctx context.Context, tx *sql.Tx, ids []string) error {
	st, err := tx.PrepareContext(ctx, `INSERT INTO sync_done (id) VALUES (?) ON CONFLICT DO NOTHING`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, id := range ids {
		if _, err := st.ExecContext(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// markRejected keeps the hub's first reason for a check-in: a later answer
// about the same one changes nothing.
func markRejected(ctx context.Context, tx *sql.Tx, reasons map[string]string, now time.Time) error {
	st, err := tx.PrepareContext(ctx, `INSERT INTO sync_rejected (id, reason, rejected_at) VALUES (?, ?, ?)
		ON CONFLICT DO NOTHING`)
	if err != nil {
		return err
	}
	defer st.Close()
	for id, reason := range reasons {
		if _, err := st.ExecContext(ctx, id, reason, now.UnixMilli()); err != nil {
			return err
		}
	}
	return nil
}

// RejectedCheckIn is a check-in the hub refused, kept on the kiosk.
type RejectedCheckIn struct {
	CheckIn    data.CheckIn
	Reason     string
	RejectedAt time.Time
}

// RejectedCheckIns lists the check-ins the hub refused, newest refusal
// first.
func (s *Store) RejectedCheckIns(ctx context.Context) ([]RejectedCheckIn, error) {
	var out []RejectedCheckIn
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+prefixed("c.", checkInColumns)+`, r.reason, r.rejected_at
			FROM sync_rejected r JOIN checkins c ON c.id = r.id ORDER BY r.rejected_at DESC, c.kiosk_id, c.seq`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r RejectedCheckIn
			var at int64
			if r.CheckIn, err = scanCheckIn(rowWithExtra{rows, []any{&r.Reason, &at}}); err != nil {
				return err
			}
			r.RejectedAt = unixMilli(at)
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// rowWithExtra scans a check-in's columns and then extra ones.
type rowWithExtra struct {
	row   interface{ Scan(...any) error }
	extra []any
}

func (r rowWithExtra) Scan(dest ...any) error { return r.row.Scan(append(dest, r.extra...)...) }

func prefixed(p, columns string) string {
	parts := strings.Split(columns, ",")
	for i, c := range parts {
		parts[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

// PullCursor is where the kiosk's pull from the hub stands: the hub's
// identity and, per kiosk, the highest number pulled.
type PullCursor struct {
	HubID string
	Seqs  map[string]int64
}

// PullCursor reads the pull cursor; empty when the kiosk never pulled.
func (s *Store) PullCursor(ctx context.Context) (PullCursor, error) {
	c := PullCursor{Seqs: map[string]int64{}}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		if c.HubID, err = metaTx(ctx, tx, metaHubPullID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT kiosk_id, seq FROM sync_cursor`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			var n int64
			if err := rows.Scan(&k, &n); err != nil {
				return err
			}
			c.Seqs[k] = n
		}
		return rows.Err()
	})
	return c, err
}

// SetPullCursor replaces the pull cursor whole, after the check-ins it
// covers are stored (a cursor saved first could skip them on a crash).
// A cursor for the same hub never moves a kiosk's number back; one for
// another hub (a restart) replaces the old one.
func (s *Store) SetPullCursor(ctx context.Context, c PullCursor) error {
	if c.HubID == "" {
		return fmt.Errorf("a pull cursor without the hub's identity")
	}
	for k, n := range c.Seqs {
		if k == "" || n < 0 {
			return fmt.Errorf("a pull cursor entry %q=%d is not a kiosk and a number", k, n)
		}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		was, err := metaTx(ctx, tx, metaHubPullID)
		if err != nil {
			return err
		}
		if was != c.HubID {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sync_cursor`); err != nil {
				return err
			}
		}
		for k, n := range c.Seqs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO sync_cursor (kiosk_id, seq) VALUES (?, ?)
				ON CONFLICT (kiosk_id) DO UPDATE SET seq = max(seq, excluded.seq)`, k, n); err != nil {
				return err
			}
		}
		if err := setMetaTx(ctx, tx, metaHubPullID, c.HubID); err != nil {
			return err
		}
		return setMetaTx(ctx, tx, metaSyncOK, strconv.FormatInt(s.now().UnixMilli(), 10))
	})
}

// ResetPullCursor forgets the pull cursor, so that the next pull asks for
// everything (the hub answered "restart").
func (s *Store) ResetPullCursor(ctx context.Context) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sync_cursor`); err != nil {
			return err
		}
		return setMetaTx(ctx, tx, metaHubPullID, "")
	})
}

// SetSyncError keeps the last sync failure for staff mode; "" clears it.
func (s *Store) SetSyncError(ctx context.Context, msg string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := setMetaTx(ctx, tx, metaSyncErr, msg); err != nil {
			return err
		}
		return setMetaTx(ctx, tx, metaSyncErrTime, strconv.FormatInt(s.now().UnixMilli(), 10))
	})
}
