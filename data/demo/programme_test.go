package demo

import (
	"slices"
	"strings"
	"testing"
	"time"

	"kiosk/data"
)

func venue(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestNoOverlapInARoom(t *testing.T) {
	for _, tc := range scales {
		t.Run(tc.name, func(t *testing.T) {
			d := generate(t, tc.opts)
			byRoom := map[string][]data.Session{}
			for _, s := range d.Sessions {
				byRoom[s.RoomID] = append(byRoom[s.RoomID], s)
			}
			for room, ss := range byRoom {
				slices.SortFunc(ss, func(a, b data.Session) int { return a.Start.Compare(b.Start) })
				for i := 1; i < len(ss); i++ {
					if ss[i].Start.Before(ss[i-1].End) {
						t.Errorf("%s: %s %q (to %s) overlaps %s %q (from %s)", room,
							ss[i-1].ID, ss[i-1].Title, ss[i-1].End.Format(time.Kitchen),
							ss[i].ID, ss[i].Title, ss[i].Start.Format(time.Kitchen))
					}
				}
			}
		})
	}
}

func TestSessionsAreOrderedAndNumbered(t *testing.T) {
	d := generate(t, Options{Sessions: 300})
	for i, s := range d.Sessions {
		if want := sessionID(i + 1); s.ID != want {
			t.Errorf("session %d has id %q, want %q", i, s.ID, want)
		}
		if i > 0 && s.Start.Before(d.Sessions[i-1].Start) {
			t.Errorf("%s starts before %s", s.ID, d.Sessions[i-1].ID)
		}
		if s.Description == "" {
			t.Errorf("%s %q has no description", s.ID, s.Title)
		}
	}
}

func findSessions(d *data.EventData, kind data.SessionKind, titleHas string) []data.Session {
	var out []data.Session
	for _, s := range d.Sessions {
		if s.Kind == kind && strings.Contains(s.Title, titleHas) {
			out = append(out, s)
		}
	}
	return out
}

func TestOpeningCeremony(t *testing.T) {
	loc := venue(t)
	for _, tc := range scales {
		t.Run(tc.name, func(t *testing.T) {
			d := generate(t, tc.opts)
			ss := findSessions(d, data.KindCeremony, "Opening")
			if len(ss) != 1 {
				t.Fatalf("%d opening ceremonies, want 1", len(ss))
			}
			s := ss[0]
			if got := s.Start.In(loc).Format(data.DateLayout); got != "2016-11-07" {
				t.Errorf("opening ceremony on %s, want 2016-11-07", got)
			}
			want := []string{"D000001", "D000002", "D000003", "D000004", "D000005"}
			if !slices.Equal(s.SpeakerIDs, want) {
				t.Errorf("opening speakers %v, want %v", s.SpeakerIDs, want)
			}
			if !slices.Equal(s.Languages, []string{"en", "fr", "es", "ar"}) {
				t.Errorf("opening languages %v, want en fr es ar", s.Languages)
			}
		})
	}
}

func TestPresidentialElection(t *testing.T) {
	loc := venue(t)
	for _, tc := range scales[:2] {
		t.Run(tc.name, func(t *testing.T) {
			d := generate(t, tc.opts)
			ss := findSessions(d, data.KindElection, "President")
			if len(ss) != 1 {
				t.Fatalf("%d presidential elections, want 1", len(ss))
			}
			if got := ss[0].Start.In(loc).Format(data.DateLayout); got != "2016-11-10" {
				t.Errorf("presidential election on %s, want the last day, 2016-11-10", got)
			}
			if len(findSessions(d, data.KindElection, "Executive Committee")) != 1 {
				t.Error("no election to the Executive Committee")
			}
		})
	}
}

func TestNaturalProgramme(t *testing.T) {
	d := generate(t, Options{})
	titles := make([]string, len(d.Sessions))
	kinds := map[data.SessionKind]int{}
	for i, s := range d.Sessions {
		titles[i] = s.Title
		kinds[s.Kind]++
		if s.Kind == data.KindPlenary && !slices.Equal(s.Languages, allLanguages) {
			t.Errorf("plenary %q interpreted into %v, want en fr es ar", s.Title, s.Languages)
		}
		if n := len(s.Description); n == 0 || n > 400 {
			t.Errorf("%q: description of %d characters, want one to three sentences", s.Title, n)
		}
	}
	all := strings.Join(titles, "\n")
	// The agenda of the assembly, item by item.
	for _, theme := range []string{
		"Foreign terrorist fighters", "biometric", "Organised crime and illicit markets", "Cybercrime",
		"Processing of information", "compliance", "INTERPOL 2020", "border security", "I-Checkit",
		"Strategies against terrorism", "Elections to the Executive Committee", "Election of the President",
		"Closing ceremony", "Registration", "Lunch", "Coffee break",
	} {
		if !strings.Contains(all, theme) {
			t.Errorf("no session about %q", theme)
		}
	}
	for _, k := range data.SessionKinds {
		if kinds[k] == 0 {
			t.Errorf("no session of kind %s", k)
		}
	}
	regional := findSessions(d, data.KindRegional, "Regional meeting")
	if len(regional) != len(Regions) {
		t.Fatalf("%d regional meetings, want %d", len(regional), len(Regions))
	}
	for _, s := range regional[1:] {
		if !s.Start.Equal(regional[0].Start) || s.RoomID == regional[0].RoomID {
			t.Errorf("regional meetings should run in parallel rooms: %s in %s at %s", s.Title, s.RoomID, s.Start)
		}
	}
	if n := len(d.Sessions); n < 60 || n > 90 {
		t.Errorf("%d sessions in the natural programme, want 60-90", n)
	}
}

func TestEveryDayHasSessions(t *testing.T) {
	loc := venue(t)
	d := generate(t, Options{Delegates: 100000, Sessions: 2000})
	per := map[string]int{}
	titles := map[string]bool{}
	for _, s := range d.Sessions {
		per[s.Start.In(loc).Format(data.DateLayout)]++
		titles[s.Title] = true
	}
	for _, day := range []string{"2016-11-07", "2016-11-08", "2016-11-09", "2016-11-10"} {
		if per[day] < 100 {
			t.Errorf("%s: %d sessions; want the 2000 spread over the four days", day, per[day])
		}
	}
	if len(titles) < 500 {
		t.Errorf("%d distinct titles among 2000 sessions, want varied titles", len(titles))
	}
}

func TestSpeakers(t *testing.T) {
	for _, tc := range scales {
		t.Run(tc.name, func(t *testing.T) {
			d := generate(t, tc.opts)
			byID := map[string]data.Delegate{}
			for _, p := range d.Delegates {
				byID[p.ID] = p
			}
			speakers := map[string]data.Speaker{}
			for _, s := range d.Speakers {
				speakers[s.ID] = s
				// A speaker's name is printed on a public screen: only
				// delegates who agreed to show everything may speak.
				p, ok := byID[s.ID]
				if !ok {
					t.Errorf("speaker %s is not a delegate", s.ID)
					continue
				}
				if c := p.Consent; !c.Listed || !c.ShowOrganisation || !c.ShowTitle {
					t.Errorf("speaker %s (%s) did not consent to be shown: %+v", s.ID, s.Name, p.Consent)
				}
				if p.Role == data.RoleObserver {
					t.Errorf("speaker %s is an observer", s.ID)
				}
			}
			for _, s := range d.Sessions {
				if len(s.SpeakerIDs) != len(slices.Compact(slices.Sorted(slices.Values(s.SpeakerIDs)))) {
					t.Errorf("%s %q lists a speaker twice: %v", s.ID, s.Title, s.SpeakerIDs)
				}
				for _, id := range s.SpeakerIDs {
					if _, ok := speakers[id]; !ok {
						t.Errorf("%s: speaker %s not in the Speakers table", s.ID, id)
					}
				}
			}
		})
	}
}

func TestRooms(t *testing.T) {
	d := generate(t, Options{Delegates: 100000, Sessions: 2000})
	if len(d.Rooms) <= len(venueRooms) {
		t.Errorf("%d rooms for 2000 sessions; want annex rooms added", len(d.Rooms))
	}
	plenary := false
	for _, r := range d.Rooms {
		if r.Floor == "" || r.Capacity <= 0 {
			t.Errorf("room %s: floor %q, capacity %d", r.ID, r.Floor, r.Capacity)
		}
		plenary = plenary || r.Capacity >= 2000
	}
	if !plenary {
		t.Error("no plenary hall large enough for the assembly")
	}
}
