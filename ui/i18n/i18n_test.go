package i18n

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"kiosk/assets/translations"
)

// readFile returns a translation file's keys and, for plural texts, their
// forms.
func readFile(t *testing.T, code string) map[string]any {
	t.Helper()
	raw, err := fs.ReadFile(translations.FS, code+".json")
	if err != nil {
		t.Fatalf("%s.json: %v", code, err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s.json: %v", code, err)
	}
	return m
}

// usedKeys are the keys the kiosk's screens ask for: quoted literals of the
// form "area.name" in package ui.
func usedKeys(t *testing.T, known map[string]any) map[string]bool {
	t.Helper()
	files, err := filepath.Glob("../*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no ui sources: %v", err)
	}
	lit := regexp.MustCompile(`"([a-z_]+(?:\.[a-z_]+)+)"`)
	used := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range lit.FindAllStringSubmatch(string(b), -1) {
			if _, ok := known[m[1]]; ok {
				used[m[1]] = true
			}
		}
	}
	return used
}

func TestEveryKeyInEveryLanguage(t *testing.T) {
	if err := LoadError(); err != nil {
		t.Fatal(err)
	}
	en := readFile(t, "en")
	for _, l := range Languages[1:] {
		other := readFile(t, l.Code)
		for k, v := range en {
			ov, ok := other[k]
			if !ok {
				t.Errorf("%s.json lacks %q", l.Code, k)
				continue
			}
			if _, plural := v.(map[string]any); plural {
				if _, ok := ov.(map[string]any); !ok {
					t.Errorf("%s.json: %q is plural in English but not here", l.Code, k)
				}
			}
		}
		for k := range other {
			if _, ok := en[k]; !ok {
				t.Errorf("%s.json has %q, which en.json has not", l.Code, k)
			}
		}
	}
	used := usedKeys(t, en)
	var unused []string
	for k := range en {
		if !used[k] {
			unused = append(unused, k)
		}
	}
	sort.Strings(unused)
	if len(unused) > 0 {
		t.Errorf("keys no screen uses: %v", unused)
	}
}

// TestPlaceholdersMatch: a translation that drops or misspells {{.Room}}
// would show a gap or fail at run time.
func TestPlaceholdersMatch(t *testing.T) {
	ph := regexp.MustCompile(`\{\{\.([A-Za-z]+)\}\}`)
	names := func(v any) map[string]bool {
		out := map[string]bool{}
		var texts []string
		switch v := v.(type) {
		case string:
			texts = []string{v}
		case map[string]any:
			for _, s := range v {
				texts = append(texts, s.(string))
			}
		}
		for _, s := range texts {
			for _, m := range ph.FindAllStringSubmatch(s, -1) {
				out[m[1]] = true
			}
		}
		return out
	}
	en := readFile(t, "en")
	for _, l := range Languages {
		for k, v := range readFile(t, l.Code) {
			want, got := names(en[k]), names(v)
			for n := range got {
				if !want[n] {
					t.Errorf("%s.json %q uses {{.%s}}, which the English text has not", l.Code, k, n)
				}
			}
			// Plural forms for one or two may spell the number out;
			// every other placeholder must be kept.
			for n := range want {
				if !got[n] && n != "Count" {
					t.Errorf("%s.json %q drops {{.%s}}", l.Code, k, n)
				}
			}
		}
	}
}

// TestPluralsEveryCount asks every plural text for the counts that pick
// each form in each language; a missing form would fall back to English.
func TestPluralsEveryCount(t *testing.T) {
	en := readFile(t, "en")
	for k, v := range en {
		if _, ok := v.(map[string]any); !ok {
			continue
		}
		for _, l := range Languages {
			for _, n := range []int{0, 1, 2, 3, 11, 100, 1000000} {
				got := NIn(l.Code, k, n, Args{"Date": "d", "Members": 3, "Shown": 2})
				if l.Code != "en" && got == NIn("en", k, n, Args{"Date": "d", "Members": 3, "Shown": 2}) {
					t.Errorf("%s %q for %d falls back to English: %q", l.Code, k, n, got)
				}
				if strings.Contains(got, "<no value>") {
					t.Errorf("%s %q for %d: %q", l.Code, k, n, got)
				}
			}
		}
	}
	if got := NIn("ar", "directory.count", 2); got != "مندوبان" {
		t.Errorf("Arabic dual: %q", got)
	}
	if got := NIn("fr", "directory.count", 1234); got != "1\u00a0234 délégués" && got != "1 234 délégués" {
		t.Errorf("French count: %q", got)
	}
}

