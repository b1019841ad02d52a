// Package badge issues and verifies the signed codes printed as QR codes on
// delegates' badges, and repairs what a keyboard-wedge scanner types when
// the kiosk's keyboard layout or Caps Lock gets in the way. A kiosk checks a
// badge offline with nothing but the event's public keys. The format is
// described in docs/badge-format.md.
package badge

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"
)

const (
	// Prefix starts every badge code, whatever its version.
	Prefix = "KB"
	// Version is the format version this package issues and reads.
	Version = 1

	// alphabet spells a nibble per character: sixteen upper-case letters
	// that sit on the same key, with the same Shift state, on US, UK, French
	// AZERTY and German QWERTZ keyboards, so a scanner set to any of them
	// types the same text on a host set to any other. No vowels, so that no
	// word shows up on a badge.
	alphabet = "BCDFGHJKLNPRSTVX"

	// domain separates badge signatures from anything else the event key
	// signs (bundles, check-ins).
	domain = "kiosk-badge-v1\x00"

	tagLen    = 4
	headerLen = 1 + tagLen + 4 + 4 + 4 + 1 // version, tag, from, until, serial, id length
	sigLen    = ed25519.SignatureSize
	maxIDLen  = 64
	// minLen and maxLen bound a version 1 token in bytes, before encoding.
	minLen = headerLen + 1 + sigLen
	maxLen = headerLen + maxIDLen + sigLen
)

// The reasons a scan is refused. Verify wraps them with details; test with
// errors.Is.
var (
	ErrMalformed          = errors.New("not a badge code")
	ErrLayoutMismatch     = errors.New("scanner keyboard layout does not match")
	ErrUnsupportedVersion = errors.New("badge format not supported")
	ErrWrongEvent         = errors.New("badge is for another event")
	ErrBadSignature       = errors.New("badge is not genuine")
	ErrRevoked            = errors.New("badge has been revoked")
	ErrNotYetValid        = errors.New("badge is not valid yet")
	ErrExpired            = errors.New("badge has expired")
)

// Claims is what a badge says. Times are whole minutes, UTC.
type Claims struct {
	EventID    string
	DelegateID string
	// Serial tells apart the badges printed for one delegate, so that a
	// lost one can be withdrawn while its replacement stays valid.
	Serial uint32
	// The badge is valid from ValidFrom, inclusive, until ValidUntil,
	// exclusive.
	ValidFrom, ValidUntil time.Time
}

// token is a decoded version 1 badge.
type token struct {
	tag         [tagLen]byte
	from, until uint32 // Unix minutes
	serial      uint32
	delegate    string
	payload     []byte // the signed bytes, version to delegate id
	sig         []byte
}

// Issue signs c with the event's private key and returns the text to print
// as a QR code. Times are truncated to the minute.
func Issue(priv ed25519.PrivateKey, c Claims) (string, error) {
	if len(priv) != ed25519.PrivateKeySize {
		return "", errors.New("badge: not an Ed25519 private key")
	}
	if !validID(c.EventID) {
		return "", fmt.Errorf("badge: event id %q is not a valid id", c.EventID)
	}
	if !validID(c.DelegateID) {
		return "", fmt.Errorf("badge: delegate id %q is not a valid id (letters, digits, '.', '-', '_'; at most 64)", c.DelegateID)
	}
	from, err := unixMinutes(c.ValidFrom)
	if err != nil {
		return "", fmt.Errorf("badge: valid-from: %w", err)
	}
	until, err := unixMinutes(c.ValidUntil)
	if err != nil {
		return "", fmt.Errorf("badge: valid-until: %w", err)
	}
	if until <= from {
		return "", errors.New("badge: valid-until must be at least a minute after valid-from")
	}
	payload := make([]byte, headerLen, headerLen+len(c.DelegateID)+sigLen)
	payload[0] = Version
	tag := eventTag(c.EventID)
	copy(payload[1:], tag[:])
	binary.BigEndian.PutUint32(payload[5:], from)
	binary.BigEndian.PutUint32(payload[9:], until)
	binary.BigEndian.PutUint32(payload[13:], c.Serial)
	payload[17] = byte(len(c.DelegateID))
	payload = append(payload, c.DelegateID...)
	sig := ed25519.Sign(priv, signedMessage(c.EventID, payload))
	return encode(append(payload, sig...)), nil
}

