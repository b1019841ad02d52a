package directory

import (
	"reflect"
	"testing"

	"kiosk/data"
	"kiosk/data/datatest"
	"kiosk/data/demo"
)

func demoIndex(t testing.TB) (*Index, map[string]bool) {
	t.Helper()
	ev, err := demo.Generate(demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Delegates) != 830 {
		t.Fatalf("the demo event has %d delegates, want 830", len(ev.Delegates))
	}
	countries := map[string]data.Country{}
	for _, c := range ev.Countries {
		countries[c.Code] = c
	}
	b := NewBuilder(len(ev.Delegates))
	listed := map[string]bool{}
	for _, d := range ev.Delegates {
		b.Add(d, countries[d.CountryCode])
		if d.Consent.Listed {
			listed[d.ID] = true
		}
	}
	return b.Index(), listed
}

// walk pages through a query pageSize at a time, as the kiosk does, and
// returns everyone it met; a delegate met twice fails the test.
func walk(t *testing.T, ix *Index, q data.DirectoryQuery, pageSize int, seen map[string]bool) int {
	t.Helper()
	q.Limit = pageSize
	total := -1
	for q.Offset = 0; ; q.Offset += pageSize {
		p := ix.Search(q)
		if total == -1 {
			total = p.Total
		} else if p.Total != total {
			t.Fatalf("%+v: total changed from %d to %d between pages", q, total, p.Total)
		}
		for _, d := range p.Delegates {
			if seen[d.ID] {
				t.Fatalf("%+v: %s met twice", q, d.ID)
			}
			seen[d.ID] = true
		}
		if q.Offset+pageSize >= total {
			if want := total - q.Offset; len(p.Delegates) != max(want, 0) {
				t.Fatalf("%+v: last page has %d, want %d", q, len(p.Delegates), want)
			}
			return total
		}
		if len(p.Delegates) != pageSize {
			t.Fatalf("%+v: a full page has %d, want %d", q, len(p.Delegates), pageSize)
		}
	}
}

func TestEveryListedDemoDelegateIsReachedByInitialAndByCountry(t *testing.T) {
	ix, listed := demoIndex(t)
	if ix.Len() != len(listed) || len(listed) == 0 || len(listed) == 830 {
		t.Fatalf("index has %d, listed %d: the demo should hide some delegates", ix.Len(), len(listed))
	}
	byInitial := map[string]bool{}
	sum := 0
	for _, in := range ix.InitialCounts() {
		n := walk(t, ix, data.DirectoryQuery{Initial: in.Initial}, 7, byInitial)
		if n != in.Delegates || n == 0 {
			t.Fatalf("initial %q: walked %d, counted %d", in.Initial, n, in.Delegates)
		}
		sum += n
	}
	if !reflect.DeepEqual(byInitial, listed) || sum != len(listed) {
		t.Fatalf("by initial met %d of %d listed delegates", len(byInitial), len(listed))
	}
	byCountry := map[string]bool{}
	for code, count := range ix.CountryCounts() {
		if n := walk(t, ix, data.DirectoryQuery{Country: code}, 7, byCountry); n != count {
			t.Fatalf("country %s: walked %d, counted %d", code, n, count)
		}
	}
	if !reflect.DeepEqual(byCountry, listed) {
		t.Fatalf("by country met %d of %d listed delegates", len(byCountry), len(listed))
	}
	// Everyone, a page of 50 at a time, and a search that matches
	// names and other words alike.
	if n := walk(t, ix, data.DirectoryQuery{}, 50, map[string]bool{}); n != len(listed) {
		t.Fatalf("all: walked %d of %d", n, len(listed))
	}
	walk(t, ix, data.DirectoryQuery{Text: "a"}, 9, map[string]bool{})
}

func TestInitialFollowsTheFamilyNameFolded(t *testing.T) {
	ix := fixtureIndex(t)
	// Jónsdóttir (family name) is under "j"; Stock, whose given name is
	// Jürgen, is under "s", not "j".
	got := map[string]bool{}
	for _, d := range ix.Search(data.DirectoryQuery{Initial: "j"}).Delegates {
		got[d.ID] = true
	}
	if got[datatest.StockID] {
		t.Fatalf("Jürgen Stock listed under J: %v", got)
	}
	if p := ix.Search(data.DirectoryQuery{Initial: "s"}); !contains(p, datatest.StockID) {
		t.Fatalf("Stock not under S: %+v", p)
	}
	if p := ix.Search(data.DirectoryQuery{Initial: "q"}); p.Total != 0 || p.Delegates != nil {
		t.Fatalf("no family name starts with q: %+v", p)
	}
	if p := ix.Search(data.DirectoryQuery{Initial: "s", Country: "ISL"}); contains(p, datatest.StockID) {
		t.Fatalf("a German under Iceland: %+v", p)
	}
	if p := ix.Search(data.DirectoryQuery{Initial: "s", Country: "DEU"}); !contains(p, datatest.StockID) || p.Total != 1 {
		t.Fatalf("Stock under S in Germany: %+v", p)
	}
	if p := ix.Search(data.DirectoryQuery{Offset: 1000}); p.Total != ix.Len() || len(p.Delegates) != 0 {
		t.Fatalf("an offset past the end: %+v", p)
	}
	if p := ix.Search(data.DirectoryQuery{Offset: -3, Limit: 2}); len(p.Delegates) != 2 {
		t.Fatalf("a negative offset is the start: %+v", p)
	}
}

func contains(p data.DirectoryPage, id string) bool {
	for _, d := range p.Delegates {
		if d.ID == id {
			return true
		}
	}
	return false
}
