package dashboard

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"kiosk/data"
	"kiosk/data/hub"
	"kiosk/data/store"
)

// tally is what the check-ins add up to; it depends only on the
// check-ins and the bundle, so it is kept until either changes.
type tally struct {
	checkIns  int
	checkedIn map[string]bool            // delegates with any check-in
	bySession map[string]map[string]bool // session id → delegates
	arrivals  map[string]map[string]bool // venue date → delegates
	plenaryAt map[string]int64           // session id → latest plenary check-in's clock
	unknown   int                        // check-ins of delegates the bundle does not name
	conflicts []conflict
	// counts says, by check-in id, whether it is the one that counts.
	counts map[string]bool
}

// conflict is one delegate checked in for one purpose more than once, at
// different kiosks that did not know of each other (offline): the first by
// the hybrid logical clock counts, as on every kiosk.
type conflict struct {
	delegate string
	entries  []hub.HeldCheckIn // the one that counts first
}

// purposeKey is the kiosks' rule for "the same check-in": arrival once
// per venue day, a session once.
func (e *event) purposeKey(c data.CheckIn) string {
	return store.PurposeKey(c.EventID, c.Purpose, c.SessionID, c.ScannedAt.In(e.loc).Format(data.DateLayout))
}

// first is the kiosks' deterministic first-check-in rule
// (data/store firstCheckIn): the lowest hybrid logical clock, then id.
func first(a, b hub.HeldCheckIn) int {
	return cmp.Or(cmp.Compare(a.HLC, b.HLC), cmp.Compare(a.ID, b.ID))
}

func count(e *event, list []hub.HeldCheckIn) *tally {
	t := &tally{checkIns: len(list), checkedIn: map[string]bool{}, bySession: map[string]map[string]bool{},
		arrivals: map[string]map[string]bool{}, plenaryAt: map[string]int64{}, counts: make(map[string]bool, len(list))}
	add := func(m map[string]map[string]bool, k, delegate string) {
		if m[k] == nil {
			m[k] = map[string]bool{}
		}
		m[k][delegate] = true
	}
	groups := make(map[string][]hub.HeldCheckIn, len(list))
	for _, c := range list {
		if e.delegates[c.DelegateID] == nil {
			t.unknown++
		}
		t.checkedIn[c.DelegateID] = true
		switch c.Purpose {
		case data.PurposeArrival:
			add(t.arrivals, c.ScannedAt.In(e.loc).Format(data.DateLayout), c.DelegateID)
		default:
			add(t.bySession, c.SessionID, c.DelegateID)
			if c.Purpose == data.PurposePlenary {
				t.plenaryAt[c.SessionID] = max(t.plenaryAt[c.SessionID], c.HLC)
			}
		}
		k := c.DelegateID + "\x00" + e.purposeKey(c.CheckIn)
		groups[k] = append(groups[k], c)
	}
	for _, g := range groups {
		slices.SortFunc(g, first)
		t.counts[g[0].ID] = true
		if len(g) > 1 {
			t.conflicts = append(t.conflicts, conflict{delegate: g[0].DelegateID, entries: g})
		}
	}
	slices.SortFunc(t.conflicts, func(a, b conflict) int { return first(a.entries[0], b.entries[0]) })
	return t
}

// The rows the page shows. Every field is text or a number ready to show,
// so that the templates hold no logic.
type (
	countryRow struct {
		Code, Name          string
		Delegates, Arrived  int
		Present, PresentSet bool // at the plenary shown; PresentSet when there is one
	}
	roleRow struct {
		Label              string
		Delegates, Arrived int
	}
	plenaryRow struct {
		ID, Title, When, Room string
		Present, Members      int
		Needed                int
		Rule                  string // the quorum rule in words
		Reached, Current      bool
	}
	sessionRow struct {
		Title, When, Room, Kind string
		Attended, Capacity      int
	}
	dayRow struct {
		Date    string
		Arrived int
	}
	conflictRow struct {
		Delegate, Country, Purpose string
		Entries                    []conflictEntry
	}
	conflictEntry struct {
		Kiosk, Room, Scanned, Received string
		Counts, ClockSuspect           bool
	}
)

// totals is the part of the page that follows the check-ins.
type totals struct {
	CheckIns, Delegates, Arrived, Members, MembersArrived, Unknown int
	Plenary                                                        *plenaryRow
	Plenaries                                                      []plenaryRow
	Countries                                                      []countryRow
	Roles                                                          []roleRow
	Sessions                                                       []sessionRow
	Days                                                           []dayRow
	Conflicts                                                      []conflictRow
}

