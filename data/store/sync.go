package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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
	// metaPullRefused counts the check-ins refused from the hub.
	metaPullRefused = "sync_pull_refused_total"
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
// or refused, and relayed ones the hub's pull stream has passed.
const (
	notAnswered = ` AND NOT EXISTS (SELECT 1 FROM sync_done d WHERE d.id = c.id)
	AND NOT EXISTS (SELECT 1 FROM sync_rejected r WHERE r.id = c.id)`
	pendingOwnSQL = `SELECT ` + checkInColumns + ` FROM checkins c WHERE kiosk_id = ?1 AND seq > ?2 AND origin = 'here'
	AND (?3 = '' OR event_id = ?3)` + notAnswered
	pendingRelayedSQL = `SELECT ` + checkInColumns + ` FROM checkins c WHERE origin IN ('code', 'export')
	AND (?3 = '' OR event_id = ?3)` + notAnswered + `
	AND NOT EXISTS (SELECT 1 FROM sync_cursor s WHERE s.kiosk_id = c.kiosk_id AND s.seq >= c.seq AND ` + samePullHub + `)`
	// samePullHub holds when the pull cursor is of the hub the kiosk
	// pushes to: a relayed check-in its cursor covers is one that hub
	// holds (it serves a kiosk's numbers only up to its gapless mark).
	samePullHub = `(SELECT value FROM meta WHERE key = '` + metaHubPullID + `') = (SELECT value FROM meta WHERE key = '` + metaHubPushID + `')`
	pendingSQL  = pendingOwnSQL + ` UNION ALL ` + pendingRelayedSQL
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
	Acked    int64 // the hub's acknowledged mark for this kiosk's own check-ins
	Waiting  int   // check-ins to push (own and relayed)
	Rejected int   // check-ins the hub refused, kept here
	// RefusedFromHub counts the check-ins the hub sent that this kiosk
	// refused (see RefuseFromHub), all of them, listed or pruned.
	RefusedFromHub int
	LastSync       time.Time
	LastError      string
	ErrorAt        time.Time
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
		refused, err := metaInt(ctx, tx, metaPullRefused)
		if err != nil {
			return err
		}
		st.RefusedFromHub = int(refused)
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
		next := max(mark, min(r.Acked, last))
		if err := setMetaTx(ctx, tx, metaHubAckedSeq, strconv.FormatInt(next, 10)); err != nil {
			return err
		}
		if err := markDone(ctx, tx, r.Done, id.KioskID, mark, next); err != nil {
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

// markDone keeps the ids the hub answered for that the acknowledged mark
// does not cover: relayed check-ins, and own ones above the mark (held
// back by a gap at the hub). Own ones the mark moved past, from was to
// now, lose their rows: sync_done holds nothing the mark says already.
func markDone(ctx context.Context, tx *sql.Tx, ids []string, own string, was, now int64) error {
	st, err := tx.PrepareContext(ctx, `INSERT INTO sync_done (id) SELECT ?1 WHERE NOT EXISTS
		(SELECT 1 FROM checkins WHERE id = ?1 AND kiosk_id = ?2 AND origin = 'here' AND seq <= ?3) ON CONFLICT DO NOTHING`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, id := range ids {
		if _, err := st.ExecContext(ctx, id, own, now); err != nil {
			return err
		}
	}
	if now > was {
		_, err = tx.ExecContext(ctx, `DELETE FROM sync_done WHERE id IN (SELECT id FROM checkins
			WHERE kiosk_id = ? AND seq > ? AND seq <= ? AND origin = 'here')`, own, was, now)
	}
	return err
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
	// FromHub marks a check-in the hub sent that this kiosk refused: it
	// is not in the store, CheckIn holds what the hub said of it.
	FromHub bool
}

// RejectedCheckIns lists the check-ins the hub refused, newest refusal
// first, then those the hub sent that this kiosk refused (FromHub), newest
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
		if err := rows.Err(); err != nil {
			return err
		}
		out, err = appendRefusedFromHub(ctx, tx, out)
		return err
	})
	return out, err
}

