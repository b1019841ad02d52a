package source

import (
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"kiosk/data/hubtls"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"kiosk/data"
)

// DateLayout is how dates are written in the sources.
const DateLayout = data.DateLayout

// clockLayout is how times of day are written: 24-hour, venue local time.
const clockLayout = "15:04"

// Sources is everything staff prepare for one event. Session times in Data
// are instants in the event's time zone.
type Sources struct {
	Data      data.EventData
	Revoked   []Revocation
	KioskKeys []KioskKey
}

// Revocation is one row of the revoked table: something withdrawn from
// use, named by its serial number.
type Revocation struct {
	Serial string
	Reason string
}

// KioskKey is one row of the kiosk_keys table: a kiosk and its Ed25519
// public key.
type KioskKey struct {
	KioskID   string
	PublicKey ed25519.PublicKey
}

// DecodeCSV reads the sources from CSV file contents keyed by file name
// ("event.csv", "rooms.csv", ...), reporting problems as ReadDir does. The
// error, when not nil, is an Errors.
func DecodeCSV(files map[string][]byte) (*Sources, error) {
	r := newReader()
	tables := map[string]*rawTable{}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		base, ext, _ := strings.Cut(name, ".")
		spec := specByName[strings.ToLower(base)]
		if spec == nil || !strings.EqualFold(ext, "csv") || path.Base(name) != name {
			r.errs.addFile(name, "is not a source table; the tables are %s, each a .csv file", tableList())
			continue
		}
		if prev := tables[spec.name]; prev != nil {
			r.errs.addFile(name, "holds the same table as %s; keep one of them", prev.file)
			continue
		}
		tables[spec.name] = r.loadCSV(spec, name, files[name])
	}
	for _, spec := range tableSpecs {
		if spec.required && tables[spec.name] == nil {
			r.errs.addFile(spec.name+".csv", "required file is missing")
			r.fatal = true
		}
	}
	return r.decode(tables)
}

// decode interprets the tables, then validates the result as a whole and
// places each of data.Validate's problems on its cell.
func (r *reader) decode(tables map[string]*rawTable) (*Sources, error) {
	s := &Sources{}
	d := &s.Data
	loc := time.UTC
	if t := tables[TableEvent]; t != nil {
		var ok bool
		d.Event, ok = r.decodeEvent(t)
		if ok {
			if l, err := time.LoadLocation(d.Event.TimeZone); err == nil {
				loc = l
			}
		}
	}
	// Decoding a table that could not be read whole still finds the
	// problems in the rows that were read.
	if t := tables[TableCountries]; t != nil {
		d.Countries = r.decodeCountries(t)
	}
	if t := tables[TableRooms]; t != nil {
		d.Rooms = r.decodeRooms(t)
	}
	if t := tables[TableSpeakers]; t != nil {
		d.Speakers = r.decodeSpeakers(t)
	}
	if t := tables[TableSessions]; t != nil {
		d.Sessions = r.decodeSessions(t, loc)
	}
	if t := tables[TableDelegates]; t != nil {
		d.Delegates = r.decodeDelegates(t)
	}
	if t := tables[TableRevoked]; t != nil {
		s.Revoked = r.decodeRevoked(t)
	}
	if t := tables[TableKioskKeys]; t != nil {
		s.KioskKeys = r.decodeKioskKeys(t)
	}
	// With a table missing or cut short, cross-table rules would report
	// every reference to it; staff fix the structure first.
	if !r.fatal {
		for _, p := range d.Validate() {
			r.placeProblem(tables, p)
		}
	}
	if err := r.errs.err(); err != nil {
		return nil, err
	}
	return s, nil
}

