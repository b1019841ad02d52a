package demo

import (
	"strings"
	"testing"
	"unicode/utf8"

	"kiosk/data"
)

func countByCountry(ds []data.Delegate) map[string]int {
	m := map[string]int{}
	for _, d := range ds {
		m[d.CountryCode]++
	}
	return m
}

func TestDefaultAttendance(t *testing.T) {
	d := generate(t, Options{})
	if len(d.Delegates) != 830 {
		t.Errorf("%d delegates, want 830", len(d.Delegates))
	}
	per := countByCountry(d.Delegates)
	if len(per) != 164 {
		t.Errorf("%d countries with delegates, want 164", len(per))
	}
	for _, code := range []string{"IDN", "FRA", "DEU", "CIV"} {
		if per[code] == 0 {
			t.Errorf("no delegate from %s", code)
		}
	}
	// The host sends the largest delegation.
	for code, n := range per {
		if code != "IDN" && n >= per["IDN"] {
			t.Errorf("%s sends %d delegates, the host only %d", code, n, per["IDN"])
		}
	}
}

func TestEveryCountryMayAttendAtScale(t *testing.T) {
	d := generate(t, Options{Delegates: 100000})
	if got := len(countByCountry(d.Delegates)); got != 190 {
		t.Errorf("%d countries with delegates at 100,000 delegates, want all 190", got)
	}
}

func TestIDsAndRoles(t *testing.T) {
	for _, tc := range scales {
		t.Run(tc.name, func(t *testing.T) {
			d := generate(t, tc.opts)
			heads := map[string]int{}
			regular := map[string]bool{}
			speakers := 0
			for i, p := range d.Delegates {
				if want := delegateID(i + 1); p.ID != want {
					t.Fatalf("delegate %d has id %q, want %q", i, p.ID, want)
				}
				switch p.Role {
				case data.RoleHead:
					heads[p.CountryCode]++
					if regular[p.CountryCode] {
						t.Errorf("%s: head %s is not the first of the delegation", p.CountryCode, p.ID)
					}
				case data.RoleSpeaker:
					speakers++
				}
				if p.Role != data.RoleSpeaker {
					regular[p.CountryCode] = true
				}
			}
			if speakers != len(PublicFigures) {
				t.Errorf("%d delegates with role speaker, want the %d public figures", speakers, len(PublicFigures))
			}
			for code := range regular {
				if heads[code] != 1 {
					t.Errorf("%s has %d heads of delegation, want 1", code, heads[code])
				}
			}
		})
	}
}

func TestRoleShares(t *testing.T) {
	d := generate(t, Options{Delegates: 20000})
	n := map[data.Role]int{}
	for _, p := range d.Delegates {
		n[p.Role]++
	}
	if share := float64(n[data.RoleObserver]) / float64(len(d.Delegates)); share < 0.05 || share > 0.15 {
		t.Errorf("observers: %.1f%%, want about 10%%", 100*share)
	}
	if n[data.RoleDelegate] < n[data.RoleObserver]*5 {
		t.Errorf("%d delegates and %d observers: most should be delegates", n[data.RoleDelegate], n[data.RoleObserver])
	}
}

func TestPublicFigures(t *testing.T) {
	for _, tc := range scales {
		t.Run(tc.name, func(t *testing.T) {
			d := generate(t, tc.opts)
			for i, f := range PublicFigures {
				p := d.Delegates[i]
				want := f.Delegate()
				want.BadgeSerial = uint32(i + 1) // the demo numbers badges in list order
				if p.ID != f.DelegateID || p != want {
					t.Errorf("delegate %d is %+v, want %+v", i, p, want)
				}
				if p.Role != data.RoleSpeaker || p.Consent != (data.Consent{Listed: true, ShowOrganisation: true, ShowTitle: true}) {
					t.Errorf("%s: role %q, consent %+v; want a fully listed speaker", p.ID, p.Role, p.Consent)
				}
				if d.Speakers[i].ID != f.DelegateID || d.Speakers[i].Role != f.Role {
					t.Errorf("speaker %d is %+v, want %s as %q", i, d.Speakers[i], f.DelegateID, f.Role)
				}
			}
		})
	}
}

