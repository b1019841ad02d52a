package demo

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"kiosk/data"
)

// programme builds the rooms and sessions. With want 0 it is the natural
// programme; otherwise exactly want sessions: the most important part of
// the natural programme when want is smaller, the whole of it plus extra
// workshops, side meetings, regional working groups and bilateral
// meetings in the meeting rooms (and annex rooms as needed) when larger.
type programme struct {
	r        *rand.Rand
	loc      *time.Location
	days     []data.Day
	rooms    []venueRoom
	busy     [][]interval // per room, the times taken
	roomAt   map[string]int
	picker   *speakerPicker
	sessions []data.Session
}

type interval struct{ start, end time.Time }

func newProgramme(r *rand.Rand, loc *time.Location, days []data.Day, picker *speakerPicker) *programme {
	p := &programme{r: r, loc: loc, days: days, picker: picker, roomAt: map[string]int{}}
	for _, v := range venueRooms {
		p.addRoom(v)
	}
	return p
}

func (p *programme) addRoom(v venueRoom) int {
	p.roomAt[v.id] = len(p.rooms)
	p.rooms = append(p.rooms, v)
	p.busy = append(p.busy, nil)
	return len(p.rooms) - 1
}

// at is a venue time on the day-th day of the event: at(0, "09:30").
func (p *programme) at(day int, hhmm string) time.Time {
	h, _ := strconv.Atoi(hhmm[:2])
	m, _ := strconv.Atoi(hhmm[3:])
	d := p.days[day].Start
	return time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, p.loc)
}

// conflict reports the end of a session in room that overlaps [start, end).
func (p *programme) conflict(room int, start, end time.Time) (time.Time, bool) {
	for _, iv := range p.busy[room] {
		if start.Before(iv.end) && iv.start.Before(end) {
			return iv.end, true
		}
	}
	return time.Time{}, false
}

func (p *programme) add(room int, s data.Session) error {
	if _, clash := p.conflict(room, s.Start, s.End); clash {
		return fmt.Errorf("demo: %q overlaps another session in %s", s.Title, p.rooms[room].id)
	}
	s.RoomID = p.rooms[room].id
	p.busy[room] = append(p.busy[room], interval{s.Start, s.End})
	p.sessions = append(p.sessions, s)
	return nil
}

// kindPriority orders kinds by what a shortened programme keeps first.
var kindPriority = map[data.SessionKind]int{
	data.KindCeremony: 0, data.KindElection: 1, data.KindPlenary: 2, data.KindRegional: 3,
	data.KindWorkshop: 4, data.KindSideMeeting: 5, data.KindSocial: 6, data.KindBreak: 7,
}

// natural adds the natural programme, or its want most important items.
func (p *programme) natural(want int) error {
	plan := naturalProgramme
	if want > 0 && want < len(plan) {
		plan = slices.Clone(plan)
		slices.SortStableFunc(plan, func(a, b plannedSession) int {
			return cmp.Compare(kindPriority[a.kind], kindPriority[b.kind])
		})
		plan = plan[:want]
	}
	for _, ps := range plan {
		room, ok := p.roomAt[ps.room]
		if !ok {
			return fmt.Errorf("demo: %q: unknown room %q", ps.title, ps.room)
		}
		s := data.Session{
			Title:       ps.title,
			Description: ps.desc,
			Start:       p.at(ps.day, ps.start),
			End:         p.at(ps.day, ps.end),
			Kind:        ps.kind,
			Languages:   slices.Clone(ps.langs),
			SpeakerIDs:  slices.Clone(ps.speakers),
		}
		var region string
		if ps.kind == data.KindRegional {
			region = strings.TrimPrefix(ps.title, "Regional meeting: ")
			s.Description = regionalDescription(region)
		}
		if ps.panel > 0 {
			s.SpeakerIDs = append(s.SpeakerIDs, p.picker.panel(ps.panel, region)...)
		}
		if err := p.add(room, s); err != nil {
			return err
		}
	}
	return nil
}

// fillWindows are the hours extra sessions may take, per day: after the
// opening ceremony on the first day, before the presidential election on
// the last.
var fillWindows = [][2]string{
	{"11:30", "18:30"},
	{"08:00", "18:30"},
	{"08:00", "18:30"},
	{"08:00", "13:30"},
}