func (r *reader) placeProblem(tables map[string]*rawTable, p data.Problem) {
	t := tables[p.Table]
	if t == nil {
		r.errs.addFile(p.Table, "%s: %s", p.Field, p.Msg)
		return
	}
	row := 0
	switch {
	case p.Index >= 0 && p.Index < len(t.rows):
		row = t.rows[p.Index]
	case p.Index < 0 && len(t.rows) > 0:
		row = t.rows[0] // the event's one row
	}
	if _, done := r.reported[cellRef{t.spec.name, row, p.Field}]; done {
		return
	}
	r.reported[cellRef{t.spec.name, row, p.Field}] = struct{}{}
	r.errs.put(t, row, p.Field, p.Msg, false)
}

func (r *reader) decodeEvent(t *rawTable) (data.Event, bool) {
	if t.fatal {
		return data.Event{}, false
	}
	if len(t.rows) == 0 {
		r.errs.add(t, t.headerRow+1, "", "has no event; fill in the row below the header")
		r.fatal = true
		return data.Event{}, false
	}
	for _, row := range t.rows[1:] {
		r.errs.add(t, row, "", "is a second event; a folder holds one event, so delete this row")
	}
	row := t.row(0)
	e := data.Event{
		ID:           row[t.col("id")],
		Name:         row[t.col("name")],
		ShortName:    row[t.col("short_name")],
		Organiser:    row[t.col("organiser")],
		Venue:        row[t.col("venue")],
		City:         row[t.col("city")],
		CountryCode:  r.country(t, 0, "country", row[t.col("country")], false),
		TimeZone:     row[t.col("time_zone")],
		StartDate:    row[t.col("start_date")],
		EndDate:      row[t.col("end_date")],
		Languages:    languages(row[t.col("languages")]),
		StaffPINHash: row[t.col("staff_pin_hash")],
		HubURL:       row[t.col("hub_url")],
		// A fingerprint is kept in the form the kiosk compares; a
		// malformed one is kept as typed, for validation to report.
		HubFingerprint: normalPin(row[t.col("hub_fingerprint")]),
		Quorum:         row[t.col("quorum")],
	}
	if e.TimeZone == "Local" {
		// time.LoadLocation accepts it, but it means the zone of whatever
		// machine reads the data.
		r.cellErr(t, 0, "time_zone", "\"Local\" is not a time zone name; write the venue's IANA zone, e.g. Asia/Makassar")
	}
	// Dates are checked here so that each is reported in its own column;
	// data.Validate reports both under start_date.
	first, okFirst := r.date(t, 0, "start_date", e.StartDate)
	last, okLast := r.date(t, 0, "end_date", e.EndDate)
	if okFirst && okLast && last.Before(first) {
		r.cellErr(t, 0, "end_date", "ends (%s) before it starts (%s)", e.EndDate, e.StartDate)
	}
	if !okFirst || !okLast || last.Before(first) {
		r.quiet(t, 0, "start_date")
	}
	return e, true
}

func (r *reader) decodeCountries(t *rawTable) []data.Country {
	code, code2, name, alt, region := t.col("code"), t.col("code2"), t.col("name"), t.col("alt_names"), t.col("region")
	out := make([]data.Country, 0, len(t.rows))
	seen := make(map[string]int, len(t.rows))
	for i := range t.rows {
		row := t.row(i)
		c := data.Country{
			Code:     r.country(t, i, "code", row[code], true),
			Code2:    strings.ToUpper(row[code2]),
			Name:     row[name],
			AltNames: splitList(row[alt]),
			Region:   row[region],
			Names:    texts(t, row, "name"),
		}
		r.unique(t, i, "code", "country code", c.Code, seen, isAlpha3)
		out = append(out, c)
	}
	return out
}

// texts gathers a row's translations of field from its columns field_fr,
// field_ar, ...; empty cells are no translation. Nil when there is none.
func texts(t *rawTable, row []string, field string) data.Texts {
	var out data.Texts
	for _, l := range data.ContentLanguages {
		if s := row[t.col(field+"_"+l)]; s != "" {
			if out == nil {
				out = data.Texts{}
			}
			out[l] = s
		}
	}
	return out
}

