package checkin

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/datatest"
	"kiosk/data/demo"
	"kiosk/data/store"
)

// relayedPlenary is another kiosk's plenary check-in, as its check-in
// code, its export or the hub carries it.
// kioskNamed is the kiosk id of a test kiosk called name: a kiosk id has
// the form of one made from a key (keys.KioskID).
func kioskNamed(name string) string {
	sum := sha256.Sum256([]byte(name))
	return "kiosk-" + hex.EncodeToString(sum[:4])
}

func relayedPlenary(kiosk string, seq int64, delegate, session string, at time.Time) data.CheckIn {
	var id [16]byte
	rand.Read(id[:])
	at = at.UTC().Truncate(time.Millisecond)
	return data.CheckIn{ID: hex.EncodeToString(id[:]), EventID: "test-event", KioskID: kioskNamed(kiosk), Seq: seq,
		DelegateID: delegate, BadgeSerial: 1, Purpose: data.PurposePlenary, SessionID: session, RoomID: datatest.PlenaryRoom,
		ScannedAt: at, HLC: at.UnixMilli() << 16, Method: data.MethodScan}
}

func (r *rig) board() Board {
	r.t.Helper()
	b, err := r.desk.Board(context.Background())
	if err != nil {
		r.t.Fatal(err)
	}
	return b
}

func (r *rig) relay(origin data.Origin, cs ...data.CheckIn) {
	r.t.Helper()
	key, err := r.desk.PurposeKey(context.Background())
	if err != nil {
		r.t.Fatal(err)
	}
	in, err := r.store.AddCheckIns(context.Background(), cs, key, origin)
	if err != nil || len(in.Refused) > 0 {
		r.t.Fatalf("relaying: %v %v", err, in.Refused)
	}
}

func names(cs []data.Country) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

// The board counts a member country once it has one delegate checked in
// to the plenary, whoever took the check-in (this kiosk, another kiosk's
// code or export, the hub), each delegate and each country once, and
// judges the quorum by the bundle's rule.
func TestBoardCountsEveryOriginOnceByTheBundlesRule(t *testing.T) {
	r := newRig(t, func(d *data.EventData) { d.Event.Quorum = "4/5" })
	ctx := context.Background()

	// Before any plenary check-in, at 9:30 the opening ceremony runs, but
	// it counts no countries: the board shows the next plenary.
	b := r.board()
	if !b.Found || b.Plenary.ID != datatest.CyberID || b.Running || b.Presence.Present != 0 ||
		b.Presence.Members != 5 || b.Presence.Needed() != 4 || b.Presence.Reached() {
		t.Fatalf("empty board: %+v", b)
	}

	// A board kiosk takes plenary check-ins in its room: the ceremony
	// becomes the plenary followed, running now.
	if err := r.desk.SetConfig(ctx, Config{Purpose: data.PurposeBoard, RoomID: datatest.PlenaryRoom}); err != nil {
		t.Fatal(err)
	}
	o := r.scan(r.badge(datatest.StockID, 1))
	if o.Status != Welcome || o.CheckIn.Purpose != data.PurposePlenary || o.CheckIn.SessionID != datatest.OpeningID {
		t.Fatalf("scan at the board: %+v", o)
	}
	b = r.board()
	if b.Plenary.ID != datatest.OpeningID || !b.Running || b.Presence.Present != 1 ||
		!slices.Equal(names(b.Countries), []string{"Germany"}) {
		t.Fatalf("after one scan here: %+v", b)
	}

	at := time.Date(2016, 11, 7, 9, 20, 0, 0, venue)
	// Stock again, from another kiosk that was offline (its export), and
	// a second German delegate through a check-in code: still one country.
	r.relay(data.OriginExport, relayedPlenary("north", 1, datatest.StockID, datatest.OpeningID, at))
	r.relay(data.OriginCode, relayedPlenary("north", 2, datatest.HiddenID, datatest.OpeningID, at.Add(time.Second)))
	if b = r.board(); b.Presence.Present != 1 {
		t.Fatalf("one country counted %d times", b.Presence.Present)
	}
	// Two more countries from the hub, and a check-in for another plenary
	// that must not count here.
	r.relay(data.OriginHub,
		relayedPlenary("south", 1, datatest.KouassiID, datatest.OpeningID, at),
		relayedPlenary("south", 2, datatest.NguyenID, datatest.OpeningID, at.Add(time.Minute)),
		relayedPlenary("south", 3, "D6", datatest.CyberID, time.Date(2016, 11, 7, 8, 0, 0, 0, venue)))
	b = r.board()
	want := []string{"Côte d'Ivoire", "Germany", "Viet Nam"}
	if b.Plenary.ID != datatest.OpeningID || b.Presence.Present != 3 || !slices.Equal(names(b.Countries), want) {
		t.Fatalf("after relayed check-ins: %+v, countries %v", b.Presence, names(b.Countries))
	}
	if b.Presence.Reached() || b.Presence.Missing() != 1 {
		t.Fatalf("3 of 5 with a 4/5 rule: reached %v, missing %d", b.Presence.Reached(), b.Presence.Missing())
	}
	r.scan(r.badge(datatest.PastikaID, 2))
	if b = r.board(); b.Presence.Present != 4 || !b.Presence.Reached() || b.Presence.Missing() != 0 {
		t.Fatalf("4 of 5 with a 4/5 rule: %+v", b.Presence)
	}

	// During the break the board stays on the plenary last checked in to.
	r.now = time.Date(2016, 11, 7, 10, 45, 0, 0, venue)
	if b = r.board(); b.Plenary.ID != datatest.OpeningID || b.Running {
		t.Fatalf("during the break: %+v", b)
	}
	// Once the next plenary runs, the board follows it, with its own count.
	r.now = time.Date(2016, 11, 7, 11, 5, 0, 0, venue)
	if b = r.board(); b.Plenary.ID != datatest.CyberID || !b.Running || !slices.Equal(names(b.Countries), []string{"Iceland"}) {
		t.Fatalf("during the next plenary: %+v", b)
	}
}

