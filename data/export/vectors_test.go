package export

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"flag"
	"kiosk/data/vectorfile"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"kiosk/data"
	"kiosk/data/checkincode"
	"kiosk/data/keys"
)

var update = flag.Bool("update", false, "rewrite testdata/vectors.json from the code")

const vectorsPath = "testdata/vectors.json"

type vectorFile struct {
	About   []string    `json:"about"`
	Format  string      `json:"format"`
	Keys    []vectorKey `json:"keys"`
	Vectors []vector    `json:"vectors"`
}

type vectorKey struct {
	Name            string `json:"name"`
	SeedFrom        string `json:"seed_from"`
	Seed            string `json:"seed"`
	PublicKey       string `json:"public_key"`
	PublicKeyBase64 string `json:"public_key_base64"`
	KeyID           string `json:"key_id"`
	KioskID         string `json:"kiosk_id"`
}

type vector struct {
	Name    string       `json:"name"`
	Note    string       `json:"note,omitempty"`
	File    string       `json:"file"`
	Payload string       `json:"payload,omitempty"`
	Reader  vectorReader `json:"reader"`
	Want    vectorWant   `json:"want"`
}

type vectorReader struct {
	EventID string    `json:"event_id"`
	Kiosks  *[]string `json:"kiosks"`
	MaxSize int64     `json:"max_size"`
}

type vectorWant struct {
	Error   string        `json:"error,omitempty"`
	Message string        `json:"message,omitempty"`
	Export  *vectorExport `json:"export,omitempty"`
}

type vectorExport struct {
	EventID  string          `json:"event_id"`
	KioskID  string          `json:"kiosk_id"`
	Created  string          `json:"created"`
	CheckIns []vectorCheckIn `json:"checkins"`
	Refused  []vectorRefusal `json:"refused"`
}

type vectorCheckIn struct {
	EventID string `json:"event_id"`
	record
}

type vectorRefusal struct {
	Index   int    `json:"index"`
	ID      string `json:"id"`
	KioskID string `json:"kiosk_id"`
	Seq     int64  `json:"seq"`
	Error   string `json:"error"`
	Message string `json:"message"`
}

// refusalNames are the names docs/checkin-export-format.md gives the
// refusals, for implementations in other languages.
var refusalNames = vectorfile.Refusals{
	{Err: ErrTooLarge, Name: "too_large"},
	{Err: ErrNotExport, Name: "not_export"},
	{Err: ErrBadSignature, Name: "not_genuine"},
	{Err: ErrUnknownKiosk, Name: "not_enrolled"},
	{Err: ErrWrongEvent, Name: "wrong_event"},
	{Err: ErrBadRecord, Name: "bad_record"},
	{Err: ErrForgedRecord, Name: "forged_record"},
}

// vectorName is the file name the vectors are read under; messages start
// with it, and the published messages leave it out.
const vectorName = "vector.kcheckins"

// The test kiosk keys are those of the check-in code vectors, so that a
// relayed record carries a check-in code signature an implementation can
// check with both files.
var (
	vecSeedA = sha256.Sum256([]byte("kiosk-checkin test kiosk A"))
	vecSeedB = sha256.Sum256([]byte("kiosk-checkin test kiosk B"))
	vecPrivA = ed25519.NewKeyFromSeed(vecSeedA[:])
	vecPrivB = ed25519.NewKeyFromSeed(vecSeedB[:])
)

const (
	vecEvent   = "conf-2026"
	vecCreated = "2026-11-08T10:15:00Z"
)

func vecKioskID(priv ed25519.PrivateKey) string {
	return keys.KioskID(priv.Public().(ed25519.PublicKey))
}

