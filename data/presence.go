package data

import (
	"cmp"
	"time"
)

// The presence rule of a plenary, shared by the kiosks' presence board
// and the hub's dashboard so that both show the same figures: a member
// country is present when at least one of its delegates checked in to
// the plenary (one vote per country), whichever kiosk took the check-in
// and however it travelled; the quorum is judged by the bundle's rule.

// CountsCountries says whether a session of this kind counts member
// countries: a plenary or an election (one vote per country).
func (k SessionKind) CountsCountries() bool {
	return k == KindPlenary || k == KindElection
}

// Presence is a plenary's count of member countries against its quorum.
type Presence struct {
	Present int // member countries with at least one delegate checked in
	Members int // member countries of the event
	Rule    Quorum
}

// Needed is how many member countries the quorum asks for.
func (p Presence) Needed() int { return p.Rule.Needed(p.Members) }

// Reached says whether enough member countries are present.
func (p Presence) Reached() bool { return p.Present >= p.Needed() }

// Missing is how many more member countries the quorum needs; 0 once
// it is reached.
func (p Presence) Missing() int { return max(p.Needed()-p.Present, 0) }

// CountriesPresent is the set of member countries of a set of delegates:
// countryOf gives a delegate's country and whether it is a member, false
// for a delegate the bundle does not name. A delegate listed twice (two
// kiosks took them, offline) counts once, as does a country with many.
func CountriesPresent(delegates map[string]bool, countryOf func(delegateID string) (string, bool)) map[string]bool {
	out := map[string]bool{}
	for id := range delegates {
		if c, ok := countryOf(id); ok {
			out[c] = true
		}
	}
	return out
}

// CurrentPlenary picks the plenary a presence figure is about, among
// sessions sorted by start: the one running at now, else the one a kiosk
// last took a plenary check-in for (lastCheckIn: session id → the
// latest such check-in's hybrid logical clock), else the next to start,
// else the last one that started. Sessions that do not count countries
// are candidates only when plenary check-ins were taken for them. It
// returns -1 when there is none.
func CurrentPlenary(sessions []Session, lastCheckIn map[string]int64, now time.Time) int {
	running, checked, next, last := -1, -1, -1, -1
	for i, s := range sessions {
		if !IsPlenary(s, lastCheckIn) {
			continue
		}
		if running < 0 && s.Running(now) {
			running = i
		}
		if at := lastCheckIn[s.ID]; at > 0 && (checked < 0 || at > lastCheckIn[sessions[checked].ID]) {
			checked = i
		}
		if next < 0 && s.Start.After(now) {
			next = i
		}
		if !s.Start.After(now) {
			last = i
		}
	}
	return cmp.Or(running+1, checked+1, next+1, last+1) - 1
}

// IsPlenary says whether a session counts member countries: by its kind,
// or because kiosks took plenary check-ins for it.
func IsPlenary(s Session, lastCheckIn map[string]int64) bool {
	return s.Kind.CountsCountries() || lastCheckIn[s.ID] > 0
}
