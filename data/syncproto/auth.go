package syncproto

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"kiosk/data/keys"
)

// The headers of a signed request, and of the hub's answers.
const (
	HeaderKioskID   = "X-Kiosk-Id"
	HeaderKioskKey  = "X-Kiosk-Key" // the kiosk's public key, base64: how a new kiosk introduces itself
	HeaderTime      = "X-Kiosk-Time"
	HeaderNonce     = "X-Kiosk-Nonce"
	HeaderSignature = "X-Kiosk-Signature"
	// HeaderClockCorrection is the correction, in milliseconds, the kiosk
	// added to its own clock to sign (the offset it measured from the
	// hub's answers). It is not signed: it only tells the hub how far off
	// the kiosk's own clock is, for staff to see.
	HeaderClockCorrection = "X-Kiosk-Clock-Correction"

	HeaderHubTime       = "X-Hub-Time"
	HeaderBundleVersion = "X-Bundle-Version"
)

// signDomain starts every signed message, so that a request signature can
// never pass for a check-in's or an export's, which the same key makes.
const signDomain = "kiosk-sync-v1\n"

const nonceLen = 16

// The reasons a request's signature is refused; test with errors.Is.
var (
	ErrMissingAuth  = errors.New("the request is not signed: a signature header is missing")
	ErrBadAuth      = errors.New("a signature header is not in its form")
	ErrBadSignature = errors.New("the request's signature does not match")
	ErrStaleTime    = errors.New("the request's time is outside the hub's window")
)

// KioskIDFor names the kiosk holding a key, as the kiosk's store does:
// "kiosk-" and the first eight hex digits of the key id.
func KioskIDFor(pub ed25519.PublicKey) string { return keys.KioskID(pub) }

// Message is the exact byte string a request signature covers: the
// method, the path with its query, the body's SHA-256, the kiosk id, its
// time in Unix milliseconds and the nonce, one per line after the domain.
func Message(method, pathQuery string, body []byte, kioskID string, timeMs int64, nonce string) []byte {
	sum := sha256.Sum256(body)
	var b bytes.Buffer
	b.WriteString(signDomain)
	for _, s := range []string{method, pathQuery, hex.EncodeToString(sum[:]), kioskID, strconv.FormatInt(timeMs, 10)} {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	b.WriteString(nonce)
	return b.Bytes()
}

// SignRequest signs req, whose body is body, with the kiosk's key: it sets
// the four signature headers and the kiosk's public key. now is the time
// the hub should see: the kiosk's clock plus its measured offset.
func SignRequest(req *http.Request, body []byte, kioskID string, key ed25519.PrivateKey, now time.Time) error {
	var n [nonceLen]byte
	if _, err := rand.Read(n[:]); err != nil {
		return err
	}
	return signWithNonce(req, body, kioskID, key, now, hex.EncodeToString(n[:]))
}

// signWithNonce is SignRequest with a given nonce, so that a test can
// build a request byte for byte.
func signWithNonce(req *http.Request, body []byte, kioskID string, key ed25519.PrivateKey, now time.Time, nonce string) error {
	if len(key) != ed25519.PrivateKeySize {
		return errors.New("the kiosk key is not an Ed25519 private key")
	}
	ms := now.UnixMilli()
	sig := ed25519.Sign(key, Message(req.Method, req.URL.RequestURI(), body, kioskID, ms, nonce))
	req.Header.Set(HeaderKioskID, kioskID)
	req.Header.Set(HeaderKioskKey, base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey)))
	req.Header.Set(HeaderTime, strconv.FormatInt(ms, 10))
	req.Header.Set(HeaderNonce, nonce)
	req.Header.Set(HeaderSignature, base64.StdEncoding.EncodeToString(sig))
	return nil
}

// SetClockCorrection tells the hub the correction the kiosk applied to its
// own clock to sign req (see HeaderClockCorrection).
func SetClockCorrection(req *http.Request, correction time.Duration) {
	req.Header.Set(HeaderClockCorrection, strconv.FormatInt(correction.Milliseconds(), 10))
}

// HubTime reads the hub's clock from an answer's X-Hub-Time header.
func HubTime(h http.Header) (time.Time, bool) {
	v, err := strconv.ParseInt(h.Get(HeaderHubTime), 10, 64)
	if err != nil || v <= 0 {
		return time.Time{}, false
	}
	return time.UnixMilli(v), true
}

