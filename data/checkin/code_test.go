package checkin

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/checkincode"
	"kiosk/data/datatest"
	"kiosk/data/export"
	"kiosk/data/keys"
	"kiosk/data/store"
)

// forgedCode writes a check-in code byte by byte as
// docs/checkin-code-format.md lays it out, signed with a real kiosk key,
// without the writer's checks.
func forgedCode(priv ed25519.PrivateKey, eventID string, c data.CheckIn, purpose byte) string {
	pub := priv.Public().(ed25519.PublicKey)
	tag := sha256.Sum256([]byte(eventID))
	keyID, _ := hex.DecodeString(keys.ID(pub))
	id, _ := hex.DecodeString(c.ID)
	b := append([]byte{1}, tag[:4]...)
	b = append(b, keyID...)
	b = append(b, id...)
	b = binary.BigEndian.AppendUint32(b, uint32(c.Seq))
	b = binary.BigEndian.AppendUint64(b, uint64(c.HLC))
	ms := c.ScannedAt.UnixMilli()
	b = append(b, byte(ms>>40), byte(ms>>32), byte(ms>>24), byte(ms>>16), byte(ms>>8), byte(ms), purpose, 0)
	b = binary.BigEndian.AppendUint32(b, c.BadgeSerial)
	for _, s := range []string{c.DelegateID, c.SessionID, c.RoomID} {
		b = append(append(b, byte(len(s))), s...)
	}
	msg := append(append([]byte("kiosk-checkin-v1\x00"), byte(len(eventID))), eventID...)
	return badge.EncodeText(checkincode.Prefix, append(b, ed25519.Sign(priv, append(msg, b...))...))
}

// A genuine check-in code from an enrolled kiosk that carries what no
// kiosk writes is refused with its reason and records nothing, and the
// receiving kiosk's exports keep working (one such code used to make
// every later export fail).
func TestCodeBreakingTheRulesIsRefusedAndExportsStillWork(t *testing.T) {
	ctx := context.Background()
	pubA, privA, _ := keys.Generate()
	idA := keys.KioskID(pubA)
	b := newRig(t, func(d *data.EventData) { d.KioskKeys = []data.KioskKey{{KioskID: idA, PublicKey: pubA}} })
	good := data.CheckIn{ID: strings.Repeat("ab", 16), Seq: 1, DelegateID: datatest.StockID, BadgeSerial: 1,
		Purpose: data.PurposeSession, SessionID: datatest.OpeningID, RoomID: "hall-a",
		ScannedAt: time.Date(2016, 11, 7, 1, 30, 0, 0, time.UTC), HLC: time.Date(2016, 11, 7, 1, 30, 0, 0, time.UTC).UnixMilli() << 16,
		Method: data.MethodScan}
	cases := []struct {
		name    string
		purpose byte
		change  func(*data.CheckIn)
		want    string
	}{
		{"session purpose without session id", 2, func(c *data.CheckIn) { c.SessionID = "" }, "no session id"},
		{"room id with bytes ff 00", 2, func(c *data.CheckIn) { c.RoomID = "\xff\x00" }, "room id"},
		{"room id with spaces", 2, func(c *data.CheckIn) { c.RoomID = "hall a" }, "room id"},
		{"hlc -5", 2, func(c *data.CheckIn) { c.HLC = -5 }, "hybrid logical clock -5"},
		{"year 10889", 2, func(c *data.CheckIn) { c.ScannedAt = time.UnixMilli(1<<48 - 1) }, "scan time"},
		{"hlc far ahead", 2, func(c *data.CheckIn) { c.HLC = 1 << 62 }, "too far ahead"},
	}
	for _, tc := range cases {
		c := good
		tc.change(&c)
		o := b.scan(forgedCode(privA, "test-event", c, tc.purpose))
		if o.Status != Refused || o.Reason != ReasonCodeRefused || !strings.Contains(o.Detail, tc.want) {
			t.Errorf("%s: %v %s %q", tc.name, o.Status, o.Reason, o.Detail)
		}
	}
	if n := b.count(); n != 0 {
		t.Fatalf("%d check-ins recorded from refused codes", n)
	}
	// The honest code is taken, and the kiosk still exports all it holds.
	if o := b.scan(forgedCode(privA, "test-event", good, 2)); o.Status != Received {
		t.Fatalf("honest code: %+v", o)
	}
	list, err := b.store.CheckIns(ctx, store.CheckInFilter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("%d held: %v", len(list), err)
	}
	id, err := b.store.Identity(ctx)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "x"+export.Extension)
	if err := export.Write(path, "test-event", id.Key, id.KioskID, list, time.Time{}); err != nil {
		t.Fatalf("export after the codes: %v", err)
	}
}
