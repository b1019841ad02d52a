package source

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"kiosk/data"
)

// fixture is a small event with the things that go wrong in practice:
// accented and non-Latin names, commas, quotes and line breaks in values,
// a session that ends at midnight, and every optional table filled in.
func fixture(t testing.TB) *Sources {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		t.Fatal(err)
	}
	at := func(day, h, m int) time.Time { return time.Date(2016, 11, day, h, m, 0, 0, loc) }
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize)).Public().(ed25519.PublicKey)
	return &Sources{
		Data: data.EventData{
			Event: data.Event{
				ID: "interpol-ga85-2016", Name: "85th INTERPOL General Assembly", ShortName: "INTERPOL GA 2016",
				Organiser: "INTERPOL", Venue: "Bali Nusa Dua Convention Center", City: "Nusa Dua, Bali",
				CountryCode: "IDN", TimeZone: "Asia/Makassar", StartDate: "2016-11-07", EndDate: "2016-11-10",
				Languages: []string{"en", "fr", "es", "ar"},
			},
			Countries: []data.Country{
				{Code: "IDN", Code2: "ID", Name: "Indonesia", Region: "Asia"},
				{Code: "CIV", Code2: "CI", Name: "Côte d'Ivoire", AltNames: []string{"Ivory Coast"}, Region: "Africa",
					Names: data.Texts{"fr": "Côte d’Ivoire", "es": "Côte d’Ivoire", "ar": "كوت ديفوار"}},
				{Code: "HUN", Code2: "HU", Name: "Hungary", AltNames: []string{"Magyarország"}, Region: "Europe"},
				{Code: "POL", Code2: "PL", Name: "Poland", AltNames: []string{"Polska", "Rzeczpospolita Polska"}, Region: "Europe"},
				{Code: "CHN", Code2: "CN", Name: "China", AltNames: []string{"中国"}, Region: "Asia"},
			},
			Rooms: []data.Room{
				{ID: "R1", Name: "Plenary Hall", Floor: "1", Capacity: 1200, Names: data.Texts{"fr": "Salle plénière", "ar": "قاعة الجلسات العامة"}},
				{ID: "R2", Name: "Nusa Room 3", Floor: "B1"},
				{ID: "R3", Name: `Salle "Kecak"`, Floor: "2", Capacity: 40},
			},
			Speakers: []data.Speaker{
				{ID: "S1", Name: "Jürgen Stock", Role: "INTERPOL Secretary General"},
				{ID: "S2", Name: "Joko Widodo", Role: "President of the Republic of Indonesia", CountryCode: "IDN"},
			},
			Sessions: []data.Session{
				{ID: "SES1", Title: "Opening ceremony", Description: "Welcome, address by the President.\nDoors open at 08:30; bring your \"badge\".",
					Start: at(7, 9, 0), End: at(7, 10, 30), RoomID: "R1", Kind: data.KindCeremony,
					SpeakerIDs: []string{"S2", "S1"}, Languages: []string{"en", "fr", "es", "ar"},
					Titles:       data.Texts{"fr": "Cérémonie d’ouverture", "es": "Ceremonia de apertura", "ar": "حفل الافتتاح (2016)"},
					Descriptions: data.Texts{"fr": "Bienvenue, allocution du Président.\nOuverture des portes à 08:30 ; munissez-vous de votre « badge »."}},
				{ID: "SES2", Title: "Plenary: election of the President", Start: at(7, 11, 0), End: at(7, 12, 30),
					RoomID: "R1", Kind: data.KindElection, Languages: []string{"en"}},
				{ID: "SES3", Title: "Réunion régionale — Afrique", Start: at(8, 18, 0), End: at(9, 0, 0),
					RoomID: "R3", Kind: data.KindRegional},
				{ID: "SES4", Title: "Coffee", Start: at(10, 15, 30), End: at(10, 15, 45), RoomID: "R2", Kind: data.KindBreak},
			},
			Delegates: []data.Delegate{
				{ID: "D1", Honorific: "General", GivenNames: "I Made Mangku", FamilyName: "Pastika", Title: "Chief of the National Police",
					Organisation: "Kepolisian Negara Republik Indonesia", CountryCode: "IDN", Role: data.RoleHead,
					Consent: data.Consent{Listed: true, ShowOrganisation: true, ShowTitle: true}},
				{ID: "D2", Honorific: "Dr", GivenNames: "Ödön", FamilyName: "Szabó", FamilyFirst: true, CountryCode: "HUN",
					Role: data.RoleDelegate, Consent: data.Consent{Listed: true}},
				{ID: "D3", GivenNames: "Łucja", FamilyName: "Wróbel", Organisation: "Komenda Główna Policji, Warszawa",
					CountryCode: "POL", Role: data.RoleDelegate, Consent: data.Consent{Listed: true, ShowOrganisation: true}},
				{ID: "D4", GivenNames: "Kouassi", FamilyName: "N'Guessan", CountryCode: "CIV", Role: data.RoleObserver},
				{ID: "D5", GivenNames: "小明", FamilyName: "王", FamilyFirst: true, Title: "Director, \"Special\" Unit",
					CountryCode: "CHN", Role: data.RoleSpeaker, Consent: data.Consent{Listed: true, ShowTitle: true}},
			},
		},
		Revoked:   []Revocation{{Serial: "20160001", Reason: "badge reported lost"}},
		KioskKeys: []KioskKey{{KioskID: "kiosk-01", PublicKey: key}},
	}
}

