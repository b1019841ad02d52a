package data

import (
	"fmt"
	"kiosk/data/hubtls"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"kiosk/data/pinhash"
)

// EventData is everything a bundle carries about one event: what a kiosk
// installs in one piece.
type EventData struct {
	Event     Event
	Rooms     []Room
	Sessions  []Session
	Speakers  []Speaker
	Countries []Country
	Delegates []Delegate
	Revoked   []Revocation // badges withdrawn from use
	KioskKeys []KioskKey   // kiosks whose check-ins are believed
}

// Table names used in Problems; the source and bundle formats map them to
// file names.
const (
	TableEvent     = "event"
	TableRooms     = "rooms"
	TableSessions  = "sessions"
	TableSpeakers  = "speakers"
	TableCountries = "countries"
	TableDelegates = "delegates"
)

// Problem is one rule that a record breaks. Index is the record's position
// in its table (0-based, -1 for the table as a whole); Field names the
// offending field as the source formats name their columns.
type Problem struct {
	Table string
	Index int
	Field string
	Msg   string
}

func (p Problem) Error() string {
	if p.Index < 0 {
		return fmt.Sprintf("%s: %s: %s", p.Table, p.Field, p.Msg)
	}
	return fmt.Sprintf("%s record %d: %s: %s", p.Table, p.Index+1, p.Field, p.Msg)
}

// Problems is a list of broken rules; it is an error when not empty.
type Problems []Problem

