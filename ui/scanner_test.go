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
			got, ok := d.enter(end.Add(tt.gap))
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
	if got, ok := d.enter(at.Add(3 * time.Millisecond)); !ok || got != "KBBCCGRFXRKG" {
		t.Fatalf("burst after typing: %q %v", got, ok)
	}
}
