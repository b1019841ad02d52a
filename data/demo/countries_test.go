package demo

import (
	"strings"
	"testing"
	"unicode/utf8"

	"kiosk/data"
)

func TestCountries(t *testing.T) {
	cs := Countries()
	if len(cs) != 190 {
		t.Fatalf("%d countries, want the 190 members of November 2016", len(cs))
	}
	codes, codes2 := map[string]bool{}, map[string]bool{}
	regions := map[string]bool{}
	for _, r := range Regions {
		regions[r] = true
	}
	for _, c := range cs {
		if codes[c.Code] || codes2[c.Code2] {
			t.Errorf("%s/%s: duplicate code", c.Code, c.Code2)
		}
		codes[c.Code], codes2[c.Code2] = true, true
		if !regions[c.Region] {
			t.Errorf("%s: region %q is not one of %v", c.Code, c.Region, Regions)
		}
		if !utf8.ValidString(c.Name) || strings.TrimSpace(c.Name) != c.Name || c.Name == "" {
			t.Errorf("%s: bad name %q", c.Code, c.Name)
		}
	}
	// Not members in November 2016: North Korea never; Palestine and the
	// Solomon Islands joined in 2017, Kiribati and Vanuatu in 2018,
	// Micronesia in 2021, Palau in 2023; Tuvalu has not; Kosovo was
	// refused.
	for _, code := range []string{"PRK", "PSE", "SLB", "KIR", "VUT", "FSM", "PLW", "TUV", "XKX", "TWN"} {
		if codes[code] {
			t.Errorf("%s listed, but was not a member in November 2016", code)
		}
	}
	// Members that are not UN member states.
	for _, code := range []string{"ABW", "CUW", "SXM", "VAT"} {
		if !codes[code] {
			t.Errorf("%s missing", code)
		}
	}
}

func TestCountryNamesAndSearch(t *testing.T) {
	byCode := map[string]data.Country{}
	for _, c := range Countries() {
		byCode[c.Code] = c
	}
	for _, tc := range []struct{ code, name, alt string }{
		{"CIV", "Côte d'Ivoire", "Ivory Coast"},
		{"CUW", "Curaçao", ""},
		{"STP", "São Tomé and Príncipe", ""},
		{"CPV", "Cabo Verde", "Cape Verde"},
		{"TUR", "Turkey", "Türkiye"},
		{"SWZ", "Swaziland", "Eswatini"},
		{"IDN", "Indonesia", ""},
	} {
		c := byCode[tc.code]
		if c.Name != tc.name {
			t.Errorf("%s: name %q, want %q", tc.code, c.Name, tc.name)
		}
		if tc.alt != "" && !strings.Contains(strings.Join(c.AltNames, "|"), tc.alt) {
			t.Errorf("%s: alt names %v, want %q among them", tc.code, c.AltNames, tc.alt)
		}
	}
	if got := data.Fold(byCode["CIV"].Name); got != "cote divoire" {
		t.Errorf("Côte d'Ivoire folds to %q", got)
	}
}

func TestCountriesReturnsACopy(t *testing.T) {
	a := Countries()
	a[0].Name = "changed"
	a[42].AltNames[0] = "changed"
	b := Countries()
	if b[0].Name == "changed" || b[42].AltNames[0] == "changed" {
		t.Error("Countries shares its table with callers")
	}
}

func TestEmbassyNames(t *testing.T) {
	for _, tc := range []struct{ code, want string }{
		{"FRA", "Embassy of France in Jakarta"},
		{"USA", "Embassy of the United States in Jakarta"},
		{"NLD", "Embassy of the Netherlands in Jakarta"},
		{"KOR", "Embassy of the Republic of Korea in Jakarta"},
		{"VAT", "Apostolic Nunciature in Jakarta"},
	} {
		if got := embassyName(memberCountries[countryIndex[tc.code]]); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.code, got, tc.want)
		}
	}
}