// search is how the kiosk finds people: every folded word of the query
// starts a folded word of the name.
func search(ds []data.Delegate, query string) []string {
	q := strings.Fields(data.Fold(query))
	var ids []string
	for _, d := range ds {
		words := data.FoldTokens(d.Name())
		all := true
		for _, qw := range q {
			found := false
			for _, w := range words {
				if strings.HasPrefix(w, qw) {
					found = true
					break
				}
			}
			all = all && found
		}
		if all {
			ids = append(ids, d.ID)
		}
	}
	return ids
}

func TestPublicFiguresAreSearchable(t *testing.T) {
	d := generate(t, Options{})
	for _, tc := range []struct{ query, id string }{
		{"jurgen", "D000003"},
		{"Jürgen", "D000003"},
		{"stock", "D000003"},
		{"jurgen stock", "D000003"},
		{"pastika", "D000004"},
		{"made pastika", "D000004"},
		{"mangku", "D000004"},
		{"kalla", "D000001"},
		{"jusuf", "D000001"},
		{"ballestrazzi", "D000002"},
		{"mireille", "D000002"},
		{"karnavian", "D000005"},
		{"tito", "D000005"},
	} {
		ids := search(d.Delegates, tc.query)
		found := false
		for _, id := range ids {
			found = found || id == tc.id
		}
		if !found {
			t.Errorf("search %q: %v, want %s among them", tc.query, ids, tc.id)
		}
	}
	big := generate(t, Options{Delegates: 5000})
	if ids := search(big.Delegates, "made"); len(ids) < 2 {
		t.Errorf("search \"made\" among 5,000: %v; want the governor and Balinese delegates named Made", ids)
	}
}

