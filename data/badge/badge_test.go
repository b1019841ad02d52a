package badge

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/skip2/go-qrcode"

	"kiosk/data/keys"
)

// The published test keys. They protect nothing: their seeds are in
// testdata/vectors.json.
var (
	seedA = sha256.Sum256([]byte("kiosk-badge test key A"))
	seedB = sha256.Sum256([]byte("kiosk-badge test key B"))
	privA = ed25519.NewKeyFromSeed(seedA[:])
	privB = ed25519.NewKeyFromSeed(seedB[:])
	pubA  = privA.Public().(ed25519.PublicKey)
	pubB  = privB.Public().(ed25519.PublicKey)
)

const (
	testEvent  = "conf-2026"
	otherEvent = "conf-2027"
	// docQRVersion is the QR version at level M that docs/badge-format.md
	// promises for a badge with a seven-character delegate id.
	docQRVersion = 8
)

var (
	testClaims = Claims{
		EventID:    testEvent,
		DelegateID: "D000123",
		Serial:     4242,
		ValidFrom:  time.Date(2026, 5, 11, 7, 0, 0, 0, time.UTC),
		ValidUntil: time.Date(2026, 5, 14, 19, 0, 0, 0, time.UTC),
	}
	testNow = time.Date(2026, 5, 12, 9, 30, 0, 0, time.UTC)
)

func issue(t testing.TB, priv ed25519.PrivateKey, c Claims) string {
	t.Helper()
	tok, err := Issue(priv, c)
	if err != nil {
		t.Fatalf("Issue(%+v): %v", c, err)
	}
	return tok
}

func testVerifier() *Verifier {
	return &Verifier{
		EventID: testEvent,
		Trusted: []ed25519.PublicKey{pubA},
		Now:     func() time.Time { return testNow },
	}
}

// tokenBytes decodes a token's body without checking its content.
func tokenBytes(t testing.TB, tok string) []byte {
	t.Helper()
	if !wellShaped(tok) {
		t.Fatalf("%q is not well shaped", tok)
	}
	body := tok[len(Prefix):]
	b := make([]byte, len(body)/2)
	for i := range b {
		b[i] = byte(nibble[body[2*i]])<<4 | byte(nibble[body[2*i+1]])
	}
	return b
}

// sentinels are the refusals, by the names the vectors use.
var sentinels = []struct {
	name string
	err  error
}{
	{"ErrMalformed", ErrMalformed},
	{"ErrLayoutMismatch", ErrLayoutMismatch},
	{"ErrUnsupportedVersion", ErrUnsupportedVersion},
	{"ErrWrongEvent", ErrWrongEvent},
	{"ErrBadSignature", ErrBadSignature},
	{"ErrRevoked", ErrRevoked},
	{"ErrNotYetValid", ErrNotYetValid},
	{"ErrExpired", ErrExpired},
}

// errName names the one sentinel err wraps: "" for nil, "?" for none or
// several.
func errName(err error) string {
	if err == nil {
		return ""
	}
	name := "?"
	n := 0
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			name = s.name
			n++
		}
	}
	if n != 1 {
		return "?"
	}
	return name
}

func TestIssueShape(t *testing.T) {
	tok := issue(t, privA, testClaims)
	if !strings.HasPrefix(tok, Prefix+"BC") {
		t.Errorf("token %q does not start with the prefix and version 1", tok)
	}
	for _, r := range tok {
		if !strings.ContainsRune(alphabet, r) {
			t.Fatalf("token %q has %q, outside the alphabet", tok, r)
		}
	}
	// 82 fixed bytes and the id, two characters a byte, and the prefix.
	if want := len(Prefix) + 2*(82+len(testClaims.DelegateID)); len(tok) != want {
		t.Errorf("token is %d characters, want %d", len(tok), want)
	}
	if again := issue(t, privA, testClaims); again != tok {
		t.Error("Issue is not deterministic")
	}
}

