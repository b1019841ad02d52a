package pinhash

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// The hub's staff password guards the dashboard over the network, where
// no lockout of a PIN pad stands behind it: it is longer than a PIN, any
// text, and costs more to hash.
const (
	MinPasswordLength = 10  // characters
	MaxPasswordLength = 256 // bytes: bounds what one login attempt costs
	passwordTime      = 3
	passwordMemory    = 64 * 1024 // KiB
)

// ValidPassword checks a staff password's length.
func ValidPassword(pw string) error {
	switch {
	case !utf8.ValidString(pw):
		return errors.New("the password is not valid text (UTF-8)")
	case utf8.RuneCountInString(pw) < MinPasswordLength:
		return fmt.Errorf("the password is too short: at least %d characters", MinPasswordLength)
	case len(pw) > MaxPasswordLength:
		return fmt.Errorf("the password is too long: at most %d bytes", MaxPasswordLength)
	}
	return nil
}

// HashPassword makes the stored form of a staff password: argon2id with a
// random salt, in the form Matches reads. The form says no length (a
// password is not digits), so Matches checks any text against it.
func HashPassword(pw string) (string, error) {
	if err := ValidPassword(pw); err != nil {
		return "", err
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, passwordTime, passwordMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", passwordMemory, passwordTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}
