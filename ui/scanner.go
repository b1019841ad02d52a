package ui

import "time"

// Keyboard-wedge scanners type a whole code in a burst, a few milliseconds
// a character, then Enter. People type a character every 100 ms or more.
// A burst is taken as a scan when every gap is short and it is long enough
// to be a code rather than a fast double key press.
const (
	scanMaxGap = 50 * time.Millisecond
	scanMinLen = 8
)

// scanDetector watches keystrokes for scanner bursts.
type scanDetector struct {
	buf  []rune
	last time.Time
}

// typed records a character at a time; it reports whether this character
// starts a new burst (the gap before it was too long to belong to one).
func (s *scanDetector) typed(r rune, at time.Time) (startsBurst bool) {
	if len(s.buf) == 0 || at.Sub(s.last) > scanMaxGap {
		s.buf = s.buf[:0]
		startsBurst = true
	}
	s.buf = append(s.buf, r)
	s.last = at
	return startsBurst
}

// enter ends a burst: it returns the scanned text when what came before
// Enter was a scan.
func (s *scanDetector) enter(at time.Time) (string, bool) {
	defer s.reset()
	if len(s.buf) < scanMinLen || at.Sub(s.last) > scanMaxGap {
		return "", false
	}
	return string(s.buf), true
}

func (s *scanDetector) reset() { s.buf = s.buf[:0] }
