package data

import (
	"strings"
	"unicode/utf8"
)

// Limits on contact details: longer than any real address or number, short
// enough to keep a contact QR code small.
const (
	MaxEmail = 120
	MaxPhone = 40
)

// CheckEmail says what is wrong with an email address, "" for nothing.
// It checks the shape only (one @, a domain with a dot, no spaces or
// separators): enough to refuse a name, two addresses or a stray line in
// the cell, without refusing an unusual but real address.
func CheckEmail(s string) string {
	if utf8.RuneCountInString(s) > MaxEmail {
		return "longer than 120 characters"
	}
	for _, r := range s {
		if r <= ' ' || r == 0x7f || strings.ContainsRune(",;<>\"()[]\\", r) {
			return "it has a space, a separator or a control character (give one address per cell)"
		}
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || strings.Contains(domain, "@") {
		return "it needs exactly one @"
	}
	if local == "" || domain == "" || !strings.Contains(domain, ".") ||
		strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") {
		return "it needs a name before the @ and a domain such as example.org after it"
	}
	return ""
}

// CheckPhone says what is wrong with a telephone number, "" for nothing:
// digits, with the spaces and signs people write numbers with.
func CheckPhone(s string) string {
	if len(s) > MaxPhone {
		return "longer than 40 characters"
	}
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case strings.ContainsRune(" -.()/", r):
		default:
			return "use digits, spaces and + - . ( ) / only, one number per cell"
		}
	}
	if digits < 3 {
		return "it has fewer than 3 digits"
	}
	return ""
}
