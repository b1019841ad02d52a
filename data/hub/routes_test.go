package hub

import (
	"encoding/json"
	"kiosk/data/pgtest"
	"net/http"
	"sync"
	"testing"

	"kiosk/data"
	"kiosk/data/syncproto"
)

func TestHealthAndRoutes(t *testing.T) { pgtest.Each(t, testHealthAndRoutes) }

func testHealthAndRoutes(t *testing.T) {
	f := newFixture(t)
	resp, err := http.Get(f.srv.URL + syncproto.PathHealth)
	if err != nil {
		t.Fatal(err)
	}
	var h syncproto.HealthResponse
	err = json.NewDecoder(resp.Body).Decode(&h)
	resp.Body.Close()
	if err != nil || !h.OK || h.HubID != f.store.HubID() || h.EventID != testEvent || h.BundleVersion != 1 || h.HubTime == 0 {
		t.Fatalf("health %+v, %v", h, err)
	}
	if _, ok := syncproto.HubTime(resp.Header); !ok {
		t.Fatal("health answer without X-Hub-Time")
	}
	refusedWith(t, f.call(f.a, "GET", syncproto.PathPush, nil), http.StatusMethodNotAllowed, syncproto.CodeMalformed)
	refusedWith(t, f.call(f.a, "POST", "/v1/nothing", nil), http.StatusNotFound, syncproto.CodeNotFound)
}

// Kiosks relaying one another's check-ins push the same ones at once:
// each is stored exactly once, and every answer counts it as success.
func TestConcurrentOverlappingPushes(t *testing.T) { pgtest.Each(t, testConcurrentOverlappingPushes) }

func testConcurrentOverlappingPushes(t *testing.T) {
	f := newFixture(t)
	var list []data.CheckIn
	for range 60 {
		list = append(list, f.a.take(t, "D1"))
	}
	var wg sync.WaitGroup
	answers := make([]syncproto.PushResponse, 6)
	for i := range answers {
		pusher := f.a
		if i%2 == 1 {
			pusher = f.b
		}
		wg.Go(func() {
			// Each pusher sends the list from a different starting point.
			rot := append(append([]data.CheckIn{}, list[i*10:]...), list[:i*10]...)
			answers[i] = f.push(pusher, rot...)
		})
	}
	wg.Wait()
	stored := 0
	for _, ans := range answers {
		for _, r := range ans.Results {
			switch r.Status {
			case syncproto.StatusStored:
				stored++
			case syncproto.StatusDuplicate:
			default:
				t.Fatalf("%+v", r)
			}
		}
	}
	if stored != len(list) || f.count() != int64(len(list)) {
		t.Fatalf("%d stored answers, %d held; want %d", stored, f.count(), len(list))
	}
	if k, _ := f.store.Kiosk(t.Context(), f.a.id); k.Gapless != 60 {
		t.Fatalf("a's mark %d, want 60", k.Gapless)
	}
}
