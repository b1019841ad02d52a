package checkincode

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"kiosk/data/vectorfile"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/keys"
	"kiosk/data/syncproto"
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
	KioskID   string `json:"kiosk_id"`
}

type vector struct {
	Name     string         `json:"name"`
	Note     string         `json:"note,omitempty"`
	Input    string         `json:"input"`
	Verifier vectorVerifier `json:"verifier"`
	Want     vectorWant     `json:"want"`
}

type vectorVerifier struct {
	EventID string   `json:"event_id"`
	Kiosks  []string `json:"kiosks"`
}

type vectorWant struct {
	Error   string         `json:"error,omitempty"`
	Message string         `json:"message,omitempty"`
	CheckIn *vectorCheckIn `json:"checkin,omitempty"`
}

// vectorCheckIn is a check-in in the form of an export record, with its
// event: the form the documents already define.
type vectorCheckIn struct {
	EventID string `json:"event_id"`
	syncproto.Record
}

func checkInJSON(c data.CheckIn) *vectorCheckIn {
	return &vectorCheckIn{EventID: c.EventID, Record: syncproto.ToRecord(c)}
}

// refusalNames are the names docs/checkin-code-format.md gives the
// refusals, for implementations in other languages.
var refusalNames = vectorfile.Refusals{
	{Err: ErrMalformed, Name: "malformed"},
	{Err: ErrWrongEvent, Name: "wrong_event"},
	{Err: ErrUnknownKey, Name: "unknown_kiosk"},
	{Err: ErrBadSignature, Name: "not_genuine"},
	{Err: ErrInvalid, Name: "invalid"},
}

var (
	vecSeedA = sha256.Sum256([]byte("kiosk-checkin test kiosk A"))
	vecSeedB = sha256.Sum256([]byte("kiosk-checkin test kiosk B"))
	vecPrivA = ed25519.NewKeyFromSeed(vecSeedA[:])
	vecPrivB = ed25519.NewKeyFromSeed(vecSeedB[:])
)

const (
	vecEvent = "conf-2026"
	// vecID is every vector's check-in id but where a vector says.
	vecID = "5f0c6b1e9a2d4c7f8e3b1a0d2c4e6f80"
)

// vecCheckIn is the check-in of the document's size example, at the
// event's venue on 8 November 2026.
func vecCheckIn(priv ed25519.PrivateKey) data.CheckIn {
	at := time.Date(2026, 11, 8, 9, 15, 3, 123e6, time.UTC)
	return data.CheckIn{ID: vecID, EventID: vecEvent, KioskID: keys.KioskID(priv.Public().(ed25519.PublicKey)),
		Seq: 42, DelegateID: "D000003", BadgeSerial: 7, Purpose: data.PurposeSession, SessionID: "S0012",
		RoomID: "nusa-dua-hall", ScannedAt: at, HLC: at.UnixMilli()<<16 | 3, Method: data.MethodScan}
}

