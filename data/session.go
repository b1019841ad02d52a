package data

import "time"

// SessionKind says what sort of session it is; kiosks show it and check-in
// rules depend on it (a plenary check-in makes a country present).
type SessionKind string

// The session kinds an event may use.
const (
	KindCeremony    SessionKind = "ceremony"
	KindPlenary     SessionKind = "plenary"
	KindElection    SessionKind = "election"
	KindRegional    SessionKind = "regional"
	KindSideMeeting SessionKind = "side-meeting"
	KindWorkshop    SessionKind = "workshop"
	KindBreak       SessionKind = "break"
	KindSocial      SessionKind = "social"
)

// SessionKinds lists every valid kind, in the order a legend shows them.
var SessionKinds = []SessionKind{
	KindCeremony, KindPlenary, KindElection, KindRegional,
	KindSideMeeting, KindWorkshop, KindBreak, KindSocial,
}

// Valid reports whether k is one of SessionKinds.
func (k SessionKind) Valid() bool {
	for _, v := range SessionKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Label is the kind as a person reads it.
func (k SessionKind) Label() string {
	switch k {
	case KindCeremony:
		return "Ceremony"
	case KindPlenary:
		return "Plenary"
	case KindElection:
		return "Election"
	case KindRegional:
		return "Regional meeting"
	case KindSideMeeting:
		return "Side meeting"
	case KindWorkshop:
		return "Workshop"
	case KindBreak:
		return "Break"
	case KindSocial:
		return "Social event"
	}
	return string(k)
}

// Session is one item of the programme.
type Session struct {
	ID          string
	Title       string
	Description string
	Start       time.Time // an instant; shown in the venue's zone
	End         time.Time
	RoomID      string
	Kind        SessionKind
	SpeakerIDs  []string // in the order they speak
	Languages   []string // interpretation languages, ISO 639-1 codes
	// Titles and Descriptions are Title and Description in other
	// languages (source columns title_fr, description_ar, ...).
	Titles       Texts
	Descriptions Texts
}

// Running reports whether the session is in progress at t.
func (s Session) Running(t time.Time) bool {
	return !t.Before(s.Start) && t.Before(s.End)
}

// Speaker is someone who speaks at a session. A speaker may also be a
// delegate, but need not be (a head of state opening the assembly).
type Speaker struct {
	ID          string
	Name        string // as it is printed in the programme
	Role        string // e.g. "INTERPOL Secretary General"
	CountryCode string // optional, ISO 3166 alpha-3
}
