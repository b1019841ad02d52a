// Package pinhash makes and checks the stored form of a staff PIN. It is
// apart from package staff so that the data layer can check a PIN hash
// that arrives in a bundle.
//
// Threat model (docs/staff-pin.md): a bundle travels on sticks that get
// lost, and whatever a kiosk can check with the bundle alone, whoever
// finds the stick can check too, offline, as fast as their machines go.
// Only the PIN's length stands against that, so a PIN carried in a bundle
// has BundleDigits random digits (made by "kioskctl pin-hash"), and its
// hash says so: a hash made for a shorter PIN is refused in a bundle, and
// a hash never matches a PIN of another length. A PIN chosen at a kiosk
// never leaves that kiosk's database and is guarded by the kiosk's
// lockout instead, so it may be as short as MinLength.
package pinhash

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"golang.org/x/crypto/argon2"
)

// A staff PIN is typed on a touch screen: digits only.
const (
	MinLength = 4
	MaxLength = 12
	// BundleDigits is the length of a PIN carried in bundles: 10^12
	// argon2id guesses take centuries on a 2-core machine (README, "Staff
	// mode", has the measured figure; BenchmarkPINGuess measures it).
	BundleDigits = 12
)

// Argon2id parameters. Each guess costs tens of milliseconds of a core
// and 32 MiB of memory, which also keeps graphics cards from running
// thousands of guesses at once. A bundle's hash may not be cheaper.
const (
	argonTime    = 2
	argonMemory  = 32 * 1024 // KiB
	argonThreads = 1
	argonKeyLen  = 32
)

// Hash makes the stored form of a PIN: argon2id with a random salt, and
// the PIN's length, so that the hash can tell how strong it is.
func Hash(pin string) (string, error) {
	if err := Valid(pin); err != nil {
		return "", err
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	return hashWithSalt(pin, salt), nil
}

func hashWithSalt(pin string, salt []byte) string {
	key := argon2.IDKey([]byte(pin), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("argon2id$v=19$m=%d,t=%d,p=%d,d=%d$%s$%s", argonMemory, argonTime, argonThreads, len(pin),
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// Generate makes a random PIN of BundleDigits digits, for a bundle.
func Generate() (string, error) {
	var b strings.Builder
	ten := big.NewInt(10)
	for b.Len() < BundleDigits {
		n, err := rand.Int(rand.Reader, ten)
		if err != nil {
			return "", err
		}
		b.WriteByte(byte('0' + n.Int64()))
	}
	return b.String(), nil
}

// Grouped writes a PIN in groups of four digits ("2016 2016 2016"), as it
// is read out and typed.
func Grouped(pin string) string {
	var groups []string
	for len(pin) > 4 {
		groups = append(groups, pin[:4])
		pin = pin[4:]
	}
	return strings.Join(append(groups, pin), " ")
}

// Normalize drops the spaces and dashes people type between groups.
func Normalize(pin string) string {
	return strings.NewReplacer(" ", "", "-", "").Replace(pin)
}

// Valid checks a PIN's form.
func Valid(pin string) error {
	if len(pin) < MinLength || len(pin) > MaxLength {
		return fmt.Errorf("a staff PIN has %d to %d digits", MinLength, MaxLength)
	}
	for _, r := range pin {
		if r < '0' || r > '9' {
			return errors.New("a staff PIN has digits only")
		}
	}
	return nil
}

// ValidHash checks a PIN hash as a bundle carries it: well formed, made
// for a PIN of BundleDigits digits, and no cheaper to guess than Hash
// makes it. A hash for a short PIN, or one from before hashes said their
// PIN's length, is refused: found on a lost stick, it would give the PIN
// away in minutes.
func ValidHash(h string) error {
	p, _, _, err := parseHash(h)
	if err != nil {
		return err
	}
	switch {
	case p.digits == 0:
		return fmt.Errorf("this PIN hash does not say how many digits its PIN has (an older form); a PIN carried in bundles has %d digits (make one with \"kioskctl pin-hash\")", BundleDigits)
	case p.digits < BundleDigits:
		return fmt.Errorf("this PIN hash is for a %d-digit PIN; a PIN carried in bundles has %d digits, or a lost stick gives it away (make one with \"kioskctl pin-hash\")", p.digits, BundleDigits)
	case p.memory < argonMemory || p.time < argonTime:
		return fmt.Errorf("this PIN hash is cheaper to guess (m=%d,t=%d) than the least a bundle may carry (m=%d,t=%d)", p.memory, p.time, argonMemory, argonTime)
	}
	return nil
}

type params struct {
	memory, time, threads uint32
	digits                int // 0 when the hash does not say
}

func parseHash(h string) (p params, salt, key []byte, err error) {
	parts := strings.Split(h, "$")
	if len(parts) != 5 || parts[0] != "argon2id" || parts[1] != "v=19" {
		return p, nil, nil, errors.New("not an argon2id PIN hash (make one with \"kioskctl pin-hash\")")
	}
	if p, err = parseParams(parts[2]); err != nil {
		return p, nil, nil, err
	}
	if salt, err = base64.RawStdEncoding.DecodeString(parts[3]); err != nil || len(salt) < 8 {
		return p, nil, nil, errors.New("PIN hash salt is not valid")
	}
	if key, err = base64.RawStdEncoding.DecodeString(parts[4]); err != nil || len(key) < 16 || len(key) > 64 {
		return p, nil, nil, errors.New("PIN hash is not valid")
	}
	return p, salt, key, nil
}

// parseParams reads "m=…,t=…,p=…" and the optional ",d=…" (the PIN's
// number of digits).
func parseParams(s string) (params, error) {
	var p params
	n, err := fmt.Sscanf(s, "m=%d,t=%d,p=%d,d=%d", &p.memory, &p.time, &p.threads, &p.digits)
	canonical := fmt.Sprintf("m=%d,t=%d,p=%d", p.memory, p.time, p.threads)
	if n == 4 {
		canonical += fmt.Sprintf(",d=%d", p.digits)
	}
	if n < 3 || s != canonical {
		return p, fmt.Errorf("PIN hash parameters %q are not in the form \"m=…,t=…,p=…,d=…\" (%v)", s, err)
	}
	if p.memory > 1<<20 || p.time > 16 || p.threads > 16 || p.memory == 0 || p.time == 0 || p.threads == 0 {
		return p, errors.New("PIN hash parameters out of range")
	}
	if n == 4 && (p.digits < MinLength || p.digits > MaxLength) {
		return p, fmt.Errorf("PIN hash says its PIN has %d digits; a staff PIN has %d to %d", p.digits, MinLength, MaxLength)
	}
	return p, nil
}

// Matches reports whether pin is the PIN h was made from. A hash that
// says its PIN's length matches no PIN of another length: what the hash
// says about its strength holds at the PIN pad too.
func Matches(h, pin string) bool {
	p, salt, key, err := parseHash(h)
	if err != nil || (p.digits != 0 && len(pin) != p.digits) {
		return false
	}
	got := argon2.IDKey([]byte(pin), salt, p.time, p.memory, uint8(p.threads), uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}
