package data

import "strings"

// Country is a member country, identified by its ISO 3166 alpha-3 code.
type Country struct {
	Code     string   // ISO 3166-1 alpha-3, e.g. "CIV"
	Code2    string   // ISO 3166-1 alpha-2, e.g. "CI"
	Name     string   // English short name, e.g. "Côte d'Ivoire"
	AltNames []string // other names people search by, e.g. "Ivory Coast"
	Region   string   // e.g. "Africa", used to group regional meetings
	Names    Texts    // Name in other languages: "Côte d’Ivoire", "ساحل العاج"
}

// Delegation is a country's delegation: one per country, one vote.
type Delegation struct {
	CountryCode string
	HeadID      string // delegate id of the head of delegation, may be empty
}

// Role is what a delegate is at the event.
type Role string

// The roles a delegate may have.
const (
	RoleHead     Role = "head"
	RoleDelegate Role = "delegate"
	RoleObserver Role = "observer"
	RoleSpeaker  Role = "speaker"
)

// Roles lists every valid role.
var Roles = []Role{RoleHead, RoleDelegate, RoleObserver, RoleSpeaker}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	for _, v := range Roles {
		if r == v {
			return true
		}
	}
	return false
}

// Label is the role as a person reads it.
func (r Role) Label() string {
	switch r {
	case RoleHead:
		return "Head of delegation"
	case RoleDelegate:
		return "Delegate"
	case RoleObserver:
		return "Observer"
	case RoleSpeaker:
		return "Speaker"
	}
	return string(r)
}

// Consent records what a delegate agreed to show on a public screen.
// The directory is a privacy-sensitive list: a delegate who is not Listed
// never appears, neither in results nor in counts.
type Consent struct {
	Listed           bool
	ShowOrganisation bool
	ShowTitle        bool
	// ShareContact: the delegate agreed that a kiosk show their contact
	// details (email, telephone) and a contact QR code. Absent means no.
	ShareContact bool
}

// Delegate is a person attending the event.
type Delegate struct {
	ID           string
	Honorific    string // rank or form of address, e.g. "General", "Dr", "Ms"
	GivenNames   string // may hold several names: "I Made Mangku"
	FamilyName   string // may be empty for people with one name
	FamilyFirst  bool   // written family name first (e.g. Chinese, Hungarian)
	Title        string // position, e.g. "Chief of the National Police"
	Organisation string
	CountryCode  string
	Role         Role
	Consent      Consent
	// BadgeSerial is the serial of the delegate's current badge as staff
	// gave it (1 to MaxGivenBadgeSerial), or 0: the badge's serial is then
	// derived from the id (package badge). Either stays the same whatever
	// happens to other rows, so a revocation keeps meaning one badge.
	BadgeSerial uint32
	// Email and Phone are contact details, shown only with
	// Consent.ShareContact; either may be empty.
	Email string
	Phone string
}

// MaxGivenBadgeSerial bounds the serials staff give; the serials derived
// from ids lie above it, so the two never meet.
const MaxGivenBadgeSerial = 1<<31 - 1

// Name is the delegate's name in their own order, without honorific.
func (d Delegate) Name() string {
	switch {
	case d.FamilyName == "":
		return d.GivenNames
	case d.GivenNames == "":
		return d.FamilyName
	case d.FamilyFirst:
		return d.FamilyName + " " + d.GivenNames
	}
	return d.GivenNames + " " + d.FamilyName
}

// FullName is the name with the honorific in front.
func (d Delegate) FullName() string {
	if d.Honorific == "" {
		return d.Name()
	}
	return d.Honorific + " " + d.Name()
}

// SortName is the name as a directory files it: family name first, folded
// so that "Ödön" files with "Odon".
func (d Delegate) SortName() string {
	family, given := d.FamilyName, d.GivenNames
	if family == "" {
		family, given = given, ""
	}
	return Fold(family) + "\x00" + Fold(given)
}

// Public returns the delegate as a public screen may show them: fields the
// delegate did not consent to show are emptied. ok is false when the
// delegate did not agree to be listed at all.
func (d Delegate) Public() (pub Delegate, ok bool) {
	if !d.Consent.Listed {
		return Delegate{}, false
	}
	if !d.Consent.ShowOrganisation {
		d.Organisation = ""
	}
	if !d.Consent.ShowTitle {
		d.Title = ""
	}
	if !d.Consent.ShareContact {
		d.Email, d.Phone = "", ""
	}
	return d, true
}

// Initials is one or two letters for an avatar.
func (d Delegate) Initials() string {
	var out []rune
	for _, part := range []string{d.GivenNames, d.FamilyName} {
		for _, r := range strings.TrimSpace(part) {
			out = append(out, r)
			break
		}
	}
	return strings.ToUpper(string(out))
}