func (r *reader) decodeRooms(t *rawTable) []data.Room {
	id, name, floor, capacity := t.col("id"), t.col("name"), t.col("floor"), t.col("capacity")
	out := make([]data.Room, 0, len(t.rows))
	seen := make(map[string]int, len(t.rows))
	for i := range t.rows {
		row := t.row(i)
		room := data.Room{ID: row[id], Name: row[name], Floor: row[floor], Names: texts(t, row, "name")}
		if s := row[capacity]; s != "" {
			n, ok := parseInt(s)
			if !ok {
				r.cellErr(t, i, "capacity", "%q is not a whole number", s)
			}
			room.Capacity = n
		}
		r.unique(t, i, "id", "id", room.ID, seen, data.ValidID)
		out = append(out, room)
	}
	return out
}

func (r *reader) decodeSpeakers(t *rawTable) []data.Speaker {
	id, name, role, country := t.col("id"), t.col("name"), t.col("role"), t.col("country")
	out := make([]data.Speaker, 0, len(t.rows))
	seen := make(map[string]int, len(t.rows))
	for i := range t.rows {
		row := t.row(i)
		sp := data.Speaker{
			ID:          row[id],
			Name:        row[name],
			Role:        row[role],
			CountryCode: r.country(t, i, "country", row[country], false),
		}
		r.unique(t, i, "id", "id", sp.ID, seen, data.ValidID)
		out = append(out, sp)
	}
	return out
}

func (r *reader) decodeSessions(t *rawTable, loc *time.Location) []data.Session {
	id, title, desc := t.col("id"), t.col("title"), t.col("description")
	date, start, end := t.col("date"), t.col("start"), t.col("end")
	room, kind, speakers, langs := t.col("room"), t.col("kind"), t.col("speakers"), t.col("languages")
	out := make([]data.Session, 0, len(t.rows))
	seen := make(map[string]int, len(t.rows))
	for i := range t.rows {
		row := t.row(i)
		s := data.Session{
			ID:           row[id],
			Title:        row[title],
			Description:  row[desc],
			RoomID:       row[room],
			Kind:         r.kind(t, i, row[kind]),
			SpeakerIDs:   splitList(row[speakers]),
			Languages:    languages(row[langs]),
			Titles:       texts(t, row, "title"),
			Descriptions: texts(t, row, "description"),
		}
		day, okDay := r.date(t, i, "date", row[date])
		from, okFrom := r.clock(t, i, "start", row[start], false)
		to, okTo := r.clock(t, i, "end", row[end], true)
		if okDay {
			y, m, dd := day.Date()
			if okFrom {
				s.Start = time.Date(y, m, dd, from/60, from%60, 0, 0, loc)
			}
			if okTo {
				s.End = time.Date(y, m, dd, to/60, to%60, 0, 0, loc)
			}
		} else {
			r.quiet(t, i, "start")
			r.quiet(t, i, "end")
		}
		if okDay && okFrom && okTo && !s.End.After(s.Start) {
			if to < from {
				r.cellErr(t, i, "end", "ends (%s) before it starts (%s)", clockText(to), clockText(from))
			} else {
				r.cellErr(t, i, "end", "ends (%s) when it starts (%s)", clockText(to), clockText(from))
			}
		}
		r.unique(t, i, "id", "id", s.ID, seen, data.ValidID)
		out = append(out, s)
	}
	return out
}

