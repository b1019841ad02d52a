package hub

import (
	"bytes"
	"context"
	_ "embed"
	"kiosk/data/pgtest"
	"path/filepath"
	"testing"
	"time"

	"kiosk/data/sqlitefile"
)

func TestSettings(t *testing.T) { pgtest.Each(t, testSettings) }

func testSettings(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, ok, err := f.store.Setting(ctx, "staff_password"); ok || err != nil {
		t.Fatalf("a setting never set reads ok=%v err=%v", ok, err)
	}
	first, err := f.store.SettingOnce(ctx, "session_key", []byte("first"))
	if err != nil || string(first) != "first" {
		t.Fatalf("SettingOnce on nothing = %q, %v", first, err)
	}
	again, err := f.store.SettingOnce(ctx, "session_key", []byte("second"))
	if err != nil || string(again) != "first" {
		t.Fatalf("SettingOnce over a stored value = %q, %v; want the first", again, err)
	}
	if err := f.store.SetSetting(ctx, "session_key", []byte("third")); err != nil {
		t.Fatal(err)
	}
	v, ok, err := f.store.Setting(ctx, "session_key")
	if !ok || err != nil || !bytes.Equal(v, []byte("third")) {
		t.Fatalf("after SetSetting: %q %v %v", v, ok, err)
	}
}

func TestHeldCheckInsAndKioskReports(t *testing.T) { pgtest.Each(t, testHeldCheckInsAndKioskReports) }

func testHeldCheckInsAndKioskReports(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a1, a2 := f.a.take(t, "D-0001"), f.a.take(t, "D-0002")
	before := f.clock.now().Truncate(time.Millisecond)
	f.push(f.a, a1, a2)
	after := f.clock.now()
	held, err := f.store.CheckIns(ctx, testEvent)
	if err != nil {
		t.Fatal(err)
	}
	if len(held) != 2 || held[0].ID != a1.ID || held[1].ID != a2.ID {
		t.Fatalf("held %+v", held)
	}
	if r := held[0].Received; held[0].PushedBy != f.a.id || r.Before(before) || r.After(after) {
		t.Errorf("held[0] pushed by %q at %v; want %q between %v and %v", held[0].PushedBy, r, f.a.id, before, after)
	}
	if !held[0].ScannedAt.Equal(a1.ScannedAt) || held[0].DelegateID != "D-0001" {
		t.Errorf("held[0] is not the pushed check-in: %+v", held[0].CheckIn)
	}
	if other, err := f.store.CheckIns(ctx, "another-event"); err != nil || len(other) != 0 {
		t.Errorf("another event's check-ins: %v %v", other, err)
	}

	at := f.clock.now()
	v := Visit{KioskID: f.a.id, PublicKey: f.a.pub, Status: StatusApproved, Nonce: "report-1",
		NonceUntil: at.Add(time.Hour), Seen: at, Report: &KioskReport{BundleVersion: 7, Waiting: 12, At: at}}
	if _, err := f.store.Admit(ctx, v); err != nil {
		t.Fatal(err)
	}
	v.Nonce, v.Report = "report-2", nil // a request that reports nothing keeps the report
	k, err := f.store.Admit(ctx, v)
	if err != nil {
		t.Fatal(err)
	}
	if k.Report.BundleVersion != 7 || k.Report.Waiting != 12 || !k.Report.At.Equal(at.Truncate(time.Millisecond)) {
		t.Errorf("report %+v", k.Report)
	}
}

//go:embed testdata/schema_v1.sql
var schemaV1 string

// A hub made by the first version keeps its identity, kiosks and
// check-ins when a newer hub opens it.
func TestSchemaV1IsBroughtUp(t *testing.T) {
	dir := t.TempDir()
	db, err := sqlitefile.Open(filepath.Join(dir, DBName))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{schemaV1,
		`INSERT INTO meta (key, value) VALUES ('hub_id', 'old-hub')`,
		`INSERT INTO kiosks VALUES ('K-1', x'00', 'approved', 1, 2, 0, 0)`,
		`PRAGMA user_version = 1`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err := OpenSQLite(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.HubID() != "old-hub" {
		t.Errorf("hub id %q", s.HubID())
	}
	k, err := s.Kiosk(context.Background(), "K-1")
	if err != nil || k.Status != StatusApproved || !k.Report.At.IsZero() {
		t.Errorf("kiosk %+v %v", k, err)
	}
	if _, err := s.SettingOnce(context.Background(), "x", []byte("y")); err != nil {
		t.Errorf("settings after the upgrade: %v", err)
	}
}
