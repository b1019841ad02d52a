package source

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"kiosk/data"
)

type encodedTable struct {
	spec *tableSpec
	rows [][]string // in spec column order
}

// EncodeCSV writes every table as CSV, keyed by file name ("event.csv",
// "rooms.csv", ...). The bytes depend only on s. Optional tables are
// written too, with only their header when empty, so that a folder always
// shows every table staff may fill in. It fails only for values the
// format cannot hold, such as a session ending on another day than it
// starts; the error is then an Errors.
func EncodeCSV(s *Sources) (map[string][]byte, error) {
	tables, err := encodeTables(s)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(tables))
	for _, t := range tables {
		header, rows := withoutEmptyTranslations(t)
		out[t.spec.name+".csv"] = encodeCSVTable(header, rows)
	}
	return out, nil
}

// withoutEmptyTranslations leaves out the translation columns no row of a
// table with rows fills: a bundle without translations has the columns it had before
// there were any, and kiosks that do not know them still read it.
func withoutEmptyTranslations(t encodedTable) ([]string, [][]string) {
	if len(t.rows) == 0 {
		// An empty table is a template: it shows every column.
		return t.spec.names(), t.rows
	}
	var keep []int
	for j, c := range t.spec.cols {
		used := !c.translation
		for _, r := range t.rows {
			used = used || r[j] != ""
		}
		if used {
			keep = append(keep, j)
		}
	}
	if len(keep) == len(t.spec.cols) {
		return t.spec.names(), t.rows
	}
	pick := func(r []string) []string {
		out := make([]string, len(keep))
		for i, j := range keep {
			out[i] = r[j]
		}
		return out
	}
	rows := make([][]string, len(t.rows))
	for i, r := range t.rows {
		rows[i] = pick(r)
	}
	return pick(t.spec.names()), rows
}

// textCells writes a field's translations in the order of its columns.
func textCells(t data.Texts) []string {
	out := make([]string, len(data.ContentLanguages))
	for i, l := range data.ContentLanguages {
		out[i] = t[l]
	}
	return out
}

func encodeTables(s *Sources) ([]encodedTable, error) {
	var errs collector
	d := &s.Data
	rows := map[string][][]string{}

	e := d.Event
	listErrs(&errs, TableEvent, 0, "languages", e.Languages)
	rows[TableEvent] = [][]string{{
		e.ID, e.Name, e.ShortName, e.Organiser, e.Venue, e.City,
		e.CountryCode, e.TimeZone, e.StartDate, e.EndDate, joinList(e.Languages), e.StaffPINHash,
		e.HubURL, e.HubFingerprint, e.Quorum,
	}}

	for i, c := range d.Countries {
		listErrs(&errs, TableCountries, i, "alt_names", c.AltNames)
		rows[TableCountries] = append(rows[TableCountries], append([]string{c.Code, c.Code2, c.Name, joinList(c.AltNames), c.Region}, textCells(c.Names)...))
	}
	for _, r := range d.Rooms {
		capacity := ""
		if r.Capacity != 0 {
			capacity = strconv.Itoa(r.Capacity)
		}
		rows[TableRooms] = append(rows[TableRooms], append([]string{r.ID, r.Name, r.Floor, capacity}, textCells(r.Names)...))
	}
	for _, sp := range d.Speakers {
		rows[TableSpeakers] = append(rows[TableSpeakers], []string{sp.ID, sp.Name, sp.Role, sp.CountryCode})
	}

	rows[TableSessions] = encodeSessions(&errs, d)
	rows[TableDelegates] = encodeDelegates(&errs, d.Delegates)
	for _, v := range s.Revoked {
		rows[TableRevoked] = append(rows[TableRevoked], []string{v.Serial, v.Reason})
	}
	for _, k := range s.KioskKeys {
		key := ""
		if len(k.PublicKey) > 0 {
			key = base64.StdEncoding.EncodeToString(k.PublicKey)
		}
		rows[TableKioskKeys] = append(rows[TableKioskKeys], []string{k.KioskID, key})
	}

	if err := errs.err(); err != nil {
		return nil, err
	}
	out := make([]encodedTable, len(tableSpecs))
	for i, spec := range tableSpecs {
		out[i] = encodedTable{spec: spec, rows: rows[spec.name]}
	}
	return out, nil
}

