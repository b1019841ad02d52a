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

// TrustChange trusts an event key for the event being installed, as part
// of the install.
type TrustChange struct {
	Key  []byte // an Ed25519 public key
	Note string
	// BadgesOnly keeps a key that handed its event over: its badges stay
	// valid, its bundles are no longer taken (a kept copy restored).
	BadgesOnly bool
}

// InstallRequest is everything one install changes, in one transaction.
type InstallRequest struct {
	Data     *data.EventData // must already be valid (data.EventData.Validate)
	Info     data.BundleInfo
	Progress Progress
	// Trust, Untrust and Retire change the trusted event keys together
	// with the data: a kiosk never ends up with new data and old keys, or
	// the reverse. Whatever they say, the keys of any other event than the
	// one installed go.
	Trust   []TrustChange
	Untrust []string // notes of keys to stop trusting
	Retire  []string // ids of keys that handed the event over: badges only from now on
	// Replaceable marks the installed event as one the next bundle may
	// replace with another event (the built-in demo).
	Replaceable bool
}

// Install replaces the installed event with d in one transaction.
func (s *Store) Install(ctx context.Context, d *data.EventData, info data.BundleInfo, progress Progress) error {
	return s.InstallBundle(ctx, InstallRequest{Data: d, Info: info, Progress: progress})
}

// eventTables are emptied by every install, children before parents.
var eventTables = []string{"translations", "directory_index", "session_speakers", "sessions", "speakers", "delegates",
	"rooms", "countries", "event", "bundle", "revoked_badges", "kiosk_keys"}

// InstallBundle replaces the installed event in one transaction: the kiosk
// has either the old data or the new, never a mix, whatever happens
// mid-way (a killed process, a pulled plug). Nothing the kiosk recorded
// itself (check-ins) is touched.
func (s *Store) InstallBundle(ctx context.Context, req InstallRequest) error {
	steps := newStepper(req)
	var ix *directory.Index
	var count int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, t := range eventTables {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t); err != nil {
				return err
			}
		}
		if err := s.insertHeader(ctx, tx, req); err != nil {
			return err
		}
		if err := insertPlaces(ctx, tx, req.Data, steps.step); err != nil {
			return err
		}
		if err := insertSessions(ctx, tx, req.Data, steps.step); err != nil {
			return err
		}
		if err := insertPeople(ctx, tx, req.Data, steps.step); err != nil {
			return err
		}
		if err := insertTranslations(ctx, tx, req.Data); err != nil {
			return err
		}
		var err error
		if ix, err = insertIndex(ctx, tx, req.Data, steps.step); err != nil {
			return err
		}
		if err := applyTrust(ctx, tx, req.Info.EventID, req, s.now()); err != nil {
			return err
		}
		if err := setEventMeta(ctx, tx, req); err != nil {
			return err
		}
		if err := countInstall(ctx, tx); err != nil {
			return err
		}
		// Read inside the transaction: the index built here belongs to
		// exactly this count, whatever another process installs next.
		if err := tx.QueryRowContext(ctx, `SELECT count FROM installs WHERE id = 1`).Scan(&count); err != nil {
			return err
		}
		s.dirMu.Lock()
		s.pending, s.pendingCount = ix, count
		s.dirMu.Unlock()
		return nil
	})
	s.dirMu.Lock()
	defer s.dirMu.Unlock()
	s.pending = nil
	if err != nil {
		return err
	}
	s.dir, s.dirCount = ix, count
	return nil
}

// stepper reports an install's progress every 2,000 rows.
type stepper struct {
	progress    Progress
	done, total int
}

func newStepper(req InstallRequest) *stepper {
	d := req.Data
	st := &stepper{progress: req.Progress}
	if st.progress == nil {
		st.progress = func(int, int) {}
	}
	// The directory index is built alongside; it counts as steps too.
	st.total = len(d.Countries) + len(d.Rooms) + len(d.Speakers) + len(d.Sessions) + 2*len(d.Delegates)
	return st
}

func (st *stepper) step(n int) {
	before := st.done
	st.done += n
	if st.done/2000 != before/2000 || st.done == st.total {
		st.progress(st.done, st.total)
	}
}

