package myday

import (
	"context"
	"crypto/ed25519"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/checkin"
	"kiosk/data/datatest"
	"kiosk/data/keys"
	"kiosk/data/store"
)

var venue, _ = time.LoadLocation("Asia/Makassar")

func TestOpenRule(t *testing.T) {
	regions := []string{"Africa", "Europe", "Middle East and North Africa", "Asia and South Pacific"}
	at := func(kind data.SessionKind, title string) data.Session { return data.Session{Kind: kind, Title: title} }
	for _, c := range []struct {
		s      data.Session
		role   data.Role
		region string
		want   bool
	}{
		{at(data.KindElection, "Election of the President"), data.RoleHead, "Europe", true},
		{at(data.KindElection, "Election of the President"), data.RoleDelegate, "Europe", true},
		{at(data.KindElection, "Election of the President"), data.RoleObserver, "Europe", false},
		{at(data.KindElection, "Election of the President"), data.RoleSpeaker, "Europe", false},
		{at(data.KindRegional, "Regional meeting: Africa"), data.RoleObserver, "Africa", true},
		{at(data.KindRegional, "Regional meeting: Africa"), data.RoleHead, "Europe", false},
		{at(data.KindRegional, "Regional meeting: Middle East and North Africa"), data.RoleHead, "Africa", false},
		{at(data.KindRegional, "Regional meeting: Middle East and North Africa"), data.RoleHead, "Middle East and North Africa", true},
		{at(data.KindRegional, "Working group: ASIA AND SOUTH PACIFIC maritime"), data.RoleHead, "Asia and South Pacific", true},
		{at(data.KindRegional, "Inter-regional exchange"), data.RoleHead, "", true},
		{at(data.KindRegional, "Regional meeting: Europe"), data.RoleHead, "", false},
		{at(data.KindPlenary, "Cybercrime"), data.RoleObserver, "", true},
		{at(data.KindBreak, "Coffee"), data.RoleSpeaker, "", true},
	} {
		if got := Open(c.s, c.role, c.region, regions); got != c.want {
			t.Errorf("%s %q for a %s from %q: %v, want %v", c.s.Kind, c.s.Title, c.role, c.region, got, c.want)
		}
	}
}

type rig struct {
	t     *testing.T
	store *store.Store
	svc   *Service
	priv  ed25519.PrivateKey
	now   time.Time
}

func newRig(t *testing.T) *rig {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "kiosk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	d := datatest.Event()
	at := func(day, hour int) time.Time { return time.Date(2016, 11, day, hour, 0, 0, 0, venue) }
	d.Sessions = append(d.Sessions,
		data.Session{ID: "RA", Title: "Regional meeting: Africa", Start: at(7, 14), End: at(7, 15), RoomID: "R2", Kind: data.KindRegional},
		data.Session{ID: "RE", Title: "Regional meeting: Europe", Start: at(7, 14), End: at(7, 15), RoomID: datatest.PlenaryRoom, Kind: data.KindRegional},
		data.Session{ID: "EL", Title: "Election of the Vice-President", Start: at(7, 16), End: at(7, 17), RoomID: datatest.PlenaryRoom, Kind: data.KindElection},
	)
	if err := s.Install(ctx, d, datatest.Info(1), nil); err != nil {
		t.Fatal(err)
	}
	pub, priv, _ := keys.Generate()
	if err := s.Trust(ctx, pub, "test"); err != nil {
		t.Fatal(err)
	}
	r := &rig{t: t, store: s, priv: priv, now: time.Date(2016, 11, 7, 9, 30, 0, 0, venue)}
	clock := func() time.Time { return r.now }
	r.svc = New(checkin.New(s, clock), s, clock)
	return r
}

func (r *rig) badge(delegate string) string {
	r.t.Helper()
	tok, err := badge.Issue(r.priv, badge.Claims{EventID: "test-event", DelegateID: delegate, Serial: 1,
		ValidFrom: time.Date(2016, 11, 1, 0, 0, 0, 0, venue), ValidUntil: time.Date(2016, 11, 12, 0, 0, 0, 0, venue)})
	if err != nil {
		r.t.Fatal(err)
	}
	return tok
}