// vecCheckIns are what kiosk A exports: two check-ins of its own, kept
// unsigned, and one it received from kiosk B by check-in code, with B's
// signature.
func vecCheckIns(t testing.TB) []data.CheckIn {
	at := time.Date(2026, 11, 8, 9, 15, 3, 123e6, time.UTC)
	a1 := data.CheckIn{ID: "5f0c6b1e9a2d4c7f8e3b1a0d2c4e6f80", EventID: vecEvent, KioskID: vecKioskID(vecPrivA), Seq: 1,
		DelegateID: "D000003", BadgeSerial: 7, Purpose: data.PurposeArrival, RoomID: "lobby",
		ScannedAt: at, HLC: at.UnixMilli() << 16, Method: data.MethodScan}
	a2 := a1
	a2.ID, a2.Seq, a2.DelegateID, a2.BadgeSerial = "6a1d7c2fab3e5d80"+"9f4c2b1e3d5f7091", 2, "D000004", 8
	a2.Purpose, a2.SessionID, a2.Method, a2.ClockSuspect = data.PurposeSession, "S0012", data.MethodManual, true
	a2.ScannedAt, a2.HLC = at.Add(time.Minute), at.Add(time.Minute).UnixMilli()<<16|1
	b7 := data.CheckIn{ID: "7b2e8d3fbc4f6e91a05d3c2f4e6081a2", EventID: vecEvent, KioskID: vecKioskID(vecPrivB), Seq: 7,
		DelegateID: "D000005", BadgeSerial: 9, Purpose: data.PurposePlenary, SessionID: "S0001", RoomID: "nusa-dua-hall",
		ScannedAt: at.Add(-time.Hour), HLC: at.Add(-time.Hour).UnixMilli() << 16, Method: data.MethodScan}
	sig, err := checkincode.Sign(vecEvent, vecPrivB, b7)
	if err != nil {
		t.Fatal(err)
	}
	b7.Signature = sig
	return []data.CheckIn{a1, a2, b7}
}

// vecPayload is the payload kiosk A writes for list, as the writer
// spells it.
func vecPayload(list []data.CheckIn) payload {
	p := payload{EventID: vecEvent, KioskID: vecKioskID(vecPrivA),
		PublicKey: base64.StdEncoding.EncodeToString(vecPrivA.Public().(ed25519.PublicKey)),
		Created:   vecCreated, CheckIns: []record{}}
	for _, c := range list {
		p.CheckIns = append(p.CheckIns, toRecord(c))
	}
	return p
}

// envelopeFor signs payload bytes with priv, however they are spelt, and
// writes the file as the writer does.
func envelopeFor(priv ed25519.PrivateKey, pb []byte) string {
	b, _ := json.Marshal(envelope{Format: Format, Payload: base64.StdEncoding.EncodeToString(pb),
		Signature: base64.StdEncoding.EncodeToString(ed25519.Sign(priv, signed(pb)))})
	return string(b)
}

func vecExport(list []data.CheckIn, refused ...vectorRefusal) *vectorExport {
	e := &vectorExport{EventID: vecEvent, KioskID: vecKioskID(vecPrivA), Created: vecCreated,
		CheckIns: []vectorCheckIn{}, Refused: refused}
	for _, c := range list {
		e.CheckIns = append(e.CheckIns, vectorCheckIn{EventID: c.EventID, record: toRecord(c)})
	}
	if e.Refused == nil {
		e.Refused = []vectorRefusal{}
	}
	return e
}

