// Package checkincode is the check-in code: a check-in event signed with the
// kiosk's own key and written in the badge alphabet (see package badge) so
// that it survives the same scanners. A kiosk shows it as a QR code after a
// check-in; any kiosk that scans it verifies it and takes the event in, so
// check-ins travel between kiosks with no network. The format is described
// in docs/checkin-code-format.md.
package checkincode

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/keys"
)

const (
	// Prefix starts every check-in code; both letters are in the badge
	// alphabet, so the whole code types the same on every layout a badge
	// does.
	Prefix = "KC"
	// Version is the format version written and read.
	Version = 1

	domain     = "kiosk-checkin-v1\x00"
	headerLen  = 53
	sigLen     = ed25519.SignatureSize
	maxTextLen = 64
)

// The reasons a code is refused; test with errors.Is.
var (
	ErrMalformed    = errors.New("not a check-in code")
	ErrWrongEvent   = errors.New("check-in code is for another event")
	ErrUnknownKey   = errors.New("check-in code is from a kiosk this kiosk does not know")
	ErrBadSignature = errors.New("check-in code is not genuine")
	// ErrInvalid: the code is genuine but its check-in breaks the rules of
	// a check-in record (data.CheckIn.Validate): no kiosk writes one, and
	// taken in it would make every later export of this kiosk fail.
	ErrInvalid = errors.New("check-in code breaks the rules")
)

// textFields are the length-prefixed texts after the fixed fields, in
// order, as messages name them.
var textFields = [3]string{"delegate id", "session id", "room id"}

var purposes = []data.Purpose{data.PurposeArrival, data.PurposeSession, data.PurposePlenary}

func eventTag(eventID string) []byte {
	sum := sha256.Sum256([]byte(eventID))
	return sum[:4]
}

// payload is the signed bytes of a check-in, without the signature. The
// check-in must follow the rules of the record (data.CheckIn.Validate),
// the same rules Verify applies, so no kiosk signs a code another refuses.
func payload(eventID string, pub ed25519.PublicKey, c data.CheckIn) ([]byte, error) {
	// The code carries neither the event nor the kiosk id (both come from
	// the verifier and the key), and the signature follows the payload.
	v := c
	v.EventID, v.KioskID, v.Signature = eventID, keys.KioskID(pub), nil
	if err := v.Validate(); err != nil {
		return nil, err
	}
	idBytes, _ := hex.DecodeString(c.ID)
	p := 0
	for i, v := range purposes {
		if v == c.Purpose {
			p = i + 1
		}
	}
	keyID, _ := hex.DecodeString(keys.ID(pub))
	b := make([]byte, 0, headerLen+3+len(c.DelegateID)+len(c.SessionID)+len(c.RoomID))
	b = append(b, Version)
	b = append(b, eventTag(eventID)...)
	b = append(b, keyID...)
	b = append(b, idBytes...)
	b = binary.BigEndian.AppendUint32(b, uint32(c.Seq))
	b = binary.BigEndian.AppendUint64(b, uint64(c.HLC))
	ms := c.ScannedAt.UnixMilli()
	b = append(b, byte(ms>>40), byte(ms>>32), byte(ms>>24), byte(ms>>16), byte(ms>>8), byte(ms))
	b = append(b, byte(p))
	var flags byte
	if c.Method == data.MethodManual {
		flags |= 1
	}
	if c.ClockSuspect {
		flags |= 2
	}
	b = append(b, flags)
	b = binary.BigEndian.AppendUint32(b, c.BadgeSerial)
	for _, s := range []string{c.DelegateID, c.SessionID, c.RoomID} {
		b = append(b, byte(len(s)))
		b = append(b, s...)
	}
	return b, nil
}

func signedMessage(eventID string, payload []byte) []byte {
	m := make([]byte, 0, len(domain)+1+len(eventID)+len(payload))
	m = append(m, domain...)
	m = append(m, byte(len(eventID)))
	m = append(m, eventID...)
	return append(m, payload...)
}

// Sign signs a check-in with the kiosk's key; the signature is what the
// store keeps with the event and what Code writes into the check-in code.
func Sign(eventID string, priv ed25519.PrivateKey, c data.CheckIn) ([]byte, error) {
	p, err := payload(eventID, priv.Public().(ed25519.PublicKey), c)
	if err != nil {
		return nil, err
	}
	return ed25519.Sign(priv, signedMessage(eventID, p)), nil
}

// Code writes a signed check-in as the text of its QR code. pub is the key
// of the kiosk that signed it.
func Code(eventID string, pub ed25519.PublicKey, c data.CheckIn) (string, error) {
	if len(c.Signature) != sigLen {
		return "", errors.New("the check-in has no signature")
	}
	p, err := payload(eventID, pub, c)
	if err != nil {
		return "", err
	}
	return badge.EncodeText(Prefix, append(p, c.Signature...)), nil
}

// Genuine reports whether a check-in carries the signature of the kiosk
// holding pub, as Sign made it: how a relayed copy of a check-in (in an
// export file, say) is checked against the key of the kiosk that took it.
// The check-in's kiosk id must be that of the key.
func Genuine(eventID string, pub ed25519.PublicKey, c data.CheckIn) bool {
	if len(pub) != ed25519.PublicKeySize || len(c.Signature) != sigLen || c.KioskID != keys.KioskID(pub) {
		return false
	}
	p, err := payload(eventID, pub, c)
	return err == nil && ed25519.Verify(pub, signedMessage(eventID, p), c.Signature)
}

