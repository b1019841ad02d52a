package data

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"time"

	"kiosk/data/keys"
)

// The rules of a check-in record, the same wherever one is written or
// read: the kiosk's own store, check-in codes, export files, kioskctl and
// the hub. The bounds are those of the narrowest form a check-in travels in
// (the check-in code, docs/checkin-code-format.md) and of RFC 3339 (export
// files), so that every check-in a kiosk holds can be shown as a code and
// written to an export.
const (
	// MaxSeq is the largest sequence number: 4 bytes in a check-in code.
	// At one check-in a second a kiosk would reach it after 136 years.
	MaxSeq = 1<<32 - 1
	// MaxHLCAhead is how far ahead of the receiving kiosk's clock a relayed
	// check-in's hybrid logical clock may be. Kiosks' clocks disagree by
	// minutes, a kiosk in the wrong time zone by hours; a day covers both.
	// A reading further ahead would pull the receiver's clock with it (every
	// later check-in there would carry it), so it is refused instead.
	MaxHLCAhead = 24 * time.Hour
	// checkInIDLen is 16 random bytes in hex.
	checkInIDLen = 32
	// ScannedAtLayout is how a scan time is written wherever it is text
	// (export files, the hub, messages): UTC, milliseconds, Z.
	ScannedAtLayout = "2006-01-02T15:04:05.000Z"
	// hlcCounterBits is the low part of a hybrid logical clock reading that
	// counts events within one millisecond.
	hlcCounterBits = 16
)

// The scan times a check-in may carry: Unix milliseconds are six unsigned
// bytes in a check-in code, and an export writes a four-digit year. Zero
// is a clock that was never set (and the zero of a field never filled),
// not a scan: a kiosk whose clock battery died reads a few seconds after
// 1970 by the time it scans, and marks the check-in clock_suspect.
var (
	MinScannedAt = time.UnixMilli(1).UTC()
	MaxScannedAt = time.Date(9999, 12, 31, 23, 59, 59, 999e6, time.UTC)
)

// The kinds of invalid check-in; test with errors.Is.
var (
	// ErrInvalidCheckIn: a field breaks the rules of a check-in record.
	ErrInvalidCheckIn = errors.New("invalid check-in")
	// ErrOwnKioskID: a check-in from elsewhere claims to have been taken at
	// the kiosk receiving it. Only a kiosk numbers its own check-ins (1, 2,
	// 3… without gaps, the sync queue): one arriving from outside would
	// take a number it has not used yet, or one it will need.
	ErrOwnKioskID = errors.New("claims to have been taken at this kiosk")
	// ErrClockAhead: a check-in's hybrid logical clock is more than
	// MaxHLCAhead ahead of the receiving kiosk's clock.
	ErrClockAhead = errors.New("its clock reading is too far ahead of this kiosk's clock")
)

// Validate checks every field of a check-in against the rules of the
// record. The error wraps ErrInvalidCheckIn and names the field.
func (c CheckIn) Validate() error {
	if err := c.validateIDs(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidCheckIn, err)
	}
	if err := c.validateValues(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidCheckIn, err)
	}
	return nil
}

func (c CheckIn) validateIDs() error {
	switch {
	case !validCheckInID(c.ID):
		return fmt.Errorf("id %q is not %d lower-case hex digits", c.ID, checkInIDLen)
	case !ValidID(c.EventID):
		return fmt.Errorf("event id %q is not a valid id", c.EventID)
	case !keys.ValidKioskID(c.KioskID):
		return fmt.Errorf("kiosk id %q is not kiosk- and 8 lower-case hex digits", c.KioskID)
	case !ValidID(c.DelegateID):
		return fmt.Errorf("delegate id %q is not a valid id", c.DelegateID)
	case c.SessionID != "" && !ValidID(c.SessionID):
		return fmt.Errorf("session id %q is not a valid id", c.SessionID)
	case c.RoomID != "" && !ValidID(c.RoomID):
		return fmt.Errorf("room id %q is not a valid id", c.RoomID)
	}
	return nil
}