func appendRefusedFromHub(ctx context.Context, tx *sql.Tx, out []RejectedCheckIn) ([]RejectedCheckIn, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, kiosk_id, seq, delegate_id, purpose, scanned_at, reason, refused_at
		FROM sync_pull_refused ORDER BY refused_at DESC, kiosk_id, seq`)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		r := RejectedCheckIn{FromHub: true}
		var purpose string
		var scanned, at int64
		if err := rows.Scan(&r.CheckIn.ID, &r.CheckIn.KioskID, &r.CheckIn.Seq, &r.CheckIn.DelegateID, &purpose,
			&scanned, &r.Reason, &at); err != nil {
			return out, err
		}
		r.CheckIn.Purpose, r.CheckIn.Origin = data.Purpose(purpose), data.OriginHub
		if scanned != 0 {
			r.CheckIn.ScannedAt = unixMilli(scanned)
		}
		r.RejectedAt = unixMilli(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// MaxRefusedFromHub is how many check-ins refused from the hub are kept
// for staff: a hub sending nothing but forgeries must not fill the kiosk's
// disk. The count (SyncStatus.RefusedFromHub) covers them all.
const MaxRefusedFromHub = 500

// The longest texts kept of a refused check-in: what a hub sends is
// bounded only by the answer's size.
const (
	maxRefusedField  = 64
	maxRefusedReason = 400
)

// RefuseFromHub keeps the check-ins the hub sent that this kiosk refused,
// with their reasons, for staff mode, in one transaction. One still
// listed (by id) is neither kept nor counted again: a hub starting the
// stream afresh sends it again. Only the newest MaxRefusedFromHub are
// kept.
func (s *Store) RefuseFromHub(ctx context.Context, refused []Refusal) error {
	if len(refused) == 0 {
		return nil
	}
	now := s.now().UnixMilli()
	return s.tx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT INTO sync_pull_refused (id, kiosk_id, seq, delegate_id, purpose,
			scanned_at, reason, refused_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
		if err != nil {
			return err
		}
		defer st.Close()
		var added int64
		for _, r := range refused {
			c := r.CheckIn
			var scanned int64
			if !c.ScannedAt.IsZero() {
				scanned = c.ScannedAt.UnixMilli()
			}
			res, err := st.ExecContext(ctx, clip(c.ID, maxRefusedField), clip(c.KioskID, maxRefusedField), c.Seq,
				clip(c.DelegateID, maxRefusedField), clip(string(c.Purpose), maxRefusedField), scanned,
				clip(r.Reason.Error(), maxRefusedReason), now)
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			added += n
		}
		total, err := metaInt(ctx, tx, metaPullRefused)
		if err != nil {
			return err
		}
		if err := setMetaTx(ctx, tx, metaPullRefused, strconv.FormatInt(total+added, 10)); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM sync_pull_refused WHERE id NOT IN
			(SELECT id FROM sync_pull_refused ORDER BY refused_at DESC, id LIMIT ?)`, MaxRefusedFromHub)
		return err
	})
}

// clip cuts text to at most n bytes (and an ellipsis) of valid UTF-8,
// cutting first so that a huge text costs nothing more.
func clip(s string, n int) string {
	cut := len(s) > n
	if cut {
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n]
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	if cut {
		s += "…"
	}
	return s
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
// another hub (a restart) replaces the old one. Relayed check-ins the
// cursor of the hub pushed to covers lose their sync_done rows.
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
		push, err := metaTx(ctx, tx, metaHubPushID)
		if err != nil {
			return err
		}
		for k, n := range c.Seqs {
			var old int64
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM sync_cursor WHERE kiosk_id = ?`, k).Scan(&old); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO sync_cursor (kiosk_id, seq) VALUES (?, ?)
				ON CONFLICT (kiosk_id) DO UPDATE SET seq = max(seq, excluded.seq)`, k, n); err != nil {
				return err
			}
			if push == c.HubID && n > old {
				if err := dropCovered(ctx, tx, k, old, n); err != nil {
					return err
				}
			}
		}
		if err := setMetaTx(ctx, tx, metaHubPullID, c.HubID); err != nil {
			return err
		}
		return setMetaTx(ctx, tx, metaSyncOK, strconv.FormatInt(s.now().UnixMilli(), 10))
	})
}

// dropCovered deletes the sync_done rows of kiosk k's relayed check-ins
// numbered above from up to to, which the cursor of the hub pushed to now
// covers: the pending query leaves them out without a row. Rows at or
// below from went when the cursor passed them, or were never made (a
// covered check-in is not sent).
func dropCovered(ctx context.Context, tx *sql.Tx, k string, from, to int64) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM sync_done WHERE id IN (SELECT id FROM checkins
		WHERE kiosk_id = ? AND seq > ? AND seq <= ? AND origin IN ('code', 'export'))`, k, from, to)
	return err
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
