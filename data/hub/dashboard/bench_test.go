package dashboard

import (
	"context"
	"fmt"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/demo"
	"kiosk/data/hub"
)

// BenchmarkTally is the work behind one refresh of the page after new
// check-ins arrived: counting 50,000 check-ins of the demo event (830
// delegates, 190 countries, 67 sessions) and making the totals.
func BenchmarkTally(b *testing.B) {
	ev, err := demo.Generate(demo.Options{})
	if err != nil {
		b.Fatal(err)
	}
	loc, _ := ev.Event.Location()
	e := &event{data: ev, loc: loc, delegates: map[string]*data.Delegate{}, countries: map[string]data.Country{},
		sessions: map[string]data.Session{}, rooms: map[string]string{}, labels: map[string]string{}}
	for i := range ev.Delegates {
		e.delegates[ev.Delegates[i].ID] = &ev.Delegates[i]
	}
	for _, c := range ev.Countries {
		e.countries[c.Code] = c
	}
	for _, s := range ev.Sessions {
		e.sessions[s.ID] = s
	}
	list := make([]hub.HeldCheckIn, 50000)
	for i := range list {
		s := ev.Sessions[i%len(ev.Sessions)]
		c := data.CheckIn{ID: fmt.Sprintf("%032x", i), EventID: ev.Event.ID, KioskID: fmt.Sprintf("kiosk-%d", i%50), Seq: int64(i/50 + 1),
			DelegateID: ev.Delegates[i%len(ev.Delegates)].ID, Purpose: data.PurposeSession, SessionID: s.ID,
			ScannedAt: s.Start.Add(time.Duration(i) * time.Millisecond), Method: data.MethodScan}
		if s.Kind == data.KindPlenary {
			c.Purpose = data.PurposePlenary
		}
		if i%10 == 0 {
			c.Purpose, c.SessionID = data.PurposeArrival, ""
		}
		c.HLC = c.ScannedAt.UnixMilli() << 16
		list[i] = hub.HeldCheckIn{CheckIn: c}
	}
	now := ev.Sessions[10].Start
	b.ResetTimer()
	for range b.N {
		e.totals(count(e, list), now)
	}
	b.ReportMetric(float64(len(list))*float64(b.N)/b.Elapsed().Seconds(), "checkins/s")
}

// A hub with no event yet shows the kiosks it has seen and says how to
// install one; the downloads say there is nothing to download.
func TestNoEventYet(t *testing.T) {
	ctx := context.Background()
	s, err := hub.OpenSQLite(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h, err := hub.New(ctx, s, hub.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{t: t, store: s, hub: h}
	if r.dash, err = New(ctx, h, Options{}); err != nil {
		t.Fatal(err)
	}
	r.srv = httptestServer(t, h.HandlerWith(r.dash))
	r.setPassword()
	c := r.browser()
	if p := r.login(c, testPassword); p.status != 200 || !contains(p.body, "The hub has no event yet") {
		t.Fatalf("no event: %d %.300s", p.status, p.body)
	}
	if p := r.get(c, "/presence.csv"); p.status != 404 || !contains(p.body, "no event installed") {
		t.Fatalf("presence without an event: %d %s", p.status, p.body)
	}
}
