// Package staff is what the kiosk's staff mode does, without widgets: the
// PIN that guards it, the kiosk's status, bundle import and check-in
// export.
package staff

import (
	"context"
	"errors"
	"fmt"
	"time"

	"kiosk/data/pinhash"
	"kiosk/data/store"
)

// Five wrong tries lock staff mode for five minutes; every wrong PIN after
// a lock locks again, twice as long as the lock before, up to MaxLock. Only
// the right PIN starts afresh. At the PIN pad this lets 13 guesses through
// in the first day and 3 a day after: a 4-digit PIN chosen at the kiosk
// takes more than 9 years to exhaust (README, "Staff mode").
const (
	MaxTries = 5
	LockFor  = 5 * time.Minute
	MaxLock  = 8 * time.Hour
)

// ErrLocked is returned while staff mode is locked after wrong PINs.
var ErrLocked = errors.New("staff mode is locked after too many wrong PINs")

// PIN guards staff mode with the PIN kept in a kiosk's store.
type PIN struct {
	Store *store.Store
	Now   func() time.Time
}

// Set stores a new PIN chosen at this kiosk (when its bundle sets none).
func (p *PIN) Set(ctx context.Context, pin string) error {
	h, err := pinhash.Hash(pin)
	if err != nil {
		return err
	}
	return p.Store.SetStaffPINHash(ctx, h)
}

// IsSet reports whether the kiosk has a PIN yet.
func (p *PIN) IsSet(ctx context.Context) (bool, error) {
	h, err := p.Store.StaffPINHash(ctx)
	return h != "", err
}

// Attempt is the answer to a PIN typed at the kiosk.
type Attempt struct {
	OK          bool
	TriesLeft   int       // before the lock, after a wrong PIN
	LockedUntil time.Time // set while locked
}

// lockAfter is how long staff mode locks after the given number of wrong
// PINs in a row: none before MaxTries, then LockFor doubled for each
// wrong PIN past it, at most MaxLock.
func lockAfter(failures int) time.Duration {
	past := failures - MaxTries
	switch {
	case past < 0:
		return 0
	case past >= 16: // the shift would overflow long before; the cap holds
		return MaxLock
	}
	return min(LockFor<<past, MaxLock)
}

// Check tries a PIN. The count of wrong PINs and the lock are kept in the
// store, so restarting the kiosk does not reset them. A count or lock that
// cannot be read keeps staff mode shut: a damaged record is replaced by
// the longest lock; a store that cannot be read is an error.
func (p *PIN) Check(ctx context.Context, pin string) (Attempt, error) {
	now := p.Now()
	if a, err := p.guard(ctx, now); err != nil {
		return a, err
	}
	h, err := p.Store.StaffPINHash(ctx)
	if err != nil {
		return Attempt{}, err
	}
	if h == "" {
		return Attempt{}, errors.New("no staff PIN is set on this kiosk")
	}
	if pinhash.Matches(h, pinhash.Normalize(pin)) {
		return Attempt{OK: true}, p.Store.SetPINGuard(ctx, store.PINGuard{})
	}
	g, err := p.Store.RecordPINFailure(ctx, now, lockAfter)
	if err != nil {
		return Attempt{}, fmt.Errorf("staff mode stays locked: the wrong PIN could not be counted: %w", err)
	}
	if now.Before(g.LockedUntil) {
		return Attempt{LockedUntil: g.LockedUntil}, ErrLocked
	}
	return Attempt{TriesLeft: max(MaxTries-g.Failures, 0)}, nil
}

// guard returns ErrLocked while staff mode is locked, and fails closed
// when the lock cannot be read.
func (p *PIN) guard(ctx context.Context, now time.Time) (Attempt, error) {
	g, err := p.Store.PINGuard(ctx)
	if errors.Is(err, store.ErrBadSetting) {
		until := now.Add(MaxLock)
		reset := store.PINGuard{Failures: MaxTries + 16, LockedUntil: until}
		if werr := p.Store.SetPINGuard(ctx, reset); werr != nil {
			return Attempt{}, fmt.Errorf("staff mode stays locked: %v; the record could not be reset: %w", err, werr)
		}
		return Attempt{LockedUntil: until}, fmt.Errorf("staff mode is locked for %.0f hours: the kiosk's record of wrong PINs was damaged (%v), so it was replaced by the longest lock", MaxLock.Hours(), err)
	}
	if err != nil {
		return Attempt{}, fmt.Errorf("staff mode stays locked: the kiosk cannot read its record of wrong PINs: %w", err)
	}
	if longest := now.Add(MaxLock); g.LockedUntil.After(longest) {
		// The clock went back (a reset clock battery): a lock set by the
		// later clock would last for years. It still lasts the longest.
		g.LockedUntil = longest
		if err := p.Store.SetPINGuard(ctx, g); err != nil {
			return Attempt{}, fmt.Errorf("staff mode stays locked: %w", err)
		}
	}
	if now.Before(g.LockedUntil) {
		return Attempt{LockedUntil: g.LockedUntil}, ErrLocked
	}
	return Attempt{}, nil
}