// Auth is a request's signature headers, parsed but not yet verified.
type Auth struct {
	KioskID string
	// Key is the public key the kiosk presents, nil if it sent none. The
	// hub believes it only for a kiosk it does not know yet, and only
	// when its id is KioskIDFor(Key).
	Key       ed25519.PublicKey
	TimeMs    int64
	Nonce     string
	Signature []byte
}

// ParseAuth reads the signature headers of a request. Each error wraps
// ErrMissingAuth or ErrBadAuth and names the header.
func ParseAuth(h http.Header) (Auth, error) {
	var a Auth
	for _, name := range []string{HeaderKioskID, HeaderTime, HeaderNonce, HeaderSignature} {
		if h.Get(name) == "" {
			return a, fmt.Errorf("%w: %s", ErrMissingAuth, name)
		}
	}
	// A header given twice would leave the hub to pick one value while
	// the kiosk's signature covers another.
	for _, name := range []string{HeaderKioskID, HeaderKioskKey, HeaderTime, HeaderNonce, HeaderSignature} {
		if len(h.Values(name)) > 1 {
			return a, fmt.Errorf("%w: %s appears twice; each signature header is sent once", ErrBadAuth, name)
		}
	}
	a.KioskID = h.Get(HeaderKioskID)
	if !keys.ValidKioskID(a.KioskID) {
		return a, fmt.Errorf("%w: %s %q is not a kiosk id (kiosk- and 8 lower-case hex digits)", ErrBadAuth, HeaderKioskID, a.KioskID)
	}
	ms, err := strconv.ParseInt(h.Get(HeaderTime), 10, 64)
	if err != nil || ms <= 0 || strconv.FormatInt(ms, 10) != h.Get(HeaderTime) {
		return a, fmt.Errorf("%w: %s %q is not Unix milliseconds", ErrBadAuth, HeaderTime, h.Get(HeaderTime))
	}
	a.TimeMs = ms
	a.Nonce = h.Get(HeaderNonce)
	if !validNonce(a.Nonce) {
		return a, fmt.Errorf("%w: %s is not %d bytes in lower-case hex", ErrBadAuth, HeaderNonce, nonceLen)
	}
	sig, err := b64.DecodeString(h.Get(HeaderSignature))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return a, fmt.Errorf("%w: %s is not %d bytes in base64", ErrBadAuth, HeaderSignature, ed25519.SignatureSize)
	}
	a.Signature = sig
	if k := h.Get(HeaderKioskKey); k != "" {
		raw, err := b64.DecodeString(k)
		if err != nil || len(raw) != ed25519.PublicKeySize {
			return a, fmt.Errorf("%w: %s is not %d bytes in base64", ErrBadAuth, HeaderKioskKey, ed25519.PublicKeySize)
		}
		a.Key = raw
	}
	return a, nil
}

// Time is the request's time.
func (a Auth) Time() time.Time { return time.UnixMilli(a.TimeMs) }

// Offset is how far the kiosk's signed time is ahead of now (negative:
// behind).
func (a Auth) Offset(now time.Time) time.Duration { return a.Time().Sub(now) }

// CheckTime refuses a request whose time is more than ClockWindow away
// from now, the hub's clock.
func (a Auth) CheckTime(now time.Time) error {
	if off := a.Offset(now); off > ClockWindow || off < -ClockWindow {
		return fmt.Errorf("%w: the request says %s, the hub's clock %s (%s apart, at most %s allowed)", ErrStaleTime,
			a.Time().UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339), off.Abs().Round(time.Second), ClockWindow)
	}
	return nil
}

// Verify checks the signature against the request's method, path with
// query and body, with the kiosk's public key pub.
func (a Auth) Verify(method, pathQuery string, body []byte, pub ed25519.PublicKey) error {
	if len(pub) != ed25519.PublicKeySize {
		return fmt.Errorf("%w: no usable key for %s", ErrBadSignature, a.KioskID)
	}
	if !ed25519.Verify(pub, Message(method, pathQuery, body, a.KioskID, a.TimeMs, a.Nonce), a.Signature) {
		return fmt.Errorf("%w (%s %s from %s)", ErrBadSignature, method, pathQuery, a.KioskID)
	}
	return nil
}

func validNonce(s string) bool {
	if len(s) != 2*nonceLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !('0' <= s[i] && s[i] <= '9' || 'a' <= s[i] && s[i] <= 'f') {
			return false
		}
	}
	return true
}
