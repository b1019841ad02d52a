// Package myday is "My day": a delegate scans their badge and sees the
// sessions of the day that are open to them, and where, without being
// checked in.
//
// The sources have no session audience, so the rule is drawn from what
// they do say, a session's kind and a country's region:
//   - an election is for the delegations (heads of delegation and
//     delegates), who vote; not for observers or guest speakers;
//   - a regional meeting is for the delegations of the region its title
//     names (the longest of the event's region names found in the title,
//     so "Middle East and North Africa" is not taken for "Africa"); one
//     whose title names no region is open to all;
//   - every other session (ceremonies, plenaries, workshops, side
//     meetings, breaks, social events) is open to all.
package myday

import (
	"context"
	"strings"
	"time"

	"kiosk/data"
	"kiosk/data/checkin"
	"kiosk/data/store"
)

// Open reports whether s is open to a delegate of role whose delegation is
// in region; regions are the event's region names.
func Open(s data.Session, role data.Role, region string, regions []string) bool {
	switch s.Kind {
	case data.KindElection:
		return role == data.RoleHead || role == data.RoleDelegate
	case data.KindRegional:
		named := namedRegion(s.Title, regions)
		return named == "" || named == region
	}
	return true
}

// namedRegion is the longest region name the title contains, folded.
func namedRegion(title string, regions []string) string {
	t := data.Fold(title)
	best, bestFold := "", ""
	for _, r := range regions {
		f := data.Fold(r)
		if f != "" && strings.Contains(t, f) && len(f) > len(bestFold) {
			best, bestFold = r, f
		}
	}
	return best
}

// Plan is what "My day" shows after a scan.
type Plan struct {
	// Refused, when set, says why the badge was not accepted.
	Refused *checkin.Outcome
	// Name and Country are filled only for a delegate who consented to be
	// listed: the screen is public.
	Name, Country string
	Role          data.Role
	Day           data.Day
	// Ended: the event is over, there is no day to show.
	Ended    bool
	Sessions []data.SessionSummary
}

// Service makes plans from the installed event.
type Service struct {
	desk  *checkin.Desk
	store *store.Store
	now   func() time.Time
}

// New makes a service on the kiosk's desk (which verifies badges) and
// store; now is the kiosk's clock.
func New(desk *checkin.Desk, s *store.Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{desk: desk, store: s, now: now}
}

// Plan verifies the badge and lists the sessions open to its holder on
// the day: today at the venue, or the first day before the event starts.
// It records nothing.
func (s *Service) Plan(ctx context.Context, raw string) (Plan, error) {
	h, err := s.desk.Identify(ctx, raw)
	if err != nil {
		return Plan{}, err
	}
	if h.Refused != nil {
		return Plan{Refused: h.Refused}, nil
	}
	p := Plan{Role: h.Delegate.Role}
	if h.Delegate.Consent.Listed {
		p.Name, p.Country = h.Delegate.FullName(), h.CountryName
	}
	e, err := s.store.Event(ctx)
	if err != nil {
		return Plan{}, err
	}
	days, err := e.Days()
	if err != nil {
		return Plan{}, err
	}
	day, ok := pickDay(days, s.now())
	if !ok {
		p.Ended = true
		return p, nil
	}
	p.Day = day
	countries, err := s.store.Countries(ctx)
	if err != nil {
		return Plan{}, err
	}
	var region string
	seen := map[string]bool{}
	var regions []string
	for _, c := range countries {
		if c.Code == h.Delegate.CountryCode {
			region = c.Region
		}
		if c.Region != "" && !seen[c.Region] {
			seen[c.Region] = true
			regions = append(regions, c.Region)
		}
	}
	all, err := s.store.Sessions(ctx, day.Date)
	if err != nil {
		return Plan{}, err
	}
	for _, ss := range all {
		if Open(ss.Session, p.Role, region, regions) {
			p.Sessions = append(p.Sessions, ss)
		}
	}
	return p, nil
}

// pickDay is the event day containing now, the first day before the
// event, and none after it.
func pickDay(days []data.Day, now time.Time) (data.Day, bool) {
	if len(days) == 0 {
		return data.Day{}, false
	}
	if now.Before(days[0].Start) {
		return days[0], true
	}
	for _, d := range days {
		if d.Contains(now) {
			return d, true
		}
	}
	return data.Day{}, false
}
