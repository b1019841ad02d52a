package checkin

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"time"

	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/checkincode"
	"kiosk/data/store"
)

// Scan handles what a scanner typed, or what staff typed by hand. It
// returns an error only when the kiosk itself failed (its database); a
// bad badge is an Outcome with Status Refused. A Welcome is returned only
// once the check-in is committed to disk.
func (d *Desk) Scan(ctx context.Context, raw string, method data.Method) (Outcome, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.load(ctx); err != nil {
		if errors.Is(err, store.ErrNoEvent) {
			return Outcome{}, errNoEvent
		}
		return Outcome{}, err
	}
	if checkincode.Looks(raw) {
		return d.takeCode(ctx, raw)
	}
	c := &d.cache
	res, err := c.verifier.Verify(raw)
	if err != nil {
		return refusal(err, res), nil
	}
	delegate, country, err := d.store.DelegateForCheckIn(ctx, res.DelegateID)
	if errors.Is(err, data.ErrNotFound) {
		return unknownDelegate(res.DelegateID, res.Repaired), nil
	}
	if err != nil {
		return Outcome{}, err
	}
	now := d.now()
	// A presence board takes plenary check-ins.
	purpose := c.config.Purpose.CheckInPurpose()
	n := store.NewCheckIn{
		EventID: c.event.ID, DelegateID: delegate.ID, BadgeSerial: res.Serial, Purpose: purpose, RoomID: c.config.RoomID,
		Method: method, ScannedAt: now,
		// A clock showing a time before the installed bundle was even made
		// is wrong; the check-in is kept but its time is not believed.
		ClockSuspect: now.Before(c.bundle.Created),
	}
	what := data.PurposeArrival.Label()
	if purpose != data.PurposeArrival {
		s, err := d.store.SessionInRoom(ctx, c.config.RoomID, now, SessionLead)
		if err == nil && purpose == data.PurposePlenary && !plenaryKind(s.Kind) {
			err = data.ErrNotFound
		}
		if errors.Is(err, data.ErrNotFound) {
			kind := "session"
			if purpose == data.PurposePlenary {
				kind = "plenary"
			}
			return Outcome{Status: Refused, Reason: ReasonNoSession, Headline: "No " + kind + " now",
				Detail: fmt.Sprintf("No %s is running in %s now, so there is nothing to check in to. "+
					"Please check the Programme.", kind, d.roomLabel()), Repaired: res.Repaired}, nil
		}
		if err != nil {
			return Outcome{}, err
		}
		n.SessionID = s.ID
		what = s.Title
	}
	n.PurposeKey = store.PurposeKey(c.event.ID, n.Purpose, n.SessionID, now.In(c.loc).Format(data.DateLayout))
	rec, prior, err := d.store.RecordCheckIn(ctx, n)
	if err != nil {
		return Outcome{}, err
	}
	o := Outcome{What: what, Repaired: res.Repaired}
	if delegate.Consent.Listed {
		o.Name, o.Country = delegate.FullName(), country
	}
	if prior != nil {
		o.Status, o.Headline, o.CheckIn = Already, "Already checked in", *prior
		o.Here = prior.KioskID == d.cache.id.KioskID
		o.Detail = fmt.Sprintf("%s already checked in for %s %s, %s. Nothing new was recorded.",
			youOr(o.Name), lower(what), d.where(*prior), d.when(prior.ScannedAt))
	} else {
		o.Status, o.Headline, o.CheckIn = Welcome, "Welcome", rec
		o.Here = true
		o.Detail = "Checked in for " + lower(what) + "."
	}
	if purpose == data.PurposePlenary {
		present, err := d.store.PresentCountries(ctx, c.event.ID, o.CheckIn.SessionID)
		if err != nil {
			return Outcome{}, err
		}
		o.Present, o.Members = len(present), c.members
	}
	return o, nil
}

// takeCode verifies another kiosk's check-in code and takes its event in.
func (d *Desk) takeCode(ctx context.Context, raw string) (Outcome, error) {
	c := &d.cache
	ci, err := c.codes.Verify(raw)
	if err != nil {
		return codeRefusal(err), nil
	}
	in, err := d.store.AddCheckIns(ctx, []data.CheckIn{ci}, purposeKeyIn(c.loc), data.OriginCode)
	if err != nil {
		return Outcome{}, err
	}
	if len(in.Refused) > 0 {
		return codeRefusal(in.Refused[0].Reason), nil
	}
	o := Outcome{Status: Received, Headline: "Check-in received", CheckIn: ci}
	if delegate, country, err := d.store.DelegateForCheckIn(ctx, ci.DelegateID); err == nil && delegate.Consent.Listed {
		o.Name, o.Country = delegate.FullName(), country
	}
	o.What = ci.Purpose.Label()
	if in.Taken == 0 {
		o.Known = true
		o.Detail = fmt.Sprintf("This kiosk already had this check-in from %s.", ci.KioskID)
	} else {
		o.Detail = fmt.Sprintf("Check-in taken %s, %s, now recorded here too.", d.where(ci), d.when(ci.ScannedAt))
	}
	return o, nil
}

// codeRefusal turns a check-in code's refusal into what staff read.
func codeRefusal(err error) Outcome {
	o := Outcome{Status: Refused, Headline: "Check-in code not accepted"}
	switch {
	case errors.Is(err, checkincode.ErrUnknownKey):
		o.Reason = ReasonCodeUnknown
		o.Detail = "This check-in code comes from a kiosk this kiosk does not know. " +
			"Staff: enrol the kiosk's key in the bundle."
	case errors.Is(err, checkincode.ErrWrongEvent):
		o.Reason, o.Detail = ReasonCodeOtherEvent, "This check-in code is for another event."
	case errors.Is(err, checkincode.ErrMalformed), errors.Is(err, checkincode.ErrBadSignature):
		o.Reason, o.Detail = ReasonCodeNotGenuine, "This check-in code is damaged or not genuine."
	default:
		// Genuine, but its check-in breaks a rule: say which, for staff to
		// look at the kiosk that showed it. Nothing was recorded.
		o.Reason = ReasonCodeRefused
		o.Detail = "This check-in code was not taken in: " + err.Error() + "."
	}
	return o
}

