package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/datatest"
)

func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "kiosk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func installed(t *testing.T) *Store {
	t.Helper()
	s := openTest(t)
	d := datatest.Event()
	if ps := d.Validate(); len(ps) > 0 {
		t.Fatalf("fixture invalid: %v", ps)
	}
	if err := s.Install(context.Background(), d, datatest.Info(1), nil); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestOpenEmptyHasNoEvent(t *testing.T) {
	s := openTest(t)
	if _, err := s.Event(context.Background()); !errors.Is(err, ErrNoEvent) {
		t.Fatalf("Event on empty store: got %v, want ErrNoEvent", err)
	}
	if _, err := s.Bundle(context.Background()); !errors.Is(err, ErrNoEvent) {
		t.Fatalf("Bundle on empty store: got %v, want ErrNoEvent", err)
	}
}

func TestMigrationsApplyOnceAndPragmas(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	for i := 0; i < 2; i++ {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		files, _ := migrationFiles.ReadDir("migrations")
		if n != len(files) || n < 2 {
			t.Fatalf("open %d: %d migrations recorded, want all %d, once each", i, n, len(files))
		}
		var mode string
		var sync, fk int
		s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
		s.db.QueryRow(`PRAGMA synchronous`).Scan(&sync)
		s.db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk)
		if mode != "wal" || sync != 2 || fk != 1 {
			t.Fatalf("pragmas: journal_mode=%s synchronous=%d foreign_keys=%d, want wal 2 1", mode, sync, fk)
		}
		s.Close()
	}
}

func TestInstallAndReadProgramme(t *testing.T) {
	ctx := context.Background()
	s := installed(t)
	e, err := s.Event(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if e.ID != "test-event" || e.TimeZone != "Asia/Makassar" || !slices.Equal(e.Languages, []string{"en", "fr", "es", "ar"}) {
		t.Fatalf("event read back wrong: %+v", e)
	}
	day1, err := s.Sessions(ctx, "2016-11-07")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, ss := range day1 {
		ids = append(ids, ss.ID)
	}
	if want := []string{datatest.OpeningID, "S4", datatest.CyberID}; !slices.Equal(ids, want) {
		t.Fatalf("day 1 sessions %v, want %v in time order", ids, want)
	}
	if day1[0].RoomName != "Plenary Hall" {
		t.Fatalf("room name %q", day1[0].RoomName)
	}
	if got, _ := s.Sessions(ctx, "2016-11-08"); len(got) != 0 {
		t.Fatalf("day 2 should be empty, got %d", len(got))
	}
	det, err := s.Session(ctx, datatest.OpeningID)
	if err != nil {
		t.Fatal(err)
	}
	if len(det.Speakers) != 2 || det.Speakers[0].Name != "I Made Mangku Pastika" || det.Room.Capacity != 1200 {
		t.Fatalf("detail wrong: %+v", det)
	}
	if _, err := s.Session(ctx, "nope"); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("missing session: %v", err)
	}
}

func TestSearchSessions(t *testing.T) {
	s := installed(t)
	tests := []struct {
		q    string
		want []string
	}{
		{"cyber", []string{datatest.CyberID}},
		{"jurgen", []string{datatest.OpeningID}},  // speaker, typed without accent
		{"kintamani", []string{datatest.CyberID}}, // room
		{"ELECTION president", []string{datatest.ElectionID}},
		{"nothing-like-this", nil},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			got, err := s.SearchSessions(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, g := range got {
				ids = append(ids, g.ID)
			}
			if !slices.Equal(ids, tt.want) {
				t.Fatalf("SearchSessions(%q) = %v, want %v", tt.q, ids, tt.want)
			}
		})
	}
}

func TestNowNext(t *testing.T) {
	s := installed(t)
	loc, _ := time.LoadLocation("Asia/Makassar")
	now, next, err := s.NowNext(context.Background(), time.Date(2016, 11, 7, 9, 30, 0, 0, loc), 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(now) != 1 || now[0].ID != datatest.OpeningID {
		t.Fatalf("now = %+v", now)
	}
	if len(next) != 2 || next[0].ID != "S4" || next[1].ID != datatest.CyberID {
		t.Fatalf("next = %+v", next)
	}
	now, next, _ = s.NowNext(context.Background(), time.Date(2016, 11, 11, 9, 0, 0, 0, loc), 3)
	if len(now) != 0 || len(next) != 0 {
		t.Fatalf("after the event: now %d next %d", len(now), len(next))
	}
}

func TestReinstallReplacesEverything(t *testing.T) {
	ctx := context.Background()
	s := installed(t)
	d := datatest.Event()
	d.Sessions = d.Sessions[:1]
	d.Delegates = d.Delegates[:1]
	if err := s.Install(ctx, d, datatest.Info(2), nil); err != nil {
		t.Fatal(err)
	}
	all, _ := s.Sessions(ctx, "")
	page, _ := s.SearchDelegates(ctx, data.DirectoryQuery{})
	b, _ := s.Bundle(ctx)
	if len(all) != 1 || page.Total != 1 || b.Version != 2 {
		t.Fatalf("after reinstall: %d sessions, %d delegates, version %d", len(all), page.Total, b.Version)
	}
	// A fresh store on the same file loads the index from disk, not memory.
	s2, err := Open(ctx, s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if page, _ := s2.SearchDelegates(ctx, data.DirectoryQuery{}); page.Total != 1 {
		t.Fatalf("reopened: %d delegates", page.Total)
	}
}

func TestFailedInstallKeepsOldData(t *testing.T) {
	ctx := context.Background()
	s := installed(t)
	d := datatest.Event()
	d.Delegates[0].CountryCode = "XXX" // breaks the foreign key mid-way
	if err := s.Install(ctx, d, datatest.Info(2), nil); err == nil {
		t.Fatal("install with a broken reference succeeded")
	}
	b, err := s.Bundle(ctx)
	if err != nil || b.Version != 1 {
		t.Fatalf("bundle after failed install: %+v %v", b, err)
	}
	if page, _ := s.SearchDelegates(ctx, data.DirectoryQuery{}); page.Total != 5 {
		t.Fatalf("delegates after failed install: %d, want 5", page.Total)
	}
}

func TestCorruptFileIsReported(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kiosk.db")
	if err := os.WriteFile(path, []byte("this is not a database, just some text padding it out to a page size. "+
		"SQLite reads the header and refuses it."), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), path)
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Open on a text file: %v, want ErrCorrupt", err)
	}
}

func TestMeta(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if v, err := s.meta(ctx, "kiosk_id"); err != nil || v != "" {
		t.Fatalf("unset meta: %q %v", v, err)
	}
	s.setMeta(ctx, "kiosk_id", "K1")
	s.setMeta(ctx, "kiosk_id", "K2")
	if v, _ := s.meta(ctx, "kiosk_id"); v != "K2" {
		t.Fatalf("meta = %q", v)
	}
}
