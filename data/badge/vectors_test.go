package badge

import (
	"crypto/ed25519"
	"encoding/hex"
	"flag"
	"kiosk/data/vectorfile"
	"slices"
	"strings"
	"testing"
	"time"

	"kiosk/data/keys"
)

var update = flag.Bool("update", false, "rewrite testdata/vectors.json from the code")

const vectorsPath = "testdata/vectors.json"

type vectorFile struct {
	About    []string    `json:"about"`
	Format   string      `json:"format"`
	Prefix   string      `json:"prefix"`
	Alphabet string      `json:"alphabet"`
	Keys     []vectorKey `json:"keys"`
	Vectors  []vector    `json:"vectors"`
}

type vectorKey struct {
	Name      string `json:"name"`
	SeedFrom  string `json:"seed_from"`
	Seed      string `json:"seed"`
	PublicKey string `json:"public_key"`
	KeyID     string `json:"key_id"`
}

type vector struct {
	Name     string         `json:"name"`
	Note     string         `json:"note,omitempty"`
	Input    string         `json:"input"`
	Verifier vectorVerifier `json:"verifier"`
	Want     vectorWant     `json:"want"`
}

type vectorVerifier struct {
	EventID     string   `json:"event_id"`
	Now         string   `json:"now"`
	SkewSeconds int      `json:"skew_seconds"`
	Revoked     []uint32 `json:"revoked"`
	Trusted     []string `json:"trusted"`
}

type vectorWant struct {
	Error    string        `json:"error"`
	Repaired string        `json:"repaired"`
	Claims   *vectorClaims `json:"claims"`
	KeyID    string        `json:"key_id"`
}

type vectorClaims struct {
	EventID    string `json:"event_id"`
	DelegateID string `json:"delegate_id"`
	Serial     uint32 `json:"serial"`
	ValidFrom  string `json:"valid_from"`
	ValidUntil string `json:"valid_until"`
}

func claimsJSON(c Claims) *vectorClaims {
	return &vectorClaims{
		EventID:    c.EventID,
		DelegateID: c.DelegateID,
		Serial:     c.Serial,
		ValidFrom:  c.ValidFrom.UTC().Format(time.RFC3339),
		ValidUntil: c.ValidUntil.UTC().Format(time.RFC3339),
	}
}

