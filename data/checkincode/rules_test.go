package checkincode

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/keys"
)

// forgeCode writes a check-in code byte by byte as
// docs/checkin-code-format.md lays it out, signed with a real kiosk key
// but without any of the writer's checks: what a dishonest or broken
// kiosk could show.
func forgeCode(priv ed25519.PrivateKey, eventID string, c data.CheckIn, purpose, flags byte) string {
	return signRaw(priv, eventID, forgeBytes(priv.Public().(ed25519.PublicKey), eventID, c, purpose, flags))
}

// forgeBytes is the signed part of a code, laid out by the document.
func forgeBytes(pub ed25519.PublicKey, eventID string, c data.CheckIn, purpose, flags byte) []byte {
	tag := sha256.Sum256([]byte(eventID))
	keyID, _ := hex.DecodeString(keys.ID(pub))
	id, _ := hex.DecodeString(c.ID)
	b := []byte{1}
	b = append(b, tag[:4]...)
	b = append(b, keyID...)
	b = append(b, id...)
	b = binary.BigEndian.AppendUint32(b, uint32(c.Seq))
	b = binary.BigEndian.AppendUint64(b, uint64(c.HLC))
	ms := c.ScannedAt.UnixMilli()
	b = append(b, byte(ms>>40), byte(ms>>32), byte(ms>>24), byte(ms>>16), byte(ms>>8), byte(ms))
	b = append(b, purpose, flags)
	b = binary.BigEndian.AppendUint32(b, c.BadgeSerial)
	for _, s := range []string{c.DelegateID, c.SessionID, c.RoomID} {
		b = append(b, byte(len(s)))
		b = append(b, s...)
	}
	return b
}

// signRaw signs any bytes as a code's and writes the code's text.
func signRaw(priv ed25519.PrivateKey, eventID string, b []byte) string {
	msg := append(append([]byte("kiosk-checkin-v1\x00"), byte(len(eventID))), eventID...)
	sig := ed25519.Sign(priv, append(msg, b...))
	return badge.EncodeText(Prefix, append(b, sig...))
}

// A genuine code, signed by an enrolled kiosk, that carries what no kiosk
// writes is refused by Verify with the field named: taken in, it would
// make every later export of the receiving kiosk fail.
func TestVerifyRefusesGenuineCodesThatBreakTheRules(t *testing.T) {
	pub, priv, _ := keys.Generate()
	v := Verifier{EventID: "ev", Kiosks: []data.KioskKey{{KioskID: "kiosk-a", PublicKey: pub}}}
	cases := []struct {
		name    string
		purpose byte
		change  func(*data.CheckIn)
		want    string
	}{
		{"session purpose without session id", 2, func(c *data.CheckIn) { c.SessionID = "" }, "no session id"},
		{"room id with bytes ff 00", 3, func(c *data.CheckIn) { c.RoomID = "\xff\x00" }, "room id"},
		{"room id with spaces", 3, func(c *data.CheckIn) { c.RoomID = "nusa dua hall" }, "room id"},
		{"session id with a slash", 3, func(c *data.CheckIn) { c.SessionID = "../S1" }, "session id"},
		{"hlc -5", 3, func(c *data.CheckIn) { c.HLC = -5 }, "hybrid logical clock"},
		{"year 10889", 3, func(c *data.CheckIn) { c.ScannedAt = time.UnixMilli(1<<48 - 1) }, "scan time"},
		// What the document's rules did not state, and the reader let
		// through or refused as if the code were damaged.
		{"room id R/1", 3, func(c *data.CheckIn) { c.RoomID = "R/1" }, "room id"},
		{"hlc 0", 3, func(c *data.CheckIn) { c.HLC = 0 }, "hybrid logical clock 0"},
		{"scan time 0", 3, func(c *data.CheckIn) { c.ScannedAt = time.UnixMilli(0) }, "scan time 1970-01-01T00:00:00.000Z is not between"},
		{"sequence 0", 3, func(c *data.CheckIn) { c.Seq = 0 }, "sequence number 0"},
		{"delegate id with a space", 3, func(c *data.CheckIn) { c.DelegateID = "D 1" }, `delegate id "D 1"`},
		{"empty delegate id", 1, func(c *data.CheckIn) { c.DelegateID, c.SessionID = "", "" }, `delegate id ""`},
	}
	// The forger writes what it is given; the good code passes.
	if _, err := v.Verify(forgeCode(priv, "ev", sample(), 3, 0)); err != nil {
		t.Fatalf("an honest code written by the forger: %v", err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := sample()
			tc.change(&c)
			_, err := v.Verify(forgeCode(priv, "ev", c, tc.purpose, 0))
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want a refusal naming %q", err, tc.want)
			}
		})
	}
}

// The writer refuses what the reader refuses: no kiosk signs a check-in
// that breaks the rules.
func TestSignRefusesWhatVerifyRefuses(t *testing.T) {
	_, priv, _ := keys.Generate()
	c := sample()
	c.EventID, c.KioskID = "ev", "kiosk-a"
	c.HLC = -5
	if _, err := Sign("ev", priv, c); err == nil {
		t.Fatal("a check-in with hlc -5 was signed")
	}
	c = sample()
	c.RoomID = "nusa dua"
	if _, err := Sign("ev", priv, c); err == nil {
		t.Fatal("a check-in with a room id with spaces was signed")
	}
}

// Bytes that have no meaning in version 1 (a purpose other than 1 to 3,
// a flag bit other than the two defined) make the text not a check-in
// code, even when signed: the document lists both.
func TestVerifyRefusesUndefinedPurposeAndFlags(t *testing.T) {
	pub, priv, _ := keys.Generate()
	v := Verifier{EventID: "ev", Kiosks: []data.KioskKey{{KioskID: "kiosk-a", PublicKey: pub}}}
	cases := []struct {
		name           string
		purpose, flags byte
		want           string
	}{
		{"purpose 0", 0, 0, "purpose 0 is not 1, 2 or 3"},
		{"purpose 4", 4, 0, "purpose 4 is not 1, 2 or 3"},
		{"flag bit 2", 3, 4, "flags 0x04 set a bit other than 0 and 1"},
		{"flag bit 7 with both known", 3, 0x83, "flags 0x83 set a bit other than 0 and 1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := v.Verify(forgeCode(priv, "ev", sample(), tc.purpose, tc.flags))
			if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want a malformed code naming %q", err, tc.want)
			}
		})
	}
}
