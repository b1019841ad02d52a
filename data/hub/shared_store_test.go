package hub

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/pgtest"
)

// openSecond opens a second store and hub on f's store, as a second hub
// process on the same database would, and serves it.
func (f *fixture) openSecond(t *testing.T) (Store, *fixture) {
	t.Helper()
	s, err := OpenStore(context.Background(), f.where)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	h, err := New(context.Background(), s, Options{Now: f.clock.now, Logger: log.New(io.Discard, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h.Handler())
	t.Cleanup(srv.Close)
	g := *f
	g.store, g.hub, g.srv, g.url = s, h, nil, srv.URL
	return s, &g
}

// Two stores on one PostgreSQL database, used at once as two hub
// processes would: they agree on the epoch and on a setting made once,
// an install never goes back, every check-in pushed to both at once in
// different orders is stored once, and the gapless mark covers them all.
func TestTwoStoresOnOneDatabase(t *testing.T) {
	t.Run("postgres", func(t *testing.T) {
		f := newFixture(t)
		other, _ := f.openSecond(t)
		ctx := context.Background()
		if other.HubID() != f.store.HubID() {
			t.Fatalf("two epochs on one database: %s %s", other.HubID(), f.store.HubID())
		}
		stores := []Store{f.store, other}

		var wg sync.WaitGroup
		got := make([][]byte, 8)
		for i := range got {
			wg.Go(func() {
				v, err := stores[i%2].SettingOnce(ctx, "tls_key", fmt.Appendf(nil, "key-%d", i))
				if err != nil {
					t.Error(err)
				}
				got[i] = v
			})
		}
		wg.Wait()
		for _, v := range got {
			if string(v) != string(got[0]) {
				t.Fatalf("SettingOnce answered %q and %q", got[0], v)
			}
		}

		installed, _ := f.store.Bundle(ctx)
		for v := int64(2); v <= 9; v++ {
			wg.Go(func() {
				b := *installed
				b.Version = v
				if err := stores[v%2].InstallBundle(ctx, b); err != nil && !errors.Is(err, ErrNotNewer) {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if b, _ := other.Bundle(ctx); b.Version != 9 || len(b.KioskKeys) != 2 {
			t.Fatalf("after concurrent installs: version %d with %d kiosks, want 9 with 2", b.Version, len(b.KioskKeys))
		}

		f.push(f.a) // the hub has seen the kiosk
		const n, batch = 300, 20
		var list []data.CheckIn
		for range n {
			list = append(list, f.a.take(t, "D1"))
		}
		stored := make([]int, 2)
		for i, s := range stores {
			wg.Go(func() {
				// The first store goes forward, the second backward:
				// each waits on the other's numbers.
				for j := range n / batch {
					if i == 1 {
						j = n/batch - 1 - j
					}
					out, _, err := s.Ingest(ctx, f.a.id, list[j*batch:(j+1)*batch], time.Now())
					if err != nil {
						t.Error(err)
						return
					}
					for _, o := range out {
						switch o {
						case Stored:
							stored[i]++
						case Conflict:
							t.Errorf("a check-in stored by the other store is a conflict")
						}
					}
				}
			})
		}
		wg.Wait()
		k, err := other.Kiosk(ctx, f.a.id)
		if stored[0]+stored[1] != n || f.count() != n || err != nil || k.Gapless != n {
			t.Fatalf("stored %v, held %d, gapless mark %d (%v); want %d in all", stored, f.count(), k.Gapless, err, n)
		}

		// Numbers 1 and 2 of a kiosk stored by the two at the same moment:
		// the mark as the last commit left it is 2 (a later Ingest would
		// move it over what an earlier one missed, and hide the miss).
		for range 30 {
			k := newKiosk(t)
			one, two := k.take(t, "D1"), k.take(t, "D2")
			start := make(chan struct{})
			for i, c := range []data.CheckIn{one, two} {
				wg.Go(func() {
					<-start
					if _, _, err := stores[i].Ingest(ctx, f.a.id, []data.CheckIn{c}, time.Now()); err != nil {
						t.Error(err)
					}
				})
			}
			close(start)
			wg.Wait()
			page, err := f.store.Pull(ctx, PullQuery{EventID: testEvent, Limit: 1 << 20})
			if err != nil || page.Cursor[k.id] != 2 {
				t.Fatalf("numbers 1 and 2 stored at once: gapless mark %d (%v), want 2", page.Cursor[k.id], err)
			}
		}
	})
}

// A bundle installed through one hub process reaches the others within
// factsMaxAge: a kiosk it enrols syncs with every one of them.
func TestBundleInstalledElsewhereIsFollowed(t *testing.T) {
	t.Run("postgres", func(t *testing.T) {
		old := factsMaxAge
		factsMaxAge = 50 * time.Millisecond
		defer func() { factsMaxAge = old }()
		f := newFixture(t)
		_, g := f.openSecond(t)
		c := newKiosk(t)
		if _, err := f.hub.ImportBundle(context.Background(), f.bundle(2, f.a, f.b, c)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * factsMaxAge)
		if ans := g.push(c, c.take(t, "D1")); ans.Acked != 1 {
			t.Fatalf("the other hub acknowledged %d", ans.Acked)
		}
	})
}

// Hub processes started together on a new database with no set-up: one
// installs the demo event, and every one serves it.
func TestDemoInstalledOnceByHubsStartingTogether(t *testing.T) {
	t.Run("postgres", func(t *testing.T) {
		where := pgtest.NewStore(t)
		ctx := context.Background()
		hubs := make([]*Hub, 4)
		for i := range hubs {
			s, err := OpenStore(ctx, where)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			if hubs[i], err = New(ctx, s, Options{Logger: log.New(io.Discard, "", 0)}); err != nil {
				t.Fatal(err)
			}
		}
		var installs atomic.Int32
		var wg sync.WaitGroup
		for _, h := range hubs {
			wg.Go(func() {
				ok, err := h.InstallDemo(ctx)
				if err != nil {
					t.Error(err)
				}
				if ok {
					installs.Add(1)
				}
			})
		}
		wg.Wait()
		_, demo := publishedDemo()
		for i, h := range hubs {
			if h.EventID() != demo {
				t.Errorf("hub %d serves %q", i, h.EventID())
			}
		}
		if installs.Load() != 1 {
			t.Fatalf("%d hubs installed the demo, want 1", installs.Load())
		}
	})
}