// generateVectors builds the published vectors from the code. Every
// expected outcome is written down by hand here, not taken from Verify, so
// that the file states what the format requires.
func generateVectors(t testing.TB) vectorFile {
	hexA, hexB := hex.EncodeToString(pubA), hex.EncodeToString(pubB)
	valid := issue(t, privA, testClaims)
	vb := tokenBytes(t, valid)
	withBytes := func(f func([]byte)) string {
		b := append([]byte(nil), vb...)
		f(b)
		return encode(b)
	}
	longID := testClaims
	longID.DelegateID = "Delegate.With-A_Very-Long.Identifier.That.Uses.All.64.Chars.x064"
	if len(longID.DelegateID) != maxIDLen {
		t.Fatalf("long id has %d characters", len(longID.DelegateID))
	}
	otherEv := testClaims
	otherEv.EventID = otherEvent
	dvorak := typeOn(t, layoutUS, layoutDvorak, valid)

	settings := func() vectorVerifier {
		return vectorVerifier{EventID: testEvent, Now: testNow.Format(time.RFC3339), Revoked: []uint32{}, Trusted: []string{hexA}}
	}
	at := func(tm time.Time) vectorVerifier { s := settings(); s.Now = tm.Format(time.RFC3339); return s }
	ok := func(c Claims, repaired string, key ed25519.PublicKey) vectorWant {
		return vectorWant{Repaired: repaired, Claims: claimsJSON(c), KeyID: keys.ID(key)}
	}
	refused := func(name string) vectorWant { return vectorWant{Error: name} }
	// Refusals after the signature name the badge.
	refusedNamed := func(name string) vectorWant {
		w := ok(testClaims, "", pubA)
		w.Error = name
		return w
	}

	vs := []vector{
		{Name: "valid", Input: valid, Verifier: settings(), Want: ok(testClaims, "", pubA),
			Note: "The badge of the worked example in docs/badge-format.md."},
		{Name: "valid-with-enter", Input: valid + "\r\n", Verifier: settings(), Want: ok(testClaims, "", pubA),
			Note: "Scanners end a scan with Enter; surrounding white space and line ends are trimmed without counting as a repair."},
		{Name: "valid-lower-case", Input: strings.ToLower(valid), Verifier: settings(), Want: ok(testClaims, RepairCapsLock, pubA)},
		{Name: "valid-caps-lock", Input: capsLock(valid) + "\r", Verifier: settings(), Want: ok(testClaims, RepairCapsLock, pubA),
			Note: "Caps Lock inverts the case of letters; a badge is all upper-case letters, so this is the lower-case scan again, here with a bare CR."},
		{Name: "valid-mixed-case", Input: strings.ToLower(valid[:40]) + valid[40:], Verifier: settings(), Want: ok(testClaims, RepairMixedCase, pubA)},
		{Name: "valid-us-scanner-on-azerty", Input: typeOn(t, layoutUS, layoutFR, valid), Verifier: settings(), Want: ok(testClaims, "", pubA),
			Note: "Identical to 'valid': every character of a badge sits on the same key in US and AZERTY, so the mismatch changes nothing and needs no repair. See 'layout-mismatch-digits-azerty' for what it does to a code with digits."},
		{Name: "valid-us-scanner-on-qwertz", Input: typeOn(t, layoutUS, layoutDE, valid), Verifier: settings(), Want: ok(testClaims, "", pubA),
			Note: "Identical to 'valid', for the same reason: QWERTZ moves Y, Z and punctuation, none of which a badge uses."},
		{Name: "valid-azerty-scanner-on-us", Input: typeOn(t, layoutFR, layoutUS, valid), Verifier: settings(), Want: ok(testClaims, "", pubA),
			Note: "Identical to 'valid'."},
		{Name: "valid-qwertz-scanner-on-us", Input: typeOn(t, layoutDE, layoutUS, valid), Verifier: settings(), Want: ok(testClaims, "", pubA),
			Note: "Identical to 'valid'."},
		{Name: "valid-us-scanner-on-dvorak", Input: dvorak, Verifier: settings(), Want: ok(testClaims, "US scanner on Dvorak host", pubA),
			Note: "Dvorak moves every letter, so here the mismatch shows, and is undone."},
		{Name: "valid-us-scanner-on-dvorak-caps-lock", Input: capsLock(dvorak), Verifier: settings(), Want: ok(testClaims, "US scanner on Dvorak host, caps lock", pubA)},
		{Name: "valid-long-delegate-id", Input: issue(t, privA, longID), Verifier: settings(), Want: ok(longID, "", pubA),
			Note: "The longest delegate id, 64 characters."},
		{Name: "valid-key-rotation", Input: issue(t, privB, testClaims),
			Verifier: func() vectorVerifier { s := settings(); s.Trusted = []string{hexA, hexB}; return s }(),
			Want:     ok(testClaims, "", pubB),
			Note:     "Signed with key B; the kiosk trusts A and B and names the key that verified."},
		{Name: "valid-from-first-minute", Input: valid, Verifier: at(testClaims.ValidFrom), Want: ok(testClaims, "", pubA),
			Note: "valid_from is inclusive."},
		{Name: "valid-early-within-skew", Input: valid,
			Verifier: func() vectorVerifier {
				s := at(testClaims.ValidFrom.Add(-90 * time.Second))
				s.SkewSeconds = 120
				return s
			}(),
			Want: ok(testClaims, "", pubA)},
		{Name: "layout-mismatch-digits-azerty", Input: typeOn(t, layoutUS, layoutFR, "KB2026-D000123"), Verifier: settings(), Want: refused("ErrLayoutMismatch"),
			Note: "Not a badge: the code KB2026-D000123 typed by a US scanner on an AZERTY host, where digits come out as é à and friends. A badge has no digits, so this only shows what a mismatch looks like, and that the kiosk names it."},
		{Name: "layout-mismatch-qwertz", Input: typeOn(t, layoutUS, layoutDE, "KB-2026/Y"), Verifier: settings(), Want: refused("ErrLayoutMismatch"),
			Note: "Not a badge: KB-2026/Y typed by a US scanner on a QWERTZ host (- becomes ß, / becomes -, Y becomes Z)."},
		{Name: "layout-mismatch-dvorak-cut-short", Input: dvorak[:len(dvorak)-2], Verifier: settings(), Want: refused("ErrLayoutMismatch"),
			Note: "A Dvorak-mangled badge missing its last two characters: the prefix shows the mismatch, but there is nothing well-formed to repair."},
		{Name: "bad-signature", Input: withBytes(func(b []byte) { b[len(b)-sigLen+10] ^= 0x01 }), Verifier: settings(), Want: refused("ErrBadSignature"),
			Note: "One bit of the signature changed."},
		{Name: "bad-signature-altered-serial", Input: withBytes(func(b []byte) { b[16]++ }), Verifier: settings(), Want: refused("ErrBadSignature"),
			Note: "The serial changed from 4242 to 4243 after signing."},
		{Name: "unknown-key", Input: issue(t, privB, testClaims), Verifier: settings(), Want: refused("ErrBadSignature"),
			Note: "Signed with key B, which this kiosk does not trust."},
		{Name: "revoked", Input: valid,
			Verifier: func() vectorVerifier { s := settings(); s.Revoked = []uint32{17, 4242}; return s }(),
			Want:     refusedNamed("ErrRevoked")},
		{Name: "not-yet-valid", Input: valid, Verifier: at(testClaims.ValidFrom.Add(-time.Minute)), Want: refusedNamed("ErrNotYetValid")},
		{Name: "expired", Input: valid, Verifier: at(testClaims.ValidUntil), Want: refusedNamed("ErrExpired"),
			Note: "valid_until is exclusive."},
		{Name: "another-event", Input: issue(t, privA, otherEv), Verifier: settings(), Want: refused("ErrWrongEvent"),
			Note: "A genuine badge of conf-2027, signed with the same key."},
		{Name: "unsupported-version", Input: withBytes(func(b []byte) { b[0] = 2 }), Verifier: settings(), Want: refused("ErrUnsupportedVersion"),
			Note: "The valid badge with its version byte set to 2."},
		{Name: "truncated", Input: valid[:120], Verifier: settings(), Want: refused("ErrMalformed")},
		{Name: "truncated-one-byte", Input: valid[:len(valid)-2], Verifier: settings(), Want: refused("ErrMalformed"),
			Note: "The length byte of the delegate id no longer matches."},
		{Name: "bad-character", Input: valid[:30] + "A" + valid[31:], Verifier: settings(), Want: refused("ErrMalformed"),
			Note: "A is not in the alphabet."},
		{Name: "garbage", Input: "https://example.org/badge?id=D000123", Verifier: settings(), Want: refused("ErrMalformed")},
		{Name: "empty", Input: "", Verifier: settings(), Want: refused("ErrMalformed")},
		{Name: "blank", Input: " \r\n", Verifier: settings(), Want: refused("ErrMalformed")},
	}
	return vectorFile{
		About: []string{
			"Test vectors for kiosk badge codes, format version 1 (docs/badge-format.md).",
			"The keys are test keys: their seeds are published here and they protect nothing.",
			"For each vector, build a verifier from 'verifier' (trusted keys as hex Ed25519 public keys, 'now' the kiosk clock, skew in seconds),",
			"verify 'input' exactly as typed, and expect 'want': error names the refusal, or is empty and claims are those of the accepted badge.",
			"Refusals made after the signature checked out (ErrRevoked, ErrNotYetValid, ErrExpired) also name the badge.",
			"Regenerate with: go test ./data/badge -run TestVectorsUpToDate -update",
		},
		Format:   "kiosk-badge v1",
		Prefix:   Prefix,
		Alphabet: alphabet,
		Keys: []vectorKey{
			{Name: "A", SeedFrom: `SHA-256("kiosk-badge test key A")`, Seed: hex.EncodeToString(seedA[:]), PublicKey: hexA, KeyID: keys.ID(pubA)},
			{Name: "B", SeedFrom: `SHA-256("kiosk-badge test key B")`, Seed: hex.EncodeToString(seedB[:]), PublicKey: hexB, KeyID: keys.ID(pubB)},
		},
		Vectors: vs,
	}
}

