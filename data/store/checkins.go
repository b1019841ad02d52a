package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"kiosk/data"
)

// NewCheckIn is a check-in the kiosk has just taken, before it has an id,
// a sequence number and a clock reading.
type NewCheckIn struct {
	EventID      string
	DelegateID   string
	BadgeSerial  uint32
	Purpose      data.Purpose
	SessionID    string
	RoomID       string
	Method       data.Method
	ScannedAt    time.Time
	ClockSuspect bool
	// PurposeKey is what "already checked in" compares, see PurposeKey.
	PurposeKey string
}

// PurposeKey is what makes two check-ins of an event "the same": arrival
// once per venue day, a session or plenary once per session.
func PurposeKey(eventID string, p data.Purpose, sessionID, venueDate string) string {
	if p == data.PurposeArrival || sessionID == "" {
		return eventID + "/arrival:" + venueDate
	}
	return eventID + "/session:" + sessionID
}

// RecordCheckIn records a check-in taken at this kiosk and queues it for
// sync, in one durable transaction: when it returns without error the
// check-in survives a power cut. If the delegate already has a check-in
// with the same purpose key (taken here or received from another kiosk),
// nothing is written and that earliest one comes back as prior.
//
// The kiosk's own check-ins are stored unsigned: the kiosk signs one when
// it needs its check-in code (Ed25519 signatures are deterministic), which
// keeps signing out of the moment between scan and commit.
func (s *Store) RecordCheckIn(ctx context.Context, n NewCheckIn) (rec data.CheckIn, prior *data.CheckIn, err error) {
	id, err := s.Identity(ctx)
	if err != nil {
		return rec, nil, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		p, err := s.firstCheckIn(ctx, tx, n.DelegateID, n.PurposeKey)
		if err != nil {
			return err
		}
		if p != nil {
			prior = p
			return nil
		}
		next, err := s.txStmt(ctx, tx, `SELECT coalesce(max(seq), 0) + 1 FROM checkins WHERE kiosk_id = ?`)
		if err != nil {
			return err
		}
		var seq int64
		if err := next.QueryRowContext(ctx, id.KioskID).Scan(&seq); err != nil {
			return err
		}
		hlc, err := s.nextHLC(ctx, tx, n.ScannedAt, 0)
		if err != nil {
			return err
		}
		rec = data.CheckIn{
			ID: newID(), EventID: n.EventID, KioskID: id.KioskID, Seq: seq, DelegateID: n.DelegateID, BadgeSerial: n.BadgeSerial,
			Purpose: n.Purpose, SessionID: n.SessionID, RoomID: n.RoomID, ScannedAt: n.ScannedAt.UTC().Truncate(time.Millisecond),
			HLC: hlc, Method: n.Method, ClockSuspect: n.ClockSuspect, Origin: data.OriginHere,
			ReceivedAt: s.now().UTC().Truncate(time.Millisecond),
		}
		ins, err := s.txStmt(ctx, tx, insertCheckInSQL)
		if err != nil {
			return err
		}
		_, err = ins.ExecContext(ctx, checkInArgs(rec, n.PurposeKey)...)
		return err
	})
	if err != nil {
		return data.CheckIn{}, nil, err
	}
	return rec, prior, nil
}

// Intake is what taking in check-ins from elsewhere did, record by record.
type Intake struct {
	Taken   int       // new here, now stored
	Known   int       // already here under the same id, unchanged
	Refused []Refusal // neither, each with its reason
}

// Refusal is a check-in that was not taken in, and why.
type Refusal struct {
	Index   int // its place among those given, from 0
	CheckIn data.CheckIn
	Reason  error
}

func (r Refusal) Error() string {
	return fmt.Sprintf("check-in %q (%q number %d): %v", r.CheckIn.ID, r.CheckIn.KioskID, r.CheckIn.Seq, r.Reason)
}

// AddCheckIns takes in check-ins from elsewhere (another kiosk's code, an
// export, the hub), each on its own: one already here (same id, same
// event) is known and changes nothing, so delivering one twice is
// harmless; one that breaks a rule is refused with its reason and the
// others are still taken. The rules are data.Receiver's (a valid record,
// not claiming this kiosk's own id, a clock reading at most
// data.MaxHLCAhead ahead of this kiosk's clock), then the store's: no
// other check-in under its id, and no other under its kiosk's number.
// This is the last line of defence, whatever the caller checked before.
// An error is a failure of the store itself; then nothing is taken.
func (s *Store) AddCheckIns(ctx context.Context, events []data.CheckIn, purposeKey func(data.CheckIn) string, origin data.Origin) (Intake, error) {
	id, err := s.Identity(ctx)
	if err != nil {
		return Intake{}, err
	}
	var in Intake
	err = s.tx(ctx, func(tx *sql.Tx) error {
		in = Intake{}
		rx := data.Receiver{KioskID: id.KioskID, Now: s.now()}
		var maxHLC int64
		for i, c := range events {
			taken, reason, err := s.addCheckIn(ctx, tx, rx, c, purposeKey, origin)
			switch {
			case err != nil:
				return err
			case reason != nil:
				in.Refused = append(in.Refused, Refusal{Index: i, CheckIn: c, Reason: reason})
			case taken:
				in.Taken++
				maxHLC = max(maxHLC, c.HLC)
			default:
				in.Known++
			}
		}
		// Receiving an event moves this kiosk's clock past it, so that what
		// happens here next is ordered after what it has seen. Only taken
		// events count, and Receiver.Check bounded their clocks.
		_, err := s.nextHLC(ctx, tx, rx.Now, maxHLC)
		return err
	})
	return in, err
}

