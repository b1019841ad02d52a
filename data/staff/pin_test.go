package staff

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"kiosk/data/demo"
	"kiosk/data/pinhash"
	"kiosk/data/store"
)

func pinStore(t *testing.T) (*PIN, *time.Time) {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	now := time.Date(2016, 11, 7, 9, 0, 0, 0, time.UTC)
	return &PIN{Store: s, Now: func() time.Time { return now }}, &now
}

func TestPINSetCheckAndLock(t *testing.T) {
	ctx := context.Background()
	p, now := pinStore(t)
	if set, _ := p.IsSet(ctx); set {
		t.Fatal("a new kiosk has a PIN")
	}
	if err := p.Set(ctx, "12a4"); err == nil {
		t.Fatal("a PIN with a letter was accepted")
	}
	if err := p.Set(ctx, "246810"); err != nil {
		t.Fatal(err)
	}
	if a, err := p.Check(ctx, "246810"); err != nil || !a.OK {
		t.Fatalf("right PIN: %+v %v", a, err)
	}
	for i := 1; i < MaxTries; i++ {
		a, err := p.Check(ctx, "000000")
		if err != nil || a.OK || a.TriesLeft != MaxTries-i {
			t.Fatalf("wrong PIN %d: %+v %v", i, a, err)
		}
	}
	a, err := p.Check(ctx, "000000")
	if !errors.Is(err, ErrLocked) || !a.LockedUntil.Equal(now.Add(LockFor)) {
		t.Fatalf("fifth wrong PIN: %+v %v", a, err)
	}
	// Locked: even the right PIN is refused, also after a restart.
	p2 := &PIN{Store: p.Store, Now: p.Now}
	if _, err := p2.Check(ctx, "246810"); !errors.Is(err, ErrLocked) {
		t.Fatalf("right PIN while locked: %v", err)
	}
	*now = now.Add(LockFor + time.Second)
	if a, err := p.Check(ctx, "246810"); err != nil || !a.OK {
		t.Fatalf("after the lock: %+v %v", a, err)
	}
}

func TestPINHashRoundTrip(t *testing.T) {
	h, err := pinhash.Hash("2016")
	if err != nil {
		t.Fatal(err)
	}
	if !pinhash.Matches(h, "2016") || pinhash.Matches(h, "2017") {
		t.Fatal("hash does not tell the PIN apart")
	}
	for _, bad := range []string{"", "2016", "argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA", "bcrypt$x"} {
		if pinhash.ValidHash(bad) == nil {
			t.Errorf("ValidHash(%q) accepted", bad)
		}
	}
}

func TestDemoPINMatchesItsHash(t *testing.T) {
	if !pinhash.Matches(demo.DemoPINHash, demo.DemoPIN) {
		t.Fatal("the demo bundle's PIN hash is not the hash of the published demo PIN")
	}
}
