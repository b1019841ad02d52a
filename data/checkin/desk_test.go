package checkin

import (
	"context"
	"crypto/ed25519"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/checkincode"
	"kiosk/data/datatest"
	"kiosk/data/keys"
	"kiosk/data/store"
)

var venue, _ = time.LoadLocation("Asia/Makassar")

// rig is a desk on a real store with the fixture event, a trusted event
// key to issue badges with, and a settable clock.
type rig struct {
	t     *testing.T
	store *store.Store
	desk  *Desk
	priv  ed25519.PrivateKey
	now   time.Time
}

func newRig(t *testing.T, mutate func(*data.EventData)) *rig {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "kiosk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	d := datatest.Event()
	if mutate != nil {
		mutate(d)
	}
	if err := s.Install(ctx, d, datatest.Info(1), nil); err != nil {
		t.Fatal(err)
	}
	pub, priv, _ := keys.Generate()
	if err := s.Trust(ctx, pub, "test"); err != nil {
		t.Fatal(err)
	}
	r := &rig{t: t, store: s, priv: priv, now: time.Date(2016, 11, 7, 9, 30, 0, 0, venue)}
	r.desk = New(s, func() time.Time { return r.now })
	return r
}

func (r *rig) badge(delegate string, serial uint32) string {
	r.t.Helper()
	return r.badgeWith(r.priv, "test-event", delegate, serial)
}

func (r *rig) badgeWith(priv ed25519.PrivateKey, event, delegate string, serial uint32) string {
	r.t.Helper()
	tok, err := badge.Issue(priv, badge.Claims{EventID: event, DelegateID: delegate, Serial: serial,
		ValidFrom:  time.Date(2016, 11, 6, 0, 0, 0, 0, venue),
		ValidUntil: time.Date(2016, 11, 11, 0, 0, 0, 0, venue)})
	if err != nil {
		r.t.Fatal(err)
	}
	return tok
}

func (r *rig) scan(raw string) Outcome {
	r.t.Helper()
	o, err := r.desk.Scan(context.Background(), raw, data.MethodScan)
	if err != nil {
		r.t.Fatal(err)
	}
	return o
}

func (r *rig) count() int {
	n, _, err := r.store.CheckInCount(context.Background())
	if err != nil {
		r.t.Fatal(err)
	}
	return n
}

func TestWelcomeRecordsDurablyAndSignsACode(t *testing.T) {
	r := newRig(t, nil)
	o := r.scan(r.badge(datatest.StockID, 1))
	if o.Status != Welcome || o.Name != "Dr Jürgen Stock" || o.Country != "Germany" || o.What != "Arrival at the venue" {
		t.Fatalf("outcome %+v", o)
	}
	total, queued, _ := r.store.CheckInCount(context.Background())
	if total != 1 || queued != 1 {
		t.Fatalf("stored %d, queued %d; want 1 and 1", total, queued)
	}
	if o.CheckIn.Seq != 1 || o.CheckIn.Method != data.MethodScan || o.CheckIn.ClockSuspect {
		t.Fatalf("check-in %+v", o.CheckIn)
	}
	id, pub, _ := r.desk.Identity(context.Background())
	v := checkincode.Verifier{EventID: "test-event", Kiosks: []data.KioskKey{{KioskID: id, PublicKey: pub}}}
	code, err := r.desk.Code(context.Background(), o.CheckIn)
	if err != nil {
		t.Fatal(err)
	}
	got, err := v.Verify(code)
	if err != nil || got.ID != o.CheckIn.ID || got.DelegateID != datatest.StockID {
		t.Fatalf("check-in code: %+v %v", got, err)
	}
}

func TestSecondScanIsAlreadyAndRecordsNothing(t *testing.T) {
	r := newRig(t, nil)
	first := r.scan(r.badge(datatest.StockID, 1))
	r.now = r.now.Add(2 * time.Hour)
	o := r.scan(r.badge(datatest.StockID, 1))
	if o.Status != Already || o.CheckIn.ID != first.CheckIn.ID {
		t.Fatalf("second scan: %+v", o)
	}
	if !strings.Contains(o.Detail, "at this kiosk") || !strings.Contains(o.Detail, "Mon 7 Nov at 09:30") {
		t.Fatalf("detail does not say where and when: %q", o.Detail)
	}
	if r.count() != 1 {
		t.Fatalf("%d check-ins stored, want 1", r.count())
	}
	// Arrival counts once a day: the next morning is a new arrival.
	r.now = time.Date(2016, 11, 8, 8, 0, 0, 0, venue)
	if o := r.scan(r.badge(datatest.StockID, 1)); o.Status != Welcome || o.CheckIn.Seq != 2 {
		t.Fatalf("next day: %+v", o)
	}
}