// addCheckIn takes in one check-in: taken, or known (neither taken nor
// refused), or refused with a reason; err is the store's own failure.
func (s *Store) addCheckIn(ctx context.Context, tx *sql.Tx, rx data.Receiver, c data.CheckIn,
	purposeKey func(data.CheckIn) string, origin data.Origin) (taken bool, reason, err error) {
	if err := c.Validate(); err != nil {
		return false, err, nil
	}
	have, found, err := s.checkInByID(ctx, tx, c.ID)
	if err != nil || found {
		if err == nil && !have.SameEvent(c) {
			reason = fmt.Errorf("another check-in is already here under this id (%s number %d, delegate %s)",
				have.KioskID, have.Seq, have.DelegateID)
		}
		return false, reason, err
	}
	if err := rx.Check(c); err != nil {
		return false, err, nil
	}
	other, err := s.idAtSeq(ctx, tx, c.KioskID, c.Seq)
	if err != nil || other != "" {
		if other != "" {
			reason = fmt.Errorf("%s number %d is already check-in %s here", c.KioskID, c.Seq, other)
		}
		return false, reason, err
	}
	c.Origin = origin
	c.ReceivedAt = rx.Now.UTC().Truncate(time.Millisecond)
	ins, err := s.txStmt(ctx, tx, insertCheckInSQL)
	if err != nil {
		return false, nil, err
	}
	if _, err := ins.ExecContext(ctx, checkInArgs(c, purposeKey(c))...); err != nil {
		return false, nil, fmt.Errorf("check-in %s (kiosk %s, number %d): %w", c.ID, c.KioskID, c.Seq, err)
	}
	return true, nil, nil
}

