package syncproto

import (
	"strings"
	"testing"
	"time"

	"kiosk/data"
)

func TestRecordRoundTrip(t *testing.T) {
	c := data.CheckIn{ID: "0123456789abcdef0123456789abcdef", EventID: "ev1", KioskID: "kiosk-1a2b3c4d", Seq: 3,
		DelegateID: "D000001", BadgeSerial: 7, Purpose: data.PurposeSession, SessionID: "S1", RoomID: "R1",
		ScannedAt: time.Date(2016, 11, 8, 10, 15, 0, 123e6, time.UTC), HLC: 99, Method: data.MethodManual,
		ClockSuspect: true, Signature: make([]byte, 64)}
	got, err := ToRecord(c).CheckIn("ev1")
	if err != nil || !got.SameEvent(c) || string(got.Signature) != string(c.Signature) {
		t.Fatalf("round trip: %v\n%+v\n%+v", err, got, c)
	}
	bad := ToRecord(c)
	bad.Signature = "AAAA"
	if _, err := bad.CheckIn("ev1"); err == nil || !strings.Contains(err.Error(), "signature") {
		t.Fatalf("short signature: %v", err)
	}
	bad = ToRecord(c)
	bad.ScannedAt = "yesterday"
	if _, err := bad.CheckIn("ev1"); err == nil || !strings.Contains(err.Error(), "scanned_at") {
		t.Fatalf("bad time: %v", err)
	}
	bad = ToRecord(c)
	bad.Purpose = "lunch"
	if _, err := bad.CheckIn("ev1"); err == nil || !strings.Contains(err.Error(), "purpose") {
		t.Fatalf("bad purpose: %v", err)
	}
}
