package badge

import (
	"crypto/ed25519"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// reencode builds a token's text back from its decoded fields, to check
// that the encoding is canonical: one text per badge.
func reencode(t token) string {
	b := []byte{Version}
	b = append(b, t.tag[:]...)
	b = binary.BigEndian.AppendUint32(b, t.from)
	b = binary.BigEndian.AppendUint32(b, t.until)
	b = binary.BigEndian.AppendUint32(b, t.serial)
	b = append(b, byte(len(t.delegate)))
	b = append(b, t.delegate...)
	b = append(b, t.sig...)
	return encode(b)
}

func checkNormalize(t testing.TB, raw string) {
	s, err := Normalize(raw)
	if err != nil {
		if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrLayoutMismatch) || errName(err) == "?" {
			t.Fatalf("Normalize(%q): unexpected error %v", raw, err)
		}
		if s != (Scan{}) {
			t.Fatalf("Normalize(%q) failed but returned %+v", raw, s)
		}
		return
	}
	if !wellShaped(s.Token) {
		t.Fatalf("Normalize(%q) = %q, not well shaped", raw, s.Token)
	}
	again, err := Normalize(s.Token)
	if err != nil || again != (Scan{Token: s.Token}) {
		t.Fatalf("Normalize(%q) = %q, which normalizes to %+v, %v", raw, s.Token, again, err)
	}
}

var fuzzVerifier = &Verifier{
	EventID: testEvent,
	Trusted: []ed25519.PublicKey{pubA},
	Revoked: map[uint32]bool{17: true},
	Now:     func() time.Time { return testNow },
}

func checkVerify(t testing.TB, raw string) {
	res, err := fuzzVerifier.Verify(raw)
	if err != nil && errName(err) == "?" {
		t.Fatalf("Verify(%q): error %v is not exactly one of the refusals", raw, err)
	}
	s, nerr := Normalize(raw)
	if nerr != nil {
		if err == nil || errName(err) != errName(nerr) {
			t.Fatalf("Verify(%q) = %v, Normalize = %v", raw, err, nerr)
		}
		return
	}
	if res.Repaired != s.Repaired {
		t.Fatalf("Verify(%q) repaired %q, Normalize %q", raw, res.Repaired, s.Repaired)
	}
	if tok, derr := decode(s.Token); derr == nil {
		if re := reencode(tok); re != s.Token {
			t.Fatalf("%q decodes and re-encodes to %q", s.Token, re)
		}
	}
	if err != nil {
		return
	}
	reissued, ierr := Issue(ed25519.NewKeyFromSeed(seedA[:]), res.Claims)
	if ierr != nil || reissued != s.Token {
		t.Fatalf("accepted %q (%+v), which reissues as %q, %v", s.Token, res.Claims, reissued, ierr)
	}
}

func fuzzSeeds(t testing.TB) []string {
	seeds := []string{"", " ", "KB", "KBBC", "KBBD", "kb", "TX", "TXXJ", "\xff", "KB\x00", "é"}
	for _, v := range generateVectors(t).Vectors {
		seeds = append(seeds, v.Input)
	}
	return seeds
}

func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) { checkNormalize(t, raw) })
}

func FuzzVerify(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) { checkVerify(t, raw) })
}

// TestFuzzBounded runs the fuzz checks over the seed corpus and a fixed
// set of random mutations of a valid badge, so that the ordinary suite
// covers them without -fuzz.
func TestFuzzBounded(t *testing.T) {
	seeds := fuzzSeeds(t)
	for _, s := range seeds {
		checkNormalize(t, s)
		checkVerify(t, s)
	}
	valid := issue(t, privA, testClaims)
	rng := rand.New(rand.NewPCG(1, 2))
	const extra = alphabet + "AEIOUQWYZM0123456789 \r\n\t-.:/?&é\"'(ß§üöä" + "bcdkxqa"
	extraRunes := []rune(extra)
	pick := func() string { return string(extraRunes[rng.IntN(len(extraRunes))]) }
	accepted := 0
	for range 2000 {
		s := valid
		for range 1 + rng.IntN(3) {
			if s == "" {
				break
			}
			i := rng.IntN(len(s))
			switch rng.IntN(10) {
			case 0, 1, 2:
				s = s[:i] + pick() + s[i+1:]
			case 3:
				s = s[:i] + s[i+1:]
			case 4:
				s = s[:i] + pick() + s[i:]
			case 5:
				s = s[:i]
			case 6:
				j := i + rng.IntN(len(s)-i)
				s = s[:i] + strings.ToLower(s[i:j]) + s[j:]
			case 7:
				s = s + s[i:]
			case 8:
				m := mismatches[rng.IntN(len(mismatches))]
				if wellShaped(s) {
					s = typeOn(t, m.scanner, m.host, s)
				}
			case 9:
				if wellShaped(s) {
					b := tokenBytes(t, s)
					b[rng.IntN(len(b))] ^= byte(1 + rng.IntN(255))
					s = encode(b)
				}
			}
		}
		checkNormalize(t, s)
		checkVerify(t, s)
		if _, err := fuzzVerifier.Verify(s); err == nil {
			accepted++
		}
	}
	// Some mutations only change case or layout and must still verify.
	if accepted == 0 {
		t.Error("no mutation verified; the mutations are not reaching Verify's success path")
	}
}

func BenchmarkVerify(b *testing.B) {
	valid := issue(b, privA, testClaims)
	v := testVerifier()
	for b.Loop() {
		if _, err := v.Verify(valid); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyRotated is the slow path: the badge is signed by the last
// of three trusted keys.
func BenchmarkVerifyRotated(b *testing.B) {
	seedC := [32]byte{3}
	v := testVerifier()
	v.Trusted = []ed25519.PublicKey{pubB, ed25519.NewKeyFromSeed(seedC[:]).Public().(ed25519.PublicKey), pubA}
	valid := issue(b, privA, testClaims)
	for b.Loop() {
		if _, err := v.Verify(valid); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyDvorak(b *testing.B) {
	scan := typeOn(b, layoutUS, layoutDvorak, issue(b, privA, testClaims))
	v := testVerifier()
	for b.Loop() {
		if _, err := v.Verify(scan); err != nil {
			b.Fatal(err)
		}
	}
}
