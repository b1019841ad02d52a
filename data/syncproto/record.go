package syncproto

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"strings"

	"kiosk/data"
)

// ScannedLayout is RFC 3339 in UTC with milliseconds, the precision
// kiosks keep: the one spelling of a scan time written and read.
const ScannedLayout = data.ScannedAtLayout

// Base64 is standard base64 with padding (RFC 4648 §4) read with one
// spelling per value, as exports and the hub read it: Strict refuses
// stray bits in the last character, and line breaks, which Go's decoder
// skips even then, are refused too. Otherwise a file with CR LF inside its
// payload would pass for the file that was signed.
var Base64 = oneSpelling{base64.StdEncoding.Strict()}

var b64 = Base64

type oneSpelling struct{ *base64.Encoding }

func (e oneSpelling) Decode(dst, src []byte) (int, error) {
	if i := bytes.IndexAny(src, "\r\n"); i >= 0 {
		return 0, base64.CorruptInputError(i)
	}
	return e.Encoding.Decode(dst, src)
}

func (e oneSpelling) DecodeString(s string) ([]byte, error) {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return nil, base64.CorruptInputError(i)
	}
	return e.Encoding.DecodeString(s)
}

// Record is a check-in as written in an export file and sent to the hub:
// every field of data.CheckIn but the local bookkeeping (Origin,
// ReceivedAt), and EventID, which the file or the request carries once for
// all its records. One type for both keeps the two forms from drifting.
type Record struct {
	ID           string `json:"id"`
	KioskID      string `json:"kiosk_id"`
	Seq          int64  `json:"seq"`
	DelegateID   string `json:"delegate_id"`
	BadgeSerial  uint32 `json:"badge_serial"`
	Purpose      string `json:"purpose"`
	SessionID    string `json:"session_id"`
	RoomID       string `json:"room_id"`
	ScannedAt    string `json:"scanned_at"`
	HLC          int64  `json:"hlc"`
	Method       string `json:"method"`
	ClockSuspect bool   `json:"clock_suspect"`
	Signature    string `json:"signature"`
}

// ToRecord writes a check-in in record form.
func ToRecord(c data.CheckIn) Record {
	return Record{ID: c.ID, KioskID: c.KioskID, Seq: c.Seq, DelegateID: c.DelegateID, BadgeSerial: c.BadgeSerial,
		Purpose: string(c.Purpose), SessionID: c.SessionID, RoomID: c.RoomID,
		ScannedAt: c.ScannedAt.UTC().Format(ScannedLayout), HLC: c.HLC, Method: string(c.Method),
		ClockSuspect: c.ClockSuspect, Signature: base64.StdEncoding.EncodeToString(c.Signature)}
}

// CheckIn turns a record back into a check-in of eventID, checking every
// field with the rules of a check-in record (data.CheckIn.Validate), the
// same for writer and reader. The error names the field.
func (r Record) CheckIn(eventID string) (data.CheckIn, error) {
	c := data.CheckIn{ID: r.ID, EventID: eventID, KioskID: r.KioskID, Seq: r.Seq, DelegateID: r.DelegateID,
		BadgeSerial: r.BadgeSerial, Purpose: data.Purpose(r.Purpose), SessionID: r.SessionID, RoomID: r.RoomID,
		HLC: r.HLC, Method: data.Method(r.Method), ClockSuspect: r.ClockSuspect}
	t, ok := data.ParseExact(ScannedLayout, r.ScannedAt)
	if !ok {
		return c, fmt.Errorf("scanned_at %q is not a UTC time with milliseconds like 2016-11-08T02:15:00.123Z", r.ScannedAt)
	}
	c.ScannedAt = t
	if r.Signature != "" {
		sig, err := b64.DecodeString(r.Signature)
		if err != nil || len(sig) != ed25519.SignatureSize {
			return c, fmt.Errorf("signature is not %d bytes in base64", ed25519.SignatureSize)
		}
		c.Signature = sig
	}
	return c, c.Validate()
}
