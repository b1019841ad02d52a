package demo

import (
	"strconv"

	"kiosk/data"
)

// event is the 85th General Assembly as it took place.
func event() data.Event {
	return data.Event{
		ID:          "interpol-ga85-2016",
		Name:        "85th INTERPOL General Assembly",
		ShortName:   "INTERPOL GA 2016",
		Organiser:   "INTERPOL",
		Venue:       "Bali Nusa Dua Convention Center",
		City:        "Nusa Dua, Bali",
		CountryCode: "IDN",
		TimeZone:    "Asia/Makassar",
		StartDate:   "2016-11-07",
		EndDate:     "2016-11-10",
		Languages:   []string{"en", "fr", "es", "ar"},
		// The demo's staff PIN is 2016 2016 2016, published in the README
		// like the demo key. It has the 12 digits of every PIN a bundle
		// carries: the demo follows the rule it teaches, with no exception
		// that a real event could claim. A fixed hash (salt included) keeps
		// the demo bundle the same byte for byte whenever it is rebuilt.
		StaffPINHash: DemoPINHash,
	}
}

// DemoPIN is the demo event's staff PIN, and DemoPINHash its stored form.
const (
	DemoPIN     = "201620162016"
	DemoPINHash = "argon2id$v=19$m=32768,t=2,p=1,d=12$gIOXP/FYZkweyRFZTWoqfA$0EdBSJWIVRJex249olIZ5B2p5KA1oXsk2Fb3sOCY6H4"
)

// The working languages, interpreted in every plenary.
var allLanguages = []string{"en", "fr", "es", "ar"}

// venueRoom is a room at the venue. Meeting rooms are the ones the
// generator may fill with extra sessions; the halls, the lobby and the
// bilateral rooms keep to the natural programme.
type venueRoom struct {
	id, name, floor string
	capacity        int
	meeting         bool
}

// venueRooms are named, as the convention centre's are, after places in
// Bali; the names are plausible, not a floor plan.
var venueRooms = []venueRoom{
	{"nusa-dua-hall", "Nusa Dua Hall (Plenary)", "Level 1", 2500, false},
	{"pecatu-hall", "Pecatu Hall", "Level 1", 1500, false},
	{"main-lobby", "Main Lobby", "Level 1", 800, false},
	{"press-centre", "Press Centre", "Level 1", 120, false},
	{"badung", "Badung Room", "Level 2", 300, true},
	{"gianyar", "Gianyar Room", "Level 2", 250, true},
	{"tabanan", "Tabanan Room", "Level 2", 200, true},
	{"klungkung", "Klungkung Room", "Level 2", 150, true},
	{"bangli", "Bangli Room", "Level 2", 120, true},
	{"buleleng", "Buleleng Room", "Level 3", 100, true},
	{"jembrana", "Jembrana Room", "Level 3", 80, true},
	{"karangasem", "Karangasem Room", "Level 3", 80, true},
	{"bilateral-1", "Bilateral Room 1", "Level 3", 12, false},
	{"bilateral-2", "Bilateral Room 2", "Level 3", 12, false},
	{"bilateral-3", "Bilateral Room 3", "Level 3", 12, false},
	{"bilateral-4", "Bilateral Room 4", "Level 3", 12, false},
	{"lagoon-garden", "Lagoon Garden", "Ground level, outdoors", 1200, false},
	{"gwk-amphitheatre", "Amphitheatre, Garuda Wisnu Kencana Cultural Park", "Off-site, Jimbaran", 1500, false},
}

// annexRoom is the n-th extra room (1-based), added when a large programme
// needs more parallel rooms than the venue has.
func annexRoom(n int) venueRoom {
	s := strconv.Itoa(n)
	return venueRoom{id: "annex-" + s, name: "Annex Room " + s, floor: "Annex", capacity: 60, meeting: true}
}

func (v venueRoom) room() data.Room {
	return data.Room{ID: v.id, Name: v.name, Floor: v.floor, Capacity: v.capacity}
}
