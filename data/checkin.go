package data

import (
	"crypto/ed25519"
	"time"
)

// Purpose is what a check-in is for. A kiosk has one, set by staff.
type Purpose string

// The purposes a check-in may have.
const (
	// PurposeArrival records arrival at the venue, once a day.
	PurposeArrival Purpose = "arrival"
	// PurposeSession records attendance of the session running in the
	// kiosk's room.
	PurposeSession Purpose = "session"
	// PurposePlenary records attendance of the plenary running in the
	// kiosk's room; it makes the delegate's country present.
	PurposePlenary Purpose = "plenary"
)

// PurposeBoard is a kiosk's purpose, never a check-in's: the kiosk shows
// the presence board of the plenary (member countries present, the
// quorum) and still takes the badges scanned at it, as plenary check-ins
// in its room (CheckInPurpose).
const PurposeBoard Purpose = "board"

// Purposes lists every valid purpose of a check-in.
var Purposes = []Purpose{PurposeArrival, PurposeSession, PurposePlenary}

// KioskPurposes lists what staff may set a kiosk to.
var KioskPurposes = []Purpose{PurposeArrival, PurposeSession, PurposePlenary, PurposeBoard}

// ValidForKiosk reports whether p is one of KioskPurposes.
func (p Purpose) ValidForKiosk() bool {
	return p == PurposeBoard || p.Valid()
}

// CheckInPurpose is the purpose of the check-ins a kiosk set to p takes.
func (p Purpose) CheckInPurpose() Purpose {
	if p == PurposeBoard {
		return PurposePlenary
	}
	return p
}

// Valid reports whether p is one of Purposes.
func (p Purpose) Valid() bool {
	for _, v := range Purposes {
		if p == v {
			return true
		}
	}
	return false
}

// Label is the purpose as a person reads it.
func (p Purpose) Label() string {
	switch p {
	case PurposeArrival:
		return "Arrival at the venue"
	case PurposeSession:
		return "Session"
	case PurposePlenary:
		return "Plenary"
	case PurposeBoard:
		return "Presence board (plenary)"
	}
	return string(p)
}

// Method says how a badge reached the kiosk.
type Method string

// The ways a check-in is taken.
const (
	MethodScan   Method = "scan"   // a badge scanned at the kiosk
	MethodManual Method = "manual" // a badge code typed by staff
)

// Origin says how a check-in reached this store. It is local bookkeeping,
// not part of the signed event.
type Origin string

// The origins of a stored check-in.
const (
	OriginHere   Origin = "here"   // taken at this kiosk
	OriginCode   Origin = "code"   // scanned from another kiosk's check-in code
	OriginExport Origin = "export" // imported from a kiosk's export file
	OriginHub    Origin = "hub"    // pulled from the hub
)

// CheckIn is one append-only check-in event. It is never edited or
// deleted; "first check-in", presence and duplicates are derived from the
// set of events, so merging kiosks is a set union and receiving an event
// twice changes nothing.
type CheckIn struct {
	ID          string // 32 hex digits, random: unique across all kiosks
	EventID     string // the event it belongs to; a data folder may hold several
	KioskID     string
	Seq         int64 // per kiosk, from 1, without gaps
	DelegateID  string
	BadgeSerial uint32
	Purpose     Purpose
	SessionID   string // the session or plenary, "" for arrival
	RoomID      string // where the kiosk stands, "" if unset
	// ScannedAt is the kiosk's wall clock at the scan; HLC its hybrid
	// logical clock (Unix milliseconds << 16 | counter), which orders
	// events across kiosks even when their clocks disagree.
	ScannedAt time.Time
	HLC       int64
	Method    Method
	// ClockSuspect is set when the kiosk's clock was obviously wrong at
	// the scan (before the installed bundle was made, say): ScannedAt is
	// then kept but not trusted.
	ClockSuspect bool
	// Signature is the kiosk's Ed25519 signature of the event (see
	// package checkincode), empty when unknown.
	Signature []byte

	Origin     Origin    // local bookkeeping
	ReceivedAt time.Time // when this store took it in
}

// Revocation withdraws a badge, by serial number.
type Revocation struct {
	Serial uint32
	Reason string
}

// KioskKey is an enrolled kiosk's public key: check-in codes and exports
// signed with it are believed.
type KioskKey struct {
	KioskID   string
	PublicKey ed25519.PublicKey
}
