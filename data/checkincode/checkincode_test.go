package checkincode

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/skip2/go-qrcode"

	"kiosk/data"
	"kiosk/data/keys"
)

func sample() data.CheckIn {
	return data.CheckIn{
		ID: "0123456789abcdef0123456789abcdef", Seq: 42, DelegateID: "D000003", BadgeSerial: 7,
		Purpose: data.PurposePlenary, SessionID: "S0012", RoomID: "nusa-dua-hall",
		ScannedAt: time.Date(2016, 11, 8, 2, 15, 3, 123e6, time.UTC), HLC: 1478571303123 << 16, Method: data.MethodManual,
		ClockSuspect: true,
	}
}

func signed(t testing.TB) (string, data.KioskKey, data.CheckIn) {
	t.Helper()
	pub, priv, _ := keys.Generate()
	c := sample()
	c.EventID = "ev"
	c.KioskID = keys.KioskID(pub)
	sig, err := Sign("ev", priv, c)
	if err != nil {
		t.Fatal(err)
	}
	c.Signature = sig
	code, err := Code("ev", pub, c)
	if err != nil {
		t.Fatal(err)
	}
	return code, data.KioskKey{KioskID: c.KioskID, PublicKey: pub}, c
}

func TestRoundTrip(t *testing.T) {
	code, k, want := signed(t)
	v := Verifier{EventID: "ev", Kiosks: []data.KioskKey{k}}
	got, err := v.Verify(code)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, want)
	}
	if got2, err := v.Verify("  " + toLower(code) + "\r\n"); err != nil || got2.ID != want.ID {
		t.Fatalf("typed with caps lock: %v", err)
	}
	if !Looks(code) || Looks("KBBC") {
		t.Fatal("Looks tells codes from badges wrongly")
	}
}

func toLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

func TestRefusals(t *testing.T) {
	code, k, _ := signed(t)
	other, _, _ := keys.Generate()
	tests := []struct {
		name string
		v    Verifier
		code string
		want error
	}{
		{"another event", Verifier{EventID: "other", Kiosks: []data.KioskKey{k}}, code, ErrWrongEvent},
		{"unknown kiosk", Verifier{EventID: "ev", Kiosks: []data.KioskKey{{KioskID: "x", PublicKey: other}}}, code, ErrUnknownKey},
		{"garbage", Verifier{EventID: "ev"}, "hello", ErrMalformed},
		{"a badge", Verifier{EventID: "ev"}, "KBBCDF", ErrMalformed},
		// Unicode upper-cases the long s to S; a code is ASCII.
		{"long s for s", Verifier{EventID: "ev", Kiosks: []data.KioskKey{k}}, strings.Replace(code, "S", "\u017f", 1), ErrMalformed},
		{"cut short", Verifier{EventID: "ev", Kiosks: []data.KioskKey{k}}, code[:len(code)-2], ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.v.Verify(tt.code); !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestEveryChangedCharacterIsRefused(t *testing.T) {
	code, k, _ := signed(t)
	v := Verifier{EventID: "ev", Kiosks: []data.KioskKey{k}}
	letters := "BCDFGHJKLNPRSTVX"
	for i := len(Prefix); i < len(code); i++ {
		for _, r := range letters {
			if byte(r) == code[i] {
				continue
			}
			bad := code[:i] + string(r) + code[i+1:]
			if _, err := v.Verify(bad); err == nil {
				t.Fatalf("changing character %d to %c was accepted", i, r)
			}
		}
	}
}

func TestCodeFitsAScreenQR(t *testing.T) {
	code, _, _ := signed(t)
	q, err := qrcode.New(code, qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	// Shown on a screen, a version 10 code (57 modules) is easy to scan;
	// docs/checkin-code-format.md states it.
	if len(code) != 292 || q.VersionNumber != 10 {
		t.Fatalf("a typical check-in code (%d characters) needs QR version %d at level M; the document says 292 and 10", len(code), q.VersionNumber)
	}
}

func FuzzVerify(f *testing.F) {
	code, k, _ := signed(f)
	f.Add(code)
	f.Add("KC")
	f.Add("KCBB")
	f.Fuzz(func(t *testing.T, s string) {
		v := Verifier{EventID: "ev", Kiosks: []data.KioskKey{k}}
		c, err := v.Verify(s)
		if err != nil {
			return
		}
		// Whatever verifies writes back to the same code.
		again, err := Code("ev", k.PublicKey, c)
		if err != nil {
			t.Fatalf("verified but cannot re-encode: %v", err)
		}
		if _, err := v.Verify(again); err != nil {
			t.Fatalf("re-encoded code refused: %v", err)
		}
	})
}