// generateVectors builds the published vectors. Every expected outcome is
// written here by hand, not taken from Read, so that the file states what
// the format requires.
func generateVectors(t testing.TB) vectorFile {
	list := vecCheckIns(t)
	a1, a2, b7 := list[0], list[1], list[2]
	kioskA, kioskB := vecKioskID(vecPrivA), vecKioskID(vecPrivB)
	good, err := encode(vecEvent, vecPrivA, kioskA, list, time.Date(2026, 11, 8, 10, 15, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	goodPayload, _ := json.Marshal(vecPayload(list))
	if envelopeFor(vecPrivA, goodPayload) != string(good) {
		t.Fatal("the vectors' payload is not the writer's")
	}
	g := string(goodPayload)
	names := func(n ...string) *[]string { return &n }
	enrolled := vectorReader{EventID: vecEvent, Kiosks: names("A", "B")}
	anyReader := vectorReader{}
	// spelt signs the good payload with one change: what a kiosk that
	// does not follow the document could write.
	spelt := func(from, to string) string {
		if !strings.Contains(g, from) {
			t.Fatalf("%q is not in the payload", from)
		}
		return envelopeFor(vecPrivA, []byte(strings.Replace(g, from, to, 1)))
	}
	withRecords := func(recs ...record) string {
		p := vecPayload(nil)
		p.CheckIns = append([]record{}, recs...)
		b, _ := json.Marshal(p)
		return envelopeFor(vecPrivA, b)
	}
	ok := func(e *vectorExport) vectorWant { return vectorWant{Export: e} }
	refused := func(name, msg string) vectorWant { return vectorWant{Error: name, Message: msg} }
	notExport := func(msg string) vectorWant { return refused("not_export", "not a check-in export: "+msg) }
	// badRecord is the file read with its last record, the n-th, refused.
	badRecord := func(r record, n int, reason string) vectorWant {
		w := ok(vecExport([]data.CheckIn{a1, a2}[:n-1]))
		w.Export.Refused = []vectorRefusal{{Index: n - 1, ID: r.ID, KioskID: r.KioskID, Seq: r.Seq, Error: "bad_record",
			Message: `check-in ` + itoa(n) + ` of the file (id "` + r.ID + `", "` + r.KioskID + `" number ` + itoa(int(r.Seq)) +
				`): check-in export record breaks the rules: ` + reason}}
		return w
	}
	// spoilt is record a1 changed by f.
	spoilt := func(f func(*record)) record { r := toRecord(a1); f(&r); return r }
	recordVector := func(name string, f func(*record), reason string) vector {
		r := spoilt(f)
		return vector{Name: name, File: withRecords(r), Reader: enrolled, Want: badRecord(r, 1, reason)}
	}
	invalid := func(rule string) string { return "invalid check-in: " + rule }
	unsignedB7 := toRecord(b7)
	unsignedB7.Signature = ""
	changedB7 := toRecord(b7)
	changedB7.BadgeSerial++
	forged := func(r record, reason string) vectorWant {
		w := ok(vecExport(nil))
		w.Export.Refused = []vectorRefusal{{Index: 0, ID: r.ID, KioskID: r.KioskID, Seq: r.Seq, Error: "forged_record",
			Message: `check-in 1 of the file (id "` + r.ID + `", "` + r.KioskID + `" number 7): check-in is not genuine: ` + reason}}
		return w
	}
	ownChanged := func() record {
		sig, err := checkincode.Sign(vecEvent, vecPrivA, a1)
		if err != nil {
			t.Fatal(err)
		}
		c := a1
		c.Signature = sig
		r := toRecord(c)
		r.BadgeSerial++
		return r
	}()
	dupSeq := toRecord(a2)
	dupSeq.Seq = 1
	sigB64 := base64.StdEncoding.EncodeToString(ed25519.Sign(vecPrivA, signed(goodPayload)))
	pubA64 := base64.StdEncoding.EncodeToString(vecPrivA.Public().(ed25519.PublicKey))
	indented, _ := json.MarshalIndent(vecPayload(list), "", "  ")

	vs := []vector{
		{Name: "valid", File: string(good), Reader: enrolled, Want: ok(vecExport(list)),
			Note: "Kiosk A's export: two check-ins of its own (unsigned) and one it received from kiosk B by check-in code (B's signature). Both kiosks enrolled."},
		{Name: "valid-any-reader", File: string(good), Reader: anyReader, Want: ok(vecExport(list)),
			Note: "The same file read without an event or enrolled kiosks: any genuine file is read."},
		{Name: "valid-no-checkins", File: withRecords(), Reader: enrolled, Want: ok(vecExport(nil)),
			Note: "An export of a kiosk that holds no check-in: \"checkins\":[]."},
		{Name: "valid-indented-payload", File: envelopeFor(vecPrivA, indented), Reader: enrolled, Want: ok(vecExport(list)),
			Note: "White space between the payload's tokens is allowed; the writer writes none."},
		{Name: "valid-escapes", File: spelt(`"event_id":"conf-2026"`, `"event_id":"conf\u002d2026"`), Reader: enrolled,
			Want: ok(vecExport(list)), Note: "JSON escapes are allowed; the rules apply to the decoded value."},
		{Name: "valid-relayed-unverified", File: withRecords(unsignedB7), Reader: vectorReader{EventID: vecEvent, Kiosks: names("A")},
			Want: ok(vecExport([]data.CheckIn{func() data.CheckIn { c := b7; c.Signature = nil; return c }()})),
			Note: "A check-in of kiosk B, relayed unsigned: B is not enrolled, so there is no key to check it with, and the exporting kiosk vouches for it."},

		recordVector("record-room-id-with-slash", func(r *record) { r.RoomID = "R/1" }, invalid(`room id "R/1" is not a valid id`)),
		recordVector("record-hlc-0", func(r *record) { r.HLC = 0 }, invalid("hybrid logical clock 0 is not a positive number")),
		recordVector("record-scan-time-0", func(r *record) { r.ScannedAt = "1970-01-01T00:00:00.000Z" },
			invalid("scan time 1970-01-01T00:00:00.000Z is not between 1970-01-01T00:00:00.001Z and 9999-12-31T23:59:59.999Z")),
		recordVector("record-scanned-at-with-offset", func(r *record) { r.ScannedAt = "2026-11-08T10:15:03.123+01:00" },
			`scanned_at "2026-11-08T10:15:03.123+01:00" is not a UTC time with milliseconds like 2016-11-08T02:15:00.123Z`),
		recordVector("record-scanned-at-plus-zero", func(r *record) { r.ScannedAt = "2026-11-08T09:15:03.123+00:00" },
			`scanned_at "2026-11-08T09:15:03.123+00:00" is not a UTC time with milliseconds like 2016-11-08T02:15:00.123Z`),
		recordVector("record-scanned-at-seconds", func(r *record) { r.ScannedAt = "2026-11-08T09:15:03Z" },
			`scanned_at "2026-11-08T09:15:03Z" is not a UTC time with milliseconds like 2016-11-08T02:15:00.123Z`),
		recordVector("record-scanned-at-microseconds", func(r *record) { r.ScannedAt = "2026-11-08T09:15:03.123000Z" },
			`scanned_at "2026-11-08T09:15:03.123000Z" is not a UTC time with milliseconds like 2016-11-08T02:15:00.123Z`),
		recordVector("record-scanned-at-comma", func(r *record) { r.ScannedAt = "2026-11-08T09:15:03,123Z" },
			`scanned_at "2026-11-08T09:15:03,123Z" is not a UTC time with milliseconds like 2016-11-08T02:15:00.123Z`),
		recordVector("record-seq-0", func(r *record) { r.Seq = 0 }, invalid("sequence number 0 is not between 1 and 4294967295")),
		recordVector("record-seq-over-4-bytes", func(r *record) { r.Seq = 1 << 32 }, invalid("sequence number 4294967296 is not between 1 and 4294967295")),
		recordVector("record-purpose-unknown", func(r *record) { r.Purpose = "lunch" }, invalid(`purpose "lunch" is not one of arrival, session, plenary`)),
		recordVector("record-session-without-id", func(r *record) { r.Purpose = "session" }, invalid("a session check-in has no session id")),
		recordVector("record-id-upper-case", func(r *record) { r.ID = strings.ToUpper(r.ID) },
			invalid(`id "5F0C6B1E9A2D4C7F8E3B1A0D2C4E6F80" is not 32 lower-case hex digits`)),
		recordVector("record-signature-with-newline", func(r *record) {
			sig := base64.StdEncoding.EncodeToString(make([]byte, 64))
			r.Signature = sig[:44] + "\n" + sig[44:]
		}, "signature is not 64 bytes in base64"),
		recordVector("record-kiosk-id-upper-case", func(r *record) { r.KioskID = "kiosk-8C8400EA" },
			invalid(`kiosk id "kiosk-8C8400EA" is not kiosk- and 8 lower-case hex digits`)),
		recordVector("record-kiosk-id-label", func(r *record) { r.KioskID = "north" },
			invalid(`kiosk id "north" is not kiosk- and 8 lower-case hex digits`)),
		recordVector("record-delegate-id-empty", func(r *record) { r.DelegateID = "" }, invalid(`delegate id "" is not a valid id`)),
		recordVector("record-method-unknown", func(r *record) { r.Method = "camera" }, invalid(`method "camera" is not scan or manual`)),
		recordVector("record-signature-short", func(r *record) { r.Signature = "AAAA" }, "signature is not 64 bytes in base64"),
		{Name: "record-duplicate-id", File: withRecords(toRecord(a1), toRecord(a1)), Reader: enrolled,
			Want: badRecord(toRecord(a1), 2, "id "+a1.ID+" appears twice")},
		{Name: "record-duplicate-number", File: withRecords(toRecord(a1), dupSeq), Reader: enrolled,
			Want: badRecord(dupSeq, 2, kioskA+" number 1 is both "+a1.ID+" and "+a2.ID)},
		{Name: "record-relayed-unsigned", File: withRecords(unsignedB7), Reader: enrolled,
			Want: forged(unsignedB7, "relayed without the signature of "+kioskB+", which is enrolled"),
			Note: "Kiosk B is enrolled, so a check-in of B relayed by A must carry B's signature."},
		{Name: "record-own-signature-changed", File: withRecords(ownChanged), Reader: anyReader,
			Want: func() vectorWant {
				w := ok(vecExport(nil))
				w.Export.Refused = []vectorRefusal{{Index: 0, ID: ownChanged.ID, KioskID: kioskA, Seq: 1, Error: "forged_record",
					Message: `check-in 1 of the file (id "` + ownChanged.ID + `", "` + kioskA + `" number 1): check-in is not genuine: its signature is not that of ` + kioskA + `'s key (changed or forged)`}}
				return w
			}(),
			Note: "Kiosk A's own check-in, signed by A, with its badge serial changed after signing; read even without enrolled kiosks, since the file's key is A's."},
		{Name: "record-relayed-changed", File: withRecords(changedB7), Reader: enrolled,
			Want: forged(changedB7, "its signature is not that of "+kioskB+"'s key (changed or forged)"),
			Note: "B's check-in with its badge serial changed after B signed it."},

		{Name: "empty", File: "", Reader: enrolled, Want: notExport("not a JSON object (damaged, or another kind of file)")},
		{Name: "zip", File: "PK\x03\x04", Reader: enrolled, Want: notExport("not a JSON object (damaged, or another kind of file)")},
		{Name: "json-array", File: "[1,2,3]", Reader: enrolled, Want: notExport("not a JSON object (damaged, or another kind of file)")},
		{Name: "another-format", File: strings.Replace(string(good), Format, "kiosk-checkins/2", 1), Reader: enrolled,
			Want: notExport(`format "kiosk-checkins/2", this program reads "kiosk-checkins/1"`)},
		{Name: "envelope-name-upper-case", File: strings.Replace(string(good), `"format"`, `"FORMAT"`, 1), Reader: enrolled,
			Want: notExport("no format")},
		{Name: "envelope-with-spaces", File: strings.Replace(string(good), `","payload":"`, `", "payload": "`, 1), Reader: enrolled,
			Want: notExport("the envelope is not in its exact form (changed or damaged)")},
		{Name: "envelope-with-newline", File: string(good) + "\n", Reader: enrolled,
			Want: notExport("the envelope is not in its exact form (changed, damaged or cut short)")},
		{Name: "envelope-extra-member", File: strings.TrimSuffix(string(good), "}") + `,"note":"x"}`, Reader: enrolled,
			Want: notExport("the envelope is not in its exact form (changed or damaged)")},
		{Name: "cut-short", File: string(good[:len(good)-10]), Reader: enrolled,
			Want: notExport("the envelope is not in its exact form (changed, damaged or cut short)")},
		{Name: "signature-63-bytes", File: strings.Replace(string(good), sigB64,
			base64.StdEncoding.EncodeToString(make([]byte, 63)), 1), Reader: enrolled,
			Want: notExport("signature is not 64 bytes in base64")},
		{Name: "signature-stray-bits", File: strings.Replace(string(good), sigB64, sigB64[:85]+"B==", 1), Reader: enrolled,
			Want: notExport("signature is not 64 bytes in base64"), Note: "The last character carries bits past the 64th byte: base64 has one spelling of each value."},
		{Name: "payload-not-base64", File: strings.Replace(string(good), `"payload":"`, `"payload":"!`, 1), Reader: enrolled,
			Want: notExport("payload is not base64")},
		{Name: "payload-with-crlf", File: strings.Replace(string(good), `"payload":"eyJl`, `"payload":"eyJl`+"\r\n", 1), Reader: enrolled,
			Want: notExport("payload is not base64"), Note: "A line break inside the payload's base64: the decoded bytes are those signed, but the file is not the one written."},
		{Name: "public-key-with-newline", File: spelt(`"public_key":"`+pubA64[:8], `"public_key":"`+pubA64[:8]+`\n`), Reader: enrolled,
			Want: notExport("public_key is not 32 bytes in base64")},
		{Name: "payload-not-object", File: envelopeFor(vecPrivA, []byte(`[]`)), Reader: enrolled,
			Want: notExport("the payload is not a JSON object")},
		{Name: "no-public-key-before-checkins", File: spelt(`"public_key":"`+pubA64+`",`, ``), Reader: enrolled,
			Want: notExport("the payload has no public_key before its checkins within its first 4096 bytes")},
		{Name: "public-key-31-bytes", File: spelt(pubA64, base64.StdEncoding.EncodeToString(make([]byte, 31))), Reader: enrolled,
			Want: notExport("public_key is not 32 bytes in base64")},
		{Name: "payload-changed", File: strings.Replace(string(good), `"payload":"`+base64.StdEncoding.EncodeToString(goodPayload),
			`"payload":"`+base64.StdEncoding.EncodeToString([]byte(strings.Replace(g, `"badge_serial":7`, `"badge_serial":8`, 1))), 1),
			Reader: enrolled, Want: refused("not_genuine", "check-in export is not genuine: its signature does not match (changed or damaged)"),
			Note: "A badge serial changed from 7 to 8 after signing."},
		{Name: "signed-by-another-key", File: envelopeFor(vecPrivB, goodPayload), Reader: enrolled,
			Want: refused("not_genuine", "check-in export is not genuine: its signature does not match (changed or damaged)"),
			Note: "Kiosk A's payload, with A's public key, signed by B."},
		{Name: "not-enrolled", File: string(good), Reader: vectorReader{EventID: vecEvent, Kiosks: names("B")},
			Want: refused("not_enrolled", "check-in export is from a kiosk that is not enrolled: "+kioskA+" (key "+
				keys.Fingerprint(vecPrivA.Public().(ed25519.PublicKey))+")")},
		{Name: "another-event", File: string(good), Reader: vectorReader{EventID: "conf-2027", Kiosks: names("A", "B")},
			Want: refused("wrong_event", `check-in export is for another event: "conf-2026", not "conf-2027"`)},
		{Name: "too-large", File: string(good), Reader: vectorReader{EventID: vecEvent, Kiosks: names("A", "B"), MaxSize: 100},
			Want: refused("too_large", "check-in export is too large: "+itoa(len(good))+" bytes, the limit is 100")},
		{Name: "kiosk-id-upper-case", File: spelt(`"kiosk_id":"`+kioskA+`"`, `"kiosk_id":"`+kioskA[:6]+strings.ToUpper(kioskA[6:])+`"`),
			Reader: enrolled, Want: notExport(`kiosk_id "` + kioskA[:6] + strings.ToUpper(kioskA[6:]) + `" is not that of its key (` + kioskA + `)`)},
		{Name: "kiosk-id-of-another", File: spelt(`"kiosk_id":"`+kioskA+`"`, `"kiosk_id":"`+kioskB+`"`),
			Reader: enrolled, Want: notExport(`kiosk_id "` + kioskB + `" is not that of its key (` + kioskA + `)`)},
		{Name: "event-id-invalid", File: spelt(`"event_id":"conf-2026"`, `"event_id":"conf 2026"`), Reader: anyReader,
			Want: notExport(`event_id "conf 2026" is not a valid id`)},
		{Name: "created-with-offset", File: spelt(vecCreated, "2026-11-08T11:15:00+01:00"), Reader: enrolled,
			Want: notExport(`created "2026-11-08T11:15:00+01:00" is not a UTC time to the second like 2016-11-08T10:15:00Z`)},
		{Name: "created-with-milliseconds", File: spelt(vecCreated, "2026-11-08T10:15:00.000Z"), Reader: enrolled,
			Want: notExport(`created "2026-11-08T10:15:00.000Z" is not a UTC time to the second like 2016-11-08T10:15:00Z`)},
		{Name: "created-lower-case", File: spelt(vecCreated, "2026-11-08t10:15:00z"), Reader: enrolled,
			Want: notExport(`created "2026-11-08t10:15:00z" is not a UTC time to the second like 2016-11-08T10:15:00Z`)},
		{Name: "member-upper-case", File: spelt(`"event_id"`, `"EVENT_ID"`), Reader: enrolled,
			Want: notExport(`payload: member "EVENT_ID" is unknown (member names are case-sensitive)`)},
		{Name: "member-twice", File: spelt(`"created":`, `"created":"2026-11-09T10:15:00Z","created":`), Reader: enrolled,
			Want: notExport(`payload: member "created" appears twice`)},
		{Name: "checkins-null", File: envelopeFor(vecPrivA, []byte(strings.Replace(string(mustJSON(t, vecPayload(nil))), `"checkins":[]`, `"checkins":null`, 1))),
			Reader: enrolled, Want: notExport(`payload: member "checkins" is null; leave a member out or give it a value`)},
		{Name: "member-unknown", File: spelt(`"created":`, `"note":"hello","created":`), Reader: enrolled,
			Want: notExport(`payload: member "note" is unknown (member names are case-sensitive)`)},
		{Name: "member-missing", File: spelt(`"created":"`+vecCreated+`",`, ``), Reader: enrolled,
			Want: notExport(`payload: member "created" is missing`)},
		{Name: "record-member-upper-case", File: spelt(`"seq":`, `"Seq":`), Reader: enrolled,
			Want: notExport(`payload: member "checkins[0].Seq" is unknown (member names are case-sensitive)`)},
		{Name: "record-member-twice", File: spelt(`"hlc":`, `"hlc":1,"hlc":`), Reader: enrolled,
			Want: notExport(`payload: member "checkins[0].hlc" appears twice`)},
		{Name: "record-member-missing", File: spelt(`,"clock_suspect":false`, ``), Reader: enrolled,
			Want: notExport(`payload: member "checkins[0].clock_suspect" is missing`)},
		{Name: "record-seq-string", File: spelt(`"seq":1,`, `"seq":"1",`), Reader: enrolled,
			Want: notExport(`payload: member "checkins[0].seq" holds a string where a whole number belongs`)},
		{Name: "record-seq-fraction", File: spelt(`"seq":1,`, `"seq":1.0,`), Reader: enrolled,
			Want: notExport(`payload: member "checkins[0].seq" holds a number 1.0 where a whole number belongs`)},
		{Name: "record-badge-serial-negative", File: spelt(`"badge_serial":7`, `"badge_serial":-7`), Reader: enrolled,
			Want: notExport(`payload: member "checkins[0].badge_serial" holds a number -7 where a whole number belongs`)},
		{Name: "record-clock-suspect-null", File: spelt(`"clock_suspect":false`, `"clock_suspect":null`), Reader: enrolled,
			Want: notExport(`payload: member "checkins[0].clock_suspect" is null; leave a member out or give it a value`)},
		{Name: "something-after-payload", File: envelopeFor(vecPrivA, append(append([]byte(nil), goodPayload...), "{}"...)), Reader: enrolled,
			Want: notExport(`payload: there is more after the JSON value; the text must hold one object only`)},
		{Name: "payload-not-utf8", File: spelt(`"delegate_id":"D000003"`, "\"delegate_id\":\"D00000\xff\""), Reader: enrolled,
			Want: notExport(`payload: the text is not UTF-8`)},
	}
	for i := range vs {
		vs[i].Payload = payloadText(vs[i].File)
	}
	key := func(name string, seed [32]byte) vectorKey {
		pub := ed25519.NewKeyFromSeed(seed[:]).Public().(ed25519.PublicKey)
		return vectorKey{Name: name, SeedFrom: `SHA-256("kiosk-checkin test kiosk ` + name + `")`, Seed: hex.EncodeToString(seed[:]),
			PublicKey: hex.EncodeToString(pub), PublicKeyBase64: base64.StdEncoding.EncodeToString(pub),
			KeyID: keys.ID(pub), KioskID: keys.KioskID(pub)}
	}
	return vectorFile{
		About: []string{
			"Test vectors for kiosk check-in export files, format kiosk-checkins/1 (docs/checkin-export-format.md).",
			"The keys are test kiosk keys, the same as the check-in code vectors': their seeds are published here and they protect nothing.",
			"For each vector, read 'file' (its exact bytes) with a reader that expects 'reader.event_id' (any event if empty),",
			"knows the enrolled kiosks named in 'reader.kiosks' (no enrolment check if null), and takes at most 'reader.max_size' bytes (0: 256 MiB).",
			"Expect 'want': either 'error' (the refusal's name in the document) and 'message' (its exact text, after the file's name and ': '),",
			"or 'export': the file read, with the check-ins read and the records refused on their own.",
			"'payload' is the payload decoded from base64, for reading only.",
			"Regenerate with: go test ./data/export -run TestVectorsUpToDate -update",
		},
		Format:  Format,
		Keys:    []vectorKey{key("A", vecSeedA), key("B", vecSeedB)},
		Vectors: vs,
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func mustJSON(t testing.TB, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// payloadText is a file's payload as text, when it has one that is.
func payloadText(file string) string {
	p64, _, err := splitEnvelope([]byte(file))
	if err != nil {
		return ""
	}
	pb, err := b64.DecodeString(string(p64))
	if err != nil || !utf8.Valid(pb) {
		return ""
	}
	return string(pb)
}

// TestVectorsUpToDate fails when a code change alters a published vector.
// It runs before TestVectors so that -update is checked by the same run.
func TestVectorsUpToDate(t *testing.T) {
	vectorfile.UpToDate(t, vectorsPath, vectorfile.Marshal(t, generateVectors(t)), *update, "go test ./data/export -run TestVectorsUpToDate -update")
}

// TestVectors checks the file on its own terms, as another implementation
// would: keys from seeds, readers from the settings written there.
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
		if hex.EncodeToString(pub) != k.PublicKey || base64.StdEncoding.EncodeToString(pub) != k.PublicKeyBase64 ||
			keys.ID(pub) != k.KeyID || keys.KioskID(pub) != k.KioskID {
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
			opts := ReadOptions{EventID: vec.Reader.EventID, MaxSize: vec.Reader.MaxSize}
			if vec.Reader.Kiosks != nil {
				opts.Kiosks = []data.KioskKey{}
				for _, n := range *vec.Reader.Kiosks {
					opts.Kiosks = append(opts.Kiosks, known[n])
				}
			}
			e, err := ReadBytes(vectorName, []byte(vec.File), opts)
			if got := refusalNames.Name(err); got != vec.Want.Error {
				t.Fatalf("Read: %v (%s), want %s", err, got, vec.Want.Error)
			}
			if err != nil {
				if want := vectorName + ": " + vec.Want.Message; err.Error() != want {
					t.Fatalf("message\n %q\nwant\n %q", err.Error(), want)
				}
				return
			}
			got := &vectorExport{EventID: e.EventID, KioskID: e.KioskID, Created: e.Created.Format(createdLayout),
				CheckIns: []vectorCheckIn{}, Refused: []vectorRefusal{}}
			for _, c := range e.CheckIns {
				got.CheckIns = append(got.CheckIns, vectorCheckIn{EventID: c.EventID, record: toRecord(c)})
			}
			for _, r := range e.Refused {
				got.Refused = append(got.Refused, vectorRefusal{Index: r.Index, ID: r.ID, KioskID: r.KioskID, Seq: r.Seq,
					Error: refusalNames.Name(r.Reason), Message: r.Error()})
			}
			if gb, wb := mustJSON(t, got), mustJSON(t, vec.Want.Export); !bytes.Equal(gb, wb) {
				t.Fatalf("read\n %s\nwant\n %s", gb, wb)
			}
		})
	}
	if len(f.Vectors) < 50 {
		t.Fatalf("only %d vectors", len(f.Vectors))
	}
	// Every refusal has a vector.
	for _, r := range refusalNames {
		if !slices.ContainsFunc(f.Vectors, func(v vector) bool {
			return v.Want.Error == r.Name || v.Want.Export != nil && slices.ContainsFunc(v.Want.Export.Refused,
				func(x vectorRefusal) bool { return x.Error == r.Name })
		}) {
			t.Errorf("no vector refused with %s", r.Name)
		}
	}
}
