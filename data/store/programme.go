package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"kiosk/data"
	"kiosk/data/directory"
)

var _ data.Programme = (*Store)(nil)

// Event returns the installed event; ErrNoEvent when there is none.
func (s *Store) Event(ctx context.Context) (data.Event, error) {
	var e data.Event
	var langs string
	err := s.db.QueryRowContext(ctx, `SELECT id, name, short_name, organiser, venue, city, country_code,
		time_zone, start_date, end_date, languages, quorum FROM event`).Scan(&e.ID, &e.Name, &e.ShortName,
		&e.Organiser, &e.Venue, &e.City, &e.CountryCode, &e.TimeZone, &e.StartDate, &e.EndDate, &langs, &e.Quorum)
	if errors.Is(err, sql.ErrNoRows) {
		return e, ErrNoEvent
	}
	e.Languages = splitList(langs)
	return e, classify(s.path, err)
}

// sessionColumns are what scanSession reads, with the title, description
// and room name in the content language ctx asks for.
func sessionColumns(ctx context.Context) string {
	lang := contentLanguage(ctx)
	return `s.id, ` + translated(lang, "sessions", "s.id", "title", "s.title") + `, ` +
		translated(lang, "sessions", "s.id", "description", "s.description") +
		`, s.start_at, s.end_at, s.room_id, s.kind, s.languages, ` + translated(lang, "rooms", "r.id", "name", "r.name")
}

func scanSession(rows interface{ Scan(...any) error }) (data.SessionSummary, error) {
	var ss data.SessionSummary
	var start, end int64
	var kind, langs string
	err := rows.Scan(&ss.ID, &ss.Title, &ss.Description, &start, &end, &ss.RoomID, &kind, &langs, &ss.RoomName)
	ss.Start, ss.End = unixTime(start), unixTime(end)
	ss.Kind = data.SessionKind(kind)
	ss.Languages = splitList(langs)
	return ss, err
}

func (s *Store) querySessions(ctx context.Context, where string, args ...any) ([]data.SessionSummary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+sessionColumns(ctx)+` FROM sessions s JOIN rooms r ON r.id = s.room_id
		WHERE `+where+` ORDER BY s.start_at, s.end_at, r.name, s.id`, args...)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []data.SessionSummary
	for rows.Next() {
		ss, err := scanSession(rows)
		if err != nil {
			return nil, classify(s.path, err)
		}
		out = append(out, ss)
	}
	return out, classify(s.path, rows.Err())
}

// Sessions lists the sessions of one day of the event in the venue's
// time, or all of them for day "".
func (s *Store) Sessions(ctx context.Context, day string) ([]data.SessionSummary, error) {
	if day == "" {
		return s.querySessions(ctx, "1")
	}
	e, err := s.Event(ctx)
	if err != nil {
		return nil, err
	}
	loc, err := e.Location()
	if err != nil {
		return nil, err
	}
	start, err := time.ParseInLocation(data.DateLayout, day, loc)
	if err != nil {
		return nil, fmt.Errorf("day %q: want YYYY-MM-DD", day)
	}
	return s.querySessions(ctx, "s.start_at >= ? AND s.start_at < ?", start.Unix(), start.AddDate(0, 0, 1).Unix())
}

// maxSessionQueryWords bounds a programme search: each word is one more
// condition in the query, and SQLite refuses an expression tree deeper
// than 1,000; no session title needs more words to be found.
const maxSessionQueryWords = 8

// SearchSessions finds sessions whose title, room, kind or speakers have a
// word starting with each word of query. Only the first words of a long
// query are read (see directory.QueryWords), so that it finds what they
// find instead of failing.
func (s *Store) SearchSessions(ctx context.Context, query string) ([]data.SessionSummary, error) {
	words := directory.QueryWords(query, maxSessionQueryWords)
	if len(words) == 0 {
		return s.Sessions(ctx, "")
	}
	var conds []string
	var args []any
	for _, w := range words {
		conds = append(conds, `instr(s.search, ?) > 0`)
		args = append(args, " "+w)
	}
	return s.querySessions(ctx, strings.Join(conds, " AND "), args...)
}

// Session returns one session with its room and speakers in order.
func (s *Store) Session(ctx context.Context, id string) (data.SessionDetail, error) {
	var d data.SessionDetail
	row := s.db.QueryRowContext(ctx, `SELECT `+sessionColumns(ctx)+` FROM sessions s JOIN rooms r ON r.id = s.room_id WHERE s.id = ?`, id)
	ss, err := scanSession(row)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("session %q: %w", id, data.ErrNotFound)
	}
	if err != nil {
		return d, classify(s.path, err)
	}
	d.Session = ss.Session
	if err := s.db.QueryRowContext(ctx, `SELECT r.id, `+translated(contentLanguage(ctx), "rooms", "r.id", "name", "r.name")+
		`, r.floor, r.capacity FROM rooms r WHERE r.id = ?`, ss.RoomID).
		Scan(&d.Room.ID, &d.Room.Name, &d.Room.Floor, &d.Room.Capacity); err != nil {
		return d, classify(s.path, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT sp.id, sp.name, sp.role, sp.country_code FROM session_speakers ss
		JOIN speakers sp ON sp.id = ss.speaker_id WHERE ss.session_id = ? ORDER BY ss.position`, id)
	if err != nil {
		return d, classify(s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var sp data.Speaker
		if err := rows.Scan(&sp.ID, &sp.Name, &sp.Role, &sp.CountryCode); err != nil {
			return d, classify(s.path, err)
		}
		d.Speakers = append(d.Speakers, sp)
		d.SpeakerIDs = append(d.SpeakerIDs, sp.ID)
	}
	return d, classify(s.path, rows.Err())
}

// NowNext gives the sessions running at t (breaks included) and the first
// n sessions that start after t.
func (s *Store) NowNext(ctx context.Context, t time.Time, n int) (now, next []data.SessionSummary, err error) {
	now, err = s.querySessions(ctx, "s.start_at <= ? AND s.end_at > ?", t.Unix(), t.Unix())
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+sessionColumns(ctx)+` FROM sessions s JOIN rooms r ON r.id = s.room_id
		WHERE s.start_at > ? ORDER BY s.start_at, r.name, s.id LIMIT ?`, t.Unix(), n)
	if err != nil {
		return nil, nil, classify(s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		ss, err := scanSession(rows)
		if err != nil {
			return nil, nil, classify(s.path, err)
		}
		next = append(next, ss)
	}
	return now, next, classify(s.path, rows.Err())
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}

func unixTime(sec int64) time.Time { return time.Unix(sec, 0).UTC() }

// CountryCount is the number of countries of the event.
func (s *Store) CountryCount(ctx context.Context) (int, error) { return s.count(ctx, "countries") }

// SessionCount is the number of sessions of the programme.
func (s *Store) SessionCount(ctx context.Context) (int, error) { return s.count(ctx, "sessions") }

func (s *Store) count(ctx context.Context, table string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n)
	return n, classify(s.path, err)
}

// Rooms lists the rooms of the installed programme by name.
func (s *Store) Rooms(ctx context.Context) ([]data.Room, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, floor, capacity FROM rooms ORDER BY name, id`)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []data.Room
	for rows.Next() {
		var r data.Room
		if err := rows.Scan(&r.ID, &r.Name, &r.Floor, &r.Capacity); err != nil {
			return nil, classify(s.path, err)
		}
		out = append(out, r)
	}
	return out, classify(s.path, rows.Err())
}