func TestRoundTrip(t *testing.T) {
	long := strings.Repeat("x", 63) + "9"
	cases := []struct {
		name string
		c    Claims
		now  time.Time
	}{
		{"id of 1", Claims{EventID: "e", DelegateID: "7", Serial: 1, ValidFrom: testClaims.ValidFrom, ValidUntil: testClaims.ValidUntil}, testNow},
		{"id of 64", Claims{EventID: testEvent, DelegateID: long, Serial: 2, ValidFrom: testClaims.ValidFrom, ValidUntil: testClaims.ValidUntil}, testNow},
		{"id with . _ -", Claims{EventID: testEvent, DelegateID: "a.b_c-d", Serial: 3, ValidFrom: testClaims.ValidFrom, ValidUntil: testClaims.ValidUntil}, testNow},
		{"serial 0", Claims{EventID: testEvent, DelegateID: "D1", Serial: 0, ValidFrom: testClaims.ValidFrom, ValidUntil: testClaims.ValidUntil}, testNow},
		{"serial max", Claims{EventID: testEvent, DelegateID: "D1", Serial: math.MaxUint32, ValidFrom: testClaims.ValidFrom, ValidUntil: testClaims.ValidUntil}, testNow},
		{"one minute", Claims{EventID: testEvent, DelegateID: "D1", ValidFrom: testNow, ValidUntil: testNow.Add(time.Minute)}, testNow.Add(59 * time.Second)},
		{"from 1970", Claims{EventID: testEvent, DelegateID: "D1", ValidFrom: time.Unix(0, 0), ValidUntil: testClaims.ValidUntil}, testNow},
		{"until the end of the range", Claims{EventID: testEvent, DelegateID: "D1", ValidFrom: testNow, ValidUntil: minutesTime(math.MaxUint32)}, testNow.AddDate(3000, 0, 0)},
		{"64-character event id", Claims{EventID: strings.Repeat("E", 64), DelegateID: "D1", ValidFrom: testClaims.ValidFrom, ValidUntil: testClaims.ValidUntil}, testNow},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tok := issue(t, privA, tc.c)
			v := &Verifier{EventID: tc.c.EventID, Trusted: []ed25519.PublicKey{pubA}, Now: func() time.Time { return tc.now }}
			res, err := v.Verify(tok)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			want := tc.c
			want.ValidFrom = want.ValidFrom.UTC()
			want.ValidUntil = want.ValidUntil.UTC()
			if res.Claims != want {
				t.Errorf("claims\n got %+v\nwant %+v", res.Claims, want)
			}
			if res.Repaired != "" || res.KeyID != keys.ID(pubA) {
				t.Errorf("Repaired %q, KeyID %q", res.Repaired, res.KeyID)
			}
		})
	}
}

func TestIssueTruncatesToTheMinute(t *testing.T) {
	c := testClaims
	c.ValidFrom = c.ValidFrom.Add(59*time.Second + 999*time.Millisecond)
	c.ValidUntil = c.ValidUntil.In(time.FixedZone("UTC+7", 7*3600)).Add(30 * time.Second)
	tok := issue(t, privA, c)
	if tok != issue(t, privA, testClaims) {
		t.Error("seconds or the time zone changed the token")
	}
	res, err := testVerifier().Verify(tok)
	if err != nil {
		t.Fatal(err)
	}
	if res.ValidFrom != testClaims.ValidFrom || res.ValidUntil != testClaims.ValidUntil || res.ValidUntil.Location() != time.UTC {
		t.Errorf("got %v to %v", res.ValidFrom, res.ValidUntil)
	}
}