var (
	fillDurations = []time.Duration{45 * time.Minute, 60 * time.Minute, 60 * time.Minute, 90 * time.Minute, 90 * time.Minute, 120 * time.Minute}
	fillGaps      = []time.Duration{0, 15 * time.Minute, 15 * time.Minute, 30 * time.Minute}
)

// fill adds n extra sessions, room by room: each meeting room is filled
// through the four days around what it already holds, then the next, and
// annex rooms are opened when the venue's own run out. attending lists
// the countries with delegates, for bilateral meetings.
func (p *programme) fill(n int, attending []string) {
	var fillRooms []int
	for i, v := range p.rooms {
		if v.meeting {
			fillRooms = append(fillRooms, i)
		}
	}
	annexes := 0
	for ri := 0; n > 0; ri++ {
		if ri == len(fillRooms) {
			annexes++
			fillRooms = append(fillRooms, p.addRoom(annexRoom(annexes)))
		}
		room := fillRooms[ri]
		for day, w := range fillWindows[:min(len(fillWindows), len(p.days))] {
			t, stop := p.at(day, w[0]), p.at(day, w[1])
			for n > 0 {
				start := t.Add(pick(p.r, fillGaps))
				end := start.Add(pick(p.r, fillDurations))
				if end.After(stop) {
					break
				}
				if busyUntil, clash := p.conflict(room, start, end); clash {
					t = busyUntil
					continue
				}
				s := p.extraSession(attending)
				s.Start, s.End = start, end
				// Cannot clash: conflict was just checked.
				_ = p.add(room, s)
				t = end
				n--
			}
		}
	}
}

// extraSession makes the title, kind, languages and speakers of an extra
// session.
func (p *programme) extraSession(attending []string) data.Session {
	r := p.r
	tp := topics[r.IntN(len(topics))]
	switch k := r.IntN(20); {
	case k < 7:
		f := pick(r, workshopFormats)
		langs := english
		if r.IntN(2) == 0 {
			langs = enFr
		}
		return data.Session{Kind: data.KindWorkshop, Title: f.prefix + tp.name, Description: tp.blurb + " " + f.note,
			Languages: slices.Clone(langs), SpeakerIDs: p.picker.anyone(1+r.IntN(2), "")}
	case k < 13 || len(attending) < 2:
		f := pick(r, sideFormats)
		return data.Session{Kind: data.KindSideMeeting, Title: f.prefix + tp.name, Description: tp.blurb + " " + f.note,
			Languages: slices.Clone(english), SpeakerIDs: p.picker.anyone(r.IntN(2), "")}
	case k < 16:
		a := r.IntN(len(attending))
		b := (a + 1 + r.IntN(len(attending)-1)) % len(attending)
		ca, cb := memberCountries[countryIndex[attending[a]]].name, memberCountries[countryIndex[attending[b]]].name
		return data.Session{Kind: data.KindSideMeeting, Title: "Bilateral meeting: " + ca + " – " + cb,
			Description: "Closed meeting between the delegations of " + ca + " and " + cb + ". By invitation only."}
	default:
		region := Regions[r.IntN(len(Regions))]
		f := pick(r, regionalFormats)
		return data.Session{Kind: data.KindRegional, Title: strings.Replace(f.prefix, "{region}", region, 1) + tp.name,
			Description: tp.blurb + " " + f.note, Languages: slices.Clone(regional[region]), SpeakerIDs: p.picker.anyone(1, region)}
	}
}

// finish orders the sessions by time, then room, and numbers them.
func (p *programme) finish() ([]data.Room, []data.Session) {
	slices.SortStableFunc(p.sessions, func(a, b data.Session) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(p.roomAt[a.RoomID], p.roomAt[b.RoomID])
	})
	for i := range p.sessions {
		p.sessions[i].ID = sessionID(i + 1)
	}
	rooms := make([]data.Room, len(p.rooms))
	for i, v := range p.rooms {
		rooms[i] = v.room()
	}
	translate(rooms, p.sessions)
	return rooms, p.sessions
}

// sessionID formats the n-th session id: S0001.
func sessionID(n int) string {
	s := strconv.Itoa(n)
	if len(s) < 4 {
		s = "0000"[len(s):] + s
	}
	return "S" + s
}
