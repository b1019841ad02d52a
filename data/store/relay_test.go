package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"math"
	"path/filepath"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/datatest"
)

var relayNow = time.Date(2016, 11, 8, 2, 15, 0, 0, time.UTC)

// relayStore is an installed store whose clock reads relayNow.
func relayStore(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "kiosk.db"), WithClock(func() time.Time { return relayNow }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Install(ctx, datatest.Event(), datatest.Info(1), nil); err != nil {
		t.Fatal(err)
	}
	return s
}

// relayed is a check-in as another kiosk's export or code carries it.
func relayed(kioskID string, seq int64, delegate string) data.CheckIn {
	var id [16]byte
	rand.Read(id[:])
	at := relayNow.Add(-time.Duration(seq) * time.Second)
	return data.CheckIn{ID: hex.EncodeToString(id[:]), EventID: "test-event", KioskID: kioskID, Seq: seq,
		DelegateID: delegate, BadgeSerial: 1, Purpose: data.PurposeArrival, ScannedAt: at,
		HLC: at.UnixMilli() << 16, Method: data.MethodScan}
}

func utcPurposeKey(c data.CheckIn) string {
	return PurposeKey(c.EventID, c.Purpose, c.SessionID, c.ScannedAt.UTC().Format(data.DateLayout))
}

func (s *Store) recordHere(t *testing.T, delegate string) data.CheckIn {
	t.Helper()
	rec, _, err := s.RecordCheckIn(context.Background(), NewCheckIn{EventID: "test-event", DelegateID: delegate,
		BadgeSerial: 1, Purpose: data.PurposeArrival, Method: data.MethodScan, ScannedAt: relayNow,
		PurposeKey: PurposeKey("test-event", data.PurposeArrival, "", "2016-11-08")})
	if err != nil {
		t.Fatalf("recording a check-in after the relayed ones: %v", err)
	}
	return rec
}

// A relayed record claiming this kiosk's own id, with the largest number
// or a number ahead of its own, is refused: the kiosk's next check-in is
// still number 1, and scans keep working.
func TestRelayedRecordClaimingThisKioskNeverBreaksItsNumbering(t *testing.T) {
	ctx := context.Background()
	for _, seq := range []int64{math.MaxInt64, 1000, 1} {
		s := relayStore(t)
		id, err := s.Identity(ctx)
		if err != nil {
			t.Fatal(err)
		}
		in, err := s.AddCheckIns(ctx, []data.CheckIn{relayed(id.KioskID, seq, datatest.StockID)}, utcPurposeKey, data.OriginExport)
		if err != nil {
			t.Fatalf("seq %d: %v", seq, err)
		}
		if in.Taken != 0 || len(in.Refused) != 1 {
			t.Fatalf("seq %d: %+v", seq, in)
		}
		if rec := s.recordHere(t, datatest.KouassiID); rec.Seq != 1 {
			t.Fatalf("seq %d relayed: the kiosk's next check-in is number %d", seq, rec.Seq)
		}
	}
}

// A relayed hybrid logical clock far ahead (2^62, MaxInt64, a day and a
// minute) is refused and never adopted: the kiosk's next reading stays
// near its own clock and still moves forward.
func TestRelayedClockFarAheadIsNeverAdopted(t *testing.T) {
	ctx := context.Background()
	for _, hlc := range []int64{1 << 62, math.MaxInt64, relayNow.Add(24*time.Hour+time.Minute).UnixMilli() << 16} {
		s := relayStore(t)
		before := s.recordHere(t, datatest.StockID)
		c := relayed("kiosk-0000beef", 1, datatest.KouassiID)
		c.HLC = hlc
		in, err := s.AddCheckIns(ctx, []data.CheckIn{c}, utcPurposeKey, data.OriginExport)
		if err != nil {
			t.Fatal(err)
		}
		if in.Taken != 0 || len(in.Refused) != 1 {
			t.Fatalf("hlc %d: %+v", hlc, in)
		}
		after := s.recordHere(t, "D000005")
		if after.HLC <= before.HLC || after.HLC > data.HLCLimit(relayNow) {
			t.Fatalf("hlc %d relayed: the kiosk's clock went from %d to %d", hlc, before.HLC, after.HLC)
		}
	}
}

// A (kiosk, number) clash refuses that record only; the others of the
// same take-in are taken, and the same record again is known.
func TestSeqClashRefusesOnlyThatRecord(t *testing.T) {
	ctx := context.Background()
	s := relayStore(t)
	first := relayed("kiosk-0000beef", 1, datatest.StockID)
	if in, err := s.AddCheckIns(ctx, []data.CheckIn{first}, utcPurposeKey, data.OriginCode); err != nil || in.Taken != 1 {
		t.Fatalf("first: %+v %v", in, err)
	}
	clash := relayed("kiosk-0000beef", 1, datatest.KouassiID)
	next := relayed("kiosk-0000beef", 2, datatest.KouassiID)
	in, err := s.AddCheckIns(ctx, []data.CheckIn{clash, first, next}, utcPurposeKey, data.OriginExport)
	if err != nil {
		t.Fatal(err)
	}
	if in.Taken != 1 || in.Known != 1 || len(in.Refused) != 1 || in.Refused[0].Index != 0 || in.Refused[0].CheckIn.ID != clash.ID {
		t.Fatalf("take-in with a clash: %+v", in)
	}
	list, err := s.CheckIns(ctx, CheckInFilter{KioskID: "kiosk-0000beef"})
	if err != nil || len(list) != 2 || list[0].ID == clash.ID || list[1].ID == clash.ID {
		t.Fatalf("stored after the clash: %d, %v", len(list), err)
	}
}

