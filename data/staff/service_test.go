package staff

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/checkin"
	"kiosk/data/datatest"
	"kiosk/data/export"
	"kiosk/data/keys"
	"kiosk/data/store"
)

func service(t *testing.T) (*Service, *time.Time, *badgeIssuer) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Install(ctx, datatest.Event(), datatest.Info(1), nil); err != nil {
		t.Fatal(err)
	}
	pub, priv, _ := keys.Generate()
	s.Trust(ctx, pub, "test")
	venue, _ := time.LoadLocation("Asia/Makassar")
	now := time.Date(2016, 11, 7, 9, 30, 0, 0, venue)
	clock := func() time.Time { return now }
	return New(s, checkin.New(s, clock), clock), &now, &badgeIssuer{priv: priv, venue: venue}
}

type badgeIssuer struct {
	priv  []byte
	venue *time.Location
}

func (b *badgeIssuer) token(t *testing.T, delegate string) string {
	tok, err := badge.Issue(b.priv, badge.Claims{EventID: "test-event", DelegateID: delegate, Serial: 1,
		ValidFrom: time.Date(2016, 11, 6, 0, 0, 0, 0, b.venue), ValidUntil: time.Date(2016, 11, 11, 0, 0, 0, 0, b.venue)})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestStatus(t *testing.T) {
	ctx := context.Background()
	svc, _, iss := service(t)
	if _, err := svc.Desk.Scan(ctx, iss.token(t, datatest.StockID), data.MethodScan); err != nil {
		t.Fatal(err)
	}
	st, err := svc.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Bundle.Version != 1 || st.Delegates != 5 || st.Sessions != 4 || st.CheckIns != 1 || st.Queued != 1 ||
		st.Config.Purpose != data.PurposeArrival || st.KioskID == "" || len(st.TrustedKeys) != 1 {
		t.Fatalf("status %+v", st)
	}
	if st.Enrolment != st.KioskID+","+keys.EncodeBase64(st.PublicKey) {
		t.Fatalf("enrolment text %q", st.Enrolment)
	}
}

func TestExportAllThenSinceLast(t *testing.T) {
	ctx := context.Background()
	svc, now, iss := service(t)
	stick := t.TempDir()
	if _, err := svc.Export(ctx, stick, true); !errors.Is(err, ErrNothingToExport) {
		t.Fatalf("export with no check-ins: %v", err)
	}
	svc.Desk.Scan(ctx, iss.token(t, datatest.StockID), data.MethodScan)
	svc.Desk.Scan(ctx, iss.token(t, datatest.KouassiID), data.MethodScan)
	first, err := svc.Export(ctx, stick, true)
	if err != nil || first.Count != 2 {
		t.Fatalf("first export: %+v %v", first, err)
	}
	st, _ := svc.Status(ctx)
	ex, err := export.Read(first.Path, export.ReadOptions{EventID: "test-event",
		Kiosks: []data.KioskKey{{KioskID: st.KioskID, PublicKey: st.PublicKey}}})
	if err != nil || len(ex.CheckIns) != 2 {
		t.Fatalf("reading the export: %v", err)
	}
	for _, c := range ex.CheckIns {
		if len(c.Signature) == 0 {
			t.Fatal("an exported check-in has no signature")
		}
	}
	// Only what is new goes into the next one.
	*now = now.Add(time.Minute)
	time.Sleep(2 * time.Millisecond) // received times are in milliseconds
	svc.Desk.Scan(ctx, iss.token(t, datatest.PastikaID), data.MethodScan)
	second, err := svc.Export(ctx, stick, true)
	if err != nil || second.Count != 1 {
		t.Fatalf("second export: %+v %v", second, err)
	}
	all, err := svc.Export(ctx, stick, false)
	if err != nil || all.Count != 3 {
		t.Fatalf("export of all: %+v %v", all, err)
	}
	// Three exports, three files, none overwritten, none left half-named.
	entries, _ := os.ReadDir(stick)
	if len(entries) != 3 {
		t.Fatalf("%d files on the stick after three exports", len(entries))
	}
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".kcheckins" {
			t.Fatalf("unexpected file on the stick: %s", e.Name())
		}
	}
}

func TestImportCheckInsFromAnotherKioskOnce(t *testing.T) {
	ctx := context.Background()
	a, _, iss := service(t)
	a.Desk.Scan(ctx, iss.token(t, datatest.StockID), data.MethodScan)
	a.Desk.Scan(ctx, iss.token(t, datatest.KouassiID), data.MethodScan)
	stick := t.TempDir()
	ex, err := a.Export(ctx, stick, false)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := a.Status(ctx)

	// Kiosk B does not know A yet: refused, nothing taken.
	b, _, issB := service(t)
	if _, err := b.ImportCheckIns(ctx, ex.Path); err == nil {
		t.Fatal("an export from a kiosk that is not enrolled was taken")
	}
	// Enrolled through its bundle, A's file is taken once.
	d := datatest.Event()
	d.KioskKeys = []data.KioskKey{{KioskID: "kiosk-a", PublicKey: st.PublicKey}}
	if err := b.Store.Install(ctx, d, datatest.Info(2), nil); err != nil {
		t.Fatal(err)
	}
	for i, want := range []int{2, 0} {
		got, err := b.ImportCheckIns(ctx, ex.Path)
		if err != nil || got.Count != 2 || got.Added != want || got.From != st.KioskID {
			t.Fatalf("import %d: %+v %v", i+1, got, err)
		}
	}
	// The delegate is now "already checked in" at B too.
	o, _ := b.Desk.Scan(ctx, issB.token(t, datatest.StockID), data.MethodScan)
	if o.Status != checkin.Already {
		t.Fatalf("after taking A's export, B says %v", o.Status)
	}
}
