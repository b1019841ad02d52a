package store

import (
	"context"
	"reflect"
	"testing"

	"kiosk/data"
	"kiosk/data/datatest"
)

// A kiosk installed before the index kept initials has a version 1 blob:
// the store rebuilds the index from the delegates, initials included.
func TestInitialsAfterAnOldIndexBlob(t *testing.T) {
	ctx := context.Background()
	s := installed(t)
	want, err := s.DelegateInitials(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 {
		t.Fatal("no initials for the fixture")
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE directory_index SET blob = ? WHERE id = 1`, []byte("KDIX1\n\x00\x00\x00\x00")); err != nil {
		t.Fatal(err)
	}
	s.dirMu.Lock()
	s.dir, s.pending = nil, nil // read the blob again
	s.dirMu.Unlock()
	got, err := s.DelegateInitials(ctx)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("after an old blob: %+v (%v), want %+v", got, err, want)
	}
	p, err := s.SearchDelegates(ctx, data.DirectoryQuery{Initial: "s", Country: "DEU"})
	if err != nil || p.Total != 1 || p.Delegates[0].ID != datatest.StockID {
		t.Fatalf("Stock under S in Germany: %+v (%v)", p, err)
	}
}
