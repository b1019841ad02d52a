// Package directory is the in-memory search index of the delegate
// directory. A kiosk searches as the delegate types, so every keystroke is
// a query; the index answers one in well under a millisecond at 100,000
// delegates. It is built once when a bundle is installed and stored as one
// compact blob, so that a kiosk's cold start reads one row instead of
// 100,000 (see Marshal).
package directory

import (
	"sort"
	"strings"
	"unicode/utf8"

	"kiosk/data"
)

// DefaultLimit is how many results a query returns when it names no limit.
const DefaultLimit = 50

// maxQueryWords bounds the work of one query; nobody types more.
const maxQueryWords = 16

// MaxQueryChars is how much of a search box's text a search reads. A
// delegate may paste a paragraph or lean on a key: the rest is left unread
// rather than refused, so that the kiosk answers with what it can instead
// of an error, and no query costs more than a short one.
const MaxQueryChars = 200

// QueryWords is what a search reads of text: the folded words of its first
// MaxQueryChars characters, at most maxWords of them.
func QueryWords(text string, maxWords int) []string {
	if len(text) > MaxQueryChars {
		n := 0
		for i := range text {
			if n == MaxQueryChars {
				text = text[:i]
				break
			}
			n++
		}
	}
	words := strings.Fields(data.Fold(text))
	if len(words) > maxWords {
		words = words[:maxWords]
	}
	return words
}

// Entry is one listed delegate as the index is built from. Delegates who
// did not consent to be listed are never given to the index.
type Entry struct {
	Summary    data.DelegateSummary
	SortKey    string   // data.Delegate.SortName
	NameWords  []string // folded words of the name
	OtherWords []string // folded words of what else may be searched
}

// EntryFor makes the entry of a delegate, from only the fields they agreed
// to show, so a search can never reveal a hidden organisation. ok is false
// for a delegate who did not consent to be listed.
func EntryFor(d data.Delegate, c data.Country) (e Entry, ok bool) {
	return entryFor(d, c, data.FoldTokens, data.Fold)
}

func entryFor(d data.Delegate, c data.Country, tokens func(string) []string, fold func(string) string) (e Entry, ok bool) {
	pub, ok := d.Public()
	if !ok {
		return Entry{}, false
	}
	e.Summary = data.DelegateSummary{
		ID: pub.ID, Name: pub.Name(), Honorific: pub.Honorific, CountryCode: pub.CountryCode,
		CountryName: c.Name, Role: pub.Role, Organisation: pub.Organisation,
	}
	family, given := pub.FamilyName, pub.GivenNames
	if family == "" {
		family, given = given, ""
	}
	e.SortKey = fold(family) + "\x00" + fold(given) // as data.Delegate.SortName
	e.NameWords = append(append([]string(nil), tokens(pub.GivenNames)...), tokens(pub.FamilyName)...)
	other := append([]string(nil), tokens(pub.Honorific)...)
	other = append(other, tokens(pub.Organisation)...)
	other = append(other, tokens(pub.Title)...)
	other = append(other, tokens(c.Name)...)
	for _, a := range c.AltNames {
		other = append(other, tokens(a)...)
	}
	other = append(other, fold(c.Code), fold(c.Code2))
	e.OtherWords = other
	return e, true
}

// Builder makes an index from delegates, folding each distinct text once:
// names, ranks, organisations and countries repeat across thousands of
// delegates, and folding is most of the cost of building.
type Builder struct {
	tokens  map[string][]string
	folded  map[string]string
	entries []Entry
}

// NewBuilder makes a builder for about n delegates.
func NewBuilder(n int) *Builder {
	return &Builder{tokens: map[string][]string{}, folded: map[string]string{}, entries: make([]Entry, 0, n)}
}

// Add adds a delegate, if they consented to be listed.
func (b *Builder) Add(d data.Delegate, c data.Country) {
	if e, ok := entryFor(d, c, b.foldTokens, b.fold); ok {
		b.entries = append(b.entries, e)
	}
}

// Index builds the index of everyone added.
func (b *Builder) Index() *Index { return New(b.entries) }

func (b *Builder) foldTokens(s string) []string {
	if t, ok := b.tokens[s]; ok {
		return t
	}
	t := data.FoldTokens(s)
	b.tokens[s] = t
	return t
}

func (b *Builder) fold(s string) string {
	if f, ok := b.folded[s]; ok {
		return f
	}
	f := data.Fold(s)
	b.folded[s] = f
	return f
}