func (c CheckIn) validateValues() error {
	switch {
	case c.Seq < 1 || c.Seq > MaxSeq:
		return fmt.Errorf("sequence number %d is not between 1 and %d", c.Seq, int64(MaxSeq))
	case !c.Purpose.Valid():
		return fmt.Errorf("purpose %q is not one of arrival, session, plenary", c.Purpose)
	case c.Purpose != PurposeArrival && c.SessionID == "":
		return fmt.Errorf("a %s check-in has no session id", c.Purpose)
	case c.ScannedAt.Before(MinScannedAt) || c.ScannedAt.After(MaxScannedAt):
		return fmt.Errorf("scan time %s is not between %s and %s", c.ScannedAt.UTC().Format(ScannedAtLayout),
			MinScannedAt.Format(ScannedAtLayout), MaxScannedAt.Format(ScannedAtLayout))
	case c.ScannedAt.Nanosecond()%int(time.Millisecond) != 0:
		return fmt.Errorf("scan time %s is finer than milliseconds", c.ScannedAt.UTC().Format(time.RFC3339Nano))
	case c.HLC <= 0:
		return fmt.Errorf("hybrid logical clock %d is not a positive number", c.HLC)
	case c.Method != MethodScan && c.Method != MethodManual:
		return fmt.Errorf("method %q is not scan or manual", c.Method)
	case len(c.Signature) != 0 && len(c.Signature) != ed25519.SignatureSize:
		return fmt.Errorf("signature is %d bytes, not %d", len(c.Signature), ed25519.SignatureSize)
	}
	return nil
}

func validCheckInID(s string) bool {
	if len(s) != checkInIDLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !('0' <= s[i] && s[i] <= '9' || 'a' <= s[i] && s[i] <= 'f') {
			return false
		}
	}
	return true
}

// Receiver is a kiosk taking in check-ins from elsewhere (a check-in code,
// an export file, the hub): who it is and what its clock reads.
type Receiver struct {
	KioskID string
	Now     time.Time
}

// Check applies every rule to a check-in arriving from elsewhere: those of
// the record (Validate), then those of the receiver: it was not taken at
// this kiosk (ErrOwnKioskID), and its hybrid logical clock is at most
// MaxHLCAhead ahead of this kiosk's clock (ErrClockAhead), so that taking
// it in never drags this kiosk's clock away.
func (r Receiver) Check(c CheckIn) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if c.KioskID == r.KioskID {
		return fmt.Errorf("%w (%s)", ErrOwnKioskID, r.KioskID)
	}
	if limit := HLCLimit(r.Now); c.HLC > limit {
		return fmt.Errorf("%w: %s, more than %s after this kiosk's %s", ErrClockAhead,
			HLCTime(c.HLC).Format(time.RFC3339), MaxHLCAhead, r.Now.UTC().Format(time.RFC3339))
	}
	return nil
}

// HLCLimit is the largest hybrid logical clock reading a kiosk whose clock
// reads now takes in: MaxHLCAhead ahead, with any counter.
func HLCLimit(now time.Time) int64 {
	return now.Add(MaxHLCAhead).UnixMilli()<<hlcCounterBits | (1<<hlcCounterBits - 1)
}

// ParseExact reads a time written in layout, and only as layout writes
// it: time.Parse also takes a comma for the decimal point, lower-case
// letters in some places, and other offsets than Z where the layout has a
// zone. Formats that write one spelling read one spelling.
func ParseExact(layout, s string) (time.Time, bool) {
	t, err := time.Parse(layout, s)
	return t.UTC(), err == nil && t.Format(layout) == s
}

// HLCTime is the wall-clock part of a hybrid logical clock reading.
func HLCTime(hlc int64) time.Time { return time.UnixMilli(hlc >> hlcCounterBits).UTC() }

// SameEvent compares two copies of a check-in field by field, leaving out
// the signature (one copy may lack it) and local bookkeeping (Origin,
// ReceivedAt).
func (c CheckIn) SameEvent(o CheckIn) bool {
	return c.ID == o.ID && c.EventID == o.EventID && c.KioskID == o.KioskID && c.Seq == o.Seq &&
		c.DelegateID == o.DelegateID && c.BadgeSerial == o.BadgeSerial && c.Purpose == o.Purpose &&
		c.SessionID == o.SessionID && c.RoomID == o.RoomID && c.ScannedAt.Equal(o.ScannedAt) &&
		c.HLC == o.HLC && c.Method == o.Method && c.ClockSuspect == o.ClockSuspect
}
