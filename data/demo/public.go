package demo

import "kiosk/data"

// PublicFigure is a real public figure who spoke at the opening of the 85th
// General Assembly. They are the only real people in the demo data, with
// their real offices; each is both a delegate (role speaker, fully listed)
// and a Speaker whose id is the delegate id.
type PublicFigure struct {
	DelegateID   string
	Honorific    string
	GivenNames   string
	FamilyName   string
	Role         string // the office, as the programme prints it
	Organisation string
	CountryCode  string
}

// PublicFigures are the opening speakers in speaking order. They take the
// first delegate ids, D000001 to D000005, at every scale.
var PublicFigures = []PublicFigure{
	{"D000001", "H.E.", "Muhammad Jusuf", "Kalla", "Vice-President of the Republic of Indonesia", "Government of the Republic of Indonesia", "IDN"},
	{"D000002", "Ms", "Mireille", "Ballestrazzi", "INTERPOL President", "INTERPOL", "FRA"},
	{"D000003", "Dr", "Jürgen", "Stock", "INTERPOL Secretary General", "INTERPOL General Secretariat", "DEU"},
	// Balinese names carry no family name; the whole name is his given
	// names, so "made" and "pastika" both find him.
	{"D000004", "Mr", "I Made Mangku Pastika", "", "Governor of Bali", "Provincial Government of Bali", "IDN"},
	{"D000005", "General", "Tito", "Karnavian", "Chief of the Indonesian National Police", "Indonesian National Police", "IDN"},
}

// The public figures' ids, for the programme.
const (
	idKalla        = "D000001"
	idBallestrazzi = "D000002"
	idStock        = "D000003"
	idPastika      = "D000004"
	idKarnavian    = "D000005"
)

// Delegate is the public figure as a delegate record.
func (p PublicFigure) Delegate() data.Delegate {
	return data.Delegate{
		ID:           p.DelegateID,
		Honorific:    p.Honorific,
		GivenNames:   p.GivenNames,
		FamilyName:   p.FamilyName,
		Title:        p.Role,
		Organisation: p.Organisation,
		CountryCode:  p.CountryCode,
		Role:         data.RoleSpeaker,
		Consent:      data.Consent{Listed: true, ShowOrganisation: true, ShowTitle: true},
	}
}