func TestCoteDIvoireIsListed(t *testing.T) {
	for _, tc := range scales {
		t.Run(tc.name, func(t *testing.T) {
			d := generate(t, tc.opts)
			for _, p := range d.Delegates {
				if _, ok := p.Public(); ok && p.CountryCode == "CIV" {
					return
				}
			}
			t.Error("no listed delegate of Côte d'Ivoire")
		})
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func TestNames(t *testing.T) {
	d := generate(t, Options{})
	var accented, multiPart, familyFirst, single, balinese int
	for _, p := range d.Delegates[len(PublicFigures):] {
		name := p.Name()
		if name != strings.Join(strings.Fields(name), " ") {
			t.Errorf("%s: name %q has stray spaces", p.ID, name)
		}
		// Whatever the script of a name, typing it on a plain keyboard
		// must find it.
		if f := data.Fold(name); !isASCII(f) {
			t.Errorf("%s: %q folds to %q, which a plain keyboard cannot type", p.ID, name, f)
		}
		if !isASCII(name) {
			accented++
		}
		if len(strings.Fields(name)) >= 3 {
			multiPart++
		}
		if p.FamilyFirst {
			familyFirst++
		}
		if p.FamilyName == "" {
			single++
		}
		if strings.HasPrefix(p.GivenNames, "I ") || strings.HasPrefix(p.GivenNames, "Ni ") {
			balinese++
		}
	}
	n := float64(len(d.Delegates) - len(PublicFigures))
	for _, c := range []struct {
		what string
		got  int
		min  float64
	}{
		{"names with letters beyond ASCII", accented, 0.15},
		{"names of three parts or more", multiPart, 0.15},
		{"names written family first", familyFirst, 0.01},
		{"names without a family name", single, 0.01},
		{"Balinese names", balinese, 0.002},
	} {
		if share := float64(c.got) / n; share < c.min {
			t.Errorf("%s: %.1f%%, want at least %.1f%%", c.what, 100*share, 100*c.min)
		}
	}
}

func TestConsentShares(t *testing.T) {
	d := generate(t, Options{Delegates: 20000})
	var listed, hideOrg, hideTitle int
	for _, p := range d.Delegates {
		if !p.Consent.Listed {
			continue
		}
		listed++
		if !p.Consent.ShowOrganisation {
			hideOrg++
		}
		if !p.Consent.ShowTitle {
			hideTitle++
		}
	}
	n := float64(len(d.Delegates))
	for _, c := range []struct {
		what     string
		share    float64
		min, max float64
	}{
		{"not listed", 1 - float64(listed)/n, 0.06, 0.10},
		{"listed hiding organisation", float64(hideOrg) / float64(listed), 0.08, 0.12},
		{"listed hiding title", float64(hideTitle) / float64(listed), 0.08, 0.12},
	} {
		if c.share < c.min || c.share > c.max {
			t.Errorf("%s: %.1f%%, want %.0f-%.0f%%", c.what, 100*c.share, 100*c.min, 100*c.max)
		}
	}
}

func TestDelegatesLookPlausible(t *testing.T) {
	d := generate(t, Options{})
	for _, p := range d.Delegates {
		if p.Honorific == "" || p.Title == "" || p.Organisation == "" {
			t.Errorf("%s: honorific %q, title %q, organisation %q; want all three", p.ID, p.Honorific, p.Title, p.Organisation)
		}
		if strings.Contains(p.Title+p.Organisation, "{") {
			t.Errorf("%s: unfilled placeholder in %q, %q", p.ID, p.Title, p.Organisation)
		}
	}
}

func TestFeminineForms(t *testing.T) {
	for _, tc := range []struct {
		fn       func(string) string
		in, want string
	}{
		{feminineSlavicAdj, "Kowalski", "Kowalska"},
		{feminineSlavicAdj, "Zawadzki", "Zawadzka"},
		{feminineSlavicAdj, "Nowak", "Nowak"},
		{feminineSlavicAdj, "Stojanovski", "Stojanovska"},
		{feminineSlavicAdj, "Georgiev", "Georgieva"},
		{feminineCzech, "Novák", "Nováková"},
		{feminineCzech, "Černý", "Černá"},
		{feminineCzech, "Svoboda", "Svobodová"},
		{feminineCzech, "Němec", "Němcová"},
		{feminineCzech, "Sedláček", "Sedláčková"},
		{feminineCzech, "Krejčí", "Krejčí"},
		{feminineCzech, "Šimko", "Šimková"},
		{feminineEastSlavic, "Smirnov", "Smirnova"},
		{feminineEastSlavic, "Sokolovsky", "Sokolovskaya"},
		{feminineEastSlavic, "Ilyin", "Ilyina"},
		{feminineEastSlavic, "Shevchenko", "Shevchenko"},
		{feminineEastSlavic, "Quliyev", "Quliyeva"},
		{feminineLithuanian, "Kazlauskas", "Kazlauskienė"},
		{feminineLithuanian, "Stankevičius", "Stankevičienė"},
		{feminineLatvian, "Bērziņš", "Bērziņa"},
		{feminineLatvian, "Jansons", "Jansone"},
		{feminineLatvian, "Balodis", "Balode"},
		{feminineLatvian, "Ozols", "Ozola"},
		{feminineGreek, "Papadopoulos", "Papadopoulou"},
		{feminineGreek, "Georgiadis", "Georgiadou"},
		{feminineGreek, "Papadakis", "Papadaki"},
		{feminineGreek, "Oikonomou", "Oikonomou"},
	} {
		if got := tc.fn(tc.in); got != tc.want {
			t.Errorf("feminine of %q = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// The demo numbers its badges in list order and writes the numbers into
// its sources, so they are given serials: unique, and in the range staff
// may give.
func TestDemoBadgeSerialsAreGivenInListOrder(t *testing.T) {
	for _, tc := range scales {
		t.Run(tc.name, func(t *testing.T) {
			d := generate(t, tc.opts)
			for i, p := range d.Delegates {
				if p.BadgeSerial != uint32(i+1) || p.BadgeSerial > data.MaxGivenBadgeSerial {
					t.Fatalf("%s (place %d) has badge serial %d", p.ID, i+1, p.BadgeSerial)
				}
			}
		})
	}
}

// Some listed delegates share contact details, at addresses that reach
// nobody; no unlisted one does, and every address passes validation.
func TestDemoContacts(t *testing.T) {
	d, err := Generate(Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range d.Delegates {
		if !p.Consent.ShareContact {
			if p.Email != "" || p.Phone != "" {
				t.Errorf("%s has contact details without consent", p.ID)
			}
			continue
		}
		n++
		if !p.Consent.Listed {
			t.Errorf("%s shares contact details but is not listed", p.ID)
		}
		if msg := data.CheckEmail(p.Email); msg != "" || !strings.HasSuffix(p.Email, ".example.org") {
			t.Errorf("%s: %q: %s", p.ID, p.Email, msg)
		}
	}
	if n < len(d.Delegates)/10 || n > len(d.Delegates)/3 {
		t.Errorf("%d of %d delegates share contact details", n, len(d.Delegates))
	}
}