func TestIssueRefuses(t *testing.T) {
	mod := func(f func(*Claims)) Claims { c := testClaims; f(&c); return c }
	cases := map[string]struct {
		priv ed25519.PrivateKey
		c    Claims
	}{
		"no key":                {nil, testClaims},
		"short key":             {privA[:32], testClaims},
		"empty delegate":        {privA, mod(func(c *Claims) { c.DelegateID = "" })},
		"delegate of 65":        {privA, mod(func(c *Claims) { c.DelegateID = strings.Repeat("a", 65) })},
		"delegate with space":   {privA, mod(func(c *Claims) { c.DelegateID = "D 1" })},
		"delegate with dot 1st": {privA, mod(func(c *Claims) { c.DelegateID = ".D1" })},
		"delegate non-ASCII":    {privA, mod(func(c *Claims) { c.DelegateID = "Dé" })},
		"empty event":           {privA, mod(func(c *Claims) { c.EventID = "" })},
		"event of 65":           {privA, mod(func(c *Claims) { c.EventID = strings.Repeat("e", 65) })},
		"until = from":          {privA, mod(func(c *Claims) { c.ValidUntil = c.ValidFrom.Add(59 * time.Second) })},
		"until before from":     {privA, mod(func(c *Claims) { c.ValidUntil = c.ValidFrom.Add(-time.Hour) })},
		"before 1970":           {privA, mod(func(c *Claims) { c.ValidFrom = time.Unix(-60, 0) })},
		"zero time":             {privA, mod(func(c *Claims) { c.ValidFrom = time.Time{} })},
		"past the range":        {privA, mod(func(c *Claims) { c.ValidUntil = minutesTime(math.MaxUint32).Add(time.Minute) })},
	}
	for name, tc := range cases {
		if tok, err := Issue(tc.priv, tc.c); err == nil {
			t.Errorf("%s: issued %q", name, tok)
		}
	}
}