func (ps Problems) Error() string {
	switch len(ps) {
	case 0:
		return "no problems"
	case 1:
		return ps[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d problems:", len(ps))
	for i, p := range ps {
		if i == 20 {
			fmt.Fprintf(&b, "\n  ... and %d more", len(ps)-i)
			break
		}
		b.WriteString("\n  ")
		b.WriteString(p.Error())
	}
	return b.String()
}

// Err returns ps as an error, or nil when there are none.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

var (
	idPattern    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)
	alpha3       = regexp.MustCompile(`^[A-Z]{3}$`)
	alpha2       = regexp.MustCompile(`^[A-Z]{2}$`)
	langPattern  = regexp.MustCompile(`^[a-z]{2}$`)
	maxTextField = 4000
)

// ValidID reports whether s may be used as an identifier: letters, digits,
// dot, dash and underscore, at most 64 characters.
func ValidID(s string) bool { return idPattern.MatchString(s) }

// Validate checks every rule the kiosk relies on: unique ids, references
// that resolve, sessions that end after they start and fall within the
// event, known codes. It returns every problem, not just the first, so
// staff can fix a spreadsheet in one pass.
func (d *EventData) Validate() Problems {
	var ps Problems
	add := func(table string, i int, field, format string, args ...any) {
		ps = append(ps, Problem{Table: table, Index: i, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	ps = append(ps, d.validateEvent()...)

	countries := map[string]bool{}
	for i, c := range d.Countries {
		switch {
		case !alpha3.MatchString(c.Code):
			add(TableCountries, i, "code", "%q is not an ISO 3166 alpha-3 code (three capital letters)", c.Code)
		case countries[c.Code]:
			add(TableCountries, i, "code", "duplicate country code %q", c.Code)
		}
		countries[c.Code] = true
		if c.Code2 != "" && !alpha2.MatchString(c.Code2) {
			add(TableCountries, i, "code2", "%q is not an ISO 3166 alpha-2 code (two capital letters)", c.Code2)
		}
		if strings.TrimSpace(c.Name) == "" {
			add(TableCountries, i, "name", "is empty")
		}
		checkTexts(add, TableCountries, i, "name", c.Names, maxNameField)
	}
	if d.Event.CountryCode != "" && !countries[d.Event.CountryCode] {
		add(TableEvent, -1, "country", "unknown country code %q (not in countries)", d.Event.CountryCode)
	}

	rooms := map[string]bool{}
	for i, r := range d.Rooms {
		checkID(add, TableRooms, i, r.ID, rooms)
		if strings.TrimSpace(r.Name) == "" {
			add(TableRooms, i, "name", "is empty")
		}
		checkTexts(add, TableRooms, i, "name", r.Names, maxNameField)
		if r.Capacity < 0 {
			add(TableRooms, i, "capacity", "is negative (%d)", r.Capacity)
		}
	}

	speakers := map[string]bool{}
	for i, s := range d.Speakers {
		checkID(add, TableSpeakers, i, s.ID, speakers)
		if strings.TrimSpace(s.Name) == "" {
			add(TableSpeakers, i, "name", "is empty")
		}
		if s.CountryCode != "" && !countries[s.CountryCode] {
			add(TableSpeakers, i, "country", "unknown country code %q", s.CountryCode)
		}
	}

	days, _ := d.Event.Days()
	sessions := map[string]bool{}
	for i, s := range d.Sessions {
		checkID(add, TableSessions, i, s.ID, sessions)
		if strings.TrimSpace(s.Title) == "" {
			add(TableSessions, i, "title", "is empty")
		}
		if utf8.RuneCountInString(s.Description) > maxTextField {
			add(TableSessions, i, "description", "is longer than %d characters", maxTextField)
		}
		checkTexts(add, TableSessions, i, "title", s.Titles, maxNameField)
		checkTexts(add, TableSessions, i, "description", s.Descriptions, maxTextField)
		if !rooms[s.RoomID] {
			add(TableSessions, i, "room", "unknown room %q", s.RoomID)
		}
		if !s.Kind.Valid() {
			add(TableSessions, i, "kind", "unknown kind %q (want one of %s)", s.Kind, joinKinds())
		}
		switch {
		case s.Start.IsZero():
			add(TableSessions, i, "start", "is missing")
		case s.End.IsZero():
			add(TableSessions, i, "end", "is missing")
		case !s.End.After(s.Start):
			add(TableSessions, i, "end", "ends (%s) before it starts (%s)", s.End.Format(time.RFC3339), s.Start.Format(time.RFC3339))
		case len(days) > 0 && (s.Start.Before(days[0].Start) || s.End.After(days[len(days)-1].End)):
			add(TableSessions, i, "start", "falls outside the event (%s to %s)", d.Event.StartDate, d.Event.EndDate)
		}
		for _, sp := range s.SpeakerIDs {
			if !speakers[sp] {
				add(TableSessions, i, "speakers", "unknown speaker %q", sp)
			}
		}
		for _, l := range s.Languages {
			if !langPattern.MatchString(l) {
				add(TableSessions, i, "languages", "%q is not a two-letter language code", l)
			}
		}
	}

	delegates := map[string]bool{}
	for i, p := range d.Delegates {
		checkID(add, TableDelegates, i, p.ID, delegates)
		if strings.TrimSpace(p.GivenNames) == "" && strings.TrimSpace(p.FamilyName) == "" {
			add(TableDelegates, i, "given_names", "the delegate has no name")
		}
		if !countries[p.CountryCode] {
			add(TableDelegates, i, "country", "unknown country code %q", p.CountryCode)
		}
		if !p.Role.Valid() {
			add(TableDelegates, i, "role", "unknown role %q (want head, delegate, observer or speaker)", p.Role)
		}
		// Contact details go into a contact QR code: data that did not
		// come through the sources' reader is held to the same rules.
		if p.Email != "" {
			if msg := CheckEmail(p.Email); msg != "" {
				add(TableDelegates, i, "email", "%q is not an email address: %s", p.Email, msg)
			}
		}
		if p.Phone != "" {
			if msg := CheckPhone(p.Phone); msg != "" {
				add(TableDelegates, i, "phone", "%q is not a telephone number: %s", p.Phone, msg)
			}
		}
	}
	return ps
}

// maxNameField bounds a translated title or name: a public screen shows it
// whole.
const maxNameField = 500

// checkTexts checks a field's translations: only the content languages,
// none blank (an empty cell is no translation; spaces alone would show an
// empty title), none longer than max. The field of a problem is the
// source column, "title_fr".
func checkTexts(add func(string, int, string, string, ...any), table string, i int, field string, t Texts, max int) {
	for _, lang := range sortedKeys(t) {
		s, col := t[lang], field+"_"+lang
		switch {
		case !isContentLanguage(lang):
			add(table, i, col, "%q is not a content language (want one of %s)", lang, strings.Join(ContentLanguages, ", "))
		case strings.TrimSpace(s) == "":
			add(table, i, col, "is blank; leave the cell empty where there is no translation")
		case utf8.RuneCountInString(s) > max:
			add(table, i, col, "is longer than %d characters", max)
		}
	}
}

func isContentLanguage(lang string) bool {
	for _, l := range ContentLanguages {
		if l == lang {
			return true
		}
	}
	return false
}

func sortedKeys(t Texts) []string {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (d *EventData) validateEvent() Problems {
	var ps Problems
	add := func(field, format string, args ...any) {
		ps = append(ps, Problem{Table: TableEvent, Index: -1, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	e := d.Event
	if !ValidID(e.ID) {
		add("id", "%q is not a valid id (letters, digits, '.', '-', '_'; at most 64)", e.ID)
	}
	if strings.TrimSpace(e.Name) == "" {
		add("name", "is empty")
	}
	if _, err := e.Location(); err != nil {
		add("time_zone", "%v", err)
	} else if _, err := e.Days(); err != nil {
		add("start_date", "%v", err)
	}
	for _, l := range e.Languages {
		if !langPattern.MatchString(l) {
			add("languages", "%q is not a two-letter language code", l)
		}
	}
	if e.StaffPINHash != "" {
		if err := pinhash.ValidHash(e.StaffPINHash); err != nil {
			add("staff_pin_hash", "%v", err)
		}
	}
	validateHub(e, add)
	if _, err := ParseQuorum(e.Quorum); err != nil {
		add("quorum", "%v", err)
	}
	return ps
}

// validateHub checks the event's hub: an https URL, since kiosks set up
// by the bundle reach it over the venue network, with the fingerprint of
// the hub's key, without which an https hub is never contacted. A
// fingerprint alone is fine: staff then type the address on site, and the
// kiosk still takes only the hub with that key.
func validateHub(e Event, add func(field, format string, args ...any)) {
	if e.HubURL != "" {
		if err := hubtls.CheckURL(e.HubURL); err != nil {
			add("hub_url", "%v", err)
		} else if !strings.HasPrefix(strings.ToLower(e.HubURL), "https://") {
			add("hub_url", "%q must start with https://: kiosks reach the hub over the venue network, "+
				"where check-ins must not travel in clear", e.HubURL)
		}
		if e.HubFingerprint == "" {
			add("hub_fingerprint", "is empty, but hub_url is set: kiosks contact an https hub only with the fingerprint "+
				"of its key (\"hub fingerprint --data DIR\" prints it on the hub)")
		}
	}
	if e.HubFingerprint != "" {
		if _, err := hubtls.ParseFingerprint(e.HubFingerprint); err != nil {
			add("hub_fingerprint", "%v", err)
		}
	}
}

func checkID(add func(string, int, string, string, ...any), table string, i int, id string, seen map[string]bool) {
	switch {
	case id == "":
		add(table, i, "id", "is empty")
	case !ValidID(id):
		add(table, i, "id", "%q is not a valid id (letters, digits, '.', '-', '_'; at most 64)", id)
	case seen[id]:
		add(table, i, "id", "duplicate id %q", id)
	}
	seen[id] = true
}

func joinKinds() string {
	s := make([]string, len(SessionKinds))
	for i, k := range SessionKinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}