func (s *Store) checkInByID(ctx context.Context, tx *sql.Tx, id string) (data.CheckIn, bool, error) {
	st, err := s.txStmt(ctx, tx, `SELECT `+checkInColumns+` FROM checkins WHERE id = ?`)
	if err != nil {
		return data.CheckIn{}, false, err
	}
	c, err := scanCheckIn(st.QueryRowContext(ctx, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	return c, err == nil, err
}

// idAtSeq is the id of a kiosk's check-in with a number, "" if none.
func (s *Store) idAtSeq(ctx context.Context, tx *sql.Tx, kioskID string, seq int64) (string, error) {
	st, err := s.txStmt(ctx, tx, `SELECT id FROM checkins WHERE kiosk_id = ? AND seq = ?`)
	if err != nil {
		return "", err
	}
	var id string
	err = st.QueryRowContext(ctx, kioskID, seq).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return id, err
}

const insertCheckInSQL = `INSERT INTO checkins (id, event_id, kiosk_id, seq, delegate_id, badge_serial, purpose,
	session_id, room_id, scanned_at, hlc, method, clock_suspect, signature, purpose_key, origin, received_at)
	VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`

func checkInArgs(c data.CheckIn, purposeKey string) []any {
	sig := c.Signature
	if sig == nil {
		sig = []byte{}
	}
	return []any{c.ID, c.EventID, c.KioskID, c.Seq, c.DelegateID, int64(c.BadgeSerial), string(c.Purpose), c.SessionID,
		c.RoomID, c.ScannedAt.UnixMilli(), c.HLC, string(c.Method), c.ClockSuspect, sig, purposeKey,
		string(c.Origin), c.ReceivedAt.UnixMilli()}
}

const checkInColumns = `id, event_id, kiosk_id, seq, delegate_id, badge_serial, purpose, session_id, room_id,
	scanned_at, hlc, method, clock_suspect, signature, origin, received_at`

func scanCheckIn(row interface{ Scan(...any) error }) (data.CheckIn, error) {
	var c data.CheckIn
	var serial, scanned, received int64
	var purpose, method, origin string
	err := row.Scan(&c.ID, &c.EventID, &c.KioskID, &c.Seq, &c.DelegateID, &serial, &purpose, &c.SessionID, &c.RoomID,
		&scanned, &c.HLC, &method, &c.ClockSuspect, &c.Signature, &origin, &received)
	c.BadgeSerial = uint32(serial)
	c.Purpose, c.Method, c.Origin = data.Purpose(purpose), data.Method(method), data.Origin(origin)
	c.ScannedAt, c.ReceivedAt = unixMilli(scanned), unixMilli(received)
	return c, err
}

func (s *Store) firstCheckIn(ctx context.Context, tx *sql.Tx, delegateID, purposeKey string) (*data.CheckIn, error) {
	st, err := s.txStmt(ctx, tx, `SELECT `+checkInColumns+` FROM checkins
		WHERE purpose_key = ? AND delegate_id = ? ORDER BY hlc, id LIMIT 1`)
	if err != nil {
		return nil, err
	}
	c, err := scanCheckIn(st.QueryRowContext(ctx, purposeKey, delegateID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// nextHLC advances the hybrid logical clock past the wall clock now and
// past seen, and returns the new reading: Unix milliseconds in the high
// bits, a counter in the low 16 that breaks ties and keeps the clock
// moving when the wall clock stands still or goes back. The last reading
// is kept in memory and recovered from the check-ins themselves, so that
// taking a check-in writes nothing more than the check-in.
func (s *Store) nextHLC(ctx context.Context, tx *sql.Tx, now time.Time, seen int64) (int64, error) {
	s.hlcMu.Lock()
	defer s.hlcMu.Unlock()
	if !s.hlcLoaded {
		// The kiosk's own readings, and those it received within the reach
		// a relayed record may have today (data.MaxHLCAhead): a far-ahead
		// reading taken in before that rule must not move the clock now.
		var last sql.NullInt64
		ahead := now.Add(data.MaxHLCAhead).UnixMilli() << 16
		if err := tx.QueryRowContext(ctx, `SELECT max(hlc) FROM checkins WHERE origin = ? OR hlc <= ?`,
			string(data.OriginHere), ahead).Scan(&last); err != nil {
			return 0, err
		}
		s.hlc, s.hlcLoaded = last.Int64, true
	}
	next := max(now.UnixMilli()<<16, s.hlc+1, seen+1)
	// Kept only once the transaction commits would be exact; keeping it
	// now can only skip readings, never repeat one.
	s.hlc = next
	return next, nil
}

func newID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("no randomness: " + err.Error()) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b[:])
}

// CheckInFilter selects check-ins to list.
type CheckInFilter struct {
	EventID  string // only this event's, "" for all
	KioskID  string // only this kiosk's, "" for all
	AfterSeq int64  // with KioskID: only those numbered after this
	Delegate string // only this delegate's
}

// CheckIns lists check-ins in the order of the hybrid logical clock.
func (s *Store) CheckIns(ctx context.Context, f CheckInFilter) ([]data.CheckIn, error) {
	var where []string
	var args []any
	if f.KioskID != "" {
		where = append(where, "kiosk_id = ? AND seq > ?")
		args = append(args, f.KioskID, f.AfterSeq)
	}
	if f.Delegate != "" {
		where = append(where, "delegate_id = ?")
		args = append(args, f.Delegate)
	}
	if f.EventID != "" {
		where = append(where, "event_id = ?")
		args = append(args, f.EventID)
	}
	q := `SELECT ` + checkInColumns + ` FROM checkins`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY hlc, id`, args...)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []data.CheckIn
	for rows.Next() {
		c, err := scanCheckIn(rows)
		if err != nil {
			return nil, classify(s.path, err)
		}
		out = append(out, c)
	}
	return out, classify(s.path, rows.Err())
}

// CheckInCount counts the check-ins in the store, and those that wait to be
// sent to the hub (see PendingCheckIns).
func (s *Store) CheckInCount(ctx context.Context) (total, queued int, err error) {
	id, err := s.Identity(ctx)
	if err != nil {
		return 0, 0, err
	}
	err = s.readTx(ctx, func(tx *sql.Tx) error {
		mark, err := metaInt(ctx, tx, metaHubAckedSeq)
		if err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM checkins), (SELECT count(*) FROM (`+pendingSQL+`))`,
			id.KioskID, mark, "").Scan(&total, &queued)
	})
	return total, queued, err
}