func (r *reader) decodeDelegates(t *rawTable) []data.Delegate {
	id, honorific, given, family := t.col("id"), t.col("honorific"), t.col("given_names"), t.col("family_name")
	familyFirst, title, org, country := t.col("family_first"), t.col("title"), t.col("organisation"), t.col("country")
	role, listed, showOrg, showTitle := t.col("role"), t.col("listed"), t.col("show_organisation"), t.col("show_title")
	serial := t.col("badge_serial")
	share, email, phone := t.col("share_contact"), t.col("email"), t.col("phone")
	out := make([]data.Delegate, 0, len(t.rows))
	seen := make(map[string]int, len(t.rows))
	serials := map[string]int{}
	for i := range t.rows {
		row := t.row(i)
		p := data.Delegate{
			ID:           row[id],
			Honorific:    row[honorific],
			GivenNames:   row[given],
			FamilyName:   row[family],
			FamilyFirst:  r.boolean(t, i, "family_first", row[familyFirst]),
			Title:        row[title],
			Organisation: row[org],
			CountryCode:  r.country(t, i, "country", row[country], true),
			Role:         r.role(t, i, row[role]),
			Consent: data.Consent{
				Listed:           r.boolean(t, i, "listed", row[listed]),
				ShowOrganisation: r.boolean(t, i, "show_organisation", row[showOrg]),
				ShowTitle:        r.boolean(t, i, "show_title", row[showTitle]),
				ShareContact:     r.boolean(t, i, "share_contact", row[share]),
			},
			BadgeSerial: r.badgeSerial(t, i, row[serial]),
			Email:       r.email(t, i, row[email]),
			Phone:       r.phone(t, i, row[phone]),
		}
		r.unique(t, i, "id", "id", p.ID, seen, data.ValidID)
		r.unique(t, i, "badge_serial", "badge serial", row[serial], serials, nonEmpty)
		out = append(out, p)
	}
	return out
}

func (r *reader) decodeRevoked(t *rawTable) []Revocation {
	serial, reason := t.col("serial"), t.col("reason")
	var out []Revocation
	seen := map[string]int{}
	for i := range t.rows {
		row := t.row(i)
		v := Revocation{Serial: row[serial], Reason: row[reason]}
		switch {
		case v.Serial == "":
			r.cellErr(t, i, "serial", "is empty")
		case !validSerial(v.Serial):
			r.cellErr(t, i, "serial", "%q is not a badge serial number (a whole number from 0 to 4294967295)", v.Serial)
		}
		r.unique(t, i, "serial", "serial", v.Serial, seen, nonEmpty)
		out = append(out, v)
	}
	return out
}

func (r *reader) decodeKioskKeys(t *rawTable) []KioskKey {
	kid, pub := t.col("kiosk_id"), t.col("public_key")
	var out []KioskKey
	seen := map[string]int{}
	for i := range t.rows {
		row := t.row(i)
		k := KioskKey{KioskID: row[kid]}
		switch {
		case k.KioskID == "":
			r.cellErr(t, i, "kiosk_id", "is empty")
		case !data.ValidID(k.KioskID):
			r.cellErr(t, i, "kiosk_id", "%q is not a valid id (letters, digits, '.', '-', '_'; at most 64)", k.KioskID)
		}
		r.unique(t, i, "kiosk_id", "kiosk id", k.KioskID, seen, data.ValidID)
		k.PublicKey = r.publicKey(t, i, row[pub])
		out = append(out, k)
	}
	return out
}

// unique reports a value already used in an earlier row, naming that row
// too. Values that are invalid anyway are left to other checks.
func (r *reader) unique(t *rawTable, i int, col, what, v string, seen map[string]int, valid func(string) bool) {
	j, dup := seen[v]
	switch {
	case !dup:
		seen[v] = i
	case valid(v):
		r.cellErr(t, i, col, "duplicate %s %q: row %d has it too", what, v, t.rows[j])
	}
}

func nonEmpty(s string) bool { return s != "" }

// email reads a delegate's email cell: empty, or one plain address. It
// goes into a contact QR code, so anything that is not an address (a
// second address, a name, a line break) is refused rather than carried.
func (r *reader) email(t *rawTable, i int, s string) string {
	if s == "" {
		return ""
	}
	if msg := data.CheckEmail(s); msg != "" {
		r.cellErr(t, i, "email", "%q is not an email address: %s", s, msg)
		return ""
	}
	return s
}

