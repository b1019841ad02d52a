package data

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func goodCheckIn() CheckIn {
	at := time.Date(2016, 11, 8, 2, 15, 0, 123e6, time.UTC)
	return CheckIn{ID: "0123456789abcdef0123456789abcdef", EventID: "interpol-ga85-2016", KioskID: "kiosk-1a2b3c4d",
		Seq: 1, DelegateID: "D000003", BadgeSerial: 7, Purpose: PurposeSession, SessionID: "S001", RoomID: "hall-a",
		ScannedAt: at, HLC: at.UnixMilli() << 16, Method: MethodScan}
}

func TestCheckInValidateRefusesEachBrokenField(t *testing.T) {
	if err := goodCheckIn().Validate(); err != nil {
		t.Fatalf("a good check-in: %v", err)
	}
	cases := []struct {
		name  string
		spoil func(*CheckIn)
		want  string
	}{
		{"upper-case id", func(c *CheckIn) { c.ID = strings.ToUpper(c.ID) }, "id"},
		{"short id", func(c *CheckIn) { c.ID = c.ID[:31] }, "id"},
		{"no event", func(c *CheckIn) { c.EventID = "" }, "event id"},
		{"kiosk id with a space", func(c *CheckIn) { c.KioskID = "kiosk 1" }, "kiosk id"},
		// Every kiosk writes keys.KioskID of its key: lower-case hex.
		{"kiosk id in upper case", func(c *CheckIn) { c.KioskID = "kiosk-1A2B3C4D" },
			`kiosk id "kiosk-1A2B3C4D" is not kiosk- and 8 lower-case hex digits`},
		{"kiosk id of a label", func(c *CheckIn) { c.KioskID = "north" }, `kiosk id "north" is not kiosk- and 8 lower-case hex digits`},
		{"kiosk id with 9 digits", func(c *CheckIn) { c.KioskID = "kiosk-1a2b3c4d5" }, `kiosk id "kiosk-1a2b3c4d5"`},
		{"delegate id with bytes ff 00", func(c *CheckIn) { c.DelegateID = "D\xff\x00" }, "delegate id"},
		{"room id with spaces", func(c *CheckIn) { c.RoomID = "hall a b" }, "room id"},
		{"session id too long", func(c *CheckIn) { c.SessionID = strings.Repeat("s", 65) }, "session id"},
		{"seq 0", func(c *CheckIn) { c.Seq = 0 }, "sequence number"},
		{"seq MaxInt64", func(c *CheckIn) { c.Seq = math.MaxInt64 }, "sequence number"},
		{"seq one past MaxSeq", func(c *CheckIn) { c.Seq = MaxSeq + 1 }, "sequence number"},
		{"unknown purpose", func(c *CheckIn) { c.Purpose = "party" }, "purpose"},
		{"session purpose without session", func(c *CheckIn) { c.SessionID = "" }, "no session id"},
		{"year 10889", func(c *CheckIn) { c.ScannedAt = time.UnixMilli(1<<48 - 1) }, "scan time"},
		{"before 1970", func(c *CheckIn) { c.ScannedAt = time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC) }, "scan time"},
		// A clock at zero is a clock that was never set: no kiosk scans
		// at the very first millisecond of 1970.
		{"scan time 0", func(c *CheckIn) { c.ScannedAt = time.UnixMilli(0) },
			"scan time 1970-01-01T00:00:00.000Z is not between 1970-01-01T00:00:00.001Z and 9999-12-31T23:59:59.999Z"},
		{"nanoseconds", func(c *CheckIn) { c.ScannedAt = c.ScannedAt.Add(1) }, "finer than milliseconds"},
		{"hlc -5", func(c *CheckIn) { c.HLC = -5 }, "hybrid logical clock"},
		{"hlc 0", func(c *CheckIn) { c.HLC = 0 }, "hybrid logical clock"},
		{"unknown method", func(c *CheckIn) { c.Method = "telepathy" }, "method"},
		{"short signature", func(c *CheckIn) { c.Signature = make([]byte, 63) }, "signature"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := goodCheckIn()
			tc.spoil(&c)
			err := c.Validate()
			if !errors.Is(err, ErrInvalidCheckIn) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an invalid check-in naming %q", err, tc.want)
			}
		})
	}
	// The bounds themselves are valid.
	c := goodCheckIn()
	c.Seq, c.ScannedAt, c.Purpose, c.SessionID = MaxSeq, MaxScannedAt, PurposeArrival, ""
	if err := c.Validate(); err != nil {
		t.Fatalf("check-in at the bounds: %v", err)
	}
	c.ScannedAt, c.HLC = MinScannedAt, 1
	if err := c.Validate(); err != nil {
		t.Fatalf("check-in at the lower bounds: %v", err)
	}
}

func TestReceiverRefusesItsOwnIDAndAClockFarAhead(t *testing.T) {
	now := time.Date(2016, 11, 8, 10, 0, 0, 0, time.UTC)
	r := Receiver{KioskID: "kiosk-00000001", Now: now}
	c := goodCheckIn()
	if err := r.Check(c); err != nil {
		t.Fatalf("a good relayed check-in: %v", err)
	}
	own := c
	own.KioskID = r.KioskID
	if err := r.Check(own); !errors.Is(err, ErrOwnKioskID) {
		t.Fatalf("own id: %v", err)
	}
	for _, hlc := range []int64{1 << 62, math.MaxInt64, now.Add(MaxHLCAhead+time.Millisecond).UnixMilli() << 16} {
		ahead := c
		ahead.HLC = hlc
		if err := r.Check(ahead); !errors.Is(err, ErrClockAhead) {
			t.Fatalf("hlc %d: %v", hlc, err)
		}
	}
	edge := c
	edge.HLC = HLCLimit(now)
	if err := r.Check(edge); err != nil || !HLCTime(edge.HLC).Equal(now.Add(MaxHLCAhead)) {
		t.Fatalf("hlc at the limit: %v", err)
	}
	bad := c
	bad.HLC = -5
	if err := r.Check(bad); !errors.Is(err, ErrInvalidCheckIn) {
		t.Fatalf("invalid record: %v", err)
	}
}