func (r *rig) plan(raw string) Plan {
	r.t.Helper()
	before := r.count()
	p, err := r.svc.Plan(context.Background(), raw)
	if err != nil {
		r.t.Fatal(err)
	}
	if after := r.count(); after != before {
		r.t.Fatalf("My day recorded %d check-ins", after-before)
	}
	return p
}

func (r *rig) count() int {
	n, _, err := r.store.CheckInCount(context.Background())
	if err != nil {
		r.t.Fatal(err)
	}
	return n
}

func ids(p Plan) []string {
	var out []string
	for _, s := range p.Sessions {
		out = append(out, s.ID)
	}
	return out
}

func TestPlanByBadge(t *testing.T) {
	r := newRig(t)
	// Kouassi: head of the delegation of Côte d'Ivoire, in Africa.
	p := r.plan(r.badge(datatest.KouassiID))
	if p.Refused != nil {
		t.Fatalf("refused: %+v", p.Refused)
	}
	want := []string{datatest.OpeningID, "S4", datatest.CyberID, "RA", "EL"}
	if got := ids(p); !slices.Equal(got, want) {
		t.Fatalf("Kouassi's day %v, want %v", got, want)
	}
	if p.Name != "Commissioner Aya Marie Kouassi" || p.Country != "Côte d'Ivoire" || p.Day.Date != "2016-11-07" {
		t.Fatalf("plan %+v", p)
	}
	// Stock: a speaker from Germany (Europe): the European meeting, no vote.
	p = r.plan(r.badge(datatest.StockID))
	if got, want := ids(p), []string{datatest.OpeningID, "S4", datatest.CyberID, "RE"}; !slices.Equal(got, want) {
		t.Fatalf("Stock's day %v, want %v", got, want)
	}
	// A delegate who is not listed sees their day, but not their name.
	p = r.plan(r.badge(datatest.HiddenID))
	if p.Name != "" || p.Country != "" || len(p.Sessions) == 0 {
		t.Fatalf("unlisted delegate's plan %+v", p)
	}
	// Scanning twice records nothing either.
	r.plan(r.badge(datatest.KouassiID))
}

func TestPlanRefusesWhatIsNotABadge(t *testing.T) {
	r := newRig(t)
	_, stranger, _ := keys.Generate()
	forged, _ := badge.Issue(stranger, badge.Claims{EventID: "test-event", DelegateID: datatest.StockID, Serial: 1,
		ValidFrom: time.Date(2016, 11, 6, 0, 0, 0, 0, venue), ValidUntil: time.Date(2016, 11, 11, 0, 0, 0, 0, venue)})
	for raw, reason := range map[string]checkin.Reason{
		forged:                    checkin.ReasonNotGenuine,
		"hello world, not a code": checkin.ReasonNotABadge,
		r.badge("NOBODY"):         checkin.ReasonUnknownDelegate,
	} {
		p := r.plan(raw)
		if p.Refused == nil || p.Refused.Reason != reason || len(p.Sessions) != 0 || p.Name != "" {
			t.Errorf("%.20s…: plan %+v, want refused for %s", raw, p, reason)
		}
	}
}

func TestPlanDay(t *testing.T) {
	r := newRig(t)
	r.now = time.Date(2016, 11, 1, 12, 0, 0, 0, venue) // before the event: its first day
	if p := r.plan(r.badge(datatest.KouassiID)); p.Day.Date != "2016-11-07" || len(p.Sessions) == 0 {
		t.Fatalf("before the event: %+v", p)
	}
	r.now = time.Date(2016, 11, 10, 12, 0, 0, 0, venue) // last day: the election of the President
	if p := r.plan(r.badge(datatest.KouassiID)); !slices.Equal(ids(p), []string{datatest.ElectionID}) {
		t.Fatalf("last day: %v", ids(p))
	}
	if p := r.plan(r.badge(datatest.StockID)); len(p.Sessions) != 0 {
		t.Fatalf("a speaker's last day holds the election: %v", ids(p))
	}
	r.now = time.Date(2016, 11, 10, 23, 59, 0, 0, venue).Add(2 * time.Minute) // after it
	if p := r.plan(r.badge(datatest.KouassiID)); !p.Ended || len(p.Sessions) != 0 {
		t.Fatalf("after the event: %+v", p)
	}
}
