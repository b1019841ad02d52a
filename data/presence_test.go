package data

import (
	"testing"
	"time"
)

// The plenary a presence figure is about: running, else the one last
// checked in to, else the next, else the last; a session that counts no
// countries only once plenary check-ins were taken for it.
func TestCurrentPlenary(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2016, 11, 7, h, 0, 0, 0, time.UTC) }
	sessions := []Session{
		{ID: "opening", Kind: KindCeremony, Start: at(9), End: at(10)},
		{ID: "p1", Kind: KindPlenary, Start: at(10), End: at(11)},
		{ID: "lunch", Kind: KindBreak, Start: at(11), End: at(13)},
		{ID: "p2", Kind: KindPlenary, Start: at(13), End: at(14)},
		{ID: "vote", Kind: KindElection, Start: at(15), End: at(16)},
	}
	id := func(i int) string {
		if i < 0 {
			return "none"
		}
		return sessions[i].ID
	}
	for _, c := range []struct {
		name  string
		now   time.Time
		marks map[string]int64
		want  string
	}{
		{"before anything: the next plenary, not the ceremony", at(9), nil, "p1"},
		{"the ceremony once a kiosk took plenary check-ins for it", at(9), map[string]int64{"opening": 5}, "opening"},
		{"running beats checked in to", at(10), map[string]int64{"opening": 5}, "p1"},
		{"over lunch: the one last checked in to", at(12), map[string]int64{"opening": 9, "p1": 7}, "opening"},
		{"over lunch without check-ins: the next", at(12), nil, "p2"},
		{"the election counts countries", at(15), nil, "vote"},
		{"after the end: the last", at(20), nil, "vote"},
	} {
		if got := id(CurrentPlenary(sessions, c.marks, c.now)); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	if got := CurrentPlenary(sessions[:1], nil, at(9)); got != -1 {
		t.Errorf("a programme without plenaries gave %d", got)
	}
}

// Presence judges by the rule: a simple majority by default, a number, a
// share rounded up.
func TestPresence(t *testing.T) {
	for _, c := range []struct {
		rule             string
		present, members int
		needed, missing  int
		reached          bool
	}{
		{"", 95, 190, 96, 1, false},
		{"", 96, 190, 96, 0, true},
		{"", 3, 5, 3, 0, true},
		{"2/3", 126, 190, 127, 1, false},
		{"100", 120, 190, 100, 0, true},
	} {
		q, err := ParseQuorum(c.rule)
		if err != nil {
			t.Fatal(err)
		}
		p := Presence{Present: c.present, Members: c.members, Rule: q}
		if p.Needed() != c.needed || p.Missing() != c.missing || p.Reached() != c.reached {
			t.Errorf("%q, %d of %d: needed %d, missing %d, reached %v", c.rule, c.present, c.members, p.Needed(), p.Missing(), p.Reached())
		}
	}
	seen := CountriesPresent(map[string]bool{"a": true, "b": true, "c": true, "x": true}, func(id string) (string, bool) {
		return map[string]string{"a": "DEU", "b": "DEU", "c": "CIV"}[id], id != "x"
	})
	if len(seen) != 2 || !seen["DEU"] || !seen["CIV"] {
		t.Errorf("countries present %v, want DEU and CIV once each", seen)
	}
}
