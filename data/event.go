package data

import (
	"fmt"
	"time"

	// The kiosk must show the venue's time even on a machine whose system
	// lacks a time-zone database, so the database is embedded here.
	_ "time/tzdata"
)

// DateLayout is how a civil date (a day in the venue's calendar) is written.
const DateLayout = "2006-01-02"

// Event is the assembly itself: one event per kiosk data folder.
type Event struct {
	ID          string   // stable identifier, e.g. "interpol-ga85-2016"
	Name        string   // full name, e.g. "85th INTERPOL General Assembly"
	ShortName   string   // for narrow places, e.g. "INTERPOL GA 2016"
	Organiser   string   // e.g. "INTERPOL"
	Venue       string   // e.g. "Bali Nusa Dua Convention Center"
	City        string   // e.g. "Nusa Dua, Bali"
	CountryCode string   // ISO 3166 alpha-3 of the host country
	TimeZone    string   // IANA name of the venue's zone, e.g. "Asia/Makassar"
	StartDate   string   // first day, DateLayout
	EndDate     string   // last day, DateLayout
	Languages   []string // working languages, ISO 639-1 codes
	// StaffPINHash, when set, is the staff PIN of every kiosk that
	// installs the bundle (see package pinhash; "kioskctl pin-hash").
	StaffPINHash string
	// HubURL and HubFingerprint, when set, are the event's sync hub
	// (https) and the fingerprint of its key (package hubtls): a kiosk
	// that installs the bundle syncs with that hub, and only with a hub
	// holding that key, unless staff set another by hand.
	HubURL         string
	HubFingerprint string
	// Quorum is the plenary's quorum rule (see ParseQuorum); empty for a
	// simple majority of the member countries.
	Quorum string
}

// Location is the venue's time zone. It fails only for a name that is not
// in the embedded database, which validation refuses before it gets here.
func (e Event) Location() (*time.Location, error) {
	if e.TimeZone == "" {
		return nil, fmt.Errorf("event %q has no time zone", e.ID)
	}
	if e.TimeZone == "Local" {
		// "Local" would mean the zone of whichever machine reads the data.
		return nil, fmt.Errorf("event %q: time zone must be an IANA name such as Asia/Makassar, not Local", e.ID)
	}
	loc, err := time.LoadLocation(e.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("event %q: unknown time zone %q", e.ID, e.TimeZone)
	}
	return loc, nil
}

// Day is one calendar day of the event in the venue's zone.
type Day struct {
	Date  string    // DateLayout
	Start time.Time // midnight at the venue
	End   time.Time // the next midnight at the venue
}

// Contains reports whether t falls on this day at the venue.
func (d Day) Contains(t time.Time) bool {
	return !t.Before(d.Start) && t.Before(d.End)
}

// Days lists the event's days in order, in the venue's zone.
func (e Event) Days() ([]Day, error) {
	loc, err := e.Location()
	if err != nil {
		return nil, err
	}
	first, err := time.ParseInLocation(DateLayout, e.StartDate, loc)
	if err != nil {
		return nil, fmt.Errorf("event start date %q: want YYYY-MM-DD", e.StartDate)
	}
	last, err := time.ParseInLocation(DateLayout, e.EndDate, loc)
	if err != nil {
		return nil, fmt.Errorf("event end date %q: want YYYY-MM-DD", e.EndDate)
	}
	if last.Before(first) {
		return nil, fmt.Errorf("event ends (%s) before it starts (%s)", e.EndDate, e.StartDate)
	}
	var days []Day
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		days = append(days, Day{Date: d.Format(DateLayout), Start: d, End: d.AddDate(0, 0, 1)})
	}
	return days, nil
}

// Room is a place at the venue where sessions happen.
type Room struct {
	ID       string
	Name     string
	Floor    string
	Capacity int
	Names    Texts // Name in other languages (source columns name_fr, ...)
}