// Without a rule in the bundle the quorum is a simple majority.
func TestBoardDefaultsToASimpleMajority(t *testing.T) {
	r := newRig(t, nil)
	if b := r.board(); b.Presence.Needed() != 3 || b.Presence.Rule.String() != "simple majority" {
		t.Fatalf("default rule: %+v needs %d", b.Presence, b.Presence.Needed())
	}
}

// A board kiosk stands in a room, as a plenary kiosk does; an unknown
// purpose is refused with its name.
func TestBoardConfig(t *testing.T) {
	r := newRig(t, nil)
	ctx := context.Background()
	if err := r.desk.SetConfig(ctx, Config{Purpose: data.PurposeBoard}); err == nil {
		t.Fatal("a board without a room was accepted")
	}
	if err := r.desk.SetConfig(ctx, Config{Purpose: "scoreboard", RoomID: datatest.PlenaryRoom}); err == nil {
		t.Fatal("an unknown purpose was accepted")
	}
	if err := r.desk.SetConfig(ctx, Config{Purpose: data.PurposeBoard, RoomID: datatest.PlenaryRoom}); err != nil {
		t.Fatal(err)
	}
	if c, err := r.desk.Config(ctx); err != nil || c.Purpose != data.PurposeBoard || c.RoomName != "Plenary Hall" {
		t.Fatalf("config read back: %+v %v", c, err)
	}
}

// BenchmarkBoard is one reading of the presence board, which a board
// kiosk makes every second, at a kiosk holding 100,000 delegates, 2,000
// sessions and 60,000 check-ins: 20,000 plenary check-ins for the
// plenary running (from every member country) and 40,000 arrivals.
func BenchmarkBoard(b *testing.B) {
	ctx := context.Background()
	d, err := demo.Generate(demo.Options{Delegates: 100_000, Sessions: 2_000})
	if err != nil {
		b.Fatal(err)
	}
	s, err := store.Open(ctx, filepath.Join(b.TempDir(), "kiosk.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.Install(ctx, d, data.BundleInfo{EventID: d.Event.ID, Version: 1,
		Created: time.Date(2016, 10, 1, 0, 0, 0, 0, time.UTC)}, nil); err != nil {
		b.Fatal(err)
	}
	loc, _ := d.Event.Location()
	now := time.Date(2016, 11, 8, 10, 50, 0, 0, loc)
	var plenary data.Session
	for _, x := range d.Sessions {
		if x.Kind.CountsCountries() && x.Running(now) {
			plenary = x
		}
	}
	if plenary.ID == "" {
		b.Fatal("no plenary running at", now)
	}
	desk := New(s, func() time.Time { return now })
	key, err := desk.PurposeKey(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var cs []data.CheckIn
	for i := range 60_000 {
		c := relayedPlenary("bench", int64(i+1), d.Delegates[i].ID, plenary.ID, plenary.Start.Add(time.Duration(i)*time.Millisecond))
		c.EventID = d.Event.ID
		if i >= 20_000 {
			c.Purpose, c.SessionID = data.PurposeArrival, ""
		}
		cs = append(cs, c)
	}
	if in, err := s.AddCheckIns(ctx, cs, key, data.OriginHub); err != nil || len(in.Refused) > 0 {
		b.Fatalf("%v %v", err, len(in.Refused))
	}
	var present int
	runtime.GC() // the setup's garbage is not the board's
	for b.Loop() {
		board, err := desk.Board(ctx)
		if err != nil {
			b.Fatal(err)
		}
		present = board.Presence.Present
	}
	b.ReportMetric(float64(present), "countries")
}
