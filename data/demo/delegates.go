package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"

	"kiosk/data"
)

// Shares of delegates by sex, role and consent.
const (
	shareFemale      = 0.25 // senior police officials: mostly men
	shareObserver    = 0.10 // of the members after the head
	shareUnlisted    = 0.08 // did not agree to appear on a public screen
	shareHideOrg     = 0.10 // of the listed: organisation withheld
	shareHideTitle   = 0.10 // of the listed: title withheld
	shareDoctor      = 0.04 // civilians addressed as Dr
	shareKeyPosition = 0.85 // members given a key position while any is left
)

// countryInfo is a member country with its delegation profile resolved.
type countryInfo struct {
	row        countryRow
	profile    profile
	traditions []*tradition // weighted by repetition
	ranks      rankStyle
	embassy    string // "Embassy of France in Jakarta"
}

// countryIndex finds a country's position in memberCountries by code.
var countryIndex = func() map[string]int {
	m := make(map[string]int, len(memberCountries))
	for i, c := range memberCountries {
		m[c.code] = i
	}
	return m
}()

// countryInfos resolves the profile tables once; an error means the static
// tables disagree, which the package's tests catch.
var countryInfos = sync.OnceValues(func() ([]countryInfo, error) {
	infos := make([]countryInfo, len(memberCountries))
	for i, c := range memberCountries {
		p, ok := profiles[c.code]
		if !ok {
			return nil, fmt.Errorf("demo: no delegation profile for %s", c.code)
		}
		rs, ok := rankStyles[p.ranks]
		if !ok {
			return nil, fmt.Errorf("demo: %s: unknown rank style %q", c.code, p.ranks)
		}
		info := countryInfo{row: c, profile: p, ranks: rs, embassy: embassyName(c)}
		for _, key := range strings.Fields(p.names) {
			t, ok := traditions[key]
			if !ok {
				return nil, fmt.Errorf("demo: %s: unknown naming tradition %q", c.code, key)
			}
			info.traditions = append(info.traditions, t)
		}
		if len(info.traditions) == 0 || len(p.agencies) == 0 || p.ncb == "" {
			return nil, fmt.Errorf("demo: %s: incomplete delegation profile", c.code)
		}
		infos[i] = info
	}
	if len(profiles) != len(memberCountries) {
		return nil, fmt.Errorf("demo: %d delegation profiles for %d member countries", len(profiles), len(memberCountries))
	}
	return infos, nil
})

// embassyName is the country's mission in Jakarta, with "the" where English
// wants it.
func embassyName(c countryRow) string {
	if c.code == "VAT" {
		return "Apostolic Nunciature in Jakarta"
	}
	name := c.name
	for _, p := range []string{"United ", "Republic ", "Democratic ", "Central ", "Dominican ", "Czech ", "Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Marshall ", "Comoros", "Seychelles"} {
		if strings.HasPrefix(name, p) {
			name = "the " + name
			break
		}
	}
	name = strings.Replace(name, "The former", "the former", 1)
	return "Embassy of " + name + " in Jakarta"
}

// delegateID formats the n-th delegate id: D000001.
func delegateID(n int) string {
	s := strconv.Itoa(n)
	if len(s) < 6 {
		s = "000000"[len(s):] + s
	}
	return "D" + s
}

// generateDelegates makes n delegates: the public figures first, then the
// delegations of the attending countries.
func generateDelegates(r *rand.Rand, infos []countryInfo, n int) []data.Delegate {
	out := make([]data.Delegate, 0, n)
	for _, p := range PublicFigures {
		out = append(out, p.Delegate())
	}
	plan := planDelegations(r, infos, n-len(PublicFigures))
	g := delegateGen{r: r}
	for _, d := range plan {
		out = g.delegation(out, &infos[d.country], d.size)
	}
	// Côte d'Ivoire always shows up in the directory: its head agrees to
	// be listed whatever the draw said.
	for i := len(PublicFigures); i < len(out); i++ {
		if out[i].CountryCode == "CIV" {
			out[i].Consent.Listed = true
			break
		}
	}
	return out
}

type delegateGen struct {
	r         *rand.Rand
	positions []string // scratch for a delegation's key positions
}

// delegation appends one country's delegation of size members to out; the
// first is its head.
func (g *delegateGen) delegation(out []data.Delegate, c *countryInfo, size int) []data.Delegate {
	r := g.r
	g.positions = append(g.positions[:0], keyPositions...)
	if c.profile.size == 4 {
		g.positions = append(g.positions, hostPositions...)
	}
	r.Shuffle(len(g.positions), func(a, b int) { g.positions[a], g.positions[b] = g.positions[b], g.positions[a] })
	// The NCB's head comes to nearly every assembly: first in line.
	for i, p := range g.positions {
		if strings.HasPrefix(p, "Head of NCB") {
			g.positions[0], g.positions[i] = g.positions[i], g.positions[0]
			break
		}
	}
	next := 0

	for m := range size {
		female := r.Float64() < shareFemale
		t := c.traditions[r.IntN(len(c.traditions))]
		name := t.name(r, female)
		d := data.Delegate{
			ID:          delegateID(len(out) + 1),
			GivenNames:  name.given,
			FamilyName:  name.family,
			FamilyFirst: name.familyFirst,
			CountryCode: c.row.code,
			Role:        data.RoleDelegate,
		}
		switch {
		case m == 0:
			d.Role = data.RoleHead
			d.Honorific = pick(r, c.ranks.head)
			d.Title = pick(r, c.ranks.headTitles)
			d.Organisation = c.profile.agencies[0]
		case r.Float64() < shareObserver:
			d.Role = data.RoleObserver
			op := observerPositions[r.IntN(len(observerPositions))]
			d.Honorific = op.honorific
			d.Title = op.title
			d.Organisation = strings.Replace(op.org, "{embassy}", c.embassy, 1)
		default:
			d.Honorific = pick(r, c.ranks.others)
			if next < len(g.positions) && (next == 0 || r.Float64() < shareKeyPosition) {
				d.Title = g.positions[next]
				next++
			} else {
				d.Title = pick(r, otherPositions)
			}
			d.Organisation = c.profile.agencies[0]
			if len(c.profile.agencies) > 1 && r.IntN(4) == 0 {
				d.Organisation = pick(r, c.profile.agencies[1:])
			}
		}
		if d.Honorific == "" {
			d.Honorific = civilianHonorific(r, t, female)
		}
		d.Title = strings.Replace(d.Title, "{ncb}", c.profile.ncb, 1)
		// Three draws for every delegate, whatever the outcome, so that a
		// change to one share does not reshuffle everyone after.
		listed, showOrg, showTitle := r.Float64(), r.Float64(), r.Float64()
		d.Consent = data.Consent{
			Listed:           listed >= shareUnlisted,
			ShowOrganisation: showOrg >= shareHideOrg,
			ShowTitle:        showTitle >= shareHideTitle,
		}
		out = append(out, d)
	}
	return out
}

// civilianHonorific is Mr or Ms in the tradition's own form ("U", "Daw"),
// now and then Dr.
func civilianHonorific(r *rand.Rand, t *tradition, female bool) string {
	if r.Float64() < shareDoctor {
		return "Dr"
	}
	switch {
	case female && t.ms != "":
		return t.ms
	case female:
		return "Ms"
	case t.mr != "":
		return t.mr
	}
	return "Mr"
}