// Another copy of a known id with other content is refused, not taken
// and not counted as known; an invalid record is refused with its field.
func TestChangedCopyAndInvalidRecordAreRefused(t *testing.T) {
	ctx := context.Background()
	s := relayStore(t)
	c := relayed("kiosk-0000beef", 1, datatest.StockID)
	if _, err := s.AddCheckIns(ctx, []data.CheckIn{c}, utcPurposeKey, data.OriginCode); err != nil {
		t.Fatal(err)
	}
	changed := c
	changed.DelegateID = datatest.KouassiID
	invalid := relayed("kiosk-0000beef", 2, datatest.StockID)
	invalid.RoomID = "hall a"
	in, err := s.AddCheckIns(ctx, []data.CheckIn{changed, invalid}, utcPurposeKey, data.OriginExport)
	if err != nil {
		t.Fatal(err)
	}
	if in.Taken != 0 || in.Known != 0 || len(in.Refused) != 2 {
		t.Fatalf("%+v", in)
	}
	if n, _, _ := s.CheckInCount(ctx); n != 1 {
		t.Fatalf("%d check-ins stored, want 1", n)
	}
}

// A database that took in a far-ahead clock reading before relayed
// records were checked must not hand that reading to the kiosk's clock
// when it is opened again: the next check-in here carries the kiosk's
// own time.
func TestAFarAheadReadingAlreadyStoredIsNotAdoptedOnReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	clock := WithClock(func() time.Time { return relayNow })
	s, err := Open(ctx, path, clock)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Install(ctx, datatest.Event(), datatest.Info(1), nil); err != nil {
		t.Fatal(err)
	}
	// Written as an older kiosk wrote it, past every rule of today.
	poison := relayed("kiosk-0badc0de", 1, datatest.StockID)
	if _, err := s.db.ExecContext(ctx, `INSERT INTO checkins (id, event_id, kiosk_id, seq, delegate_id, badge_serial,
		purpose, session_id, room_id, scanned_at, hlc, method, clock_suspect, signature, purpose_key, origin, received_at)
		VALUES (?, 'test-event', ?, 1, ?, 1, 'arrival', '', '', ?, ?, 'scan', 0, x'', 'k', 'export', 0)`,
		poison.ID, poison.KioskID, poison.DelegateID, poison.ScannedAt.UnixMilli(), int64(1)<<62); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(ctx, path, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rec := s.recordHere(t, datatest.StockID)
	if want := relayNow.UnixMilli() << 16; rec.HLC < want || rec.HLC > want+1<<16 {
		t.Fatalf("check-in recorded with hlc %d, want about %d (the kiosk's clock)", rec.HLC, want)
	}
}

// A database that took in, before relayed records were checked, a record
// claiming this kiosk's id with the largest number, and one breaking the
// rules of a record: on the next open both are set aside with their
// reasons, scans number on from the kiosk's own check-ins, and every
// stored check-in passes the rules again (so exports work).
func TestRecordsTakenInBeforeTheRulesAreSetAsideOnOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	clock := WithClock(func() time.Time { return relayNow })
	s, err := Open(ctx, path, clock)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Install(ctx, datatest.Event(), datatest.Info(1), nil); err != nil {
		t.Fatal(err)
	}
	id, err := s.Identity(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mine := s.recordHere(t, datatest.StockID)
	claim := relayed(id.KioskID, math.MaxInt64, datatest.KouassiID)
	claim.Origin = data.OriginExport
	broken := relayed("kiosk-0badc0de", 3, datatest.KouassiID)
	broken.Origin, broken.RoomID = data.OriginCode, "room with spaces"
	for _, c := range []data.CheckIn{claim, broken} {
		if _, err := s.db.ExecContext(ctx, insertCheckInSQL, checkInArgs(c, utcPurposeKey(c))...); err != nil {
			t.Fatal(err)
		}
	}
	// Written as an older kiosk did: the screening has not run on them.
	if err := s.setMeta(ctx, metaScreened, ""); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(ctx, path, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	aside, err := s.SetAside(ctx)
	if err != nil || len(aside) != 2 {
		t.Fatalf("set aside: %+v (%v), want the two records", aside, err)
	}
	next, _, err := s.RecordCheckIn(ctx, NewCheckIn{EventID: "test-event", DelegateID: datatest.KouassiID,
		BadgeSerial: 1, Purpose: data.PurposeSession, SessionID: "S1", Method: data.MethodScan, ScannedAt: relayNow,
		PurposeKey: PurposeKey("test-event", data.PurposeSession, "S1", "")})
	if err != nil || next.Seq != mine.Seq+1 {
		t.Fatalf("next scan: seq %d (%v), want %d", next.Seq, err, mine.Seq+1)
	}
	all, err := s.CheckIns(ctx, CheckInFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		if err := c.Validate(); err != nil {
			t.Fatalf("stored check-in %s still breaks the rules: %v", c.ID, err)
		}
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM checkins WHERE id = ?`, mine.ID); err == nil {
		t.Fatal("check-ins could be deleted after the screening: the append-only trigger is gone")
	}
}