// phone reads a delegate's phone cell: empty, or a number as people
// write one (digits, spaces, + - . ( ) /).
func (r *reader) phone(t *rawTable, i int, s string) string {
	if s == "" {
		return ""
	}
	if msg := data.CheckPhone(s); msg != "" {
		r.cellErr(t, i, "phone", "%q is not a telephone number: %s", s, msg)
		return ""
	}
	return s
}

// badgeSerial reads a delegate's badge_serial cell: empty for a serial
// derived from the id, or a whole number staff chose.
func (r *reader) badgeSerial(t *rawTable, i int, s string) uint32 {
	if s == "" {
		return 0
	}
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil || n == 0 || n > data.MaxGivenBadgeSerial {
		r.cellErr(t, i, "badge_serial", "%q is not a badge serial staff may give: a whole number from 1 to %d "+
			"(leave it empty to derive one from the id)", s, data.MaxGivenBadgeSerial)
		return 0
	}
	return uint32(n)
}

// validSerial reports whether s is a badge serial as badges carry it: an
// unsigned 32-bit number.
func validSerial(s string) bool {
	_, err := strconv.ParseUint(s, 10, 32)
	return err == nil
}

func (r *reader) date(t *rawTable, i int, col, s string) (time.Time, bool) {
	if s == "" {
		r.cellErr(t, i, col, "is empty; write a date as YYYY-MM-DD, e.g. 2016-11-07")
		return time.Time{}, false
	}
	d, err := time.Parse(DateLayout, s)
	if err != nil {
		r.cellErr(t, i, col, "%q is not a date; write it as YYYY-MM-DD, e.g. 2016-11-07", s)
		return time.Time{}, false
	}
	return d, true
}

// clock reads a time of day as minutes after midnight. An end may be
// 24:00, the midnight that ends the day.
func (r *reader) clock(t *rawTable, i int, col, s string, end bool) (int, bool) {
	if s == "" {
		r.cellErr(t, i, col, "is empty; write a time as HH:MM on a 24-hour clock, e.g. 09:30")
		return 0, false
	}
	m, ok := parseClock(s)
	if ok && m == 24*60 && !end {
		r.cellErr(t, i, col, "24:00 may only end a session; write 00:00 for midnight at the start of the day")
		return 0, false
	}
	if !ok {
		r.cellErr(t, i, col, "%q is not a time; write it as HH:MM on a 24-hour clock, e.g. 09:30", s)
		return 0, false
	}
	return m, true
}

// parseClock accepts H:MM and HH:MM, and HH:MM:00 as spreadsheets export
// times; seconds other than 00 would be silently lost, so they are not.
func parseClock(s string) (int, bool) {
	h, rest, ok := strings.Cut(s, ":")
	if !ok || len(h) < 1 || len(h) > 2 {
		return 0, false
	}
	m, sec, hasSec := strings.Cut(rest, ":")
	if len(m) != 2 || (hasSec && sec != "00") {
		return 0, false
	}
	hh, ok1 := digits(h)
	mm, ok2 := digits(m)
	if !ok1 || !ok2 || mm > 59 || hh > 24 || (hh == 24 && mm != 0) {
		return 0, false
	}
	return hh*60 + mm, true
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s) > 0
}

func clockText(m int) string {
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// parseInt accepts an optional minus sign and digits, grouped in
// thousands by commas as a spreadsheet may show them ("1,200").
func parseInt(s string) (int, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if strings.Contains(s, ",") {
		groups := strings.Split(s, ",")
		if len(groups[0]) < 1 || len(groups[0]) > 3 {
			return 0, false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, false
			}
		}
		s = strings.Join(groups, "")
	}
	if len(s) > 9 {
		return 0, false
	}
	n, ok := digits(s)
	if neg {
		n = -n
	}
	return n, ok
}

