package staff

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"
)

// wrongUntilLocked types wrong PINs until staff mode locks and returns
// how long the lock lasts from the moment of the last try.
func wrongUntilLocked(t *testing.T, p *PIN, now *time.Time) time.Duration {
	t.Helper()
	for i := 0; i < MaxTries+1; i++ {
		a, err := p.Check(context.Background(), "999999")
		if errors.Is(err, ErrLocked) {
			return a.LockedUntil.Sub(*now)
		}
		if err != nil || a.OK {
			t.Fatalf("wrong PIN: %+v %v", a, err)
		}
	}
	t.Fatal("staff mode never locked")
	return 0
}

// Five wrong PINs lock five minutes; each wrong PIN after a lock ends locks
// twice as long, up to MaxLock; only the right PIN starts afresh. A lock
// that always lasted five minutes let 1,440 guesses a day through.
func TestLockoutEscalatesUntilTheRightPIN(t *testing.T) {
	ctx := context.Background()
	p, now := pinStore(t)
	if err := p.Set(ctx, "246810"); err != nil {
		t.Fatal(err)
	}
	want := LockFor
	for round := 0; round < 12; round++ {
		got := wrongUntilLocked(t, p, now)
		if got != want {
			t.Fatalf("lock %d lasts %v, want %v", round+1, got, want)
		}
		// Still locked a second before the end, also after a restart.
		*now = now.Add(got - time.Second)
		p2 := &PIN{Store: p.Store, Now: p.Now}
		if _, err := p2.Check(ctx, "246810"); !errors.Is(err, ErrLocked) {
			t.Fatalf("lock %d: right PIN a second before the end: %v", round+1, err)
		}
		*now = now.Add(2 * time.Second)
		want = min(2*want, MaxLock)
	}
	if a, err := p.Check(ctx, "246810"); err != nil || !a.OK {
		t.Fatalf("right PIN after the last lock: %+v %v", a, err)
	}
	if got := wrongUntilLocked(t, p, now); got != LockFor {
		t.Fatalf("after the right PIN the first lock lasts %v, want %v", got, LockFor)
	}
}

// GuessesPerDay is the figure the README gives: at most this many PINs can
// be tried in a day once the locks have reached their longest.
func TestLockoutLetsFewGuessesADay(t *testing.T) {
	ctx := context.Background()
	p, now := pinStore(t)
	if err := p.Set(ctx, "246810"); err != nil {
		t.Fatal(err)
	}
	start := *now
	tries := 0
	days := map[int]int{}
	// 10 days; 60 tries are far more than the locks let through.
	for now.Sub(start) < 10*24*time.Hour && tries < 60 {
		a, err := p.Check(ctx, "999999")
		tries++
		days[int(now.Sub(start)/(24*time.Hour))]++
		if errors.Is(err, ErrLocked) {
			*now = a.LockedUntil
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if tries >= 60 || days[0] > 13 || days[5] > 3 {
		t.Fatalf("guesses: first day %d, sixth day %d (want at most 13 and 3)", days[0], days[5])
	}
}

// damage writes a value into the kiosk's database from outside, as an
// edit with the sqlite3 tool or a damaged page would leave it.
func damage(t *testing.T, p *PIN, key, value string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+p.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`INSERT INTO meta (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
		t.Fatal(err)
	}
}

// A wrong-PIN record that cannot be read must not count as "no wrong PIN
// yet": the guard stays shut, with a message saying why, and the kiosk
// does not stay locked forever either.
func TestUnreadableWrongPINRecordKeepsStaffModeLocked(t *testing.T) {
	for _, key := range []string{"staff_pin_failures", "staff_pin_locked_until"} {
		t.Run(key, func(t *testing.T) {
			ctx := context.Background()
			p, now := pinStore(t)
			if err := p.Set(ctx, "246810"); err != nil {
				t.Fatal(err)
			}
			for i := 0; i < MaxTries-1; i++ {
				p.Check(ctx, "999999")
			}
			damage(t, p, key, "four")
			a, err := p.Check(ctx, "246810")
			if a.OK || err == nil || !strings.Contains(err.Error(), "locked") {
				t.Fatalf("right PIN with an unreadable record: %+v %v", a, err)
			}
			if !strings.Contains(err.Error(), key) {
				t.Fatalf("the message does not say what is wrong: %v", err)
			}
			if _, err := p.Check(ctx, "246810"); !errors.Is(err, ErrLocked) {
				t.Fatalf("right PIN just after: %v", err)
			}
			*now = now.Add(MaxLock + time.Second)
			if a, err := p.Check(ctx, "246810"); err != nil || !a.OK {
				t.Fatalf("right PIN after the longest lock: %+v %v", a, err)
			}
		})
	}
}

// A store that cannot be read at all: no PIN opens staff mode, and the
// message says the guard could not be read.
func TestStoreErrorKeepsStaffModeLocked(t *testing.T) {
	ctx := context.Background()
	p, _ := pinStore(t)
	if err := p.Set(ctx, "246810"); err != nil {
		t.Fatal(err)
	}
	p.Store.Close()
	a, err := p.Check(ctx, "246810")
	if a.OK || err == nil || !strings.Contains(err.Error(), "stays locked") {
		t.Fatalf("right PIN on an unreadable store: %+v %v", a, err)
	}
}

// A kiosk whose clock goes back a year while locked (a reset clock
// battery) stays locked for the longest lock, not for a year.
func TestLockSurvivesAClockGoingBackForTheLongestLockOnly(t *testing.T) {
	ctx := context.Background()
	p, now := pinStore(t)
	if err := p.Set(ctx, "246810"); err != nil {
		t.Fatal(err)
	}
	wrongUntilLocked(t, p, now)
	*now = now.AddDate(-1, 0, 0)
	a, err := p.Check(ctx, "246810")
	if !errors.Is(err, ErrLocked) || a.LockedUntil.After(now.Add(MaxLock)) {
		t.Fatalf("right PIN after the clock went back: %+v %v", a, err)
	}
	*now = now.Add(MaxLock + time.Second)
	if a, err := p.Check(ctx, "246810"); err != nil || !a.OK {
		t.Fatalf("after the longest lock: %+v %v", a, err)
	}
}
