package pinhash

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"
)

func TestBundleHashMustBeForATwelveDigitPIN(t *testing.T) {
	long, err := Hash("314159265358")
	if err != nil {
		t.Fatal(err)
	}
	if err := ValidHash(long); err != nil {
		t.Fatalf("a 12-digit PIN's hash refused: %v", err)
	}
	for _, pin := range []string{"2016", "482916", "31415926535"} {
		h, err := Hash(pin)
		if err != nil {
			t.Fatal(err)
		}
		if err := ValidHash(h); err == nil || !strings.Contains(err.Error(), "has 12 digits") {
			t.Errorf("hash of a %d-digit PIN in a bundle: %v", len(pin), err)
		}
		// A kiosk keeps its own short PIN.
		if err := wellFormed(h); err != nil || !Matches(h, pin) {
			t.Errorf("hash of a %d-digit PIN at a kiosk: %v", len(pin), err)
		}
	}
}

// A hash in the form used before hashes said their PIN's length: still
// opens a kiosk that installed it, refused in a new bundle.
func TestOlderHashFormOpensTheKioskButNoNewBundle(t *testing.T) {
	old := "argon2id$v=19$m=32768,t=2,p=1$gIOXP/FYZkweyRFZTWoqfA$eIrRfYK6HIX0aJDs2Kyaoon58yqkOCfAz4Pa9U/edVA"
	if !Matches(old, "2016") || Matches(old, "2017") {
		t.Fatal("the older form no longer matches its PIN")
	}
	if wellFormed(old) != nil || ValidHash(old) == nil {
		t.Fatal("the older form: want kept at a kiosk, refused in a bundle")
	}
}

func TestCheaperParametersAreRefusedInABundle(t *testing.T) {
	salt := base64.RawStdEncoding.EncodeToString(make([]byte, 16))
	key := base64.RawStdEncoding.EncodeToString(make([]byte, 32))
	for _, p := range []string{"m=8192,t=2,p=1,d=12", "m=32768,t=1,p=1,d=12"} {
		if err := ValidHash("argon2id$v=19$" + p + "$" + salt + "$" + key); err == nil || !strings.Contains(err.Error(), "cheaper") {
			t.Errorf("%s: %v", p, err)
		}
	}
	for _, p := range []string{"m=32768,t=2,p=1,d=3", "m=32768,t=2,p=1,d=13", "m=32768,t=2,p=1,d=12,x=1",
		"m=32768,t=2,p=1x", "m=32768,t=2,p=1,d=", "m=0,t=2,p=1,d=12"} {
		if err := wellFormed("argon2id$v=19$" + p + "$" + salt + "$" + key); err == nil {
			t.Errorf("parameters %q accepted", p)
		}
	}
}

func TestHashMatchesOnlyAPINOfItsLength(t *testing.T) {
	h, err := Hash("000000000000")
	if err != nil {
		t.Fatal(err)
	}
	if !Matches(h, "000000000000") || Matches(h, "0000") || Matches(h, "00000000000") {
		t.Fatal("a hash matched a PIN of another length")
	}
}

func TestGeneratedPINs(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		p, err := Generate()
		if err != nil {
			t.Fatal(err)
		}
		if len(p) != BundleDigits || Valid(p) != nil || seen[p] {
			t.Fatalf("generated %q", p)
		}
		seen[p] = true
	}
	if g := Grouped("201620162016"); g != "2016 2016 2016" || Normalize(g) != "201620162016" || Normalize("2016-2016-2016") != "201620162016" {
		t.Fatalf("grouped %q", g)
	}
}

// BenchmarkPINGuess measures what a brute force of a bundle's PIN hash
// costs here: one guess per op, on every core at once (b.RunParallel),
// so ns/op is the machine's time per guess. It reports the years needed
// to try every 12-digit PIN (half of that on average).
//
//	go test -run '^$' -bench PINGuess ./data/pinhash
func BenchmarkPINGuess(b *testing.B) {
	h, err := Hash("314159265358")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if Matches(h, "271828182845") {
				b.Error("a wrong PIN matched")
			}
		}
	})
	perGuess := time.Since(start).Seconds() / float64(b.N)
	const space = 1e12 // 10^BundleDigits
	b.ReportMetric(space*perGuess/(365.25*24*3600), "years-to-try-all")
}

// wellFormed is a hash as a kiosk keeps it: one that parses.
func wellFormed(h string) error {
	_, _, _, err := parseHash(h)
	return err
}