// TestVerifyChecks takes each refusal in turn, and pairs of them to pin
// down the order.
func TestVerifyChecks(t *testing.T) {
	valid := issue(t, privA, testClaims)
	mod := func(f func(*Claims)) Claims { c := testClaims; f(&c); return c }
	withBytes := func(tok string, f func([]byte)) string {
		b := tokenBytes(t, tok)
		f(b)
		return encode(b)
	}
	badSig := withBytes(valid, func(b []byte) { b[len(b)-1] ^= 0x01 })
	otherEv := issue(t, privA, mod(func(c *Claims) { c.EventID = otherEvent }))
	revoked := map[uint32]bool{4242: true}
	at := func(tm time.Time) func() time.Time { return func() time.Time { return tm } }
	from, until := testClaims.ValidFrom, testClaims.ValidUntil

	cases := []struct {
		name   string
		input  string
		v      Verifier
		want   string
		claims bool // the result names the badge
		keyID  string
	}{
		{"valid", valid, Verifier{}, "", true, keys.ID(pubA)},
		{"empty", "", Verifier{}, "ErrMalformed", false, ""},
		{"not a badge", "https://example.org/", Verifier{}, "ErrMalformed", false, ""},
		{"odd length", valid[:len(valid)-1], Verifier{}, "ErrMalformed", false, ""},
		{"truncated", valid[:len(valid)-2], Verifier{}, "ErrMalformed", false, ""},
		{"extended", valid + "BB", Verifier{}, "ErrMalformed", false, ""},
		{"id length 0", withBytes(valid, func(b []byte) { b[17] = 0 }), Verifier{}, "ErrMalformed", false, ""},
		{"id length 65", withBytes(valid, func(b []byte) { b[17] = 65 }), Verifier{}, "ErrMalformed", false, ""},
		{"bad id", withBytes(valid, func(b []byte) { b[18] = '-' }), Verifier{}, "ErrMalformed", false, ""},
		{"until before from", withBytes(valid, func(b []byte) { copy(b[9:13], b[5:9]) }), Verifier{}, "ErrMalformed", false, ""},
		{"layout", "TXXJ" + valid[4:20], Verifier{}, "ErrLayoutMismatch", false, ""},
		{"version 0", withBytes(valid, func(b []byte) { b[0] = 0 }), Verifier{}, "ErrUnsupportedVersion", false, ""},
		{"version 2", withBytes(valid, func(b []byte) { b[0] = 2 }), Verifier{}, "ErrUnsupportedVersion", false, ""},
		{"version 2, short", Prefix + "BD", Verifier{}, "ErrUnsupportedVersion", false, ""},
		{"version before length", withBytes(valid, func(b []byte) { b[0] = 2 })[:40], Verifier{}, "ErrUnsupportedVersion", false, ""},
		{"another event", otherEv, Verifier{}, "ErrWrongEvent", false, ""},
		{"another event, any signature", withBytes(otherEv, func(b []byte) { b[len(b)-1] ^= 1 }), Verifier{}, "ErrWrongEvent", false, ""},
		{"bad signature", badSig, Verifier{}, "ErrBadSignature", false, ""},
		{"tag forged to this event", withBytes(otherEv, func(b []byte) { tg := eventTag(testEvent); copy(b[1:], tg[:]) }), Verifier{}, "ErrBadSignature", false, ""},
		{"unknown key", issue(t, privB, testClaims), Verifier{}, "ErrBadSignature", false, ""},
		{"no trusted keys", valid, Verifier{Trusted: []ed25519.PublicKey{}}, "ErrBadSignature", false, ""},
		{"broken trusted keys skipped", valid, Verifier{Trusted: []ed25519.PublicKey{nil, pubA[:31], append(append(ed25519.PublicKey{}, pubA...), 0), pubA}}, "", true, keys.ID(pubA)},
		{"key rotation", issue(t, privB, testClaims), Verifier{Trusted: []ed25519.PublicKey{pubA, pubB}}, "", true, keys.ID(pubB)},
		{"bad signature before revocation", badSig, Verifier{Revoked: revoked}, "ErrBadSignature", false, ""},
		{"revoked", valid, Verifier{Revoked: revoked}, "ErrRevoked", true, keys.ID(pubA)},
		{"other serial revoked", valid, Verifier{Revoked: map[uint32]bool{4241: true, 4242: false}}, "", true, keys.ID(pubA)},
		{"revoked before expiry", valid, Verifier{Revoked: revoked, Now: at(until.Add(time.Hour))}, "ErrRevoked", true, keys.ID(pubA)},
		{"not yet valid", valid, Verifier{Now: at(from.Add(-time.Second))}, "ErrNotYetValid", true, keys.ID(pubA)},
		{"valid from the first second", valid, Verifier{Now: at(from)}, "", true, keys.ID(pubA)},
		{"early within skew", valid, Verifier{Now: at(from.Add(-2 * time.Minute)), Skew: 2 * time.Minute}, "", true, keys.ID(pubA)},
		{"early beyond skew", valid, Verifier{Now: at(from.Add(-2*time.Minute - time.Second)), Skew: 2 * time.Minute}, "ErrNotYetValid", true, keys.ID(pubA)},
		{"negative skew is none", valid, Verifier{Skew: -48 * time.Hour}, "", true, keys.ID(pubA)},
		{"last second", valid, Verifier{Now: at(until.Add(-time.Second))}, "", true, keys.ID(pubA)},
		{"expired", valid, Verifier{Now: at(until)}, "ErrExpired", true, keys.ID(pubA)},
		{"late within skew", valid, Verifier{Now: at(until.Add(2*time.Minute - time.Second)), Skew: 2 * time.Minute}, "", true, keys.ID(pubA)},
		{"late beyond skew", valid, Verifier{Now: at(until.Add(2 * time.Minute)), Skew: 2 * time.Minute}, "ErrExpired", true, keys.ID(pubA)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := tc.v
			v.EventID = testEvent
			if v.Trusted == nil {
				v.Trusted = []ed25519.PublicKey{pubA}
			}
			if v.Now == nil {
				v.Now = at(testNow)
			}
			res, err := v.Verify(tc.input)
			if got := errName(err); got != tc.want {
				t.Fatalf("Verify: %v (%s), want %s", err, got, tc.want)
			}
			if tc.claims {
				if res.DelegateID != testClaims.DelegateID || res.Serial != testClaims.Serial || res.EventID != testEvent ||
					res.ValidFrom != from || res.ValidUntil != until {
					t.Errorf("claims %+v", res.Claims)
				}
			} else if res.Claims != (Claims{}) {
				t.Errorf("claims %+v from a badge that is not known to be genuine", res.Claims)
			}
			if res.KeyID != tc.keyID {
				t.Errorf("KeyID %q, want %q", res.KeyID, tc.keyID)
			}
		})
	}
}

