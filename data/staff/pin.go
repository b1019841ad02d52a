// Package staff is what the kiosk's staff mode does, without widgets: the
// PIN that guards it, the kiosk's status, bundle import and check-in
// export.
package staff

import (
	"context"
	"errors"
	"strconv"
	"time"

	"kiosk/data/pinhash"
	"kiosk/data/store"
)

// Five wrong tries lock staff mode for five minutes, which makes guessing
// a PIN at a kiosk hopeless.
const (
	MaxTries = 5
	LockFor  = 5 * time.Minute
)

// Meta keys of the PIN state.
const (
	metaPINHash  = store.MetaStaffPINHash
	metaFailures = "staff_pin_failures"
	metaLocked   = "staff_pin_locked_until"
)

// ErrLocked is returned while staff mode is locked after wrong PINs.
var ErrLocked = errors.New("staff mode is locked after too many wrong PINs")

// PIN guards staff mode with the PIN kept in a kiosk's store.
type PIN struct {
	Store *store.Store
	Now   func() time.Time
}

// Set stores a new PIN (staff setting one at first start, or changing it).
func (p *PIN) Set(ctx context.Context, pin string) error {
	h, err := pinhash.Hash(pin)
	if err != nil {
		return err
	}
	return p.Store.SetMeta(ctx, metaPINHash, h)
}

// IsSet reports whether the kiosk has a PIN yet.
func (p *PIN) IsSet(ctx context.Context) (bool, error) {
	h, err := p.Store.Meta(ctx, metaPINHash)
	return h != "", err
}

// Attempt is the answer to a PIN typed at the kiosk.
type Attempt struct {
	OK          bool
	TriesLeft   int       // before the lock, after a wrong PIN
	LockedUntil time.Time // set while locked
}

// Check tries a PIN. Five wrong ones in a row lock staff mode for five
// minutes; the count and the lock are kept in the store, so restarting the
// kiosk does not reset them.
func (p *PIN) Check(ctx context.Context, pin string) (Attempt, error) {
	now := p.Now()
	if until, err := p.lockedUntil(ctx); err != nil {
		return Attempt{}, err
	} else if now.Before(until) {
		return Attempt{LockedUntil: until}, ErrLocked
	}
	h, err := p.Store.Meta(ctx, metaPINHash)
	if err != nil {
		return Attempt{}, err
	}
	if h == "" {
		return Attempt{}, errors.New("no staff PIN is set on this kiosk")
	}
	if pinhash.Matches(h, pin) {
		return Attempt{OK: true}, p.Store.SetMeta(ctx, metaFailures, "0")
	}
	failures, _ := p.metaInt(ctx, metaFailures)
	failures++
	if failures >= MaxTries {
		until := now.Add(LockFor)
		if err := p.Store.SetMeta(ctx, metaLocked, strconv.FormatInt(until.Unix(), 10)); err != nil {
			return Attempt{}, err
		}
		if err := p.Store.SetMeta(ctx, metaFailures, "0"); err != nil {
			return Attempt{}, err
		}
		return Attempt{LockedUntil: until}, ErrLocked
	}
	if err := p.Store.SetMeta(ctx, metaFailures, strconv.Itoa(failures)); err != nil {
		return Attempt{}, err
	}
	return Attempt{TriesLeft: MaxTries - failures}, nil
}

func (p *PIN) lockedUntil(ctx context.Context) (time.Time, error) {
	n, err := p.metaInt(ctx, metaLocked)
	if err != nil || n == 0 {
		return time.Time{}, err
	}
	return time.Unix(int64(n), 0), nil
}

func (p *PIN) metaInt(ctx context.Context, key string) (int, error) {
	v, err := p.Store.Meta(ctx, key)
	if err != nil || v == "" {
		return 0, err
	}
	n, _ := strconv.Atoi(v)
	return n, nil
}