func TestUnlistedDelegateIsWelcomedWithoutName(t *testing.T) {
	r := newRig(t, nil)
	o := r.scan(r.badge(datatest.HiddenID, 4))
	if o.Status != Welcome || o.Name != "" || o.Country != "" {
		t.Fatalf("a delegate who did not consent to be listed had their name on screen: %+v", o)
	}
}

func TestRefusals(t *testing.T) {
	_, stranger, _ := keys.Generate()
	r := newRig(t, func(d *data.EventData) {
		d.Revoked = []data.Revocation{{Serial: 66, Reason: "lost"}}
	})
	issue := func(from, until time.Time) string {
		tok, err := badge.Issue(r.priv, badge.Claims{EventID: "test-event", DelegateID: datatest.StockID, Serial: 1,
			ValidFrom: from, ValidUntil: until})
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	tests := []struct {
		name string
		raw  string
		want Reason
		text string
	}{
		{"forged", r.badgeWith(stranger, "test-event", datatest.StockID, 1), ReasonNotGenuine, "not genuine"},
		{"revoked", r.badge(datatest.StockID, 66), ReasonRevoked, "withdrawn"},
		{"not yet valid", issue(time.Date(2016, 11, 8, 0, 0, 0, 0, venue), time.Date(2016, 11, 9, 0, 0, 0, 0, venue)), ReasonNotYetValid, "not valid yet"},
		{"expired", issue(time.Date(2016, 11, 1, 0, 0, 0, 0, venue), time.Date(2016, 11, 2, 0, 0, 0, 0, venue)), ReasonExpired, "expired"},
		{"another event", r.badgeWith(r.priv, "another-event", datatest.StockID, 1), ReasonOtherEvent, "another event"},
		{"layout mismatch", "KBéàé-)Dààà&é\"", ReasonLayoutMismatch, "keyboard layout"},
		{"not a badge", "https://example.org/ticket/1", ReasonNotABadge, "not a badge"},
		{"unknown delegate", r.badge("D999", 1), ReasonUnknownDelegate, "not in this kiosk's list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := r.scan(tt.raw)
			if o.Status != Refused || o.Reason != tt.want || !strings.Contains(o.Detail, tt.text) {
				t.Fatalf("got %+v, want refusal %s mentioning %q", o, tt.want, tt.text)
			}
			if o.Name != "" {
				t.Fatalf("a refused badge put a name on screen: %q", o.Name)
			}
		})
	}
	if r.count() != 0 {
		t.Fatalf("refused scans recorded %d check-ins", r.count())
	}
}

func TestCapsLockIsRepaired(t *testing.T) {
	r := newRig(t, nil)
	o := r.scan(strings.ToLower(r.badge(datatest.StockID, 1)))
	if o.Status != Welcome || o.Repaired == "" {
		t.Fatalf("lower-case scan: %+v", o)
	}
}

func TestSessionKioskChecksInToTheSessionInItsRoom(t *testing.T) {
	r := newRig(t, nil)
	ctx := context.Background()
	if err := r.desk.SetConfig(ctx, Config{Purpose: data.PurposeSession, RoomID: "R2"}); err != nil {
		t.Fatal(err)
	}
	r.now = time.Date(2016, 11, 7, 10, 45, 0, 0, venue) // 15 minutes before the cyber session
	o := r.scan(r.badge(datatest.StockID, 1))
	if o.Status != Welcome || o.CheckIn.SessionID != datatest.CyberID || o.What != "Cybercrime: threats ahead" {
		t.Fatalf("session check-in: %+v", o)
	}
	r.now = time.Date(2016, 11, 7, 15, 0, 0, 0, venue)
	if o := r.scan(r.badge(datatest.PastikaID, 2)); o.Status != Refused || o.Reason != ReasonNoSession ||
		!strings.Contains(o.Detail, "Kintamani Room") {
		t.Fatalf("no session: %+v", o)
	}
	if err := r.desk.SetConfig(ctx, Config{Purpose: data.PurposeSession}); err == nil {
		t.Fatal("a session kiosk without a room was accepted")
	}
	if err := r.desk.SetConfig(ctx, Config{Purpose: data.PurposeSession, RoomID: "nowhere"}); err == nil {
		t.Fatal("an unknown room was accepted")
	}
}