// encodeSessions writes the sessions' rows, their times in the event's
// time zone.
func encodeSessions(errs *collector, d *data.EventData) [][]string {
	sessions := &rawTable{spec: specByName[TableSessions], file: TableSessions + ".csv"}
	var loc *time.Location
	if len(d.Sessions) > 0 {
		var err error
		if loc, err = d.Event.Location(); err != nil || d.Event.TimeZone == "Local" {
			errs.add(&rawTable{spec: specByName[TableEvent], file: TableEvent + ".csv"}, 2, "time_zone",
				"%q is not a time zone, so the sessions' times cannot be written", d.Event.TimeZone)
		}
	}
	var rows [][]string
	for i, ss := range d.Sessions {
		listErrs(errs, TableSessions, i, "speakers", ss.SpeakerIDs)
		listErrs(errs, TableSessions, i, "languages", ss.Languages)
		var date, start, end string
		if loc != nil {
			var col, msg string
			date, start, end, col, msg = sessionTimes(ss, loc)
			if msg != "" {
				errs.add(sessions, i+2, col, "%s", msg)
			}
		}
		row := []string{
			ss.ID, ss.Title, ss.Description, date, start, end,
			ss.RoomID, string(ss.Kind), joinList(ss.SpeakerIDs), joinList(ss.Languages),
		}
		row = append(row, textCells(ss.Titles)...)
		rows = append(rows, append(row, textCells(ss.Descriptions)...))
	}
	return rows
}

// encodeDelegates writes the delegates' rows; a badge serial outside the
// range staff give (those above it are derived from the id) is an error.
func encodeDelegates(errs *collector, delegates []data.Delegate) [][]string {
	var rows [][]string
	for i, p := range delegates {
		serial := ""
		if p.BadgeSerial > data.MaxGivenBadgeSerial {
			errs.add(&rawTable{spec: specByName[TableDelegates], file: TableDelegates + ".csv"}, i+2, "badge_serial",
				"badge serial %d cannot be written: staff give serials from 1 to %d", p.BadgeSerial, data.MaxGivenBadgeSerial)
		}
		if p.BadgeSerial != 0 {
			serial = strconv.FormatUint(uint64(p.BadgeSerial), 10)
		}
		rows = append(rows, []string{
			p.ID, p.Honorific, p.GivenNames, p.FamilyName, yesNo(p.FamilyFirst),
			p.Title, p.Organisation, p.CountryCode, string(p.Role),
			yesNo(p.Consent.Listed), yesNo(p.Consent.ShowOrganisation), yesNo(p.Consent.ShowTitle), serial,
			yesNo(p.Consent.ShareContact), p.Email, p.Phone,
		})
	}
	return rows
}

// sessionTimes gives a session's date, start and end as the sources write
// them, or says why they cannot: the format has one date per session, so
// a session must end on the day it starts, at the latest at 24:00.
func sessionTimes(s data.Session, loc *time.Location) (date, start, end, col, problem string) {
	if s.Start.IsZero() {
		if !s.End.IsZero() {
			return "", "", "", "start", "has an end but no start"
		}
		return "", "", "", "", ""
	}
	from := s.Start.In(loc)
	date, start = from.Format(DateLayout), from.Format(clockLayout)
	if from.Second() != 0 || from.Nanosecond() != 0 {
		return "", "", "", "start", "starts at " + from.Format("15:04:05.999999999") + "; the sources hold whole minutes"
	}
	if s.End.IsZero() {
		return date, start, "", "", ""
	}
	to := s.End.In(loc)
	if to.Second() != 0 || to.Nanosecond() != 0 {
		return "", "", "", "end", "ends at " + to.Format("15:04:05.999999999") + "; the sources hold whole minutes"
	}
	y, m, d := from.Date()
	if ty, tm, td := to.Date(); ty == y && tm == m && td == d {
		return date, start, to.Format(clockLayout), "", ""
	}
	if to.Equal(time.Date(y, m, d+1, 0, 0, 0, 0, loc)) {
		return date, start, "24:00", "", ""
	}
	return "", "", "", "end", "ends on " + to.Format(DateLayout) + ", not on the day it starts (" + date + "); the sources give one date per session"
}

func joinList(l []string) string { return strings.Join(l, ";") }

// listErrs refuses list items that would not read back as written: an
// item holding the separator, or an empty or padded one.
func listErrs(errs *collector, table string, i int, col string, items []string) {
	for _, v := range items {
		if v == "" || strings.Contains(v, ";") || strings.TrimSpace(v) != v {
			errs.add(&rawTable{spec: specByName[table], file: table + ".csv"}, i+2, col,
				"list item %q cannot be written: items are separated by \";\" and trimmed", v)
			return
		}
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
