// Package directory is the in-memory search index of the delegate
// directory. A kiosk searches as the delegate types, so every keystroke is
// a query; a linear scan over pre-folded text answers one in a few
// milliseconds at 100,000 delegates without any index to build at start-up,
// which keeps the kiosk's cold start short.
package directory

import (
	"sort"
	"strings"

	"kiosk/data"
)

// DefaultLimit is how many results a query returns when it names no limit.
const DefaultLimit = 50

// Entry is one listed delegate as the index holds it. Delegates who did not
// consent to be listed are never given to the index.
type Entry struct {
	Summary data.DelegateSummary
	SortKey string // data.Delegate.SortName
	// NameText and OtherText are folded words, each preceded and followed
	// by a space, so that " "+word+prefix tests "some word starts with".
	NameText  string
	OtherText string
}

// Index answers directory queries. It is immutable once built and safe for
// concurrent use.
type Index struct {
	entries   []Entry
	byCountry map[string][]int32
}

// New builds an index; entries are sorted by SortKey here.
func New(entries []Entry) *Index {
	less := func(i, j int) bool {
		if entries[i].SortKey != entries[j].SortKey {
			return entries[i].SortKey < entries[j].SortKey
		}
		return entries[i].Summary.ID < entries[j].Summary.ID
	}
	// The store hands entries over already in order; checking is cheaper
	// than sorting 100,000 of them again at start-up.
	if !sort.SliceIsSorted(entries, less) {
		sort.SliceStable(entries, less)
	}
	ix := &Index{entries: entries, byCountry: map[string][]int32{}}
	for i, e := range entries {
		c := e.Summary.CountryCode
		ix.byCountry[c] = append(ix.byCountry[c], int32(i))
	}
	return ix
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

// Search finds the delegates every word of q.Text starts a word of: of
// their name, organisation (where shown), country name or code. Delegates
// matched on their name alone come first; within that, directory order.
func (ix *Index) Search(q data.DirectoryQuery) data.DirectoryPage {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	words := queryWords(q.Text)
	var page data.DirectoryPage
	var others []data.DelegateSummary
	consider := func(e *Entry) {
		byName, ok := match(e, words)
		if !ok {
			return
		}
		page.Total++
		switch {
		case byName && len(page.Delegates) < limit:
			page.Delegates = append(page.Delegates, e.Summary)
		case !byName && len(others) < limit:
			others = append(others, e.Summary)
		}
	}
	if q.Country != "" {
		for _, i := range ix.byCountry[q.Country] {
			consider(&ix.entries[i])
		}
	} else {
		for i := range ix.entries {
			consider(&ix.entries[i])
		}
	}
	for _, o := range others {
		if len(page.Delegates) >= limit {
			break
		}
		page.Delegates = append(page.Delegates, o)
	}
	return page
}

// queryWords folds the query into words, each with a leading space ready
// to be looked for in an entry's text.
func queryWords(text string) []string {
	f := strings.Fields(data.Fold(text))
	for i, w := range f {
		f[i] = " " + w
	}
	return f
}

// match reports whether every word starts a word of the entry, and whether
// the name alone had them all.
func match(e *Entry, words []string) (byName, ok bool) {
	byName = true
	for _, w := range words {
		if strings.Contains(e.NameText, w) {
			continue
		}
		if !strings.Contains(e.OtherText, w) {
			return false, false
		}
		byName = false
	}
	return byName, true
}

// Texts builds an entry's searchable texts from a delegate who consented to
// be listed and their country. Only fields they agreed to show are used,
// so a search can never reveal a hidden organisation.
func Texts(d data.Delegate, c data.Country) (name, other string) {
	var nw, ow []string
	nw = append(nw, data.FoldTokens(d.GivenNames)...)
	nw = append(nw, data.FoldTokens(d.FamilyName)...)
	ow = append(ow, data.FoldTokens(d.Honorific)...)
	if d.Consent.ShowOrganisation {
		ow = append(ow, data.FoldTokens(d.Organisation)...)
	}
	if d.Consent.ShowTitle {
		ow = append(ow, data.FoldTokens(d.Title)...)
	}
	ow = append(ow, data.FoldTokens(c.Name)...)
	for _, a := range c.AltNames {
		ow = append(ow, data.FoldTokens(a)...)
	}
	ow = append(ow, data.Fold(c.Code), data.Fold(c.Code2))
	return joinWords(nw), joinWords(ow)
}

func joinWords(ws []string) string {
	seen := make(map[string]bool, len(ws))
	var b strings.Builder
	b.WriteByte(' ')
	for _, w := range ws {
		if w == "" || seen[w] {
			continue
		}
		seen[w] = true
		b.WriteString(w)
		b.WriteByte(' ')
	}
	return b.String()
}