// TestFyneReadsTheFiles: the files are in the format of Fyne's lang
// package, which reads them too.
func TestFyneReadsTheFiles(t *testing.T) {
	for _, l := range Languages {
		raw, _ := fs.ReadFile(translations.FS, l.Code+".json")
		if err := lang.AddTranslationsForLocale(raw, fyne.Locale(l.Code)); err != nil {
			t.Errorf("%s.json: %v", l.Code, err)
		}
	}
}

func TestSwitchAndDefault(t *testing.T) {
	t.Cleanup(func() { _ = Set(Fallback); SetDefault(Fallback) })
	if err := Set("ar"); err != nil {
		t.Fatal(err)
	}
	if Current() != "ar" || !IsRTL() || T("nav.home") != "الرئيسية" {
		t.Fatalf("Arabic: %s %v %q", Current(), IsRTL(), T("nav.home"))
	}
	if err := Set("de"); err == nil || Current() != "ar" {
		t.Fatalf("German accepted: %v, now %s", err, Current())
	}
	if err := Set("fr"); err != nil || IsRTL() || T("nav.directory") != "Annuaire" {
		t.Fatalf("French: %v %q", err, T("nav.directory"))
	}
	if got := DefaultFor([]string{"ru", "ES", "en"}); got != "es" {
		t.Errorf("DefaultFor = %s", got)
	}
	if got := DefaultFor([]string{"zh"}); got != Fallback {
		t.Errorf("DefaultFor none = %s", got)
	}
	if got := T("no.such.key"); got != "no.such.key" {
		t.Errorf("missing key = %q", got)
	}
}

func TestDates(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Makassar")
	d := time.Date(2016, 11, 7, 9, 5, 0, 0, loc)
	last := time.Date(2016, 11, 10, 0, 0, 0, 0, loc)
	for _, c := range []struct{ code, long, short, span string }{
		{"en", "Monday 7 November 2016", "Mon 7 Nov", "7 – 10 November 2016"},
		{"fr", "lundi 7 novembre 2016", "lun. 7 nov.", "7 – 10 novembre 2016"},
		{"es", "lunes, 7 de noviembre de 2016", "lun 7 nov", "7 – 10 de noviembre de 2016"},
		{"ar", "الاثنين، 7 نوفمبر 2016", "الاثنين 7 نوفمبر", "7 – 10 نوفمبر 2016"},
	} {
		if got := LongDateIn(c.code, d); got != c.long {
			t.Errorf("%s long: %q, want %q", c.code, got, c.long)
		}
		if got := ShortDateIn(c.code, d); got != c.short {
			t.Errorf("%s short: %q, want %q", c.code, got, c.short)
		}
		if got := DateSpanIn(c.code, d, last); got != c.span {
			t.Errorf("%s span: %q, want %q", c.code, got, c.span)
		}
	}
	if got := DateSpanIn("fr", time.Date(2016, 10, 30, 0, 0, 0, 0, loc), last); got != "30 octobre – 10 novembre 2016" {
		t.Errorf("span over months: %q", got)
	}
	if got := TimeRange(d, d.Add(90*time.Minute+10*time.Hour)); got != "09:05 – 20:35" {
		t.Errorf("24-hour clock: %q", got)
	}
	if got := NumberIn("ar", 1234); got != "1,234" {
		t.Errorf("Arabic keeps Western digits: %q", got)
	}
	if got := NumberIn("es", 12345); got != "12.345" {
		t.Errorf("Spanish grouping: %q", got)
	}
}

// Arabic lists take the Arabic comma; the other languages the Latin one.
func TestList(t *testing.T) {
	t.Cleanup(func() { _ = Set("en") })
	for lang, want := range map[string]string{"en": "a, b", "fr": "a, b", "ar": "a، b"} {
		if err := Set(lang); err != nil {
			t.Fatal(err)
		}
		if got := List([]string{"a", "b"}); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}
