package checkin

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	"kiosk/data"
	"kiosk/data/store"
)

// Board is what a presence board shows: the plenary it follows, its
// member countries present against the quorum, and which they are.
type Board struct {
	// Plenary is the session followed; Found is false when the
	// programme has none (then the rest is empty but Presence.Members).
	Plenary data.SessionSummary
	Found   bool
	// Running says the plenary is in progress at the board's clock.
	Running  bool
	Presence data.Presence
	// Countries are the member countries present, by name.
	Countries []data.Country
	// Loc is the venue's time zone, for the plenary's times.
	Loc *time.Location
}

// Board reads the presence board from the kiosk's store: every plenary
// check-in counts, whatever kiosk took it and however it came (scanned
// here, another kiosk's check-in code or export, pulled from the hub).
// It follows the plenary data.CurrentPlenary picks at the desk's clock,
// as the hub's dashboard does.
func (d *Desk) Board(ctx context.Context) (Board, error) {
	// The cache is copied under the lock, so that reading the board every
	// second never holds up a scan for longer than that.
	d.mu.Lock()
	err := d.load(ctx)
	c := d.cache
	d.mu.Unlock()
	if err != nil {
		if errors.Is(err, store.ErrNoEvent) {
			return Board{}, errNoEvent
		}
		return Board{}, err
	}
	b := Board{Loc: c.loc, Presence: data.Presence{Members: c.members, Rule: c.event.QuorumRule()}}
	marks, err := d.store.PlenaryCheckIns(ctx, c.event.ID)
	if err != nil {
		return Board{}, err
	}
	all, err := d.store.Sessions(ctx, "")
	if err != nil {
		return Board{}, err
	}
	sessions := make([]data.Session, len(all))
	for i, s := range all {
		sessions[i] = s.Session
	}
	now := d.now()
	i := data.CurrentPlenary(sessions, marks, now)
	if i < 0 {
		return b, nil
	}
	b.Plenary, b.Found, b.Running = all[i], true, all[i].Running(now)
	if b.Countries, err = d.store.PresentCountries(ctx, c.event.ID, b.Plenary.ID); err != nil {
		return Board{}, err
	}
	// By name as people read it: Côte d'Ivoire among the Cs, São Tomé
	// among the Sas, not after every plain letter.
	slices.SortStableFunc(b.Countries, func(x, y data.Country) int {
		return cmp.Or(cmp.Compare(data.Fold(x.Name), data.Fold(y.Name)), cmp.Compare(x.Code, y.Code))
	})
	b.Presence.Present = len(b.Countries)
	return b, nil
}