// PresentCountries lists the countries with at least one delegate checked
// in to a session of an event (a plenary: one vote per country present),
// by name. Every check-in counts, whatever its origin (taken here, another
// kiosk's code or export, the hub), and a delegate checked in twice, at
// two kiosks offline, counts once. A delegate's country is always one of
// the event's countries (the schema says so), so every one is a member.
// Names are in ctx's content language (data.WithLanguage) where the
// sources give one.
func (s *Store) PresentCountries(ctx context.Context, eventID, sessionID string) ([]data.Country, error) {
	st, err := s.prepared(ctx, `SELECT DISTINCT co.code, co.code2, co.name FROM checkins c
		JOIN delegates d ON d.id = c.delegate_id JOIN countries co ON co.code = d.country_code
		WHERE c.purpose_key = ? ORDER BY co.name, co.code`)
	if err != nil {
		return nil, classify(s.path, err)
	}
	rows, err := st.QueryContext(ctx, PurposeKey(eventID, data.PurposeSession, sessionID, ""))
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []data.Country
	for rows.Next() {
		var c data.Country
		if err := rows.Scan(&c.Code, &c.Code2, &c.Name); err != nil {
			return nil, classify(s.path, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, classify(s.path, err)
	}
	// Named in the content language ctx asks for, as the directory names
	// them: a board in French lists "Allemagne".
	if lang := contentLanguage(ctx); lang != "" && len(out) > 0 {
		names, err := s.countryTexts(ctx)
		if err != nil {
			return nil, err
		}
		for i := range out {
			out[i].Name = names[out[i].Code].In(lang, out[i].Name)
		}
	}
	return out, nil
}

// SessionCheckIns counts the check-ins of an event's session (or
// plenary), from the index alone: a reader that keeps what it derived from
// them (PresentCountries) knows by it when to read them again, since
// check-ins are only ever added.
func (s *Store) SessionCheckIns(ctx context.Context, eventID, sessionID string) (int, error) {
	st, err := s.prepared(ctx, `SELECT count(*) FROM checkins WHERE purpose_key = ?`)
	if err != nil {
		return 0, classify(s.path, err)
	}
	var n int
	err = st.QueryRowContext(ctx, PurposeKey(eventID, data.PurposeSession, sessionID, "")).Scan(&n)
	return n, classify(s.path, err)
}

// PlenaryCheckIns says, for each session of an event that plenary
// check-ins were taken for (by any kiosk), the hybrid logical clock of the
// latest: what data.CurrentPlenary needs to follow the plenary kiosks
// are checking people in to.
func (s *Store) PlenaryCheckIns(ctx context.Context, eventID string) (map[string]int64, error) {
	st, err := s.prepared(ctx, `SELECT session_id, max(hlc) FROM checkins
		WHERE event_id = ? AND purpose = 'plenary' GROUP BY session_id`)
	if err != nil {
		return nil, classify(s.path, err)
	}
	rows, err := st.QueryContext(ctx, eventID)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id string
		var hlc int64
		if err := rows.Scan(&id, &hlc); err != nil {
			return nil, classify(s.path, err)
		}
		out[id] = hlc
	}
	return out, classify(s.path, rows.Err())
}

// DelegateForCheckIn reads a delegate whole, consent or not, with their
// country's name: check-in must recognise every badge. Public screens use
// Delegate instead.
func (s *Store) DelegateForCheckIn(ctx context.Context, id string) (data.Delegate, string, error) {
	// The country's name in the language ctx asks for: one statement per
	// content language, each prepared once.
	st, err := s.prepared(ctx, `SELECT `+delegateColumns+`, `+translated(contentLanguage(ctx), "countries", "c.code", "name", "c.name")+
		` FROM delegates d JOIN countries c ON c.code = d.country_code WHERE d.id = ?`)
	if err != nil {
		return data.Delegate{}, "", classify(s.path, err)
	}
	var country string
	d, err := scanDelegate(st.QueryRowContext(ctx, id), &country)
	if errors.Is(err, sql.ErrNoRows) {
		return d, "", fmt.Errorf("delegate %q: %w", id, data.ErrNotFound)
	}
	return d, country, classify(s.path, err)
}

// SessionInRoom finds the session running in a room at t, or else the
// next one there starting within lead; data.ErrNotFound if none.
func (s *Store) SessionInRoom(ctx context.Context, roomID string, t time.Time, lead time.Duration) (data.SessionSummary, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+sessionColumns(ctx)+` FROM sessions s JOIN rooms r ON r.id = s.room_id
		WHERE s.room_id = ? AND s.end_at > ? AND s.start_at <= ? ORDER BY s.start_at LIMIT 1`,
		roomID, t.Unix(), t.Add(lead).Unix())
	ss, err := scanSession(row)
	if errors.Is(err, sql.ErrNoRows) {
		return ss, fmt.Errorf("no session in room %q: %w", roomID, data.ErrNotFound)
	}
	return ss, classify(s.path, err)
}

// Room reads one room.
func (s *Store) Room(ctx context.Context, id string) (data.Room, error) {
	var r data.Room
	err := s.db.QueryRowContext(ctx, `SELECT id, name, floor, capacity FROM rooms WHERE id = ?`, id).
		Scan(&r.ID, &r.Name, &r.Floor, &r.Capacity)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("room %q: %w", id, data.ErrNotFound)
	}
	return r, classify(s.path, err)
}