// writeCode signs a check-in and writes its code as a kiosk does.
func writeCode(t testing.TB, priv ed25519.PrivateKey, c data.CheckIn) string {
	t.Helper()
	sig, err := Sign(c.EventID, priv, c)
	if err != nil {
		t.Fatal(err)
	}
	c.Signature = sig
	code, err := Code(c.EventID, priv.Public().(ed25519.PublicKey), c)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// generateVectors builds the published vectors. Every expected outcome is
// written here by hand, not taken from Verify, so that the file states
// what the format requires.
func generateVectors(t testing.TB) vectorFile {
	pubA := vecPrivA.Public().(ed25519.PublicKey)
	kioskA := keys.KioskID(pubA)
	onlyA := vectorVerifier{EventID: vecEvent, Kiosks: []string{"A"}}
	both := vectorVerifier{EventID: vecEvent, Kiosks: []string{"A", "B"}}
	signedCopy := func(priv ed25519.PrivateKey, c data.CheckIn) data.CheckIn {
		sig, err := Sign(c.EventID, priv, c)
		if err != nil {
			t.Fatal(err)
		}
		c.Signature = sig
		return c
	}
	ok := func(priv ed25519.PrivateKey, c data.CheckIn) vectorWant {
		return vectorWant{CheckIn: checkInJSON(signedCopy(priv, c))}
	}
	refused := func(name, message string) vectorWant { return vectorWant{Error: name, Message: message} }
	malformed := func(detail string) vectorWant {
		if detail == "" {
			return refused("malformed", "not a check-in code")
		}
		return refused("malformed", "not a check-in code: "+detail)
	}
	invalid := func(rule string) vectorWant {
		return refused("invalid", "check-in code breaks the rules (from "+kioskA+"): invalid check-in: "+rule)
	}
	with := func(change func(*data.CheckIn)) data.CheckIn {
		c := vecCheckIn(vecPrivA)
		change(&c)
		return c
	}
	// forged signs, with key A, bytes laid out as the document says but
	// holding what no kiosk writes.
	forged := func(change func(*data.CheckIn), purpose, flags byte) string {
		return forgeCode(vecPrivA, vecEvent, with(change), purpose, flags)
	}
	none := func(*data.CheckIn) {}
	raw := forgeBytes(pubA, vecEvent, vecCheckIn(vecPrivA), 2, 0)
	// rawWith signs the example's bytes changed by f.
	rawWith := func(f func([]byte) []byte) string {
		return signRaw(vecPrivA, vecEvent, f(append([]byte(nil), raw...)))
	}

	base := vecCheckIn(vecPrivA)
	valid := writeCode(t, vecPrivA, base)
	arrival := with(func(c *data.CheckIn) { c.Purpose, c.SessionID, c.Seq = data.PurposeArrival, "", 1 })
	plenary := with(func(c *data.CheckIn) {
		c.Purpose, c.Method, c.ClockSuspect, c.RoomID = data.PurposePlenary, data.MethodManual, true, ""
		c.ScannedAt = time.UnixMilli(1500).UTC() // a clock whose battery died, and the kiosk knows it
		c.HLC = 1500<<16 | 1
	})
	long := with(func(c *data.CheckIn) {
		c.DelegateID = "Delegate.With-A_Very-Long.Identifier.That.Uses.All.64.Chars.x064"
		c.SessionID = "S" + strings.Repeat("s", 63)
		c.RoomID = "R" + strings.Repeat("r", 63)
	})
	high := with(func(c *data.CheckIn) {
		c.Seq, c.BadgeSerial, c.HLC, c.ScannedAt = data.MaxSeq, math.MaxUint32, math.MaxInt64, data.MaxScannedAt
		c.ID = "ffffffffffffffffffffffffffffffff"
	})
	low := with(func(c *data.CheckIn) {
		c.Seq, c.BadgeSerial, c.HLC, c.ScannedAt = 1, 0, 1, data.MinScannedAt
		c.ID = "00000000000000000000000000000000"
	})
	byB := vecCheckIn(vecPrivB)
	validB := writeCode(t, vecPrivB, byB)
	otherEvent := with(func(c *data.CheckIn) { c.EventID = "conf-2027" })

	vs := []vector{
		{Name: "valid", Input: valid, Verifier: onlyA, Want: ok(vecPrivA, base),
			Note: "The document's size example: a session check-in, 292 letters, QR version 10 at level M."},
		{Name: "valid-with-enter", Input: valid + "\r\n", Verifier: onlyA, Want: ok(vecPrivA, base),
			Note: "Scanners end a scan with Enter; white space around the code is trimmed."},
		{Name: "valid-unicode-spaces", Input: "\u00a0\t" + valid + "\u2003\u0085", Verifier: onlyA, Want: ok(vecPrivA, base),
			Note: "Every character with Unicode's White_Space property around the code is trimmed: here NBSP and tab before, EM SPACE and NEL after."},
		{Name: "valid-lower-case", Input: strings.ToLower(valid), Verifier: onlyA, Want: ok(vecPrivA, base),
			Note: "Caps Lock: a to z fold to upper case."},
		{Name: "valid-arrival", Input: writeCode(t, vecPrivA, arrival), Verifier: onlyA, Want: ok(vecPrivA, arrival),
			Note: "Purpose 1 with an empty session id, the kiosk's first check-in."},
		{Name: "valid-plenary-manual-clock-suspect", Input: writeCode(t, vecPrivA, plenary), Verifier: onlyA, Want: ok(vecPrivA, plenary),
			Note: "Purpose 3, flags 3 (typed by hand, clock known to be wrong), no room, a clock 1.5 s after 1970."},
		{Name: "valid-longest-ids", Input: writeCode(t, vecPrivA, long), Verifier: onlyA, Want: ok(vecPrivA, long),
			Note: "Three 64-byte ids: the longest code, 626 letters."},
		{Name: "valid-upper-bounds", Input: writeCode(t, vecPrivA, high), Verifier: onlyA, Want: ok(vecPrivA, high),
			Note: "The largest sequence number, badge serial, hybrid logical clock and scan time."},
		{Name: "valid-lower-bounds", Input: writeCode(t, vecPrivA, low), Verifier: onlyA, Want: ok(vecPrivA, low),
			Note: "Sequence 1, badge serial 0, hybrid logical clock 1, scan time 1970-01-01T00:00:00.001Z."},
		{Name: "valid-kiosk-b", Input: validB, Verifier: both, Want: ok(vecPrivB, byB),
			Note: "Signed by kiosk B; the verifier knows A and B and finds B by its key id."},

		{Name: "empty", Input: "", Verifier: onlyA, Want: malformed("")},
		{Name: "blank", Input: " \r\n", Verifier: onlyA, Want: malformed("")},
		{Name: "prefix-only", Input: "KC", Verifier: onlyA, Want: malformed("")},
		{Name: "badge", Input: "KB" + valid[2:], Verifier: onlyA, Want: malformed(""),
			Note: "A badge's prefix."},
		{Name: "odd-length", Input: valid[:len(valid)-1], Verifier: onlyA, Want: malformed("")},
		{Name: "letter-outside-alphabet", Input: valid[:30] + "A" + valid[31:], Verifier: onlyA, Want: malformed("")},
		{Name: "long-s", Input: strings.Replace(valid, "S", "\u017f", 1), Verifier: onlyA, Want: malformed(""),
			Note: "U+017F, which Unicode upper-cases to S; only a to z are folded."},
		{Name: "garbage", Input: "https://example.org/checkin?id=42", Verifier: onlyA, Want: malformed("")},
		{Name: "version-2", Input: rawWith(func(b []byte) []byte { b[0] = 2; return b }), Verifier: onlyA,
			Want: malformed("version 2, this reader reads version 1")},
		{Name: "too-short", Input: valid[:2+2*119], Verifier: onlyA, Want: malformed("119 bytes, too short for the fixed fields and a signature")},
		{Name: "purpose-0", Input: forged(none, 0, 0), Verifier: onlyA, Want: malformed("purpose 0 is not 1, 2 or 3")},
		{Name: "purpose-4", Input: forged(none, 4, 0), Verifier: onlyA, Want: malformed("purpose 4 is not 1, 2 or 3")},
		{Name: "unknown-flag", Input: forged(none, 2, 4), Verifier: onlyA, Want: malformed("flags 0x04 set a bit other than 0 and 1")},
		{Name: "delegate-id-65-bytes", Input: forged(func(c *data.CheckIn) { c.DelegateID = strings.Repeat("d", 65) }, 2, 0),
			Verifier: onlyA, Want: malformed("delegate id length 65 is over 64")},
		{Name: "room-id-cut-short", Input: rawWith(func(b []byte) []byte { b[len(b)-14]++; return b }), Verifier: onlyA,
			Want: malformed("cut short in the room id"), Note: "The room id's length byte says 14, 13 bytes follow before the signature."},
		{Name: "byte-after-room-id", Input: rawWith(func(b []byte) []byte { return append(b, 0) }), Verifier: onlyA,
			Want: malformed("1 bytes between the room id and the signature")},
		{Name: "cut-short-before-room-id", Input: rawWith(func(b []byte) []byte { return b[:len(b)-14] }), Verifier: onlyA,
			Want: malformed("cut short before the room id")},
		{Name: "another-event", Input: writeCode(t, vecPrivA, otherEvent), Verifier: onlyA, Want: refused("wrong_event", "check-in code is for another event"),
			Note: "A genuine code of conf-2027."},
		{Name: "unknown-kiosk", Input: validB, Verifier: onlyA,
			Want: refused("unknown_kiosk", "check-in code is from a kiosk this kiosk does not know ("+keys.KioskID(vecPrivB.Public().(ed25519.PublicKey))+")")},
		{Name: "signature-bit-changed", Input: rawWithSig(t, valid, func(b []byte) { b[len(b)-1] ^= 1 }), Verifier: onlyA,
			Want: refused("not_genuine", "check-in code is not genuine")},
		{Name: "serial-changed", Input: rawWithSig(t, valid, func(b []byte) { b[52]++ }), Verifier: onlyA,
			Want: refused("not_genuine", "check-in code is not genuine"), Note: "The badge serial changed from 7 to 8 after signing."},
		{Name: "room-id-with-slash", Input: forged(func(c *data.CheckIn) { c.RoomID = "R/1" }, 2, 0), Verifier: onlyA,
			Want: invalid(`room id "R/1" is not a valid id`)},
		{Name: "hlc-0", Input: forged(func(c *data.CheckIn) { c.HLC = 0 }, 2, 0), Verifier: onlyA,
			Want: invalid("hybrid logical clock 0 is not a positive number")},
		{Name: "hlc-negative", Input: forged(func(c *data.CheckIn) { c.HLC = -1 }, 2, 0), Verifier: onlyA,
			Want: invalid("hybrid logical clock -1 is not a positive number"), Note: "All eight bytes ff: the top bit set."},
		{Name: "scan-time-0", Input: forged(func(c *data.CheckIn) { c.ScannedAt = time.UnixMilli(0) }, 2, 0), Verifier: onlyA,
			Want: invalid("scan time 1970-01-01T00:00:00.000Z is not between 1970-01-01T00:00:00.001Z and 9999-12-31T23:59:59.999Z")},
		{Name: "scan-time-year-10889", Input: forged(func(c *data.CheckIn) { c.ScannedAt = time.UnixMilli(1<<48 - 1) }, 2, 0), Verifier: onlyA,
			Want: invalid("scan time 10889-08-02T05:31:50.655Z is not between 1970-01-01T00:00:00.001Z and 9999-12-31T23:59:59.999Z")},
		{Name: "sequence-0", Input: forged(func(c *data.CheckIn) { c.Seq = 0 }, 2, 0), Verifier: onlyA,
			Want: invalid("sequence number 0 is not between 1 and 4294967295")},
		{Name: "delegate-id-with-space", Input: forged(func(c *data.CheckIn) { c.DelegateID = "D 1" }, 2, 0), Verifier: onlyA,
			Want: invalid(`delegate id "D 1" is not a valid id`)},
		{Name: "delegate-id-empty", Input: forged(func(c *data.CheckIn) { c.DelegateID = "" }, 2, 0), Verifier: onlyA,
			Want: invalid(`delegate id "" is not a valid id`)},
		{Name: "session-without-session-id", Input: forged(func(c *data.CheckIn) { c.SessionID = "" }, 2, 0), Verifier: onlyA,
			Want: invalid("a session check-in has no session id")},
		{Name: "session-id-starting-with-dot", Input: forged(func(c *data.CheckIn) { c.SessionID = ".S1" }, 2, 0), Verifier: onlyA,
			Want: invalid(`session id ".S1" is not a valid id`)},
	}
	key := func(name string, seed [32]byte) vectorKey {
		pub := ed25519.NewKeyFromSeed(seed[:]).Public().(ed25519.PublicKey)
		return vectorKey{Name: name, SeedFrom: `SHA-256("kiosk-checkin test kiosk ` + name + `")`, Seed: hex.EncodeToString(seed[:]),
			PublicKey: hex.EncodeToString(pub), KeyID: keys.ID(pub), KioskID: keys.KioskID(pub)}
	}
	return vectorFile{
		About: []string{
			"Test vectors for kiosk check-in codes, format version 1 (docs/checkin-code-format.md).",
			"The keys are test kiosk keys: their seeds are published here and they protect nothing.",
			"For each vector, build a verifier for 'verifier.event_id' that knows the kiosks named in 'verifier.kiosks',",
			"verify 'input' exactly as written, and expect 'want': either 'checkin' (the check-in read, with its signature in base64),",
			"or 'error' (the refusal's name in the document) and 'message' (its exact text).",
			"Regenerate with: go test ./data/checkincode -run TestVectorsUpToDate -update",
		},
		Format:   "kiosk-checkin v1",
		Prefix:   Prefix,
		Alphabet: "BCDFGHJKLNPRSTVX",
		Keys:     []vectorKey{key("A", vecSeedA), key("B", vecSeedB)},
		Vectors:  vs,
	}
}

// rawWithSig changes the bytes of a written code, signature included,
// without signing again.
func rawWithSig(t testing.TB, code string, f func([]byte)) string {
	b, ok := badge.DecodeText(Prefix, code)
	if !ok {
		t.Fatal("not a code's text")
	}
	f(b)
	return badge.EncodeText(Prefix, b)
}

// TestVectorsUpToDate fails when a code change alters a published vector.
// It runs before TestVectors so that -update is checked by the same run.
func TestVectorsUpToDate(t *testing.T) {
	vectorfile.UpToDate(t, vectorsPath, vectorfile.Marshal(t, generateVectors(t)), *update, "go test ./data/checkincode -run TestVectorsUpToDate -update")
}

// TestVectors checks the file on its own terms, as another implementation
// would: keys from seeds, verifiers from the settings written there.
func TestVectors(t *testing.T) {
	var f vectorFile
	vectorfile.Read(t, vectorsPath, &f)
	known := map[string]data.KioskKey{}
	for _, k := range f.Keys {
		seed, err := hex.DecodeString(k.Seed)
		if err != nil || len(seed) != ed25519.SeedSize {
			t.Fatalf("key %s: bad seed", k.Name)
		}
		pub := ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey)
		if hex.EncodeToString(pub) != k.PublicKey || keys.ID(pub) != k.KeyID || keys.KioskID(pub) != k.KioskID {
			t.Errorf("key %s: seed does not give the public key or ids listed", k.Name)
		}
		known[k.Name] = data.KioskKey{KioskID: k.KioskID, PublicKey: pub}
	}
	names := map[string]bool{}
	for _, vec := range f.Vectors {
		t.Run(vec.Name, func(t *testing.T) {
			if names[vec.Name] {
				t.Fatal("duplicate name")
			}
			names[vec.Name] = true
			v := Verifier{EventID: vec.Verifier.EventID}
			for _, n := range vec.Verifier.Kiosks {
				v.Kiosks = append(v.Kiosks, known[n])
			}
			c, err := v.Verify(vec.Input)
			if got := refusalNames.Name(err); got != vec.Want.Error {
				t.Fatalf("Verify: %v (%s), want %s", err, got, vec.Want.Error)
			}
			if err != nil {
				if err.Error() != vec.Want.Message {
					t.Fatalf("message %q, want %q", err.Error(), vec.Want.Message)
				}
				return
			}
			if got := checkInJSON(c); vec.Want.CheckIn == nil || *got != *vec.Want.CheckIn {
				t.Fatalf("check-in %+v, want %+v", got, vec.Want.CheckIn)
			}
			// A valid vector is exactly what the writer makes of its check-in.
			if again, err := Code(c.EventID, v.Kiosks[slices.IndexFunc(v.Kiosks, func(k data.KioskKey) bool { return k.KioskID == c.KioskID })].PublicKey, c); err != nil ||
				again != strings.TrimSpace(strings.ToUpper(vec.Input)) {
				t.Fatalf("written again: %q, %v", again, err)
			}
		})
	}
	if len(f.Vectors) < 30 {
		t.Fatalf("only %d vectors", len(f.Vectors))
	}
	// Every refusal has a vector.
	for _, r := range refusalNames {
		if !slices.ContainsFunc(f.Vectors, func(v vector) bool { return v.Want.Error == r.Name }) {
			t.Errorf("no vector refused with %s", r.Name)
		}
	}
}
