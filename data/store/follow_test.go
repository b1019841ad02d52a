package store

import (
	"context"
	"crypto/ed25519"
	"path/filepath"
	"slices"
	"testing"

	"kiosk/data"
	"kiosk/data/datatest"
	"kiosk/data/keys"
)

// openTwice opens the same database file through two Stores, as the
// running kiosk and kioskctl bundle import in another process do.
func openTwice(t *testing.T) (*Store, *Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	var out [2]*Store
	for i := range out {
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		out[i] = s
	}
	return out[0], out[1]
}

// The directory follows an install made through another handle on the
// same file: its in-memory index is reloaded, not kept until a restart.
func TestTheDirectoryFollowsAnInstallByAnotherProcess(t *testing.T) {
	ctx := context.Background()
	kiosk, other := openTwice(t)
	if err := kiosk.Install(ctx, datatest.Event(), datatest.Info(1), nil); err != nil {
		t.Fatal(err)
	}
	page, err := kiosk.SearchDelegates(ctx, data.DirectoryQuery{Text: "stock"})
	if err != nil || page.Total != 1 {
		t.Fatalf("before: %+v %v", page, err)
	}
	d := datatest.Event()
	d.Delegates = slices.DeleteFunc(d.Delegates, func(p data.Delegate) bool { return p.ID == datatest.StockID })
	if err := other.Install(ctx, d, datatest.Info(2), nil); err != nil {
		t.Fatal(err)
	}
	page, err = kiosk.SearchDelegates(ctx, data.DirectoryQuery{Text: "stock"})
	if err != nil || page.Total != 0 {
		t.Fatalf("the running kiosk still finds a delegate the newer bundle removed: %+v %v", page, err)
	}
}

// Keys belong to an event: an install of another event drops the keys of
// the one it replaces, and a handed-over key verifies badges only.
func TestTrustedKeysBelongToTheirEvent(t *testing.T) {
	ctx := context.Background()
	s := installed(t)
	a, _, _ := keys.Generate()
	b, _, _ := keys.Generate()
	if err := s.Trust(ctx, a, "a"); err != nil {
		t.Fatal(err)
	}
	if err := s.InstallBundle(ctx, InstallRequest{Data: datatest.Event(), Info: datatest.Info(2),
		Trust: []TrustChange{{Key: b, Note: "b"}}, Retire: []string{keys.ID(a)}}); err != nil {
		t.Fatal(err)
	}
	ids := func(list []ed25519.PublicKey, err error) []string {
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, k := range list {
			out = append(out, keys.ID(k))
		}
		slices.Sort(out)
		return out
	}
	both := []string{keys.ID(a), keys.ID(b)}
	slices.Sort(both)
	if got := ids(s.BadgeKeys(ctx, "test-event")); !slices.Equal(got, both) {
		t.Fatalf("badge keys %v, want %v", got, both)
	}
	if got := ids(s.BundleKeys(ctx, "test-event")); !slices.Equal(got, []string{keys.ID(b)}) {
		t.Fatalf("bundle keys %v, want only the newer key", got)
	}
	other := datatest.Event()
	other.Event.ID = "other-event"
	info := datatest.Info(1)
	info.EventID = "other-event"
	if err := s.Install(ctx, other, info, nil); err != nil {
		t.Fatal(err)
	}
	if got := ids(s.TrustedKeys(ctx)); len(got) != 0 {
		t.Fatalf("the replaced event's keys are still trusted: %v", got)
	}
}

// BenchmarkInstallCount is what every scan and search now pays to notice
// an install by another process: one read of one row by its key.
func BenchmarkInstallCount(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "kiosk.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for b.Loop() {
		if _, err := s.InstallCount(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