// purposeKeyIn is the purpose key of check-ins received from elsewhere,
// whose venue day is taken in the event's time zone loc.
func purposeKeyIn(loc *time.Location) func(data.CheckIn) string {
	return func(ci data.CheckIn) string {
		return store.PurposeKey(ci.EventID, ci.Purpose, ci.SessionID, ci.ScannedAt.In(loc).Format(data.DateLayout))
	}
}

// PurposeKey is the desk's rule for "the same check-in", for importers of
// check-ins that are not scans (export files, the hub).
func (d *Desk) PurposeKey(ctx context.Context) (func(data.CheckIn) string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.load(ctx); err != nil {
		return nil, err
	}
	return purposeKeyIn(d.cache.loc), nil
}

// Code writes a check-in as its check-in code: the kiosk signs its own
// check-ins now; those from other kiosks carry their signature. It is
// apart from Scan so that the welcome is on screen before the code is
// made. "" when there is no code to show.
func (d *Desk) Code(ctx context.Context, ci data.CheckIn) (string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.load(ctx); err != nil {
		return "", err
	}
	c := &d.cache
	if ci.KioskID == c.id.KioskID {
		sig, err := checkincode.Sign(c.event.ID, c.id.Key, ci)
		if err != nil {
			return "", err
		}
		ci.Signature = sig
		return checkincode.Code(c.event.ID, c.id.Public(), ci)
	}
	var pub ed25519.PublicKey
	for _, k := range c.codes.Kiosks {
		if k.KioskID == ci.KioskID {
			pub = k.PublicKey
		}
	}
	if pub == nil || len(ci.Signature) == 0 {
		return "", nil
	}
	return checkincode.Code(c.event.ID, pub, ci)
}

func (d *Desk) roomLabel() string {
	if d.cache.roomName != "" {
		return d.cache.roomName
	}
	return "this room"
}

// where says where a check-in was taken.
func (d *Desk) where(ci data.CheckIn) string {
	if ci.KioskID == d.cache.id.KioskID {
		return "at this kiosk"
	}
	return "at " + ci.KioskID
}

// when says when, in the venue's time.
func (d *Desk) when(t time.Time) string {
	return t.In(d.cache.loc).Format("Mon 2 Jan at 15:04")
}

func plenaryKind(k data.SessionKind) bool {
	return k == data.KindPlenary || k == data.KindElection || k == data.KindCeremony
}

func youOr(name string) string {
	if name == "" {
		return "You"
	}
	return name
}

// lower writes a purpose mid-sentence: "arrival at the venue", but a
// session title as it is.
func lower(what string) string {
	if what == data.PurposeArrival.Label() {
		return "arrival at the venue"
	}
	return "“" + what + "”"
}

// unknownDelegate is the refusal of a genuine badge whose delegate the
// installed bundle does not list.
func unknownDelegate(id, repaired string) Outcome {
	return Outcome{Status: Refused, Reason: ReasonUnknownDelegate, Headline: "Please see the registration desk",
		Detail: fmt.Sprintf("This badge is genuine, but delegate %s is not in this kiosk's list. "+
			"Staff: install the latest bundle on this kiosk.", id), Repaired: repaired}
}

// refusal turns a badge verification error into what the delegate reads.
func refusal(err error, res badge.Result) Outcome {
	o := Outcome{Status: Refused, Headline: "Badge not accepted", Repaired: res.Repaired}
	switch {
	case errors.Is(err, badge.ErrLayoutMismatch):
		o.Reason, o.Headline = ReasonLayoutMismatch, "Please see the registration desk"
		o.Detail = "The scanner's keyboard layout does not match this kiosk's, so the badge could not be read. " +
			"Staff: set the scanner and the kiosk to the same keyboard layout."
	case errors.Is(err, badge.ErrUnsupportedVersion):
		o.Reason = ReasonUnsupported
		o.Detail = "This badge was made for a newer kiosk version. Staff: update this kiosk."
	case errors.Is(err, badge.ErrWrongEvent):
		o.Reason = ReasonOtherEvent
		o.Detail = "This badge is for another event."
	case errors.Is(err, badge.ErrBadSignature):
		o.Reason = ReasonNotGenuine
		o.Detail = "This badge is not genuine: its signature does not match. Please see the registration desk."
	case errors.Is(err, badge.ErrRevoked):
		o.Reason = ReasonRevoked
		o.Detail = fmt.Sprintf("This badge (serial %d) has been withdrawn, for example reported lost. "+
			"Please see the registration desk for a new one.", res.Serial)
	case errors.Is(err, badge.ErrNotYetValid):
		o.Reason = ReasonNotYetValid
		o.Detail = fmt.Sprintf("This badge is not valid yet: it is valid from %s (UTC).",
			res.ValidFrom.Format("2 Jan 2006 15:04"))
	case errors.Is(err, badge.ErrExpired):
		o.Reason = ReasonExpired
		o.Detail = fmt.Sprintf("This badge has expired: it was valid until %s (UTC).",
			res.ValidUntil.Format("2 Jan 2006 15:04"))
	default:
		o.Reason, o.Headline = ReasonNotABadge, "Not a badge"
		o.Detail = "This code is not a badge of this event. Please scan the QR code on your badge."
	}
	return o
}
