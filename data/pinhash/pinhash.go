// Package pinhash makes and checks the stored form of a staff PIN. It is
// apart from package staff so that the data layer can check a PIN hash
// that arrives in a bundle.
package pinhash

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// A staff PIN is typed on a touch screen: digits only.
const (
	MinLength = 4
	MaxLength = 12
)

// Argon2id parameters: about a tenth of a second on a kiosk-class CPU, so
// a stolen database does not give the PIN away cheaply either.
const (
	argonTime    = 2
	argonMemory  = 32 * 1024 // KiB
	argonThreads = 1
	argonKeyLen  = 32
)

// Hash makes the stored form of a PIN: argon2id with a random salt.
func Hash(pin string) (string, error) {
	if err := Valid(pin); err != nil {
		return "", err
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pin), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
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

// ValidHash checks the stored form of a PIN, as a bundle may carry one.
func ValidHash(h string) error {
	_, _, _, err := parseHash(h)
	return err
}

func parseHash(h string) (params [3]uint32, salt, key []byte, err error) {
	parts := strings.Split(h, "$")
	if len(parts) != 5 || parts[0] != "argon2id" || parts[1] != "v=19" {
		return params, nil, nil, errors.New("not an argon2id PIN hash (make one with \"kioskctl pin-hash\")")
	}
	if _, err := fmt.Sscanf(parts[2], "m=%d,t=%d,p=%d", &params[0], &params[1], &params[2]); err != nil {
		return params, nil, nil, fmt.Errorf("PIN hash parameters %q: %v", parts[2], err)
	}
	if params[0] > 1<<20 || params[1] > 16 || params[2] > 16 || params[0] == 0 || params[1] == 0 || params[2] == 0 {
		return params, nil, nil, errors.New("PIN hash parameters out of range")
	}
	if salt, err = base64.RawStdEncoding.DecodeString(parts[3]); err != nil || len(salt) < 8 {
		return params, nil, nil, errors.New("PIN hash salt is not valid")
	}
	if key, err = base64.RawStdEncoding.DecodeString(parts[4]); err != nil || len(key) < 16 {
		return params, nil, nil, errors.New("PIN hash is not valid")
	}
	return params, salt, key, nil
}

// Matches reports whether pin is the PIN h was made from.
func Matches(h, pin string) bool {
	p, salt, key, err := parseHash(h)
	if err != nil {
		return false
	}
	got := argon2.IDKey([]byte(pin), salt, p[1], p[0], uint8(p[2]), uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}
