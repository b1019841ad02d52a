package ui

import "time"

// Keyboard-wedge scanners type a whole code in a burst, a few milliseconds
// a character, then Enter. People type a character every 100 ms or more.
// A burst is taken as a scan when its keys come fast and it is long enough
// to be a code rather than a fast double key press.
//
// Keys are timed when the kiosk handles them, not when they were sent:
// while the UI goroutine is busy (a search per key typed into a field, a
// redraw) they wait in the window system's queue, then arrive back to
// back. A burst therefore shows gaps of 100 ms and more in the middle of
// 5 ms keys (measured under Xvfb: 80 to 130 ms). Such a gap, with fast
// keys on both sides of it, is a stall inside the burst, not its end; a
// person's keys are slow on both sides of every gap.
const (
	scanMaxGap   = 50 * time.Millisecond
	scanMaxStall = 750 * time.Millisecond
	scanMinLen   = 8
	// scanMaxKeys bounds the keys kept: far more than any badge code.
	scanMaxKeys = 4096
)

// scanDetector watches keystrokes for scanner bursts.
type scanDetector struct {
	keys []timedKey
}

type timedKey struct {
	r  rune
	at time.Time
}

// typed records a character. A pause longer than any stall forgets what
// came before it.
func (s *scanDetector) typed(r rune, at time.Time) {
	if n := len(s.keys); n > 0 && (at.Sub(s.keys[n-1].at) > scanMaxStall || n >= scanMaxKeys) {
		s.reset()
	}
	s.keys = append(s.keys, timedKey{r, at})
}

// enter ends a burst: it returns the scanned text when what came before
// Enter was a scan.
//
// keyless is true when no text field holds the keys: nothing a person
// types there shows, so every key since the last long pause belongs to
// what Enter ends, however the keys were spaced. On a loaded machine a
// scanner's keys can reach the kiosk with slow gaps in a row, which the
// burst rule would cut; in a field that rule keeps a person's typing out
// of the scan.
func (s *scanDetector) enter(at time.Time, keyless bool) (string, bool) {
	defer s.reset()
	start, ok := s.burstStart(at)
	if keyless && len(s.keys) > 0 && at.Sub(s.keys[len(s.keys)-1].at) <= scanMaxStall {
		start, ok = 0, true
	}
	if !ok || len(s.keys)-start < scanMinLen {
		return "", false
	}
	text := make([]rune, 0, len(s.keys)-start)
	for _, k := range s.keys[start:] {
		text = append(text, k.r)
	}
	return string(text), true
}

// burstStart walks back from Enter to the first key of the burst that
// Enter ends; ok is false when Enter itself does not belong to a burst.
func (s *scanDetector) burstStart(enter time.Time) (start int, ok bool) {
	n := len(s.keys)
	if n == 0 || enter.Sub(s.keys[n-1].at) > scanMaxStall {
		return 0, false
	}
	// gap is the time before key i; key n is Enter.
	gap := func(i int) time.Duration {
		if i == n {
			return enter.Sub(s.keys[n-1].at)
		}
		return s.keys[i].at.Sub(s.keys[i-1].at)
	}
	fast := func(i int) bool { return gap(i) <= scanMaxGap }
	for i := n; i >= 1; i-- {
		if fast(i) {
			continue
		}
		// Key 0 has no gap before it: it began after a long pause, so a
		// stall right after it is still inside the burst.
		fastBefore := i == 1 || fast(i-1)
		fastAfter := i == n || fast(i+1)
		if fastBefore && fastAfter {
			continue
		}
		return i, i < n
	}
	return 0, true
}

func (s *scanDetector) reset() { s.keys = s.keys[:0] }

// inBurst reports whether a key at `at` would follow the last one as fast
// as a scanner types: such a key belongs to a scan.
func (s *scanDetector) inBurst(at time.Time) bool {
	n := len(s.keys)
	return n > 0 && at.Sub(s.keys[n-1].at) <= scanMaxGap
}