// TestVectorsUpToDate fails when a code change alters a published vector:
// badges already printed would stop verifying. It runs before TestVectors
// so that -update is checked by the same run.
func TestVectorsUpToDate(t *testing.T) {
	vectorfile.UpToDate(t, vectorsPath, vectorfile.Marshal(t, generateVectors(t)), *update, "go test ./data/badge -run TestVectorsUpToDate -update")
}

// TestVectors checks the file on its own terms, as another implementation
// would: keys from seeds, verifiers from the settings written there.
func TestVectors(t *testing.T) {
	var f vectorFile
	vectorfile.Read(t, vectorsPath, &f)
	if f.Prefix != Prefix || f.Alphabet != alphabet {
		t.Errorf("file has prefix %q alphabet %q", f.Prefix, f.Alphabet)
	}
	for _, k := range f.Keys {
		seed, err := hex.DecodeString(k.Seed)
		if err != nil || len(seed) != ed25519.SeedSize {
			t.Fatalf("key %s: bad seed", k.Name)
		}
		pub := ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey)
		if hex.EncodeToString(pub) != k.PublicKey || keys.ID(pub) != k.KeyID {
			t.Errorf("key %s: seed does not give the public key or id listed", k.Name)
		}
	}
	if len(f.Vectors) < 20 {
		t.Fatalf("only %d vectors", len(f.Vectors))
	}
	names := map[string]bool{}
	for _, vec := range f.Vectors {
		t.Run(vec.Name, func(t *testing.T) {
			if names[vec.Name] {
				t.Fatal("duplicate name")
			}
			names[vec.Name] = true
			now, err := time.Parse(time.RFC3339, vec.Verifier.Now)
			if err != nil {
				t.Fatal(err)
			}
			v := &Verifier{
				EventID: vec.Verifier.EventID,
				Now:     func() time.Time { return now },
				Skew:    time.Duration(vec.Verifier.SkewSeconds) * time.Second,
				Revoked: map[uint32]bool{},
			}
			for _, s := range vec.Verifier.Revoked {
				v.Revoked[s] = true
			}
			for _, h := range vec.Verifier.Trusted {
				pub, err := hex.DecodeString(h)
				if err != nil {
					t.Fatal(err)
				}
				v.Trusted = append(v.Trusted, pub)
			}
			res, err := v.Verify(vec.Input)
			if got := errName(err); got != vec.Want.Error {
				t.Fatalf("Verify: %v (%s), want %s", err, got, vec.Want.Error)
			}
			var got *vectorClaims
			if res.Claims != (Claims{}) {
				got = claimsJSON(res.Claims)
			}
			if (got == nil) != (vec.Want.Claims == nil) || (got != nil && *got != *vec.Want.Claims) {
				t.Errorf("claims %+v, want %+v", got, vec.Want.Claims)
			}
			if res.Repaired != vec.Want.Repaired || res.KeyID != vec.Want.KeyID {
				t.Errorf("repaired %q key %q, want %q %q", res.Repaired, res.KeyID, vec.Want.Repaired, vec.Want.KeyID)
			}
		})
	}
	for _, need := range []string{"valid", "valid-lower-case", "valid-caps-lock", "valid-us-scanner-on-azerty",
		"valid-us-scanner-on-qwertz", "bad-signature", "unknown-key", "revoked", "not-yet-valid", "expired",
		"another-event", "unsupported-version", "truncated", "garbage", "empty"} {
		if !names[need] {
			t.Errorf("no vector %q", need)
		}
	}
	// Every refusal has a vector.
	for _, s := range sentinels {
		if !slices.ContainsFunc(f.Vectors, func(v vector) bool { return v.Want.Error == s.name }) {
			t.Errorf("no vector refused with %s", s.name)
		}
	}
}