// Index answers directory queries. It is immutable once built and safe for
// concurrent use.
type Index struct {
	entries   []data.DelegateSummary // in directory order
	byCountry map[string][]int32     // entry numbers per country code
	words     []string               // every distinct word, sorted
	postStart []int32                // postings of words[i] are postings[postStart[i]:postStart[i+1]]
	// postings are entry<<1 | 1 when the word is in the entry's name.
	postings []uint32
	// initials are the distinct first letters of the folded family names,
	// in directory order; entries initialEnd[i-1] (0 for i = 0) up to
	// initialEnd[i] have initials[i]. Entries are sorted by family name,
	// so each initial is one run.
	initials   []string
	initialEnd []int32
}

// initialOf is the folded first letter of a sort key.
func initialOf(sortKey string) string {
	r, _ := utf8.DecodeRuneInString(sortKey)
	if sortKey == "" || r == 0 {
		return ""
	}
	return string(r)
}

// New builds an index from entries, in any order.
func New(entries []Entry) *Index {
	sort.SliceStable(entries, func(i, j int) bool {
		if entries[i].SortKey != entries[j].SortKey {
			return entries[i].SortKey < entries[j].SortKey
		}
		return entries[i].Summary.ID < entries[j].Summary.ID
	})
	ix := &Index{entries: make([]data.DelegateSummary, len(entries))}
	// Words get numbers as they come; each entry's words become postings
	// (word number, entry, name bit), a word once per entry, as a name word
	// if any occurrence is one. A counting sort then lays the postings out
	// word by word, in entry order within each word, without a list per
	// word growing as it goes.
	ids := map[string]int32{}
	var words []string
	type posting struct {
		word  int32
		entry uint32
	}
	var all []posting
	var counts []int32
	var mine []posting // this entry's, to merge repeats
	for i, e := range entries {
		ix.entries[i] = e.Summary
		if in := initialOf(e.SortKey); len(ix.initials) == 0 || in != ix.initials[len(ix.initials)-1] {
			ix.initials = append(ix.initials, in)
			ix.initialEnd = append(ix.initialEnd, int32(i+1))
		} else {
			ix.initialEnd[len(ix.initialEnd)-1] = int32(i + 1)
		}
		mine = mine[:0]
		add := func(w string, name uint32) {
			if w == "" {
				return
			}
			id, ok := ids[w]
			if !ok {
				id = int32(len(words))
				ids[w] = id
				words = append(words, w)
				counts = append(counts, 0)
			}
			for k := range mine {
				if mine[k].word == id {
					mine[k].entry |= name
					return
				}
			}
			mine = append(mine, posting{id, uint32(i)<<1 | name})
		}
		for _, w := range e.NameWords {
			add(w, 1)
		}
		for _, w := range e.OtherWords {
			add(w, 0)
		}
		for _, p := range mine {
			counts[p.word]++
		}
		all = append(all, mine...)
	}
	order := make([]int32, len(words)) // word numbers in sorted word order
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(a, b int) bool { return words[order[a]] < words[order[b]] })
	ix.words = make([]string, len(words))
	ix.postStart = make([]int32, len(words)+1)
	next := make([]int32, len(words)) // where word number i's next posting goes
	pos := int32(0)
	for rank, id := range order {
		ix.words[rank] = words[id]
		ix.postStart[rank] = pos
		next[id] = pos
		pos += counts[id]
	}
	ix.postStart[len(words)] = pos
	ix.postings = make([]uint32, pos)
	for _, p := range all {
		ix.postings[next[p.word]] = p.entry
		next[p.word]++
	}
	ix.indexCountries()
	return ix
}

func (ix *Index) indexCountries() {
	ix.byCountry = map[string][]int32{}
	for i, e := range ix.entries {
		ix.byCountry[e.CountryCode] = append(ix.byCountry[e.CountryCode], int32(i))
	}
}

// Len is the number of listed delegates.
func (ix *Index) Len() int { return len(ix.entries) }

// CountryCounts gives the number of listed delegates per country code.
func (ix *Index) CountryCounts() map[string]int {
	out := make(map[string]int, len(ix.byCountry))
	for c, l := range ix.byCountry {
		out[c] = len(l)
	}
	return out
}

// InitialCounts lists the initials of family names in directory order,
// with their numbers of listed delegates.
func (ix *Index) InitialCounts() []data.InitialCount {
	out := make([]data.InitialCount, len(ix.initials))
	for i, in := range ix.initials {
		out[i] = data.InitialCount{Initial: in, Delegates: int(ix.initialEnd[i] - ix.initialStart(i))}
	}
	return out
}

func (ix *Index) initialStart(i int) int32 {
	if i == 0 {
		return 0
	}
	return ix.initialEnd[i-1]
}

