// Package datatest builds small, hand-written events for tests, where every
// name and consent is chosen to exercise a rule.
package datatest

import (
	"time"

	"kiosk/data"
)

// Fixture delegate ids that tests refer to.
const (
	StockID     = "D1" // Jürgen Stock, fully listed
	PastikaID   = "D2" // I Made Mangku Pastika, one multi-part name
	KouassiID   = "D3" // Côte d'Ivoire, organisation hidden
	HiddenID    = "D4" // did not consent to be listed
	NguyenID    = "D5" // family name first, diacritics
	OpeningID   = "S1"
	CyberID     = "S2"
	ElectionID  = "S3"
	PlenaryRoom = "R1"
)

// Event is a small event with four days in Asia/Makassar.
func Event() *data.EventData {
	loc, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		panic(err)
	}
	at := func(day, hour, min int) time.Time { return time.Date(2016, 11, day, hour, min, 0, 0, loc) }
	yes := data.Consent{Listed: true, ShowOrganisation: true, ShowTitle: true}
	return &data.EventData{
		Event: data.Event{
			ID: "test-event", Name: "Test General Assembly", ShortName: "Test GA", Organiser: "Test Org",
			Venue: "Convention Centre", City: "Nusa Dua", CountryCode: "IDN", TimeZone: "Asia/Makassar",
			StartDate: "2016-11-07", EndDate: "2016-11-10", Languages: []string{"en", "fr", "es", "ar"},
		},
		Countries: []data.Country{
			{Code: "CIV", Code2: "CI", Name: "Côte d'Ivoire", AltNames: []string{"Ivory Coast"}, Region: "Africa"},
			{Code: "DEU", Code2: "DE", Name: "Germany", Region: "Europe",
				Names: data.Texts{"fr": "Allemagne", "es": "Alemania", "ar": "ألمانيا"}},
			{Code: "IDN", Code2: "ID", Name: "Indonesia", Region: "Asia and South Pacific"},
			{Code: "VNM", Code2: "VN", Name: "Viet Nam", AltNames: []string{"Vietnam"}, Region: "Asia and South Pacific"},
			{Code: "ISL", Code2: "IS", Name: "Iceland", Region: "Europe"},
		},
		Rooms: []data.Room{
			{ID: PlenaryRoom, Name: "Plenary Hall", Floor: "Ground", Capacity: 1200,
				Names: data.Texts{"fr": "Salle plénière", "es": "Sala del Pleno", "ar": "قاعة الجلسات العامة"}},
			{ID: "R2", Name: "Kintamani Room", Floor: "First", Capacity: 120},
		},
		Speakers: []data.Speaker{
			{ID: "SP1", Name: "Jürgen Stock", Role: "Secretary General", CountryCode: "DEU"},
			{ID: "SP2", Name: "I Made Mangku Pastika", Role: "Governor of Bali", CountryCode: "IDN"},
		},
		Sessions: []data.Session{
			{ID: OpeningID, Title: "Opening ceremony", Description: "Welcome to the assembly.",
				// No Spanish title: a Spanish screen shows the English one.
				Titles:       data.Texts{"fr": "Cérémonie d’ouverture", "ar": "حفل الافتتاح"},
				Descriptions: data.Texts{"fr": "Bienvenue à l’Assemblée."},
				Start:        at(7, 9, 0), End: at(7, 10, 30), RoomID: PlenaryRoom, Kind: data.KindCeremony,
				SpeakerIDs: []string{"SP2", "SP1"}, Languages: []string{"en", "fr", "es", "ar"}},
			{ID: CyberID, Title: "Cybercrime: threats ahead", Description: "Ever more sophisticated crime online.",
				Start: at(7, 11, 0), End: at(7, 12, 30), RoomID: "R2", Kind: data.KindPlenary, Languages: []string{"en"}},
			{ID: "S4", Title: "Coffee break", Start: at(7, 10, 30), End: at(7, 11, 0), RoomID: PlenaryRoom, Kind: data.KindBreak},
			{ID: ElectionID, Title: "Election of the President", Description: "The assembly elects its President.",
				Start: at(10, 14, 0), End: at(10, 16, 0), RoomID: PlenaryRoom, Kind: data.KindElection},
		},
		Delegates: []data.Delegate{
			{ID: StockID, Honorific: "Dr", GivenNames: "Jürgen", FamilyName: "Stock", Title: "Secretary General",
				Organisation: "General Secretariat", CountryCode: "DEU", Role: data.RoleSpeaker, Consent: yes,
				// Contact details without consent to share them: never shown.
				Email: "j.stock@example.org", Phone: "+33 4 72 44 70 00"},
			{ID: PastikaID, Honorific: "Mr", GivenNames: "I Made Mangku Pastika", Title: "Governor of Bali",
				Organisation: "Province of Bali", CountryCode: "IDN", Role: data.RoleSpeaker, Consent: yes},
			{ID: KouassiID, Honorific: "Commissioner", GivenNames: "Aya Marie", FamilyName: "Kouassi",
				Title: "Head of NCB Abidjan", Organisation: "Police Nationale", CountryCode: "CIV", Role: data.RoleHead,
				Consent: data.Consent{Listed: true, ShowTitle: true, ShareContact: true},
				Email:   "a.kouassi@example.ci", Phone: "+225 20 21 00 00"},
			{ID: HiddenID, Honorific: "Colonel", GivenNames: "Jürgen", FamilyName: "Verborgen",
				Title: "Secret Title", Organisation: "Hidden Agency", CountryCode: "DEU", Role: data.RoleDelegate},
			{ID: NguyenID, Honorific: "Colonel", GivenNames: "Thị Hương", FamilyName: "Nguyễn", FamilyFirst: true,
				Title: "Deputy Director", Organisation: "Ministry of Public Security", CountryCode: "VNM",
				Role: data.RoleHead, Consent: data.Consent{Listed: true, ShowOrganisation: true}},
			{ID: "D6", Honorific: "Ms", GivenNames: "Guðrún", FamilyName: "Jónsdóttir", Title: "Superintendent",
				Organisation: "National Commissioner of the Icelandic Police", CountryCode: "ISL", Role: data.RoleHead, Consent: yes},
		},
	}
}

// Info is bundle information to install the fixture with.
func Info(version int64) data.BundleInfo {
	return data.BundleInfo{EventID: "test-event", Version: version,
		Created: time.Date(2016, 10, 1, 0, 0, 0, 0, time.UTC), SignerKey: "test", SHA256: "00"}
}