// insertHeader writes the event and the bundle that carried it.
func (s *Store) insertHeader(ctx context.Context, tx *sql.Tx, req InstallRequest) error {
	e := req.Data.Event
	if _, err := tx.ExecContext(ctx, `INSERT INTO event (id, name, short_name, organiser, venue, city,
		country_code, time_zone, start_date, end_date, languages, quorum) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
		e.ID, e.Name, e.ShortName, e.Organiser, e.Venue, e.City, e.CountryCode, e.TimeZone,
		e.StartDate, e.EndDate, strings.Join(e.Languages, ";"), e.Quorum); err != nil {
		return err
	}
	info := req.Info
	_, err := tx.ExecContext(ctx, `INSERT INTO bundle (id, event_id, version, created, expires,
		signer_key, sha256, installed) VALUES (1,?,?,?,?,?,?,?)`,
		info.EventID, info.Version, info.Created.Unix(), unixOrZero(info), info.SignerKey, info.SHA256,
		s.now().Unix())
	return err
}

// insertPlaces writes the countries, rooms and speakers.
func insertPlaces(ctx context.Context, tx *sql.Tx, d *data.EventData, step func(int)) error {
	if err := insertRows(ctx, tx, "countries", "code, code2, name, alt_names, region", len(d.Countries), func(i int) []any {
		c := d.Countries[i]
		return []any{c.Code, c.Code2, c.Name, strings.Join(c.AltNames, ";"), c.Region}
	}, step); err != nil {
		return err
	}
	if err := insertRows(ctx, tx, "rooms", "id, name, floor, capacity", len(d.Rooms), func(i int) []any {
		r := d.Rooms[i]
		return []any{r.ID, r.Name, r.Floor, r.Capacity}
	}, step); err != nil {
		return err
	}
	return insertRows(ctx, tx, "speakers", "id, name, role, country_code", len(d.Speakers), func(i int) []any {
		sp := d.Speakers[i]
		return []any{sp.ID, sp.Name, sp.Role, sp.CountryCode}
	}, step)
}

// insertSessions writes the programme and who speaks where.
func insertSessions(ctx context.Context, tx *sql.Tx, d *data.EventData, step func(int)) error {
	roomNames := make(map[string]string, len(d.Rooms))
	roomTexts := make(map[string]data.Texts, len(d.Rooms))
	for _, r := range d.Rooms {
		roomNames[r.ID], roomTexts[r.ID] = r.Name, r.Names
	}
	speakerNames := make(map[string]string, len(d.Speakers))
	for _, sp := range d.Speakers {
		speakerNames[sp.ID] = sp.Name
	}
	if err := insertRows(ctx, tx, "sessions", "id, title, description, start_at, end_at, room_id, kind, languages, search",
		len(d.Sessions), func(i int) []any {
			ss := d.Sessions[i]
			return []any{ss.ID, ss.Title, ss.Description, ss.Start.Unix(), ss.End.Unix(), ss.RoomID,
				string(ss.Kind), strings.Join(ss.Languages, ";"), sessionSearchText(ss, roomNames, speakerNames, roomTexts)}
		}, step); err != nil {
		return err
	}
	type speaking struct {
		session string
		pos     int
		speaker string
	}
	var speakings []speaking
	for _, ss := range d.Sessions {
		for pos, sp := range ss.SpeakerIDs {
			speakings = append(speakings, speaking{ss.ID, pos, sp})
		}
	}
	return insertRows(ctx, tx, "session_speakers", "session_id, position, speaker_id", len(speakings),
		func(i int) []any { return []any{speakings[i].session, speakings[i].pos, speakings[i].speaker} },
		func(int) {})
}

// insertPeople writes the delegates, the withdrawn badges and the
// enrolled kiosks.
func insertPeople(ctx context.Context, tx *sql.Tx, d *data.EventData, step func(int)) error {
	if err := insertRows(ctx, tx, "delegates", `id, honorific, given_names, family_name, family_first, title,
		organisation, country_code, role, listed, show_organisation, show_title,
		share_contact, email, phone`, len(d.Delegates), func(i int) []any {
		p := d.Delegates[i]
		return []any{p.ID, p.Honorific, p.GivenNames, p.FamilyName, p.FamilyFirst, p.Title,
			p.Organisation, p.CountryCode, string(p.Role), p.Consent.Listed,
			p.Consent.ShowOrganisation, p.Consent.ShowTitle,
			p.Consent.ShareContact, p.Email, p.Phone}
	}, step); err != nil {
		return err
	}
	if err := insertRows(ctx, tx, "revoked_badges", "serial, reason", len(d.Revoked), func(i int) []any {
		return []any{d.Revoked[i].Serial, d.Revoked[i].Reason}
	}, func(int) {}); err != nil {
		return err
	}
	return insertRows(ctx, tx, "kiosk_keys", "kiosk_id, public_key", len(d.KioskKeys), func(i int) []any {
		return []any{d.KioskKeys[i].KioskID, []byte(d.KioskKeys[i].PublicKey)}
	}, func(int) {})
}

// insertIndex builds the directory's search index and stores it whole.
func insertIndex(ctx context.Context, tx *sql.Tx, d *data.EventData, step func(int)) (*directory.Index, error) {
	countries := make(map[string]data.Country, len(d.Countries))
	for _, c := range d.Countries {
		countries[c.Code] = searchable(c)
	}
	builder := directory.NewBuilder(len(d.Delegates))
	for i, p := range d.Delegates {
		builder.Add(p, countries[p.CountryCode])
		if i%1000 == 999 {
			step(1000)
		}
	}
	step(len(d.Delegates) % 1000)
	ix := builder.Index()
	_, err := tx.ExecContext(ctx, `INSERT INTO directory_index (id, blob) VALUES (1, ?)`, ix.Marshal())
	return ix, err
}

// setEventMeta keeps what the bundle says about the kiosk beyond its
// data: the staff PIN, the hub, and whether the event may be replaced.
func setEventMeta(ctx context.Context, tx *sql.Tx, req InstallRequest) error {
	// A bundle that carries a staff PIN sets it; one without leaves the
	// kiosk's own PIN alone.
	if pin := req.Data.Event.StaffPINHash; pin != "" {
		if err := setMetaTx(ctx, tx, metaStaffPINHash, pin); err != nil {
			return err
		}
	}
	if err := setBundleHub(ctx, tx, req.Data.Event); err != nil {
		return err
	}
	replaceable := "0"
	if req.Replaceable {
		replaceable = "1"
	}
	return setMetaTx(ctx, tx, metaReplaceable, replaceable)
}

// Replaceable reports whether the installed event may be replaced by
// another event's bundle without staff saying so (the built-in demo).
func (s *Store) Replaceable(ctx context.Context) (bool, error) {
	v, err := s.meta(ctx, metaReplaceable)
	return v == "1", err
}

// insertBatch is how many rows one INSERT statement carries: binding a
// few hundred values at once costs far less per row than one statement a
// row, and stays well under SQLite's limit on bound values.
const insertBatch = 64

// insertRows inserts n rows into table, a batch of rows per statement.
func insertRows(ctx context.Context, tx *sql.Tx, table, columns string, n int, args func(i int) []any, step func(int)) error {
	if n == 0 {
		return nil
	}
	width := len(args(0))
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", width), ",") + ")"
	prepare := func(rows int) (*sql.Stmt, error) {
		q := "INSERT INTO " + table + " (" + columns + ") VALUES " + strings.TrimSuffix(strings.Repeat(row+",", rows), ",")
		return tx.PrepareContext(ctx, q)
	}
	full, err := prepare(min(insertBatch, n))
	if err != nil {
		return fmt.Errorf("%s: %w", table, err)
	}
	defer full.Close()
	buf := make([]any, 0, insertBatch*width)
	for start := 0; start < n; start += insertBatch {
		end := min(start+insertBatch, n)
		buf = buf[:0]
		for i := start; i < end; i++ {
			buf = append(buf, args(i)...)
		}
		st := full
		if end-start != min(insertBatch, n) {
			last, err := prepare(end - start)
			if err != nil {
				return fmt.Errorf("%s: %w", table, err)
			}
			defer last.Close()
			st = last
		}
		if _, err := st.ExecContext(ctx, buf...); err != nil {
			return fmt.Errorf("%s rows %d to %d: %w", table, start+1, end, err)
		}
		step(end - start)
	}
	return nil
}

func unixOrZero(info data.BundleInfo) int64 {
	if info.Expires.IsZero() {
		return 0
	}
	return info.Expires.Unix()
}

func sessionSearchText(ss data.Session, rooms, speakers map[string]string, roomTexts map[string]data.Texts) string {
	parts := []string{ss.Title, rooms[ss.RoomID], ss.Kind.Label()}
	for _, sp := range ss.SpeakerIDs {
		parts = append(parts, speakers[sp])
	}
	// A session is found by its title and room in any of their languages.
	for _, l := range data.ContentLanguages {
		parts = append(parts, ss.Titles[l], roomTexts[ss.RoomID][l])
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
