package checkin

import (
	"context"
	"errors"

	"kiosk/data"
	"kiosk/data/checkincode"
	"kiosk/data/store"
)

// Holder is whose badge was scanned, for screens that look a delegate up
// by their badge without checking them in ("My day").
type Holder struct {
	Delegate    data.Delegate // the whole record: callers show only what Listed allows
	CountryName string
	// Refused, when set, says why the badge was not accepted; Delegate is
	// then empty.
	Refused *Outcome
}

// Identify verifies a badge exactly as Scan does (signature, event,
// validity, revocation, the delegate in the installed list) and says whose
// it is. It records nothing: no check-in, no presence. A check-in code is
// refused here: it stands for a check-in, not for a person.
func (d *Desk) Identify(ctx context.Context, raw string) (Holder, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.load(ctx); err != nil {
		if errors.Is(err, store.ErrNoEvent) {
			return Holder{}, errNoEvent
		}
		return Holder{}, err
	}
	if checkincode.Looks(raw) {
		return Holder{Refused: &Outcome{Status: Refused, Reason: ReasonNotABadge, Headline: "Not a badge",
			Detail: "This is a check-in code, not a badge. Please scan the QR code on your badge."}}, nil
	}
	res, err := d.cache.verifier.Verify(raw)
	if err != nil {
		o := refusal(err, res)
		return Holder{Refused: &o}, nil
	}
	delegate, country, err := d.store.DelegateForCheckIn(ctx, res.DelegateID)
	if errors.Is(err, data.ErrNotFound) {
		o := unknownDelegate(res.DelegateID, res.Repaired)
		return Holder{Refused: &o}, nil
	}
	if err != nil {
		return Holder{}, err
	}
	return Holder{Delegate: delegate, CountryName: country}, nil
}