// normal makes sessions comparable with reflect.DeepEqual: equal instants
// read back in a freshly loaded *time.Location compare unequal otherwise.
func normal(s *Sources) *Sources {
	c := *s
	c.Data.Sessions = append([]data.Session(nil), s.Data.Sessions...)
	for i := range c.Data.Sessions {
		c.Data.Sessions[i].Start = c.Data.Sessions[i].Start.UTC()
		c.Data.Sessions[i].End = c.Data.Sessions[i].End.UTC()
	}
	return &c
}

func assertEqual(t testing.TB, want, got *Sources) {
	t.Helper()
	if got == nil {
		t.Fatal("got nil sources")
	}
	w, g := normal(want), normal(got)
	if !reflect.DeepEqual(w, g) {
		wv, gv := reflect.ValueOf(w.Data), reflect.ValueOf(g.Data)
		for i := 0; i < wv.NumField(); i++ {
			if !reflect.DeepEqual(wv.Field(i).Interface(), gv.Field(i).Interface()) {
				t.Errorf("%s differ:\nwant %+v\n got %+v", wv.Type().Field(i).Name, wv.Field(i).Interface(), gv.Field(i).Interface())
			}
		}
		if !reflect.DeepEqual(w.Revoked, g.Revoked) || !reflect.DeepEqual(w.KioskKeys, g.KioskKeys) {
			t.Errorf("revoked or kiosk keys differ:\nwant %+v %+v\n got %+v %+v", w.Revoked, w.KioskKeys, g.Revoked, g.KioskKeys)
		}
		t.FailNow()
	}
}

func TestFixtureIsValid(t *testing.T) {
	if ps := fixture(t).Data.Validate(); len(ps) > 0 {
		t.Fatal(ps)
	}
}

func TestRoundTripDir(t *testing.T) {
	want := fixture(t)
	dir := filepath.Join(t.TempDir(), "sources")
	if err := WriteDir(dir, want); err != nil {
		t.Fatal(err)
	}
	got, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, want, got)

	// Writing again gives the same bytes, and nothing but the tables.
	first := readAll(t, dir)
	if err := WriteDir(dir, got); err != nil {
		t.Fatal(err)
	}
	second := readAll(t, dir)
	if !reflect.DeepEqual(first, second) {
		t.Error("WriteDir is not deterministic")
	}
	if len(first) != len(tableSpecs) {
		t.Errorf("folder holds %d files, want %d: %v", len(first), len(tableSpecs), keys(first))
	}
	for name, b := range first {
		if !bytes.HasPrefix(b, []byte(bom)) {
			t.Errorf("%s has no byte-order mark", name)
		}
	}
}

func TestRoundTripXLSX(t *testing.T) {
	want := fixture(t)
	dir := t.TempDir()
	if err := WriteXLSX(filepath.Join(dir, WorkbookName), want); err != nil {
		t.Fatal(err)
	}
	got, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, want, got)
}

func TestRoundTripCSV(t *testing.T) {
	want := fixture(t)
	files, err := EncodeCSV(want)
	if err != nil {
		t.Fatal(err)
	}
	again, err := EncodeCSV(want)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(files, again) {
		t.Error("EncodeCSV is not deterministic")
	}
	got, err := DecodeCSV(files)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, want, got)
	if e := string(files["sessions.csv"]); !strings.Contains(e, "SES3,Réunion régionale — Afrique,,2016-11-08,18:00,24:00,R3,regional,,,,,,\n") {
		t.Errorf("a session ending at midnight is not written with 24:00:\n%s", e)
	}
}

