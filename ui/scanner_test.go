package ui

import (
	"testing"
	"time"
)

func TestScanDetector(t *testing.T) {
	t0 := time.Date(2016, 11, 7, 9, 0, 0, 0, time.UTC)
	typeAt := func(d *scanDetector, s string, gap time.Duration) time.Time {
		at := t0
		for _, r := range s {
			at = at.Add(gap)
			d.typed(r, at)
		}
		return at
	}
	tests := []struct {
		name string
		text string
		gap  time.Duration
		want bool
	}{
		{"scanner burst", "KBBCCGRFXRKG", 5 * time.Millisecond, true},
		{"person typing", "jurgen stock", 150 * time.Millisecond, false},
		{"too short to be a code", "ab", time.Millisecond, false},
		{"just under the gap", "KBBCCGRFXRKG", scanMaxGap, true},
		{"just over the gap", "KBBCCGRFXRKG", scanMaxGap + time.Millisecond, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d scanDetector
			end := typeAt(&d, tt.text, tt.gap)
			got, ok := d.enter(end.Add(tt.gap), false)
			if ok != tt.want || (ok && got != tt.text) {
				t.Fatalf("enter: %q %v, want scan %v", got, ok, tt.want)
			}
		})
	}
	// A person who pauses, then a scanner: only the burst counts.
	var d scanDetector
	at := typeAt(&d, "abc", 200*time.Millisecond)
	at = at.Add(time.Second) // the person stops; the scanner starts
	for _, r := range "KBBCCGRFXRKG" {
		at = at.Add(3 * time.Millisecond)
		d.typed(r, at)
	}
	if got, ok := d.enter(at.Add(3*time.Millisecond), false); !ok || got != "KBBCCGRFXRKG" {
		t.Fatalf("burst after typing: %q %v", got, ok)
	}
}

// In the real window the UI goroutine is busy now and then (a search per
// key typed into a field, a redraw): keys wait in the window system's
// queue and reach the kiosk late, then back to back. Measured under Xvfb
// while a scan went into the directory search: gaps of 80 to 130 ms after
// runs of 5 ms keys. Such a scan is one scan, not its last few keys.
func TestScanDetectorBridgesStallsOfTheUI(t *testing.T) {
	code := "KBBCNRHKCJVLBCKKXXLKBCKLBPSKBBBBBBBFBKGGFBFBFBFBFBFFPXJSRGGFHSJXVJVCRVGNRJNRGBKFFDJVXTCFDVHSR"
	t0 := time.Date(2016, 11, 8, 10, 15, 0, 0, time.UTC)
	type stall struct {
		after int           // keys before the stall
		gap   time.Duration // the stall
	}
	tests := []struct {
		name     string
		prefix   string        // typed by a person first, 150 ms a key
		pause    time.Duration // between the person and the scanner
		stalls   []stall
		enterGap time.Duration
		want     string
		scan     bool
	}{
		{"stalls inside the burst", "", 0, []stall{{30, 112 * time.Millisecond}, {60, 130 * time.Millisecond}}, 5 * time.Millisecond, code, true},
		{"stall after the first key", "", 0, []stall{{1, 120 * time.Millisecond}}, 5 * time.Millisecond, code, true},
		{"stall before Enter", "", 0, nil, 200 * time.Millisecond, code, true},
		{"person then scanner", "abc", 200 * time.Millisecond, []stall{{40, 100 * time.Millisecond}}, 5 * time.Millisecond, code, true},
		{"Enter far too late", "", 0, nil, 2 * time.Second, "", false},
		{"person typing with pauses", "jurgen stock, interpol", 0, nil, 0, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d scanDetector
			at := t0
			for _, r := range tt.prefix {
				at = at.Add(150 * time.Millisecond)
				d.typed(r, at)
			}
			at = at.Add(tt.pause)
			if tt.prefix != "" && tt.enterGap == 0 { // the person presses Enter
				text, ok := d.enter(at.Add(150*time.Millisecond), false)
				if ok != tt.scan {
					t.Fatalf("person's Enter: %q %v", text, ok)
				}
				return
			}
			for i, r := range code {
				gap := 5 * time.Millisecond
				for _, s := range tt.stalls {
					if i == s.after {
						gap = s.gap
					} else if i > s.after && i < s.after+10 {
						gap = 100 * time.Microsecond // the queued keys, back to back
					}
				}
				at = at.Add(gap)
				d.typed(r, at)
			}
			text, ok := d.enter(at.Add(tt.enterGap), false)
			if ok != tt.scan || text != tt.want {
				t.Fatalf("enter: %q %v, want %q %v", text, ok, tt.want, tt.scan)
			}
		})
	}
}

// With no field holding the keys, a scanner's keys that reach the kiosk
// with slow gaps in a row (a loaded machine) are still one scan; in a
// field the same keys are a person's, and Enter is theirs.
func TestScanDetectorKeylessTakesEveryKeySinceAPause(t *testing.T) {
	code := "KBBCNRHKCJVLBCKKXXLKBCKLBPSKBBBBBBBFBKGG"
	t0 := time.Date(2016, 11, 8, 10, 15, 0, 0, time.UTC)
	for _, keyless := range []bool{true, false} {
		var d scanDetector
		at := t0
		d.typed('x', at) // a key long before: not part of the scan
		at = at.Add(2 * time.Second)
		for i, r := range code {
			gap := 5 * time.Millisecond
			if i >= 10 && i < 13 {
				gap = 120 * time.Millisecond // slow gaps in a row
			}
			at = at.Add(gap)
			d.typed(r, at)
		}
		text, ok := d.enter(at.Add(5*time.Millisecond), keyless)
		if keyless && (!ok || text != code) {
			t.Fatalf("keyless: %q %v, want the whole code", text, ok)
		}
		if !keyless && text == code {
			t.Fatalf("in a field the slow keys were taken as one scan")
		}
	}
	// Enter long after the last key is no scan, keyless or not.
	var d scanDetector
	d.typed('A', t0)
	if _, ok := d.enter(t0.Add(time.Second), true); ok {
		t.Fatal("a late Enter ended a scan")
	}
}