func TestVerifyDefaultClock(t *testing.T) {
	now := time.Now()
	c := Claims{EventID: testEvent, DelegateID: "D1", ValidFrom: now.Add(-time.Hour), ValidUntil: now.Add(time.Hour)}
	v := &Verifier{EventID: testEvent, Trusted: []ed25519.PublicKey{pubA}}
	if _, err := v.Verify(issue(t, privA, c)); err != nil {
		t.Errorf("with the system clock: %v", err)
	}
	c.ValidUntil = now.Add(-time.Minute)
	if _, err := v.Verify(issue(t, privA, c)); !errors.Is(err, ErrExpired) {
		t.Errorf("expired badge with the system clock: %v", err)
	}
}

// TestEventBoundBySignature: two events whose tags collide (easy to find
// in 32 bits) still cannot use each other's badges, because the signature
// covers the full event id.
func TestEventBoundBySignature(t *testing.T) {
	seen := map[[tagLen]byte]string{}
	var ev1, ev2 string
	for i := 0; ev2 == ""; i++ {
		id := fmt.Sprintf("ev-%d", i)
		tag := eventTag(id)
		if prev, ok := seen[tag]; ok {
			ev1, ev2 = prev, id
		}
		seen[tag] = id
	}
	c := testClaims
	c.EventID = ev1
	tok := issue(t, privA, c)
	v := testVerifier()
	v.EventID = ev2
	if res, err := v.Verify(tok); !errors.Is(err, ErrBadSignature) {
		t.Errorf("badge of %s at a kiosk of %s (same tag): %+v, %v", ev1, ev2, res, err)
	}
	v.EventID = ev1
	if _, err := v.Verify(tok); err != nil {
		t.Errorf("badge of %s at its own kiosk: %v", ev1, err)
	}
}

func TestNormalize(t *testing.T) {
	valid := issue(t, privA, testClaims)
	dvorak := typeOn(t, layoutUS, layoutDvorak, valid)
	cases := []struct {
		name, raw, token, repaired, err string
	}{
		{"as is", valid, valid, "", ""},
		{"with CR LF", valid + "\r\n", valid, "", ""},
		{"with spaces and tab", " \t" + valid + "\n", valid, "", ""},
		{"lower case", strings.ToLower(valid), valid, RepairCapsLock, ""},
		{"caps lock", capsLock(valid) + "\r", valid, RepairCapsLock, ""},
		{"mixed case", strings.ToLower(valid[:10]) + valid[10:], valid, RepairMixedCase, ""},
		{"US on AZERTY", typeOn(t, layoutUS, layoutFR, valid), valid, "", ""},
		{"US on QWERTZ", typeOn(t, layoutUS, layoutDE, valid), valid, "", ""},
		{"AZERTY on US", typeOn(t, layoutFR, layoutUS, valid), valid, "", ""},
		{"QWERTZ on US", typeOn(t, layoutDE, layoutUS, valid), valid, "", ""},
		{"UK on US", typeOn(t, layoutUK, layoutUS, valid), valid, "", ""},
		{"US on Dvorak", dvorak, valid, "US scanner on Dvorak host", ""},
		{"US on Dvorak, caps lock", capsLock(dvorak), valid, "US scanner on Dvorak host, caps lock", ""},
		{"US on Dvorak, cut short", dvorak[:len(dvorak)-2], "", "", "ErrLayoutMismatch"},
		{"US on Dvorak, prefix only", dvorak[:4], "", "", "ErrLayoutMismatch"},
		{"digits on AZERTY", typeOn(t, layoutUS, layoutFR, "KB2026-D000123"), "", "", "ErrLayoutMismatch"},
		{"digits on AZERTY, caps lock", strings.ToUpper(typeOn(t, layoutUS, layoutFR, "KB2026-D000123")), "", "", "ErrLayoutMismatch"},
		{"punctuation on QWERTZ", typeOn(t, layoutUS, layoutDE, "KB-2026/Y"), "", "", "ErrLayoutMismatch"},
		{"alphanumeric code on AZERTY", typeOn(t, layoutUS, layoutFR, "ROOM 207"), "", "", "ErrLayoutMismatch"},
		{"empty", "", "", "", "ErrMalformed"},
		{"white space", " \r\n\t", "", "", "ErrMalformed"},
		{"prefix only", Prefix, "", "", "ErrMalformed"},
		{"odd", valid[:5], "", "", "ErrMalformed"},
		{"vowel", valid[:10] + "A" + valid[11:], "", "", "ErrMalformed"},
		{"digit", valid[:10] + "1" + valid[11:], "", "", "ErrMalformed"},
		{"inner space", valid[:10] + " " + valid[10:], "", "", "ErrMalformed"},
		{"two scans", valid + "\r\n" + valid, "", "", "ErrMalformed"},
		{"URL", "https://example.org/badge?id=D000123", "", "", "ErrMalformed"},
		{"words", "hello, world", "", "", "ErrMalformed"},
		{"accented words", "Hélène, née Müller", "", "", "ErrMalformed"},
		{"long", strings.Repeat("B", maxScan+2), "", "", "ErrMalformed"},
		{"dotless i", "KBıı", "", "", "ErrMalformed"},
		{"long s", "KBſſ", "", "", "ErrMalformed"},
		{"invalid UTF-8", "KB\xff\xfe", "", "", "ErrMalformed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Normalize(tc.raw)
			if got := errName(err); got != tc.err {
				t.Fatalf("Normalize(%q): %v (%s), want %s", tc.raw, err, got, tc.err)
			}
			if s.Token != tc.token || s.Repaired != tc.repaired {
				t.Errorf("Normalize(%q) = %+v, want token %q repaired %q", tc.raw, s, tc.token, tc.repaired)
			}
		})
	}
}