// TestTranslationColumnsOnlyWhenUsed: sources without translations make
// the files they made before translations existed, which kiosks that do
// not know the columns still read; an empty table shows every column.
func TestTranslationColumnsOnlyWhenUsed(t *testing.T) {
	src := fixture(t)
	for i := range src.Data.Countries {
		src.Data.Countries[i].Names = nil
	}
	files, err := EncodeCSV(src)
	if err != nil {
		t.Fatal(err)
	}
	if h, _, _ := strings.Cut(string(files["countries.csv"]), "\n"); h != "code,code2,name,alt_names,region" {
		t.Errorf("countries without translations: header %q", h)
	}
	if h, _, _ := strings.Cut(string(files["rooms.csv"]), "\n"); h != "id,name,floor,capacity,name_fr,name_ar" {
		t.Errorf("rooms with French and Arabic names: header %q", h)
	}
	if h, _, _ := strings.Cut(string(files["sessions.csv"]), "\n"); !strings.HasSuffix(h, ",languages,title_fr,title_es,title_ar,description_fr") {
		t.Errorf("sessions: header %q", h)
	}
	got, err := DecodeCSV(files)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, src, got)
	empty, _ := EncodeCSV(&Sources{})
	if h := string(empty["countries.csv"]); h != "code,code2,name,alt_names,region,name_en,name_fr,name_es,name_ar\n" {
		t.Errorf("empty countries template %q", h)
	}
}

// TestBlankTranslationIsRefused: a cell of spaces would show an empty
// title; the problem names the column.
func TestBlankTranslationIsRefused(t *testing.T) {
	src := fixture(t)
	src.Data.Sessions[0].Titles["es"] = "   "
	ps := src.Data.Validate()
	if len(ps) != 1 || ps[0].Field != "title_es" || !strings.Contains(ps[0].Msg, "blank") {
		t.Fatalf("problems %v", ps)
	}
	src.Data.Sessions[0].Titles["es"] = strings.Repeat("x", 501)
	if ps := src.Data.Validate(); len(ps) != 1 || !strings.Contains(ps[0].Msg, "longer than 500") {
		t.Fatalf("problems %v", ps)
	}
	src.Data.Sessions[0].Titles = data.Texts{"de": "Eröffnung"}
	if ps := src.Data.Validate(); len(ps) != 1 || ps[0].Field != "title_de" {
		t.Fatalf("problems %v", ps)
	}
}

func TestEmptySourcesAreATemplate(t *testing.T) {
	files, err := EncodeCSV(&Sources{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(files["delegates.csv"]), "id,honorific,given_names,family_name,family_first,title,organisation,country,role,listed,show_organisation,show_title,badge_serial,share_contact,email,phone\n"; got != want {
		t.Errorf("delegates.csv = %q, want %q", got, want)
	}
}

func TestEncodeRefusesWhatCannotBeRead(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Makassar")
	tests := []struct {
		name   string
		change func(*Sources)
		want   string
	}{
		{"session over two days", func(s *Sources) {
			s.Data.Sessions[0].End = time.Date(2016, 11, 8, 1, 0, 0, 0, loc)
		}, `sessions.csv row 2, column "end": ends on 2016-11-08`},
		{"seconds", func(s *Sources) {
			s.Data.Sessions[1].Start = s.Data.Sessions[1].Start.Add(time.Second)
		}, `sessions.csv row 3, column "start": starts at 11:00:01`},
		{"separator in a list item", func(s *Sources) {
			s.Data.Sessions[0].SpeakerIDs = []string{"S1;S2"}
		}, `sessions.csv row 2, column "speakers": list item "S1;S2"`},
		{"no time zone", func(s *Sources) { s.Data.Event.TimeZone = "Mars/Olympus" }, `event.csv row 2, column "time_zone"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fixture(t)
			tt.change(s)
			_, err := EncodeCSV(s)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func readAll(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func keys(m map[string][]byte) []string {
	var s []string
	for k := range m {
		s = append(s, k)
	}
	return s
}

func asErrors(t testing.TB, err error) Errors {
	t.Helper()
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("error %v (%T) is not an Errors", err, err)
	}
	return es
}