func unixMinutes(t time.Time) (uint32, error) {
	s := t.Unix()
	if s < 0 || s/60 > math.MaxUint32 {
		return 0, fmt.Errorf("%v cannot be held in 32-bit Unix minutes (1970 onwards)", t)
	}
	return uint32(s / 60), nil
}

func minutesTime(m uint32) time.Time { return time.Unix(int64(m)*60, 0).UTC() }

// eventTag names the event in the token. It is short and unsigned on its
// own: it only lets a kiosk tell another event's badge from a forgery. The
// full event id is part of the signed message.
func eventTag(eventID string) [tagLen]byte {
	sum := sha256.Sum256([]byte(eventID))
	return [tagLen]byte(sum[:tagLen])
}

// signedMessage binds the signature to the format, to the full event id
// (not just its 32-bit tag, so that an event key shared between events
// cannot carry a badge from one to the other) and to the payload.
func signedMessage(eventID string, payload []byte) []byte {
	m := make([]byte, 0, len(domain)+1+len(eventID)+len(payload))
	m = append(m, domain...)
	m = append(m, byte(len(eventID)))
	m = append(m, eventID...)
	return append(m, payload...)
}

func encode(b []byte) string { return EncodeText(Prefix, b) }

// nibble maps a byte to its value in the alphabet, or -1.
var nibble = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := range len(alphabet) {
		t[alphabet[i]] = int8(i)
	}
	return t
}()

// wellShaped reports whether s is a prefix and an even, non-empty run of
// alphabet characters: a badge of some version, whatever its content.
func wellShaped(s string) bool {
	if len(s) < len(Prefix)+2 || s[:len(Prefix)] != Prefix || (len(s)-len(Prefix))%2 != 0 {
		return false
	}
	for i := len(Prefix); i < len(s); i++ {
		if nibble[s[i]] < 0 {
			return false
		}
	}
	return true
}

// decode reads a normalised (well-shaped) badge code.
func decode(s string) (token, error) {
	if !wellShaped(s) {
		return token{}, ErrMalformed
	}
	body := s[len(Prefix):]
	b := make([]byte, len(body)/2)
	for i := range b {
		b[i] = byte(nibble[body[2*i]])<<4 | byte(nibble[body[2*i+1]])
	}
	if b[0] != Version {
		return token{}, fmt.Errorf("%w: version %d (this kiosk reads version %d)", ErrUnsupportedVersion, b[0], Version)
	}
	if len(b) < minLen || len(b) > maxLen {
		return token{}, fmt.Errorf("%w: %d bytes, a badge has %d to %d", ErrMalformed, len(b), minLen, maxLen)
	}
	n := int(b[headerLen-1])
	if len(b) != headerLen+n+sigLen {
		return token{}, fmt.Errorf("%w: wrong length for a delegate id of %d characters (cut short?)", ErrMalformed, n)
	}
	t := token{
		from:     binary.BigEndian.Uint32(b[5:]),
		until:    binary.BigEndian.Uint32(b[9:]),
		serial:   binary.BigEndian.Uint32(b[13:]),
		delegate: string(b[headerLen : headerLen+n]),
		payload:  b[:headerLen+n],
		sig:      b[headerLen+n:],
	}
	copy(t.tag[:], b[1:])
	if !validID(t.delegate) {
		return token{}, fmt.Errorf("%w: delegate id is not a valid id", ErrMalformed)
	}
	if t.until <= t.from {
		return token{}, fmt.Errorf("%w: validity ends before it starts", ErrMalformed)
	}
	return t, nil
}

// validID is the repository's id rule, ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$,
// without a regular expression on the verification path.
func validID(s string) bool {
	if len(s) == 0 || len(s) > maxIDLen {
		return false
	}
	for i := range len(s) {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case (c == '.' || c == '_' || c == '-') && i > 0:
		default:
			return false
		}
	}
	return true
}
