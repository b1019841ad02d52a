package demo

import (
	"math/rand/v2"
	"slices"
	"strings"

	"kiosk/data"
)

// speakerPicker draws the programme's synthetic speakers from the
// delegates. Only delegates who agreed to show everything may speak: a
// programme prints the speaker's name, position and organisation on a
// public screen.
type speakerPicker struct {
	r         *rand.Rand
	delegates []data.Delegate
	heads     []int // heads of delegation who may speak, in delegate order
	panelled  []bool
	chosen    map[int]bool // delegate indices that became speakers
}

func newSpeakerPicker(r *rand.Rand, delegates []data.Delegate) *speakerPicker {
	p := &speakerPicker{r: r, delegates: delegates, chosen: map[int]bool{}}
	for i, d := range delegates {
		if d.Role == data.RoleHead && p.mayspeak(i) {
			p.heads = append(p.heads, i)
		}
	}
	p.panelled = make([]bool, len(p.heads))
	return p
}

func (p *speakerPicker) mayspeak(i int) bool {
	d := p.delegates[i]
	c := d.Consent
	return c.Listed && c.ShowOrganisation && c.ShowTitle && d.Role != data.RoleObserver && d.Role != data.RoleSpeaker
}

func regionOf(code string) string {
	if i, ok := countryIndex[code]; ok {
		return memberCountries[i].region
	}
	return ""
}

// panel draws n heads of delegation from different countries for a
// plenary or a regional meeting (region "" for any), avoiding those who
// already spoke while others are left.
func (p *speakerPicker) panel(n int, region string) []string {
	var ids []string
	for range n {
		best := -1
		// A few random tries for someone new from the region, then anyone
		// new, then anyone.
		for try := 0; try < 40 && len(p.heads) > 0; try++ {
			j := p.r.IntN(len(p.heads))
			d := p.delegates[p.heads[j]]
			if slices.Contains(ids, d.ID) {
				continue
			}
			if region != "" && try < 20 && regionOf(d.CountryCode) != region {
				continue
			}
			if p.panelled[j] && try < 30 {
				continue
			}
			best = j
			break
		}
		if best < 0 {
			break
		}
		p.panelled[best] = true
		ids = append(ids, p.take(p.heads[best]))
	}
	return ids
}

// anyone draws up to n delegates who may speak, from any delegation, for the
// extra sessions of a large programme. Drawing at random with a bounded
// number of tries keeps it cheap at 100,000 delegates.
func (p *speakerPicker) anyone(n int, region string) []string {
	var ids []string
	for range n {
		for try := 0; try < 30 && len(p.delegates) > 0; try++ {
			i := p.r.IntN(len(p.delegates))
			d := p.delegates[i]
			if !p.mayspeak(i) || slices.Contains(ids, d.ID) {
				continue
			}
			if region != "" && try < 20 && regionOf(d.CountryCode) != region {
				continue
			}
			ids = append(ids, p.take(i))
			break
		}
	}
	return ids
}

func (p *speakerPicker) take(i int) string {
	p.chosen[i] = true
	return p.delegates[i].ID
}

// speakers is the Speakers table: the public figures in speaking order,
// then every delegate drawn to speak, in delegate order.
func (p *speakerPicker) speakers() []data.Speaker {
	out := make([]data.Speaker, 0, len(PublicFigures)+len(p.chosen))
	for _, f := range PublicFigures {
		out = append(out, data.Speaker{
			ID:          f.DelegateID,
			Name:        printedName(f.Delegate()),
			Role:        f.Role,
			CountryCode: f.CountryCode,
		})
	}
	idx := make([]int, 0, len(p.chosen))
	for i := range p.chosen {
		idx = append(idx, i)
	}
	slices.Sort(idx) // map order is random; the table must not be
	for _, i := range idx {
		d := p.delegates[i]
		out = append(out, data.Speaker{
			ID:          d.ID,
			Name:        printedName(d),
			Role:        d.Title + ", " + d.Organisation,
			CountryCode: d.CountryCode,
		})
	}
	return out
}

// printedName is the name as a programme prints it: with a rank or "Dr",
// without a plain Mr or Ms.
func printedName(d data.Delegate) string {
	switch strings.TrimSpace(d.Honorific) {
	case "Mr", "Ms", "Mrs":
		return d.Name()
	}
	return d.FullName()
}
