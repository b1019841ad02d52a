package store

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"kiosk/data"
)

// Wrong PINs typed at once (two windows, a test driver and a person) all
// count: the count is read and written in one transaction.
func TestRecordPINFailureCountsEveryFailure(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	now := time.Date(2016, 11, 7, 9, 0, 0, 0, time.UTC)
	noLock := func(int) time.Duration { return 0 }
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				if _, err := s.RecordPINFailure(ctx, now, noLock); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	g, err := s.PINGuard(ctx)
	if err != nil || g.Failures != 40 || !g.LockedUntil.IsZero() {
		t.Fatalf("after 40 failures: %+v %v", g, err)
	}
	g, err = s.RecordPINFailure(ctx, now, func(n int) time.Duration { return time.Duration(n) * time.Minute })
	if err != nil || g.Failures != 41 || !g.LockedUntil.Equal(now.Add(41*time.Minute)) {
		t.Fatalf("41st failure: %+v %v", g, err)
	}
	if err := s.SetPINGuard(ctx, PINGuard{}); err != nil {
		t.Fatal(err)
	}
	if g, err := s.PINGuard(ctx); err != nil || g.Failures != 0 || !g.LockedUntil.IsZero() {
		t.Fatalf("after clearing: %+v %v", g, err)
	}
}

func TestSettingsRefuseValuesTheKioskNeverWrites(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ key, value string }{
		{metaPINFailures, "four"}, {metaPINFailures, "-1"}, {metaPINLocked, "1e9"}, {metaLastExport, "yesterday"},
	} {
		s := openTest(t)
		if err := s.setMeta(ctx, c.key, c.value); err != nil {
			t.Fatal(err)
		}
		var err error
		if c.key == metaLastExport {
			_, err = s.LastExport(ctx)
		} else {
			_, err = s.PINGuard(ctx)
		}
		if !errors.Is(err, ErrBadSetting) {
			t.Errorf("%s = %q: got %v, want ErrBadSetting", c.key, c.value, err)
		}
	}
}

func TestExportMarkNeverMovesBack(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if last, err := s.LastExport(ctx); err != nil || !last.IsZero() {
		t.Fatalf("never exported: %v %v", last, err)
	}
	t1 := time.UnixMilli(1478509200123)
	if err := s.MarkExported(ctx, t1); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkExported(ctx, t1.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if last, err := s.LastExport(ctx); err != nil || !last.Equal(t1) {
		t.Fatalf("last export %v %v, want %v", last, err, t1)
	}
}

func TestDeskSettingIsStoredWhole(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if d, err := s.DeskSetting(ctx); err != nil || d != (DeskSetting{}) {
		t.Fatalf("never set: %+v %v", d, err)
	}
	want := DeskSetting{Purpose: data.PurposeSession, RoomID: "badung"}
	if err := s.SetDeskSetting(ctx, want); err != nil {
		t.Fatal(err)
	}
	if d, err := s.DeskSetting(ctx); err != nil || d != want {
		t.Fatalf("got %+v %v, want %+v", d, err, want)
	}
}
