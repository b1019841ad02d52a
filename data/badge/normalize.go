package badge

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// What Scan.Repaired names. Several repairs are joined with ", ", the
// layout first.
const (
	// RepairCapsLock: every letter came in lower case. That is what Caps
	// Lock does to a badge, whose letters are all upper case (a scanner set
	// to send lower case looks the same).
	RepairCapsLock = "caps lock"
	// RepairMixedCase: some letters came in lower case, some not.
	RepairMixedCase = "mixed case"
)

// maxScan bounds the text Normalize looks at; a badge is under 300
// characters, and a stuck scanner or a pasted document should not cost more
// than a badge does.
const maxScan = 1024

// Scan is a badge code as typed, put back into shape.
type Scan struct {
	// Token is the badge code: the prefix and alphabet characters only.
	Token string
	// Repaired is "" if the text needed nothing but trimming; otherwise it
	// says what was wrong, e.g. "caps lock" or "US scanner on AZERTY host",
	// so that staff can fix the kiosk.
	Repaired string
}

// Normalize undoes what a keyboard-wedge scanner may have done to a badge
// code on its way into the kiosk: surrounding white space and line ends,
// Caps Lock, and a scanner configured for another keyboard layout than the
// host's. It checks the shape of the code only, not its content; Verify
// does the rest.
//
// It fails with ErrMalformed for anything that is not a badge code, and
// with ErrLayoutMismatch when the text looks like a code mangled by a
// layout mismatch that cannot be undone, or that could be undone in two
// different ways (a guess could name the wrong delegate).
func Normalize(raw string) (Scan, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return Scan{}, fmt.Errorf("%w: empty scan", ErrMalformed)
	}
	if len(s) > maxScan {
		return Scan{}, fmt.Errorf("%w: %d bytes is far too long", ErrMalformed, len(s))
	}
	up, caseRepair := foldCase(s)
	if wellShaped(up) {
		return Scan{Token: up, Repaired: caseRepair}, nil
	}

	var found, names []string
	for _, m := range mismatches {
		t := m.unmap(up)
		if t == up || !wellFormed(t) {
			continue
		}
		i := slices.Index(found, t)
		if i < 0 {
			found = append(found, t)
			names = append(names, m.name)
		} else {
			names[i] += " or " + m.name
		}
	}
	switch len(found) {
	case 1:
		return Scan{Token: found[0], Repaired: joinRepairs(names[0], caseRepair)}, nil
	case 0:
	default:
		return Scan{}, fmt.Errorf("%w: the scan reads as a badge under %s, which disagree", ErrLayoutMismatch, strings.Join(names, " and under "))
	}

	if m := mangledBy(up); m != nil {
		return Scan{}, fmt.Errorf("%w: looks like a %s, and cannot be repaired", ErrLayoutMismatch, m.name)
	}
	if strings.HasPrefix(up, Prefix) {
		return Scan{}, fmt.Errorf("%w: starts like a badge but is cut short, has an odd length or has characters no badge has", ErrMalformed)
	}
	return Scan{}, ErrMalformed
}

func joinRepairs(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}

// foldCase upper-cases s and names the repair, if one was needed.
func foldCase(s string) (string, string) {
	var lower, upper int
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z':
			lower++
		case 'A' <= r && r <= 'Z':
			upper++
		}
		b.WriteRune(foldRune(r))
	}
	switch {
	case lower == 0:
		return b.String(), ""
	case upper == 0:
		return b.String(), RepairCapsLock
	default:
		return b.String(), RepairMixedCase
	}
}

// wellFormed is stricter than wellShaped, for repairs: a layout is only
// blamed if undoing it gives a token this package can read to the end, or
// one of a version it does not know.
func wellFormed(s string) bool {
	if !wellShaped(s) {
		return false
	}
	_, err := decode(s)
	return err == nil || errors.Is(err, ErrUnsupportedVersion)
}

// qrAlphanumeric is what a QR code in alphanumeric mode can hold, and so all
// a correctly configured scanner types from one.
const qrAlphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

// mangledBy returns the mismatch that best explains text that is not a
// badge code but looks like one gone through a layout mismatch: either
// undoing the mismatch brings out the badge prefix and a version, or the
// text holds non-ASCII characters (é, ç, ß, ü, ...) that a scanner typing
// a QR code's alphanumeric text only produces on a host with another
// layout, and undoing the mismatch leaves only such text.
func mangledBy(up string) *mismatch {
	for _, m := range mismatches {
		t := m.unmap(up)
		if t == up {
			continue
		}
		if !hasVersionPrefix(up) && hasVersionPrefix(t) {
			return m
		}
		if hasMappedNonASCII(m, up) && onlyFrom(t, qrAlphanumeric) {
			return m
		}
	}
	return nil
}

func hasVersionPrefix(s string) bool {
	return len(s) >= len(Prefix)+2 && strings.HasPrefix(s, Prefix) &&
		nibble[s[len(Prefix)]] >= 0 && nibble[s[len(Prefix)+1]] >= 0
}

func hasMappedNonASCII(m *mismatch, s string) bool {
	for _, r := range s {
		if r >= 0x80 {
			if t, ok := m.back[r]; ok && t < 0x80 {
				return true
			}
		}
	}
	return false
}

func onlyFrom(s, set string) bool {
	for _, r := range s {
		if !strings.ContainsRune(set, r) {
			return false
		}
	}
	return true
}
