package directory

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"kiosk/data"
	"kiosk/data/datatest"
)

func fixtureIndex(t testing.TB) *Index {
	t.Helper()
	d := datatest.Event()
	countries := map[string]data.Country{}
	for _, c := range d.Countries {
		countries[c.Code] = c
	}
	var entries []Entry
	for _, p := range d.Delegates {
		if e, ok := EntryFor(p, countries[p.CountryCode]); ok {
			entries = append(entries, e)
		}
	}
	return New(entries)
}

func ids(p data.DirectoryPage) []string {
	var out []string
	for _, d := range p.Delegates {
		out = append(out, d.ID)
	}
	return out
}

func TestNameMatchesComeFirst(t *testing.T) {
	// "Iceland" is Guðrún's country; an entry whose *name* started with
	// "ice" would come before her. Build one to see the order.
	ix := New([]Entry{
		{Summary: data.DelegateSummary{ID: "A"}, SortKey: "a", OtherWords: []string{"iceland"}},
		{Summary: data.DelegateSummary{ID: "B"}, SortKey: "b", NameWords: []string{"icelyn"}},
	})
	got := ids(ix.Search(data.DirectoryQuery{Text: "ice"}))
	if !reflect.DeepEqual(got, []string{"B", "A"}) {
		t.Fatalf("order %v, want the name match B first", got)
	}
}

func TestEveryWordMustMatch(t *testing.T) {
	ix := fixtureIndex(t)
	if p := ix.Search(data.DirectoryQuery{Text: "jurgen germany"}); p.Total != 1 || p.Delegates[0].ID != datatest.StockID {
		t.Fatalf("two words: %+v", p)
	}
	if p := ix.Search(data.DirectoryQuery{Text: "jurgen iceland"}); p.Total != 0 {
		t.Fatalf("words from two people matched one: %+v", p)
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	ix := fixtureIndex(t)
	back, err := Unmarshal(ix.Marshal())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ix, back) {
		t.Fatalf("round trip differs:\n%+v\n%+v", ix, back)
	}
	for _, q := range []string{"", "j", "cote", "stock", "nguyen", "zzz", "deu"} {
		a, b := ix.Search(data.DirectoryQuery{Text: q}), back.Search(data.DirectoryQuery{Text: q})
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("%q: %+v vs %+v", q, a, b)
		}
	}
}

func TestUnmarshalDamagedBlobsNeverPanic(t *testing.T) {
	blob := fixtureIndex(t).Marshal()
	for n := 0; n < len(blob); n++ {
		if _, err := Unmarshal(blob[:n]); err == nil {
			t.Fatalf("truncated to %d bytes and accepted", n)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 5000; i++ {
		b := append([]byte(nil), blob...)
		for k := 0; k < 1+r.IntN(3); k++ {
			b[r.IntN(len(b))] = byte(r.IntN(256))
		}
		ix, err := Unmarshal(b)
		if err == nil {
			// A flip inside text may still decode; searching it must
			// not panic either.
			ix.Search(data.DirectoryQuery{Text: "a"})
		}
	}
}

func FuzzUnmarshal(f *testing.F) {
	f.Add(fixtureIndex(f).Marshal())
	f.Add([]byte(blobMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		if ix, err := Unmarshal(b); err == nil {
			ix.Search(data.DirectoryQuery{Text: "j"})
			ix.Search(data.DirectoryQuery{Text: "", Country: "DEU"})
		}
	})
}

func TestQueryWordsReadsABoundedPrefix(t *testing.T) {
	// 199 characters of "ü", a space, then a word that starts past
	// character 200 and is not read; two-byte letters are counted as one
	// character each and never cut in half.
	long := strings.Repeat("ü", 199) + " jurgen"
	got := QueryWords(long, 16)
	if !reflect.DeepEqual(got, []string{strings.Repeat("u", 199)}) {
		t.Fatalf("QueryWords read %q", got)
	}
	if got := QueryWords(strings.Repeat("a ", 1000), 8); len(got) != 8 {
		t.Fatalf("QueryWords kept %d words, want 8", len(got))
	}
	ix := fixtureIndex(t)
	if p := ix.Search(data.DirectoryQuery{Text: "jurgen" + strings.Repeat(" ", 1<<20) + "nobody"}); p.Total != 1 {
		t.Fatalf("a query past MaxQueryChars read its end: %+v", p)
	}
}