// TestNormalizeAmbiguous: with the real layouts no scan of a badge reads
// two ways, so two made-up layouts that disagree stand in.
func TestNormalizeAmbiguous(t *testing.T) {
	valid := issue(t, privA, testClaims)
	b := tokenBytes(t, valid)
	b[len(b)-1] ^= 0x01
	variant := encode(b) // same shape, differs in its last character

	one := &mismatch{name: "one", back: map[rune]rune{'Q': rune(valid[len(valid)-1])}}
	two := &mismatch{name: "two", back: map[rune]rune{'Q': rune(variant[len(variant)-1])}}
	same := &mismatch{name: "same", back: map[rune]rune{'Q': rune(valid[len(valid)-1])}}
	scanned := valid[:len(valid)-1] + "Q"

	defer func(saved []*mismatch) { mismatches = saved }(mismatches)
	mismatches = []*mismatch{one, two}
	if s, err := Normalize(scanned); !errors.Is(err, ErrLayoutMismatch) {
		t.Errorf("two readings: got %+v, %v; want ErrLayoutMismatch", s, err)
	}
	mismatches = []*mismatch{one, same}
	s, err := Normalize(scanned)
	if err != nil || s.Token != valid || s.Repaired != "one or same" {
		t.Errorf("two layouts, one reading: got %+v, %v", s, err)
	}
	mismatches = []*mismatch{two}
	if s, err := Normalize(scanned); err != nil || s.Token != variant {
		t.Errorf("one reading: got %+v, %v", s, err)
	}
}

// typeOn is what a scanner set to scanner types on a host set to host.
func typeOn(t testing.TB, scanner, host *layout, s string) string {
	t.Helper()
	var b strings.Builder
	for _, r := range s {
		if r == ' ' { // the space bar is the same everywhere
			b.WriteRune(r)
			continue
		}
		k, level := findKey(scanner, r)
		if k < 0 {
			t.Fatalf("%s cannot type %q", scanner.name, r)
		}
		h := host.plain[k]
		if level == 1 {
			h = host.shift[k]
		}
		if h == noKey {
			t.Fatalf("%s has nothing on %s", host.name, keyNames[k])
		}
		b.WriteRune(h)
	}
	return b.String()
}