// Looks reports whether scanned text is meant as a check-in code (rather
// than a badge), whether or not it is a good one.
func Looks(raw string) bool {
	return strings.HasPrefix(normalize(raw), Prefix)
}

// normalize undoes what a scanner adds (white space and line ends around
// the code) and Caps Lock (lower-case letters). Only a to z are folded:
// Unicode's upper-casing would also turn the long s (U+017F) into S, and
// a code is ASCII.
func normalize(raw string) string {
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, strings.TrimSpace(raw))
}

// Verifier checks check-in codes against the kiosk keys it knows.
type Verifier struct {
	EventID string
	Kiosks  []data.KioskKey
}

// Verify decodes and checks a scanned check-in code and returns the event
// it carries, with its signature.
func (v *Verifier) Verify(raw string) (data.CheckIn, error) {
	b, ok := badge.DecodeText(Prefix, normalize(raw))
	if !ok {
		return data.CheckIn{}, ErrMalformed
	}
	if len(b) > 0 && b[0] != Version {
		return data.CheckIn{}, fmt.Errorf("%w: version %d, this reader reads version %d", ErrMalformed, b[0], Version)
	}
	if len(b) < headerLen+3+sigLen {
		return data.CheckIn{}, fmt.Errorf("%w: %d bytes, too short for the fixed fields and a signature", ErrMalformed, len(b))
	}
	c, n, err := decodePayload(b[:len(b)-sigLen])
	if err != nil {
		return data.CheckIn{}, err
	}
	if n != len(b)-sigLen {
		return data.CheckIn{}, fmt.Errorf("%w: %d bytes between the room id and the signature", ErrMalformed, len(b)-sigLen-n)
	}
	if !bytes.Equal(b[1:5], eventTag(v.EventID)) {
		return data.CheckIn{}, ErrWrongEvent
	}
	keyID := hex.EncodeToString(b[5:13])
	var pub ed25519.PublicKey
	for _, k := range v.Kiosks {
		if keys.ID(k.PublicKey) == keyID {
			pub = k.PublicKey
			break
		}
	}
	if pub == nil {
		return data.CheckIn{}, fmt.Errorf("%w (kiosk-%s)", ErrUnknownKey, keyID[:8])
	}
	sig := b[len(b)-sigLen:]
	if !ed25519.Verify(pub, signedMessage(v.EventID, b[:len(b)-sigLen]), sig) {
		return data.CheckIn{}, ErrBadSignature
	}
	c.KioskID = keys.KioskID(pub)
	c.EventID = v.EventID
	c.Signature = append([]byte(nil), sig...)
	if err := c.Validate(); err != nil {
		return data.CheckIn{}, fmt.Errorf("%w (from %s): %w", ErrInvalid, c.KioskID, err)
	}
	return c, nil
}

// decodePayload reads the fields of a payload and how many bytes they
// took.
func decodePayload(b []byte) (data.CheckIn, int, error) {
	var c data.CheckIn
	if len(b) < headerLen+3 {
		return c, 0, ErrMalformed
	}
	c.ID = hex.EncodeToString(b[13:29])
	c.Seq = int64(binary.BigEndian.Uint32(b[29:]))
	c.HLC = int64(binary.BigEndian.Uint64(b[33:]))
	var ms int64
	for _, x := range b[41:47] {
		ms = ms<<8 | int64(x)
	}
	c.ScannedAt = time.UnixMilli(ms).UTC()
	if p := int(b[47]); p >= 1 && p <= len(purposes) {
		c.Purpose = purposes[p-1]
	} else {
		return c, 0, fmt.Errorf("%w: purpose %d is not 1, 2 or 3", ErrMalformed, p)
	}
	c.Method = data.MethodScan
	if b[48]&1 != 0 {
		c.Method = data.MethodManual
	}
	c.ClockSuspect = b[48]&2 != 0
	if b[48]&^3 != 0 {
		return c, 0, fmt.Errorf("%w: flags 0x%02x set a bit other than 0 and 1", ErrMalformed, b[48])
	}
	c.BadgeSerial = binary.BigEndian.Uint32(b[49:])
	pos := headerLen
	var texts [3]string
	for i, name := range textFields {
		if pos >= len(b) {
			return c, 0, fmt.Errorf("%w: cut short before the %s", ErrMalformed, name)
		}
		n := int(b[pos])
		pos++
		if n > maxTextLen {
			return c, 0, fmt.Errorf("%w: %s length %d is over %d", ErrMalformed, name, n, maxTextLen)
		}
		if pos+n > len(b) {
			return c, 0, fmt.Errorf("%w: cut short in the %s", ErrMalformed, name)
		}
		texts[i] = string(b[pos : pos+n])
		pos += n
	}
	// The ids and the sequence number are checked with every other field
	// of the record (data.CheckIn.Validate) once the code is genuine.
	c.DelegateID, c.SessionID, c.RoomID = texts[0], texts[1], texts[2]
	return c, pos, nil
}
