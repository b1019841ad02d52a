package demo

import (
	"testing"
	"unicode"
)

// TestDemoCarriesTranslations: every country is named in French, Spanish
// and Arabic (in Arabic script), the rooms too, and every translated title
// belongs to a session of the programme (a title changed in one place
// only would lose its translations silently).
func TestDemoCarriesTranslations(t *testing.T) {
	d := generate(t, Options{})
	arabic := func(s string) bool {
		for _, r := range s {
			if unicode.Is(unicode.Arabic, r) {
				return true
			}
		}
		return false
	}
	for _, c := range d.Countries {
		for _, l := range []string{"fr", "es", "ar"} {
			if c.Names[l] == "" {
				t.Errorf("%s (%s) has no %s name", c.Code, c.Name, l)
			}
		}
		if !arabic(c.Names["ar"]) {
			t.Errorf("%s: Arabic name %q is not in Arabic script", c.Code, c.Names["ar"])
		}
	}
	want := map[string][3]string{
		"DEU": {"Allemagne", "Alemania", "ألمانيا"},
		"CIV": {"Côte d’Ivoire", "Côte d’Ivoire", "كوت ديفوار"},
		"COD": {"République démocratique du Congo", "República Democrática del Congo", "جمهورية الكونغو الديمقراطية"},
		"GBR": {"Royaume-Uni", "Reino Unido", "المملكة المتحدة"},
	}
	for _, c := range d.Countries {
		if w, ok := want[c.Code]; ok && (c.Names["fr"] != w[0] || c.Names["es"] != w[1] || c.Names["ar"] != w[2]) {
			t.Errorf("%s: %v", c.Code, c.Names)
		}
	}
	for _, r := range d.Rooms {
		if _, ok := roomNames[r.ID]; ok && !arabic(r.Names["ar"]) {
			t.Errorf("room %s: %v", r.ID, r.Names)
		}
	}
	used := map[string]bool{}
	for _, s := range d.Sessions {
		if s.Titles != nil {
			used[s.Title] = true
		}
	}
	for title := range sessionTitles {
		if !used[title] {
			t.Errorf("translated title %q is in no session", title)
		}
	}
	for id := range roomNames {
		found := false
		for _, r := range d.Rooms {
			found = found || r.ID == id
		}
		if !found {
			t.Errorf("translated room %q is not a room", id)
		}
	}
}
