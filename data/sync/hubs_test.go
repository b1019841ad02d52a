package sync

import (
	"net/http"
	"testing"
	"time"
)

// testHub is a hub the client tests run against, and what they ask of it.
type testHub struct {
	http.Handler
	count  func() int      // check-ins stored
	setNow func(time.Time) // the hub's clock
}

// startHub makes a new, empty hub whose clock reads venueNow.
func startHub(t *testing.T, hubID string) testHub {
	t.Helper()
	h := newStandIn(hubID)
	h.now = func() time.Time { return venueNow }
	return testHub{Handler: h, count: h.count, setNow: func(t time.Time) {
		h.mu.Lock()
		h.now = func() time.Time { return t }
		h.mu.Unlock()
	}}
}
