package data

import (
	"strings"
	"testing"
	"time"
)

func validData() *EventData {
	loc, _ := time.LoadLocation("Asia/Makassar")
	return &EventData{
		Event: Event{ID: "ev", Name: "Ev", CountryCode: "IDN", TimeZone: "Asia/Makassar",
			StartDate: "2016-11-07", EndDate: "2016-11-08", Languages: []string{"en"}},
		Countries: []Country{{Code: "IDN", Code2: "ID", Name: "Indonesia"}},
		Rooms:     []Room{{ID: "R1", Name: "Hall"}},
		Speakers:  []Speaker{{ID: "SP1", Name: "A Speaker"}},
		Sessions: []Session{{ID: "S1", Title: "Opening", RoomID: "R1", Kind: KindCeremony,
			Start: time.Date(2016, 11, 7, 9, 0, 0, 0, loc), End: time.Date(2016, 11, 7, 10, 0, 0, 0, loc),
			SpeakerIDs: []string{"SP1"}}},
		Delegates: []Delegate{{ID: "D1", GivenNames: "Budi", CountryCode: "IDN", Role: RoleDelegate}},
	}
}

func TestValidateAcceptsValidData(t *testing.T) {
	if ps := validData().Validate(); len(ps) != 0 {
		t.Fatalf("valid data refused: %v", ps)
	}
}

func TestValidateFindsEachProblem(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(d *EventData)
		table  string
		field  string
		substr string
	}{
		{"unknown room", func(d *EventData) { d.Sessions[0].RoomID = "R9" }, TableSessions, "room", `unknown room "R9"`},
		{"end before start", func(d *EventData) { d.Sessions[0].End = d.Sessions[0].Start.Add(-time.Hour) }, TableSessions, "end", "before it starts"},
		{"outside the event", func(d *EventData) { d.Sessions[0].Start = d.Sessions[0].Start.AddDate(0, 0, -3) }, TableSessions, "start", "outside the event"},
		{"duplicate delegate", func(d *EventData) { d.Delegates = append(d.Delegates, d.Delegates[0]) }, TableDelegates, "id", "duplicate id"},
		{"bad country code", func(d *EventData) { d.Delegates[0].CountryCode = "Indonesia" }, TableDelegates, "country", "unknown country"},
		{"bad alpha-3", func(d *EventData) { d.Countries[0].Code = "id" }, TableCountries, "code", "alpha-3"},
		{"unknown kind", func(d *EventData) { d.Sessions[0].Kind = "party" }, TableSessions, "kind", "unknown kind"},
		{"unknown speaker", func(d *EventData) { d.Sessions[0].SpeakerIDs = []string{"X"} }, TableSessions, "speakers", "unknown speaker"},
		{"bad role", func(d *EventData) { d.Delegates[0].Role = "boss" }, TableDelegates, "role", "unknown role"},
		{"no name", func(d *EventData) { d.Delegates[0].GivenNames = " " }, TableDelegates, "given_names", "no name"},
		{"bad time zone", func(d *EventData) { d.Event.TimeZone = "Mars/Olympus" }, TableEvent, "time_zone", "unknown time zone"},
		{"event ends before start", func(d *EventData) { d.Event.EndDate = "2016-11-01" }, TableEvent, "start_date", "before it starts"},
		{"bad id", func(d *EventData) { d.Rooms[0].ID = "a room" }, TableRooms, "id", "not a valid id"},
		{"two emails", func(d *EventData) { d.Delegates[0].Email = "a@b.org; c@d.org" }, TableDelegates, "email", "not an email address"},
		{"email line break", func(d *EventData) { d.Delegates[0].Email = "a@b.org\r\nEND:VCARD" }, TableDelegates, "email", "not an email address"},
		{"phone letters", func(d *EventData) { d.Delegates[0].Phone = "ask at the desk" }, TableDelegates, "phone", "not a telephone number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := validData()
			tt.break_(d)
			ps := d.Validate()
			for _, p := range ps {
				if p.Table == tt.table && p.Field == tt.field && strings.Contains(p.Msg, tt.substr) {
					return
				}
			}
			t.Fatalf("want a %s/%s problem containing %q, got %v", tt.table, tt.field, tt.substr, ps)
		})
	}
}

func TestDaysInVenueZone(t *testing.T) {
	days, err := validData().Event.Days()
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 2 || days[0].Date != "2016-11-07" {
		t.Fatalf("days %+v", days)
	}
	// Midnight in Bali is 16:00 UTC the day before.
	if got := days[0].Start.UTC().Format(time.RFC3339); got != "2016-11-06T16:00:00Z" {
		t.Fatalf("day 1 starts %s", got)
	}
}

func TestDelegateNamesAndConsent(t *testing.T) {
	d := Delegate{Honorific: "Colonel", GivenNames: "Thị Hương", FamilyName: "Nguyễn", FamilyFirst: true,
		Organisation: "MPS", Title: "Director", Consent: Consent{Listed: true, ShowTitle: true}}
	if d.FullName() != "Colonel Nguyễn Thị Hương" {
		t.Fatalf("FullName %q", d.FullName())
	}
	pub, ok := d.Public()
	if !ok || pub.Organisation != "" || pub.Title != "Director" {
		t.Fatalf("Public %+v %v", pub, ok)
	}
	d.Consent.Listed = false
	if _, ok := d.Public(); ok {
		t.Fatal("unlisted delegate is public")
	}
}