func (r *reader) boolean(t *rawTable, i int, col, s string) bool {
	switch s {
	case "yes", "no", "":
		return s == "yes"
	}
	switch strings.ToLower(s) {
	case "yes", "y", "true", "1", "x":
		return true
	case "no", "n", "false", "0":
		return false
	}
	r.cellErr(t, i, col, "%q is not yes or no (yes/no, y/n, true/false, 1/0, or x for yes and empty for no)", s)
	return false
}

func isAlpha3(s string) bool {
	return len(s) == 3 && isUpper(s[0]) && isUpper(s[1]) && isUpper(s[2])
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// country reads a country code, forgiving lower case.
func (r *reader) country(t *rawTable, i int, col, s string, required bool) string {
	if s == "" {
		if required {
			r.cellErr(t, i, col, "is empty; write an ISO 3166 alpha-3 code, e.g. FRA")
		}
		return ""
	}
	u := strings.ToUpper(s)
	if !isAlpha3(u) {
		r.cellErr(t, i, col, "%q is not an ISO 3166 alpha-3 code (three letters, e.g. FRA)", s)
	}
	return u
}

func languages(s string) []string {
	l := splitList(s)
	for j, v := range l {
		l[j] = strings.ToLower(v)
	}
	return l
}

// splitList splits a ";"-separated cell, dropping empty items so that a
// trailing ";" is harmless.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	if strings.IndexByte(s, ';') < 0 {
		return []string{s}
	}
	var out []string
	for _, v := range strings.Split(s, ";") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// enumKey folds what staff type for a kind or role: any case, and spaces
// or underscores for dashes.
func enumKey(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '_' {
			return '-'
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}

// kindNames and roleNames accept both the code and the label a person
// reads, e.g. "side-meeting" and "Side meeting".
var kindNames, roleNames = func() (map[string]data.SessionKind, map[string]data.Role) {
	kinds := map[string]data.SessionKind{}
	for _, k := range data.SessionKinds {
		kinds[enumKey(string(k))] = k
		kinds[enumKey(k.Label())] = k
	}
	roles := map[string]data.Role{}
	for _, v := range data.Roles {
		roles[enumKey(string(v))] = v
		roles[enumKey(v.Label())] = v
	}
	return kinds, roles
}()

func (r *reader) kind(t *rawTable, i int, s string) data.SessionKind {
	if k, ok := kindNames[s]; ok {
		return k
	}
	if s == "" {
		r.cellErr(t, i, "kind", "is empty; write one of %s", kindList())
		return ""
	}
	if k, ok := kindNames[enumKey(s)]; ok {
		return k
	}
	return data.SessionKind(s) // data.Validate names the valid kinds
}

func (r *reader) role(t *rawTable, i int, s string) data.Role {
	if v, ok := roleNames[s]; ok {
		return v
	}
	if s == "" {
		r.cellErr(t, i, "role", "is empty; write head, delegate, observer or speaker")
		return ""
	}
	if v, ok := roleNames[enumKey(s)]; ok {
		return v
	}
	return data.Role(s)
}

func kindList() string {
	s := make([]string, len(data.SessionKinds))
	for i, k := range data.SessionKinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func (r *reader) publicKey(t *rawTable, i int, s string) ed25519.PublicKey {
	if s == "" {
		r.cellErr(t, i, "public_key", "is empty")
		return nil
	}
	var b []byte
	var err error
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err = enc.DecodeString(s); err == nil {
			break
		}
	}
	if err != nil {
		r.cellErr(t, i, "public_key", "is not base64 text")
		return nil
	}
	if len(b) != ed25519.PublicKeySize {
		r.cellErr(t, i, "public_key", "is %d bytes once decoded; an Ed25519 public key is %d", len(b), ed25519.PublicKeySize)
		return nil
	}
	return ed25519.PublicKey(b)
}

// sizeText writes a byte count for people.
func sizeText(n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt(n, 10) + " bytes"
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

// normalPin is a well-formed hub fingerprint in lower case, anything else
// as it is.
func normalPin(s string) string {
	if p, err := hubtls.ParseFingerprint(s); err == nil {
		return p
	}
	return s
}