func TestPlenaryCheckInMakesTheCountryPresent(t *testing.T) {
	r := newRig(t, nil)
	if err := r.desk.SetConfig(context.Background(), Config{Purpose: data.PurposePlenary, RoomID: datatest.PlenaryRoom}); err != nil {
		t.Fatal(err)
	}
	o := r.scan(r.badge(datatest.StockID, 1))
	if o.Status != Welcome || o.CheckIn.SessionID != datatest.OpeningID || o.Present != 1 || o.Members != 5 {
		t.Fatalf("plenary: %+v", o)
	}
	o = r.scan(r.badge(datatest.HiddenID, 4)) // same country: still one country present
	if o.Present != 1 {
		t.Fatalf("second German delegate: %d countries present", o.Present)
	}
	o = r.scan(r.badge(datatest.KouassiID, 3))
	if o.Present != 2 {
		t.Fatalf("after Côte d'Ivoire: %d countries present", o.Present)
	}
	r.now = time.Date(2016, 11, 7, 10, 40, 0, 0, venue) // the coffee break is no plenary
	if o := r.scan(r.badge(datatest.NguyenID, 5)); o.Reason != ReasonNoSession {
		t.Fatalf("during a break: %+v", o)
	}
}

func TestClockBeforeTheBundleIsFlagged(t *testing.T) {
	r := newRig(t, nil)
	r.now = time.Date(2016, 9, 1, 9, 0, 0, 0, venue) // bundle made 1 Oct 2016
	tok, _ := badge.Issue(r.priv, badge.Claims{EventID: "test-event", DelegateID: datatest.StockID, Serial: 1,
		ValidFrom: time.Date(2016, 8, 1, 0, 0, 0, 0, venue), ValidUntil: time.Date(2016, 12, 1, 0, 0, 0, 0, venue)})
	o := r.scan(tok)
	if o.Status != Welcome || !o.CheckIn.ClockSuspect {
		t.Fatalf("check-in with a clock before the bundle: %+v", o.CheckIn)
	}
}

func TestCheckInCodesTravelBetweenKiosks(t *testing.T) {
	a := newRig(t, nil)
	o := a.scan(a.badge(datatest.StockID, 1))
	idA, pubA, _ := a.desk.Identity(context.Background())
	code, err := a.desk.Code(context.Background(), o.CheckIn)
	if err != nil {
		t.Fatal(err)
	}

	// Kiosk B knows kiosk A from its bundle.
	b := newRig(t, func(d *data.EventData) {
		d.KioskKeys = []data.KioskKey{{KioskID: idA, PublicKey: pubA}}
	})
	got := b.scan(code)
	if got.Status != Received || got.CheckIn.ID != o.CheckIn.ID || got.Name != "Dr Jürgen Stock" {
		t.Fatalf("kiosk B took the code as %+v", got)
	}
	again := b.scan(code)
	if again.Status != Received || !strings.Contains(again.Detail, "already had") || b.count() != 1 {
		t.Fatalf("second delivery: %+v, %d stored", again, b.count())
	}
	// Now the delegate scans their badge at B: already checked in, at A.
	dup := b.scan(b.badge(datatest.StockID, 1))
	if dup.Status != Already || !strings.Contains(dup.Detail, "at "+idA) {
		t.Fatalf("badge at B after A's code: %+v", dup)
	}
	// B shows A's code again, with A's signature.
	if again, err := b.desk.Code(context.Background(), dup.CheckIn); err != nil || again != code {
		t.Fatalf("B's copy of A's code differs: %v", err)
	}
	// Kiosk C does not know A.
	c := newRig(t, nil)
	if r := c.scan(code); r.Status != Refused || r.Reason != ReasonCodeUnknown {
		t.Fatalf("unknown kiosk's code: %+v", r)
	}
	if r := c.scan(code[:len(code)-4]); r.Reason != ReasonCodeNotGenuine && r.Reason != ReasonCodeUnknown {
		t.Fatalf("cut code: %+v", r)
	}
}