func findKey(l *layout, r rune) (key, level int) {
	for k := range numKeys {
		if l.plain[k] == r {
			return k, 0
		}
	}
	for k := range numKeys {
		if l.shift[k] == r {
			return k, 1
		}
	}
	return -1, 0
}

// capsLock inverts the case of letters, as Caps Lock does to what a
// scanner types.
func capsLock(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z':
			return r - 'a' + 'A'
		case 'A' <= r && r <= 'Z':
			return r - 'A' + 'a'
		}
		return r
	}, s)
}

// TestAlphabetSafe is the property the format rests on: every character of
// the alphabet and the prefix is typed with the same key and Shift state
// on US, UK, AZERTY and QWERTZ, and no other key of those layouts types it.
func TestAlphabetSafe(t *testing.T) {
	if len(alphabet) != 16 {
		t.Fatalf("alphabet has %d characters", len(alphabet))
	}
	seen := map[rune]bool{}
	for _, r := range alphabet {
		if seen[r] {
			t.Errorf("%q twice in the alphabet", r)
		}
		seen[r] = true
		if !strings.ContainsRune(qrAlphanumeric, r) {
			t.Errorf("%q is not in QR alphanumeric mode", r)
		}
	}
	for _, r := range Prefix {
		if !seen[r] {
			t.Errorf("prefix character %q is not in the alphabet", r)
		}
	}
	for _, r := range alphabet {
		k, level := findKey(layoutUS, r)
		if k < 0 || level != 1 {
			t.Fatalf("US types %q at %d level %d", r, k, level)
		}
		for _, l := range []*layout{layoutUS, layoutUK, layoutFR, layoutDE} {
			if lk, ll := findKey(l, r); lk != k || ll != level {
				t.Errorf("%q: %s key %s, %s types it on %d", r, layoutUS.name, keyNames[k], l.name, lk)
			}
			if l.plain[k] != r+('a'-'A') {
				t.Errorf("%s types %q unshifted on %s, want lower case %q", l.name, l.plain[k], keyNames[k], r)
			}
			n := 0
			for j := range numKeys {
				if foldRune(l.plain[j]) == r || foldRune(l.shift[j]) == r {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s types %q on %d keys", l.name, r, n)
			}
		}
	}
}

// TestMismatchesUndo: whatever letters and digits a scanner types on the
// wrong host, undoing the mismatch brings back the letters and digits.
func TestMismatchesUndo(t *testing.T) {
	const text = "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG 0123456789 $%*+-./:"
	for _, m := range mismatches {
		typed := typeOn(t, m.scanner, m.host, text)
		folded, _ := foldCase(typed)
		if got := m.unmap(folded); got != text {
			t.Errorf("%s: typed %q, undone %q", m.name, typed, got)
		}
		// With Caps Lock too.
		folded, _ = foldCase(capsLock(typed))
		if got := m.unmap(folded); got != text {
			t.Errorf("%s with caps lock: typed %q, undone %q", m.name, capsLock(typed), got)
		}
	}
	// The four layouts the alphabet is chosen for cannot change a badge, in
	// either direction; only Dvorak repairs touch its letters.
	for _, m := range mismatches {
		if m.host == layoutDvorak {
			continue
		}
		for h, s := range m.back {
			inH, inS := strings.ContainsRune(alphabet, h), strings.ContainsRune(alphabet, s)
			if (inH || inS) && h != s {
				t.Errorf("%s maps %q to %q", m.name, h, s)
			}
		}
		for _, r := range alphabet {
			if m.back[r] != r {
				t.Errorf("%s does not keep %q", m.name, r)
			}
		}
	}
	if got := typeOn(t, layoutUS, layoutFR, "1234567890AQWZM"); got != "&é\"'(-è_çàQAZW?" {
		t.Errorf("US on AZERTY types %q", got)
	}
	if got := typeOn(t, layoutUS, layoutDE, "YZ-/"); got != "ZYß-" {
		t.Errorf("US on QWERTZ types %q", got)
	}
	if got := typeOn(t, layoutUS, layoutDvorak, "KB"); got != "TX" {
		t.Errorf("US on Dvorak types %q", got)
	}
}

func TestQRVersion(t *testing.T) {
	tok := issue(t, privA, testClaims)
	q, err := qrcode.New(tok, qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	if q.VersionNumber > docQRVersion {
		t.Errorf("a badge for %q needs QR version %d at level M; the format promises %d", testClaims.DelegateID, q.VersionNumber, docQRVersion)
	}
	// The table in docs/badge-format.md: longest delegate id per version.
	longest := []struct{ version, n int }{{7, 6}, {8, 27}, {9, 48}, {10, 64}}
	for n := 1; n <= maxIDLen; n++ {
		c := testClaims
		c.DelegateID = strings.Repeat("D", n)
		q, err := qrcode.New(issue(t, privA, c), qrcode.Medium)
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, l := range longest {
			if n <= l.n {
				want = l.version
				break
			}
		}
		if q.VersionNumber != want {
			t.Errorf("delegate id of %d: QR version %d at level M, documented %d", n, q.VersionNumber, want)
		}
	}
}

// TestFlipCharacter: no single-character change to a badge verifies.
func TestFlipCharacter(t *testing.T) {
	valid := issue(t, privA, testClaims)
	v := testVerifier()
	others := alphabet + "AEIOUYZQWM019bcx é-&?"
	n := 0
	for i := range len(valid) {
		for _, r := range others {
			if byte(r) == valid[i] || (r < 0x80 && foldRune(r) == rune(valid[i])) {
				continue
			}
			flipped := valid[:i] + string(r) + valid[i+1:]
			if res, err := v.Verify(flipped); err == nil {
				t.Fatalf("%q (position %d to %q) verified: %+v", flipped, i, r, res)
			}
			n++
		}
	}
	if n < len(valid)*len(alphabet) {
		t.Fatalf("only %d flips tried", n)
	}
}

// TestFlipByte: no change to a single byte of the decoded token verifies.
func TestFlipByte(t *testing.T) {
	valid := issue(t, privA, testClaims)
	b := tokenBytes(t, valid)
	v := testVerifier()
	for i := range b {
		for _, mask := range []byte{0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xff} {
			c := append([]byte(nil), b...)
			c[i] ^= mask
			if res, err := v.Verify(encode(c)); err == nil {
				t.Fatalf("byte %d ^ %#02x verified: %+v", i, mask, res)
			}
		}
	}
}

func TestValidID(t *testing.T) {
	good := []string{"a", "Z", "0", "D000123", "a.b", "a-b", "a_b", "a..", strings.Repeat("x", 64)}
	bad := []string{"", ".a", "-a", "_a", "a b", "a/b", "é", strings.Repeat("x", 65), "a\x00"}
	for _, s := range good {
		if !validID(s) {
			t.Errorf("validID(%q) = false", s)
		}
	}
	for _, s := range bad {
		if validID(s) {
			t.Errorf("validID(%q) = true", s)
		}
	}
}

func TestPayloadLayout(t *testing.T) {
	b := tokenBytes(t, issue(t, privA, testClaims))
	tag := sha256.Sum256([]byte(testEvent))
	switch {
	case b[0] != 1:
		t.Error("version")
	case string(b[1:5]) != string(tag[:4]):
		t.Error("event tag")
	case binary.BigEndian.Uint32(b[5:]) != uint32(testClaims.ValidFrom.Unix()/60):
		t.Error("valid-from")
	case binary.BigEndian.Uint32(b[9:]) != uint32(testClaims.ValidUntil.Unix()/60):
		t.Error("valid-until")
	case binary.BigEndian.Uint32(b[13:]) != testClaims.Serial:
		t.Error("serial")
	case b[17] != 7 || string(b[18:25]) != testClaims.DelegateID:
		t.Error("delegate id")
	case len(b) != 25+64:
		t.Error("length")
	}
	msg := append([]byte("kiosk-badge-v1\x00\x09conf-2026"), b[:25]...)
	if !ed25519.Verify(pubA, msg, b[25:]) {
		t.Error("signature is not over the documented message")
	}
}
