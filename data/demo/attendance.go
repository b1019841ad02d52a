package demo

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
)

// The demo's real attendance: about 830 delegates from 164 of the 190
// member countries.
const (
	defaultDelegates = 830
	defaultAttending = 164
)

// mustAttend are countries that send a delegation at every scale, in the
// order they are given one when there are too few delegates for all:
// Côte d'Ivoire (the kiosk's accent-search showcase), then the host and the
// countries of the opening speakers.
var mustAttend = []string{"CIV", "IDN", "FRA", "DEU"}

// delegation is one country's share of the ordinary (not public-figure)
// delegates.
type delegation struct {
	country int // index into memberCountries
	size    int
}

// attendingCount is how many countries send ordinary delegates when there
// are regular of them. At the demo's scale it is the real 164; smaller
// events shrink in proportion, larger ones draw in every member country.
func attendingCount(regular int) int {
	defaultRegular := defaultDelegates - len(PublicFigures)
	var k int
	switch {
	case regular <= defaultRegular:
		k = int(math.Round(float64(defaultAttending) * float64(regular) / float64(defaultRegular)))
		k = max(k, min(len(mustAttend), regular))
	default:
		// One more country for every 40 delegates beyond the demo's size.
		k = defaultAttending + (regular-defaultRegular)/40
	}
	return min(k, len(memberCountries), regular)
}

// selectionWeight is how likely a country of a given delegation size is to
// attend at all: large countries nearly always come, small ones may not.
func selectionWeight(size int) float64 {
	return [...]float64{1, 1, 4, 25, 1000}[size]
}

// sizeWeight is how many delegates a country of a given size sends,
// relative to the others.
func sizeWeight(size int) float64 {
	return [...]float64{1, 1.2, 3, 7, 25}[size]
}

// planDelegations decides which countries attend and how many ordinary
// delegates each sends, in the order the delegations registered.
func planDelegations(r *rand.Rand, infos []countryInfo, regular int) []delegation {
	k := attendingCount(regular)
	if k == 0 {
		return nil
	}
	chosen := make([]int, 0, k)
	taken := make([]bool, len(infos))
	for _, code := range mustAttend {
		if len(chosen) == k {
			break
		}
		i := countryIndex[code]
		chosen = append(chosen, i)
		taken[i] = true
	}

	// Weighted sampling without replacement (Efraimidis and Spirakis): each
	// country draws a key u^(1/w) and the largest keys win. Every country
	// draws, taken or not, so the stream does not depend on k.
	type candidate struct {
		i   int
		key float64
	}
	cands := make([]candidate, 0, len(infos))
	for i, info := range infos {
		key := math.Pow(r.Float64(), 1/selectionWeight(info.profile.size))
		if !taken[i] {
			cands = append(cands, candidate{i, key})
		}
	}
	slices.SortFunc(cands, func(a, b candidate) int {
		if c := cmp.Compare(b.key, a.key); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	for _, c := range cands[:k-len(chosen)] {
		chosen = append(chosen, c.i)
	}
	// Delegations register in no particular order.
	r.Shuffle(len(chosen), func(a, b int) { chosen[a], chosen[b] = chosen[b], chosen[a] })

	// Everyone sends at least one; the rest is shared by weight (largest
	// remainder), with some jitter so that countries of a size differ.
	plan := make([]delegation, len(chosen))
	weights := make([]float64, len(chosen))
	var total float64
	for j, i := range chosen {
		plan[j] = delegation{country: i, size: 1}
		weights[j] = sizeWeight(infos[i].profile.size) * (0.6 + 0.8*r.Float64())
		total += weights[j]
	}
	rest := regular - len(chosen)
	type share struct {
		j    int
		frac float64
	}
	shares := make([]share, len(chosen))
	given := 0
	for j := range plan {
		exact := float64(rest) * weights[j] / total
		whole := int(exact)
		plan[j].size += whole
		given += whole
		shares[j] = share{j, exact - float64(whole)}
	}
	slices.SortFunc(shares, func(a, b share) int {
		if c := cmp.Compare(b.frac, a.frac); c != 0 {
			return c
		}
		return cmp.Compare(a.j, b.j)
	})
	extra := min(max(rest-given, 0), len(shares))
	for _, s := range shares[:extra] {
		plan[s.j].size++
		given++
	}
	// Floating-point rounding can leave a delegate over or short; the
	// largest delegation absorbs it.
	largest := 0
	for j := range plan {
		if plan[j].size > plan[largest].size {
			largest = j
		}
	}
	plan[largest].size += rest - given
	return plan
}
