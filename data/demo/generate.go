package demo

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"kiosk/data"
)

// Options says how large a demo event to generate.
type Options struct {
	Delegates int   // 0 means the demo's 830
	Sessions  int   // 0 means the demo's natural programme (67 sessions)
	Seed      int64 // 0 means a fixed default; same options => identical output
}

// DefaultSeed is the seed used when Options.Seed is 0.
const DefaultSeed int64 = 20161107

// Each concern draws from its own stream of the same seed, so that asking
// for more sessions does not change the delegates and vice versa.
const (
	streamDelegates uint64 = 1
	streamProgramme uint64 = 2
)

func newRand(seed int64, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), stream))
}

// venueLocation is loaded once so that every session of every run shares
// one *time.Location.
var venueLocation = sync.OnceValues(func() (*time.Location, error) { return event().Location() })

// Generate builds the demo event's data. The result passes
// (*data.EventData).Validate, and the same Options always give the same
// data.
func Generate(opts Options) (*data.EventData, error) {
	if opts.Delegates < 0 || opts.Sessions < 0 {
		return nil, errors.New("demo: negative delegate or session count")
	}
	n := opts.Delegates
	if n == 0 {
		n = defaultDelegates
	}
	// The public figures, plus someone from Côte d'Ivoire.
	if minimum := len(PublicFigures) + 1; n < minimum {
		return nil, fmt.Errorf("demo: at least %d delegates needed, %d asked", minimum, n)
	}
	seed := opts.Seed
	if seed == 0 {
		seed = DefaultSeed
	}
	infos, err := countryInfos()
	if err != nil {
		return nil, err
	}
	ev := event()
	loc, err := venueLocation()
	if err != nil {
		return nil, err
	}
	days, err := ev.Days()
	if err != nil {
		return nil, err
	}

	delegates := generateDelegates(newRand(seed, streamDelegates), infos, n)
	// Each badge gets the serial its delegate's place gives, written into
	// the sources, as the staff of a real event would number them: it then
	// stays the delegate's whatever happens to other rows.
	for i := range delegates {
		delegates[i].BadgeSerial = uint32(i + 1)
	}
	giveContacts(delegates)

	r := newRand(seed, streamProgramme)
	picker := newSpeakerPicker(r, delegates)
	p := newProgramme(r, loc, days, picker)
	if err := p.natural(opts.Sessions); err != nil {
		return nil, err
	}
	if extra := opts.Sessions - len(p.sessions); extra > 0 {
		p.fill(extra, attendingCodes(delegates))
	}
	rooms, sessions := p.finish()

	return &data.EventData{
		Event:     ev,
		Rooms:     rooms,
		Sessions:  sessions,
		Speakers:  picker.speakers(),
		Countries: Countries(),
		Delegates: delegates,
	}, nil
}

// attendingCodes lists the countries with delegates, in the order of the
// country table.
func attendingCodes(delegates []data.Delegate) []string {
	seen := make([]bool, len(memberCountries))
	for _, d := range delegates {
		seen[countryIndex[d.CountryCode]] = true
	}
	var codes []string
	for i, ok := range seen {
		if ok {
			codes = append(codes, memberCountries[i].code)
		}
	}
	return slices.Clip(codes)
}