// initialRange is the run of entries [lo, hi) with the given initial;
// ok is false when no entry has it.
func (ix *Index) initialRange(initial string) (lo, hi int32, ok bool) {
	for i, in := range ix.initials {
		if in == initial {
			return ix.initialStart(i), ix.initialEnd[i], true
		}
	}
	return 0, 0, false
}

// Search finds the delegates of whom every word of q.Text starts a word:
// of their name, organisation or title (where shown), country name or
// code; of those, the ones of q.Country and q.Initial when given.
// Delegates matched on their name alone come first; within that, directory
// order. Total counts every match; Limit of them follow from Offset.
func (ix *Index) Search(q data.DirectoryQuery) data.DirectoryPage {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	words := QueryWords(q.Text, maxQueryWords)
	candidates, ok := ix.candidates(q.Country, q.Initial)
	if !ok {
		return data.DirectoryPage{}
	}
	offset := max(q.Offset, 0)
	if len(words) == 0 {
		return ix.all(candidates, offset, limit)
	}
	// matched[e] counts the query words entry e has matched so far, in
	// order; byName[e] counts those matched within its name.
	n := len(ix.entries)
	matched := make([]uint8, n)
	byName := make([]uint8, n)
	for i, w := range words {
		before, after := uint8(i), uint8(i+1)
		for j := sort.SearchStrings(ix.words, w); j < len(ix.words) && strings.HasPrefix(ix.words[j], w); j++ {
			for _, p := range ix.postings[ix.postStart[j]:ix.postStart[j+1]] {
				e := p >> 1
				if matched[e] == before {
					matched[e] = after
				}
				if p&1 == 1 && matched[e] == after && byName[e] == before {
					byName[e] = after
				}
			}
		}
	}
	all := uint8(len(words))
	return ix.collect(candidates, offset, limit, func(e int32) (bool, bool) {
		return matched[e] == all, byName[e] == all
	})
}

// all pages through every candidate (nil: every entry) without a query.
func (ix *Index) all(candidates []int32, offset, limit int) data.DirectoryPage {
	total := len(ix.entries)
	if candidates != nil {
		total = len(candidates)
	}
	page := data.DirectoryPage{Total: total}
	for i := offset; i < total && i < offset+limit; i++ {
		e := int32(i)
		if candidates != nil {
			e = candidates[i]
		}
		page.Delegates = append(page.Delegates, ix.entries[e])
	}
	return page
}

// candidates are the entries of a country and an initial, in directory
// order: nil for every entry; ok is false when none can match.
func (ix *Index) candidates(country, initial string) (c []int32, ok bool) {
	if country != "" {
		c = ix.byCountry[country]
		if c == nil {
			return nil, false
		}
	}
	if initial == "" {
		return c, true
	}
	lo, hi, found := ix.initialRange(initial)
	if !found {
		return nil, false
	}
	if c != nil {
		// A country's entries are in directory order: its run of the
		// initial is found by two binary searches.
		a := sort.Search(len(c), func(i int) bool { return c[i] >= lo })
		b := sort.Search(len(c), func(i int) bool { return c[i] >= hi })
		if a == b {
			return nil, false
		}
		return c[a:b], true
	}
	c = make([]int32, 0, hi-lo)
	for e := lo; e < hi; e++ {
		c = append(c, e)
	}
	return c, true
}

// collect walks the candidates in directory order, counting matches and
// keeping limit of them from offset, name matches first. It keeps entry
// numbers, not summaries, and of the name matches only those on the page,
// so that a deep page costs no more than the first.
func (ix *Index) collect(candidates []int32, offset, limit int, match func(int32) (ok, byName bool)) data.DirectoryPage {
	var page data.DirectoryPage
	var names, others []int32
	nameRank := 0 // name matches seen
	keep := offset + limit
	consider := func(e int32) {
		ok, name := match(e)
		if !ok {
			return
		}
		page.Total++
		switch {
		case name:
			if nameRank >= offset && nameRank < keep {
				names = append(names, e)
			}
			nameRank++
		case len(others) < keep:
			others = append(others, e)
		}
	}
	if candidates != nil {
		for _, e := range candidates {
			consider(e)
		}
	} else {
		for e := range ix.entries {
			consider(int32(e))
		}
	}
	// Others follow every name match: the page takes them from rank
	// offset-nameRank on, once the name matches on it run out.
	if len(names) < limit {
		from := max(offset-nameRank, 0)
		if from < len(others) {
			others = others[from:]
			names = append(names, others[:min(len(others), limit-len(names))]...)
		}
	}
	if len(names) > 0 {
		page.Delegates = make([]data.DelegateSummary, len(names))
		for i, e := range names {
			page.Delegates[i] = ix.entries[e]
		}
	}
	return page
}