func (e *event) totals(t *tally, now time.Time) totals {
	out := totals{CheckIns: t.checkIns, Delegates: len(e.data.Delegates), Members: len(e.data.Countries), Unknown: t.unknown}
	out.Plenaries = e.plenaries(t, now)
	for i := range out.Plenaries {
		if out.Plenaries[i].Current {
			out.Plenary = &out.Plenaries[i]
		}
	}
	var present map[string]bool
	if out.Plenary != nil {
		present = e.countriesIn(t.bySession[out.Plenary.ID])
	}
	rows := map[string]*countryRow{}
	for _, c := range e.data.Countries {
		out.Countries = append(out.Countries, countryRow{Code: c.Code, Name: c.Name, Present: present[c.Code], PresentSet: out.Plenary != nil})
	}
	for i := range out.Countries {
		rows[out.Countries[i].Code] = &out.Countries[i]
	}
	roles := map[data.Role]*roleRow{}
	for _, r := range data.Roles {
		out.Roles = append(out.Roles, roleRow{Label: r.Label()})
	}
	for i, r := range data.Roles {
		roles[r] = &out.Roles[i]
	}
	for _, d := range e.data.Delegates {
		in := t.checkedIn[d.ID]
		if in {
			out.Arrived++
		}
		if r := rows[d.CountryCode]; r != nil {
			r.Delegates++
			r.Arrived += b2i(in)
		}
		if r := roles[d.Role]; r != nil {
			r.Delegates++
			r.Arrived += b2i(in)
		}
	}
	for _, r := range out.Countries {
		out.MembersArrived += b2i(r.Arrived > 0)
	}
	for _, s := range e.data.Sessions {
		if n := len(t.bySession[s.ID]); n > 0 {
			out.Sessions = append(out.Sessions, sessionRow{Title: s.Title, When: e.when(s), Room: e.rooms[s.RoomID],
				Kind: s.Kind.Label(), Attended: n, Capacity: e.capacity(s.RoomID)})
		}
	}
	for date, ds := range t.arrivals {
		out.Days = append(out.Days, dayRow{Date: date, Arrived: len(ds)})
	}
	slices.SortFunc(out.Days, func(a, b dayRow) int { return cmp.Compare(a.Date, b.Date) })
	for _, c := range t.conflicts {
		out.Conflicts = append(out.Conflicts, e.conflictRow(c))
	}
	return out
}

// plenaries lists the sessions that count member countries, each with its
// quorum. The one shown large (Current) is the one running now, else the
// one a kiosk last took a plenary check-in for, else the next to start,
// else the last.
func (e *event) plenaries(t *tally, now time.Time) []plenaryRow {
	var out []plenaryRow
	var shown []data.Session
	for _, s := range e.data.Sessions {
		if !data.IsPlenary(s, t.plenaryAt) {
			continue
		}
		p := data.Presence{Present: len(e.countriesIn(t.bySession[s.ID])), Members: len(e.data.Countries),
			Rule: e.data.Event.QuorumRule()}
		out = append(out, plenaryRow{ID: s.ID, Title: s.Title, When: e.when(s), Room: e.rooms[s.RoomID],
			Present: p.Present, Members: p.Members, Needed: p.Needed(), Rule: p.Rule.String(), Reached: p.Reached()})
		shown = append(shown, s)
	}
	if current := data.CurrentPlenary(shown, t.plenaryAt, now); current >= 0 {
		out[current].Current = true
	}
	return out
}

// countriesIn is the member countries of a set of delegates.
func (e *event) countriesIn(delegates map[string]bool) map[string]bool {
	return data.CountriesPresent(delegates, func(id string) (string, bool) {
		d := e.delegates[id]
		if d == nil {
			return "", false
		}
		_, member := e.countries[d.CountryCode]
		return d.CountryCode, member
	})
}

func (e *event) conflictRow(c conflict) conflictRow {
	row := conflictRow{Delegate: c.delegate, Purpose: e.purpose(c.entries[0].CheckIn)}
	if d := e.delegates[c.delegate]; d != nil {
		row.Delegate = d.FullName() + " (" + d.ID + ")"
		row.Country = e.countries[d.CountryCode].Name
	}
	for i, h := range c.entries {
		room := e.rooms[h.RoomID]
		if room == "" {
			room = h.RoomID
		}
		row.Entries = append(row.Entries, conflictEntry{Kiosk: e.kioskName(h.KioskID), Room: room,
			Scanned: e.clock(h.ScannedAt), Received: e.clock(h.Received), Counts: i == 0, ClockSuspect: h.ClockSuspect})
	}
	return row
}

// purpose says what a check-in was for, as staff read it.
func (e *event) purpose(c data.CheckIn) string {
	if c.Purpose == data.PurposeArrival {
		return "Arrival on " + c.ScannedAt.In(e.loc).Format("Mon 2 Jan")
	}
	title := c.SessionID
	if s, ok := e.sessions[c.SessionID]; ok {
		title = s.Title
	}
	return c.Purpose.Label() + ": " + title
}

func (e *event) when(s data.Session) string {
	return s.Start.In(e.loc).Format("Mon 2 Jan 15:04") + "–" + s.End.In(e.loc).Format("15:04")
}

// clock writes an instant in the venue's zone, with seconds: conflicts
// are told apart by them.
func (e *event) clock(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(e.loc).Format("Mon 2 Jan 15:04:05")
}

func (e *event) capacity(room string) int {
	for _, r := range e.data.Rooms {
		if r.ID == room {
			return r.Capacity
		}
	}
	return 0
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ago writes how long ago t was, as a person reads it at a glance.
func ago(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := now.Sub(t)
	switch {
	case d < 0:
		return "just now"
	case d < 2*time.Second:
		return "just now"
	case d < time.Minute:
		return fmt.Sprintf("%d s ago", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Hours()))
	}
	return fmt.Sprintf("%d days ago", int(d.Hours()/24))
}
