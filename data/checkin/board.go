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
	c, gen := d.cache, d.gen
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
	all, sessions, err := d.boardSessions(ctx, gen)
	if err != nil {
		return Board{}, err
	}
	now := d.now()
	i := data.CurrentPlenary(sessions, marks, now)
	if i < 0 {
		return b, nil
	}
	b.Plenary, b.Found, b.Running = all[i], true, all[i].Running(now)
	if b.Countries, err = d.presentCountries(ctx, gen, c.event.ID, b.Plenary.ID); err != nil {
		return Board{}, err
	}
	b.Presence.Present = len(b.Countries)
	return b, nil
}

// boardSessions is the programme, read once per install: it changes with
// nothing else.
func (d *Desk) boardSessions(ctx context.Context, gen int64) ([]data.SessionSummary, []data.Session, error) {
	d.boardMu.Lock()
	p := d.programme
	d.boardMu.Unlock()
	lang := data.LanguageOf(ctx)
	if p.all != nil && p.gen == gen && p.lang == lang {
		return p.all, p.sessions, nil
	}
	all, err := d.store.Sessions(ctx, "")
	if err != nil {
		return nil, nil, err
	}
	if all == nil {
		all = []data.SessionSummary{}
	}
	sessions := make([]data.Session, len(all))
	for i, s := range all {
		sessions[i] = s.Session
	}
	d.boardMu.Lock()
	d.programme = programmeCache{gen: gen, lang: lang, all: all, sessions: sessions}
	d.boardMu.Unlock()
	return all, sessions, nil
}

// programmeCache is the programme as read under the install count gen,
// with titles in the content language lang (a board follows the kiosk's
// language); it is never changed, only replaced.
type programmeCache struct {
	gen      int64
	lang     string
	all      []data.SessionSummary
	sessions []data.Session
}

// presentCountries is the store's PresentCountries, read again only when
// the session's check-ins changed in number: a board asks every second,
// and at a large event the join costs tens of milliseconds where the
// count costs one.
func (d *Desk) presentCountries(ctx context.Context, gen int64, eventID, sessionID string) ([]data.Country, error) {
	n, err := d.store.SessionCheckIns(ctx, eventID, sessionID)
	if err != nil {
		return nil, err
	}
	d.boardMu.Lock()
	p := d.present
	d.boardMu.Unlock()
	lang := data.LanguageOf(ctx)
	if p.countries != nil && p.gen == gen && p.lang == lang && p.session == sessionID && p.checkIns == n {
		return slices.Clone(p.countries), nil
	}
	cs, err := d.store.PresentCountries(ctx, eventID, sessionID)
	if err != nil {
		return nil, err
	}
	// By name as people read it: Côte d'Ivoire among the Cs, São Tomé
	// among the Sas, not after every plain letter.
	slices.SortStableFunc(cs, func(x, y data.Country) int {
		return cmp.Or(cmp.Compare(data.Fold(x.Name), data.Fold(y.Name)), cmp.Compare(x.Code, y.Code))
	})
	if cs == nil {
		cs = []data.Country{}
	}
	d.boardMu.Lock()
	d.present = presentCache{gen: gen, lang: lang, session: sessionID, checkIns: n, countries: cs}
	d.boardMu.Unlock()
	return slices.Clone(cs), nil
}

// presentCache is the countries present at a session, as read when it
// had checkIns check-ins, under the install count gen, named in the
// content language lang.
type presentCache struct {
	gen       int64
	lang      string
	session   string
	checkIns  int
	countries []data.Country
}
