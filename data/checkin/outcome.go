package checkin

import "kiosk/data"

// Status is how a scan ended.
type Status int

// The ways a scan ends.
const (
	// Welcome: a new check-in was recorded.
	Welcome Status = iota
	// Already: the delegate was already checked in for this purpose;
	// nothing new was recorded.
	Already
	// Received: another kiosk's check-in code was taken in.
	Received
	// Refused: nothing was recorded; Reason says why.
	Refused
)

// Reason says why a scan was refused.
type Reason string

// The reasons a scan is refused, each with its own message.
const (
	ReasonNone            Reason = ""
	ReasonNotABadge       Reason = "not-a-badge"
	ReasonLayoutMismatch  Reason = "layout-mismatch"
	ReasonUnsupported     Reason = "unsupported-version"
	ReasonOtherEvent      Reason = "other-event"
	ReasonNotGenuine      Reason = "not-genuine"
	ReasonRevoked         Reason = "revoked"
	ReasonNotYetValid     Reason = "not-yet-valid"
	ReasonExpired         Reason = "expired"
	ReasonUnknownDelegate Reason = "unknown-delegate"
	ReasonNoSession       Reason = "no-session"
	ReasonCodeUnknown     Reason = "code-unknown-kiosk"
	ReasonCodeNotGenuine  Reason = "code-not-genuine"
	ReasonCodeOtherEvent  Reason = "code-other-event"
	// ReasonCodeRefused: a genuine code whose check-in breaks a rule (an
	// invalid field, this kiosk's own id, a clock far ahead, a clash with a
	// check-in already here).
	ReasonCodeRefused Reason = "code-refused"
)

// Outcome is what the kiosk shows after a scan. Name and CountryName are
// filled only for a delegate who consented to be listed: the result is on
// a public screen too.
type Outcome struct {
	Status   Status
	Reason   Reason
	Headline string // large: "Welcome", "Already checked in", "Badge not accepted"
	Detail   string // the exact reason or what was recorded, in a sentence
	Name     string
	Country  string
	What     string // what the check-in is for: "Arrival at the venue", a session's title
	// CheckIn is the check-in recorded, or for Already the earlier one;
	// Desk.Code writes its check-in code.
	CheckIn data.CheckIn
	// Repaired names what was wrong with the scan and put right (Caps
	// Lock, a scanner's keyboard layout), for staff to fix the kiosk.
	Repaired string
	// Present and Members give the plenary's presence after a plenary
	// check-in: countries present of the event's member countries.
	Present, Members int
	// Here is set when CheckIn was taken at this kiosk, so that a screen
	// can say where in its own words.
	Here bool
	// Known is set on Received when this kiosk already had the check-in.
	Known bool
}
