package store

import (
	"context"
	"path/filepath"
	"testing"

	"kiosk/data"
	"kiosk/data/datatest"
)

// TestContentInTheAskedLanguage: titles, room and country names come in
// the language the reads ask for, and in the plain columns' language
// where the bundle has no translation.
func TestContentInTheAskedLanguage(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "kiosk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Install(context.Background(), datatest.Event(), datatest.Info(1), nil); err != nil {
		t.Fatal(err)
	}
	in := func(lang string) context.Context { return data.WithLanguage(context.Background(), lang) }
	for _, c := range []struct{ lang, title, room, desc, country string }{
		{"", "Opening ceremony", "Plenary Hall", "Welcome to the assembly.", "Germany"},
		{"en", "Opening ceremony", "Plenary Hall", "Welcome to the assembly.", "Germany"},
		{"fr", "Cérémonie d’ouverture", "Salle plénière", "Bienvenue à l’Assemblée.", "Allemagne"},
		{"es", "Opening ceremony", "Sala del Pleno", "Welcome to the assembly.", "Alemania"},
		{"ar", "حفل الافتتاح", "قاعة الجلسات العامة", "Welcome to the assembly.", "ألمانيا"},
		// Not a content language: the plain columns, and nothing of it
		// reaches the query.
		{"fr' OR 1=1 --", "Opening ceremony", "Plenary Hall", "Welcome to the assembly.", "Germany"},
	} {
		ctx := in(c.lang)
		d, err := s.Session(ctx, datatest.OpeningID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Title != c.title || d.Room.Name != c.room || d.Description != c.desc {
			t.Errorf("%q: session %q in %q, %q", c.lang, d.Title, d.Room.Name, d.Description)
		}
		day, err := s.Sessions(ctx, "2016-11-07")
		if err != nil || len(day) == 0 || day[0].Title != c.title || day[0].RoomName != c.room {
			t.Errorf("%q: day list %+v %v", c.lang, day, err)
		}
		now, _, err := s.NowNext(ctx, d.Start, 3)
		if err != nil || len(now) != 1 || now[0].Title != c.title {
			t.Errorf("%q: now %+v %v", c.lang, now, err)
		}
		page, err := s.SearchDelegates(ctx, data.DirectoryQuery{Text: "stock"})
		if err != nil || len(page.Delegates) != 1 || page.Delegates[0].CountryName != c.country {
			t.Errorf("%q: directory %+v %v", c.lang, page, err)
		}
		det, err := s.Delegate(ctx, datatest.StockID)
		if err != nil || det.CountryName != c.country {
			t.Errorf("%q: delegate's country %q %v", c.lang, det.CountryName, err)
		}
		cs, err := s.DelegationCountries(ctx)
		found := false
		for _, cc := range cs {
			found = found || cc.Code == "DEU" && cc.Name == c.country
		}
		if err != nil || !found {
			t.Errorf("%q: countries %+v %v", c.lang, cs, err)
		}
	}
	// Translations are found by search too, whatever the language on
	// screen.
	if ss, err := s.SearchSessions(in("en"), "cérémonie"); err != nil || len(ss) != 1 || ss[0].ID != datatest.OpeningID {
		t.Errorf("search by French title: %+v %v", ss, err)
	}
	if page, err := s.SearchDelegates(in("en"), data.DirectoryQuery{Text: "allemagne"}); err != nil || page.Total != 1 {
		t.Errorf("search by French country name: %+v %v", page, err)
	}
}

// TestInstallReplacesTranslations: an event installed over one with
// translations keeps none of them.
func TestInstallReplacesTranslations(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "kiosk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.Install(ctx, datatest.Event(), datatest.Info(1), nil); err != nil {
		t.Fatal(err)
	}
	e := datatest.Event()
	e.Sessions[0].Titles = nil
	if err := s.Install(ctx, e, datatest.Info(2), nil); err != nil {
		t.Fatal(err)
	}
	d, err := s.Session(data.WithLanguage(ctx, "fr"), datatest.OpeningID)
	if err != nil || d.Title != "Opening ceremony" || d.Room.Name != "Salle plénière" {
		t.Fatalf("after a new install without the title's translation: %q in %q, %v", d.Title, d.Room.Name, err)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM translations`).Scan(&n); err != nil || n != len(eventTranslations(e)) {
		t.Fatalf("%d translations stored, want %d: %v", n, len(eventTranslations(e)), err)
	}
}
