package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"kiosk/data"
	"kiosk/data/directory"
)

// Progress is told how far a long operation has come, done of total steps.
// It is called from the goroutine doing the work.
type Progress func(done, total int)

// Install replaces the installed event with d in one transaction: the kiosk
// has either the old data or the new, never a mix, whatever happens
// mid-way. Nothing the kiosk recorded itself (check-ins) is touched. d must
// already be valid (data.EventData.Validate).
func (s *Store) Install(ctx context.Context, d *data.EventData, info data.BundleInfo, progress Progress) error {
	if progress == nil {
		progress = func(int, int) {}
	}
	countries := make(map[string]data.Country, len(d.Countries))
	for _, c := range d.Countries {
		countries[c.Code] = c
	}
	total := len(d.Countries) + len(d.Rooms) + len(d.Speakers) + len(d.Sessions) + len(d.Delegates)
	done := 0
	step := func() {
		done++
		if done%2000 == 0 || done == total {
			progress(done, total)
		}
	}
	var entries []directory.Entry
	var ix *directory.Index
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, t := range []string{"directory_index", "session_speakers", "sessions", "speakers", "delegates",
			"rooms", "countries", "event", "bundle", "revoked_badges", "kiosk_keys"} {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t); err != nil {
				return err
			}
		}
		e := d.Event
		if _, err := tx.ExecContext(ctx, `INSERT INTO event (id, name, short_name, organiser, venue, city,
			country_code, time_zone, start_date, end_date, languages) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
			e.ID, e.Name, e.ShortName, e.Organiser, e.Venue, e.City, e.CountryCode, e.TimeZone,
			e.StartDate, e.EndDate, strings.Join(e.Languages, ";")); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO bundle (id, event_id, version, created, expires,
			signer_key, sha256, installed) VALUES (1,?,?,?,?,?,?,?)`,
			info.EventID, info.Version, info.Created.Unix(), unixOrZero(info), info.SignerKey, info.SHA256,
			s.now().Unix()); err != nil {
			return err
		}
		if err := insertEach(ctx, tx, `INSERT INTO countries (code, code2, name, alt_names, region) VALUES (?,?,?,?,?)`,
			len(d.Countries), func(i int) []any {
				c := d.Countries[i]
				step()
				return []any{c.Code, c.Code2, c.Name, strings.Join(c.AltNames, ";"), c.Region}
			}); err != nil {
			return fmt.Errorf("countries: %w", err)
		}
		rooms := map[string]string{}
		if err := insertEach(ctx, tx, `INSERT INTO rooms (id, name, floor, capacity) VALUES (?,?,?,?)`,
			len(d.Rooms), func(i int) []any {
				r := d.Rooms[i]
				rooms[r.ID] = r.Name
				step()
				return []any{r.ID, r.Name, r.Floor, r.Capacity}
			}); err != nil {
			return fmt.Errorf("rooms: %w", err)
		}
		speakers := map[string]string{}
		if err := insertEach(ctx, tx, `INSERT INTO speakers (id, name, role, country_code) VALUES (?,?,?,?)`,
			len(d.Speakers), func(i int) []any {
				sp := d.Speakers[i]
				speakers[sp.ID] = sp.Name
				step()
				return []any{sp.ID, sp.Name, sp.Role, sp.CountryCode}
			}); err != nil {
			return fmt.Errorf("speakers: %w", err)
		}
		if err := insertEach(ctx, tx, `INSERT INTO sessions (id, title, description, start_at, end_at, room_id,
			kind, languages, search) VALUES (?,?,?,?,?,?,?,?,?)`,
			len(d.Sessions), func(i int) []any {
				ss := d.Sessions[i]
				step()
				return []any{ss.ID, ss.Title, ss.Description, ss.Start.Unix(), ss.End.Unix(), ss.RoomID,
					string(ss.Kind), strings.Join(ss.Languages, ";"), sessionSearchText(ss, rooms, speakers)}
			}); err != nil {
			return fmt.Errorf("sessions: %w", err)
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO session_speakers (session_id, position, speaker_id) VALUES (?,?,?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, ss := range d.Sessions {
			for pos, sp := range ss.SpeakerIDs {
				if _, err := stmt.ExecContext(ctx, ss.ID, pos, sp); err != nil {
					return fmt.Errorf("session %s speaker %s: %w", ss.ID, sp, err)
				}
			}
		}
		if err := insertEach(ctx, tx, `INSERT INTO delegates (id, honorific, given_names, family_name,
			family_first, title, organisation, country_code, role, listed, show_organisation, show_title)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
			len(d.Delegates), func(i int) []any {
				p := d.Delegates[i]
				if e, ok := directory.EntryFor(p, countries[p.CountryCode]); ok {
					entries = append(entries, e)
				}
				step()
				return []any{p.ID, p.Honorific, p.GivenNames, p.FamilyName, p.FamilyFirst, p.Title,
					p.Organisation, p.CountryCode, string(p.Role), p.Consent.Listed,
					p.Consent.ShowOrganisation, p.Consent.ShowTitle}
			}); err != nil {
			return fmt.Errorf("delegates: %w", err)
		}
		if err := insertEach(ctx, tx, `INSERT INTO revoked_badges (serial, reason) VALUES (?,?)`,
			len(d.Revoked), func(i int) []any { return []any{d.Revoked[i].Serial, d.Revoked[i].Reason} }); err != nil {
			return fmt.Errorf("revoked badges: %w", err)
		}
		if err := insertEach(ctx, tx, `INSERT INTO kiosk_keys (kiosk_id, public_key) VALUES (?,?)`,
			len(d.KioskKeys), func(i int) []any { return []any{d.KioskKeys[i].KioskID, []byte(d.KioskKeys[i].PublicKey)} }); err != nil {
			return fmt.Errorf("kiosk keys: %w", err)
		}
		ix = directory.New(entries)
		_, err = tx.ExecContext(ctx, `INSERT INTO directory_index (id, blob) VALUES (1, ?)`, ix.Marshal())
		return err
	})
	if err != nil {
		return err
	}
	s.dirMu.Lock()
	s.dir = ix
	s.dirMu.Unlock()
	s.generation.Add(1)
	return nil
}

func unixOrZero(info data.BundleInfo) int64 {
	if info.Expires.IsZero() {
		return 0
	}
	return info.Expires.Unix()
}

// insertEach runs one prepared insert n times with the arguments args(i).
func insertEach(ctx context.Context, tx *sql.Tx, query string, n int, args func(i int) []any) error {
	stmt, err := tx.PrepareContext(ctx, query)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i := 0; i < n; i++ {
		a := args(i)
		if _, err := stmt.ExecContext(ctx, a...); err != nil {
			return fmt.Errorf("%v: %w", a[0], err)
		}
	}
	return nil
}

func sessionSearchText(ss data.Session, rooms, speakers map[string]string) string {
	parts := []string{ss.Title, rooms[ss.RoomID], ss.Kind.Label()}
	for _, sp := range ss.SpeakerIDs {
		parts = append(parts, speakers[sp])
	}
	return " " + strings.Join(data.FoldTokens(strings.Join(parts, " ")), " ") + " "
}

// Bundle reports the installed bundle; ErrNoEvent when there is none.
func (s *Store) Bundle(ctx context.Context) (data.BundleInfo, error) {
	var b data.BundleInfo
	var created, expires, installed int64
	err := s.db.QueryRowContext(ctx, `SELECT event_id, version, created, expires, signer_key, sha256, installed
		FROM bundle WHERE id = 1`).Scan(&b.EventID, &b.Version, &created, &expires, &b.SignerKey, &b.SHA256, &installed)
	if err == sql.ErrNoRows {
		return b, ErrNoEvent
	}
	if err != nil {
		return b, classify(s.path, err)
	}
	b.Created = unixTime(created)
	if expires != 0 {
		b.Expires = unixTime(expires)
	}
	return b, nil
}
