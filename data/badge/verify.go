package badge

import (
	"crypto/ed25519"
	"fmt"
	"time"

	"kiosk/data/keys"
)

// Verifier checks badges for one event. Its fields are read on every call;
// it may be shared by goroutines as long as nobody changes them.
type Verifier struct {
	// EventID is the kiosk's event; a badge of any other is refused.
	EventID string
	// Trusted are the event's public keys. Any of them will do, so that a
	// new key can be introduced while badges signed with the old one are
	// still about. Entries that are not Ed25519 public keys are skipped.
	Trusted []ed25519.PublicKey
	// Revoked holds the serials of withdrawn badges.
	Revoked map[uint32]bool
	// Now is the kiosk's clock; nil means time.Now.
	Now func() time.Time
	// Skew widens the validity window at both ends, for kiosk clocks that
	// are a little off. Negative counts as zero.
	Skew time.Duration
}

// Result is a verified badge.
type Result struct {
	Claims
	// Repaired is Scan.Repaired: what Normalize had to undo.
	Repaired string
	// KeyID names the trusted key that verified the badge (keys.ID).
	KeyID string
}

// Verify checks a scanned badge code, in this order: shape and repair
// (ErrMalformed, ErrLayoutMismatch), version (ErrUnsupportedVersion), event
// (ErrWrongEvent), signature (ErrBadSignature), revocation (ErrRevoked),
// validity window (ErrNotYetValid, ErrExpired).
//
// The event is checked before the signature, from a tag that is not
// authenticated on its own, so that a genuine badge of another event is
// told apart from a forgery. Anyone can forge the tag, so ErrWrongEvent
// only ever refuses; a badge is only accepted once the signature, which
// covers the kiosk's full event id, checks out.
//
// On ErrRevoked, ErrNotYetValid and ErrExpired the Result holds the
// verified claims, so that the kiosk can say whose badge it is. Repaired is
// set whenever Normalize succeeded.
func (v *Verifier) Verify(raw string) (Result, error) {
	scan, err := Normalize(raw)
	if err != nil {
		return Result{}, err
	}
	res := Result{Repaired: scan.Repaired}
	t, err := decode(scan.Token)
	if err != nil {
		return res, err
	}
	if t.tag != eventTag(v.EventID) {
		return res, ErrWrongEvent
	}
	msg := signedMessage(v.EventID, t.payload)
	var key ed25519.PublicKey
	for _, k := range v.Trusted {
		if len(k) == ed25519.PublicKeySize && ed25519.Verify(k, msg, t.sig) {
			key = k
			break
		}
	}
	if key == nil {
		return res, ErrBadSignature
	}
	res.Claims = Claims{
		EventID:    v.EventID,
		DelegateID: t.delegate,
		Serial:     t.serial,
		ValidFrom:  minutesTime(t.from),
		ValidUntil: minutesTime(t.until),
	}
	res.KeyID = keys.ID(key)
	if v.Revoked[t.serial] {
		return res, fmt.Errorf("%w: serial %d", ErrRevoked, t.serial)
	}
	now := time.Now
	if v.Now != nil {
		now = v.Now
	}
	skew := max(v.Skew, 0)
	at := now()
	if at.Add(skew).Before(res.ValidFrom) {
		return res, fmt.Errorf("%w: valid from %s", ErrNotYetValid, res.ValidFrom.Format("2006-01-02 15:04 UTC"))
	}
	if !at.Add(-skew).Before(res.ValidUntil) {
		return res, fmt.Errorf("%w: valid until %s", ErrExpired, res.ValidUntil.Format("2006-01-02 15:04 UTC"))
	}
	return res, nil
}
