// Package export is the check-in export file: every check-in a kiosk holds,
// signed with the kiosk's own key, written onto a USB stick so that staff
// can carry check-ins away from a venue with no network. A kiosk exports
// what it took and what it received from other kiosks, so a file relays
// check-ins too; merging files is a set union by check-in id. The format
// is described in docs/checkin-export-format.md.
//
// A file comes on untrusted media, so Read checks all of it (size, format,
// signature, event, every record) before anything is used.
package export

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"kiosk/data"
	"kiosk/data/bundle"
	"kiosk/data/checkincode"
	"kiosk/data/keys"
	"kiosk/data/safefile"
	"kiosk/data/strictjson"
	"kiosk/data/syncproto"
)

const (
	// Format names this version of the format in every file.
	Format = "kiosk-checkins/1"
	// Extension is the export file's extension.
	Extension = ".kcheckins"
	// MaxSize is the largest file Read takes by default: a whole assembly's
	// check-ins are a few tens of megabytes, and a file claiming more is
	// not worth the memory of a kiosk.
	MaxSize = 256 << 20

	// domain keeps export signatures apart from anything else a kiosk key
	// signs (check-in codes sign "kiosk-checkin-v1").
	domain = "kiosk-checkins-export-v1\x00"

	// createdLayout is the one spelling of a file's creation time: UTC,
	// to the second.
	createdLayout = "2006-01-02T15:04:05Z"
)

// The reasons a file is refused; test with errors.Is. Every error Read
// returns names the file.
var (
	ErrNotExport    = errors.New("not a check-in export")
	ErrTooLarge     = errors.New("check-in export is too large")
	ErrBadSignature = errors.New("check-in export is not genuine: its signature does not match (changed or damaged)")
	ErrWrongEvent   = errors.New("check-in export is for another event")
	ErrUnknownKiosk = errors.New("check-in export is from a kiosk that is not enrolled")
	ErrBadRecord    = errors.New("check-in export record breaks the rules")
	// ErrForgedRecord: a check-in relayed from an enrolled kiosk without
	// that kiosk's signature, in an export file or from the hub, or one of
	// the file's own kiosk signed with another key.
	ErrForgedRecord = errors.New("check-in is not genuine")
)

// Export is a verified export file.
type Export struct {
	EventID   string
	KioskID   string // the kiosk that wrote the file
	PublicKey ed25519.PublicKey
	Created   time.Time
	// CheckIns are the check-ins the kiosk held, in the file's order, with
	// EventID set and Origin and ReceivedAt left empty: every record of the
	// file but those in Refused.
	CheckIns []data.CheckIn
	// Refused are the file's records that break the rules of a check-in
	// record, or repeat an id or a kiosk's number of an earlier record of
	// the file. A file is taken record by record: the others are good.
	Refused []Refusal
}

// Refusal is a record of a file that is not taken, and why.
type Refusal struct {
	Index   int // its place in the file, from 0
	ID      string
	KioskID string
	Seq     int64
	Reason  error // wraps ErrBadRecord or ErrForgedRecord
}

func (r Refusal) Error() string {
	return fmt.Sprintf("check-in %d of the file (id %q, %q number %d): %v", r.Index+1, r.ID, r.KioskID, r.Seq, r.Reason)
}

// ReadOptions are what Read checks a file against besides its own
// signature.
type ReadOptions struct {
	// EventID, if set, is the only event accepted.
	EventID string
	// Kiosks, if set, are the enrolled kiosks: a file signed with any other
	// key is refused. Keys are compared, not ids, because staff may enrol
	// a kiosk under a label of their own.
	Kiosks []data.KioskKey
	// MaxSize overrides the package's MaxSize when positive.
	MaxSize int64
}

// b64 reads base64 with one spelling per value: any changed byte of a
// file is a refusal.
var b64 = syncproto.Base64

// envelope is the file: the payload's exact bytes and their signature.
// Signing bytes rather than re-encoded JSON leaves nothing to canonicalise.
type envelope struct {
	Format    string `json:"format"`
	Payload   string `json:"payload"`
	Signature string `json:"signature"`
}

type payload struct {
	EventID   string   `json:"event_id"`
	KioskID   string   `json:"kiosk_id"`
	PublicKey string   `json:"public_key"`
	Created   string   `json:"created"`
	CheckIns  []record `json:"checkins"`
}

// record is a check-in as written; the hub's sync protocol sends the same
// form (package syncproto holds it for both).
type record = syncproto.Record

func toRecord(c data.CheckIn) record { return syncproto.ToRecord(c) }

// FileName is the conventional name of an export: the kiosk and the time,
// so that files from many kiosks and many trips sit side by side on one
// stick, in the order they were made.
func FileName(kioskID string, created time.Time) string {
	return "checkins-" + kioskID + "-" + created.UTC().Format("20060102T150405Z") + Extension
}

// NewPath is where a new export of a kiosk goes in dir: FileName, with -2,
// -3... before the extension while that name is taken, so that two exports
// in the same second never replace one another.
func NewPath(dir, kioskID string, created time.Time) string {
	path := filepath.Join(dir, FileName(kioskID, created))
	base := strings.TrimSuffix(path, Extension)
	for n := 2; ; n++ {
		if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
			return path
		}
		path = fmt.Sprintf("%s-%d%s", base, n, Extension)
	}
}

// Write writes an export of list, signed with the kiosk's key, to path,
// atomically: the file is written under a temporary name and renamed only
// once it is complete and synced, so a stick pulled out too early holds no
// file at all rather than a short one (and Read refuses a short one
// anyway). kioskID must be the id of key. A check-in whose EventID is set
// must be of eventID. created (now if zero) is kept to the second.
func Write(path string, eventID string, key ed25519.PrivateKey, kioskID string, list []data.CheckIn, created time.Time) error {
	b, err := encode(eventID, key, kioskID, list, created)
	if err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	if err := bundle.WriteFileAtomic(path, b, 0o644); err != nil {
		return fmt.Errorf("export to %s: %w", path, err)
	}
	return nil
}

// encode makes the file's bytes, checking each check-in as Read will, so
// that Write never makes a file Read refuses.
func encode(eventID string, key ed25519.PrivateKey, kioskID string, list []data.CheckIn, created time.Time) ([]byte, error) {
	if len(key) != ed25519.PrivateKeySize {
		return nil, errors.New("the kiosk key is not an Ed25519 private key")
	}
	pub := key.Public().(ed25519.PublicKey)
	if want := keys.KioskID(pub); kioskID != want {
		return nil, fmt.Errorf("kiosk id %q is not that of the key (%s)", kioskID, want)
	}
	if !data.ValidID(eventID) {
		return nil, fmt.Errorf("event id %q is not a valid id", eventID)
	}
	if created.IsZero() {
		created = time.Now()
	}
	p := payload{EventID: eventID, KioskID: kioskID, PublicKey: base64.StdEncoding.EncodeToString(pub),
		Created: created.UTC().Truncate(time.Second).Format(createdLayout), CheckIns: make([]record, 0, len(list))}
	seen := newDuplicates()
	for i, c := range list {
		if c.EventID != "" && c.EventID != eventID {
			return nil, fmt.Errorf("check-in %s (kiosk %s, number %d) is of event %q, not %q", c.ID, c.KioskID, c.Seq, c.EventID, eventID)
		}
		r := toRecord(c)
		if _, err := r.CheckIn(eventID); err != nil {
			return nil, fmt.Errorf("check-in %d (id %q): %w", i+1, c.ID, err)
		}
		if err := seen.check(r); err != nil {
			return nil, fmt.Errorf("check-in %d: %w", i+1, err)
		}
		p.CheckIns = append(p.CheckIns, r)
	}
	pb, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	env := envelope{Format: Format, Payload: base64.StdEncoding.EncodeToString(pb),
		Signature: base64.StdEncoding.EncodeToString(ed25519.Sign(key, signed(pb)))}
	// No newline after the closing brace: then no shorter prefix of the
	// file is a whole JSON object, and a cut-off file can never pass for a
	// complete one.
	return json.Marshal(env)
}

func signed(payload []byte) []byte {
	m := make([]byte, 0, len(domain)+len(payload))
	return append(append(m, domain...), payload...)
}

// duplicates finds a check-in id, or a kiosk's sequence number, used
// twice in one file: a kiosk's store cannot hold either, so a file with
// them was not written by a kiosk.
type duplicates struct {
	ids  map[string]bool
	seqs map[string]map[int64]string
}

func newDuplicates() *duplicates {
	return &duplicates{ids: map[string]bool{}, seqs: map[string]map[int64]string{}}
}

func (d *duplicates) check(r record) error {
	if d.ids[r.ID] {
		return fmt.Errorf("id %s appears twice", r.ID)
	}
	d.ids[r.ID] = true
	m := d.seqs[r.KioskID]
	if m == nil {
		m = map[int64]string{}
		d.seqs[r.KioskID] = m
	}
	if other, ok := m[r.Seq]; ok {
		return fmt.Errorf("%s number %d is both %s and %s", r.KioskID, r.Seq, other, r.ID)
	}
	m[r.Seq] = r.ID
	return nil
}

// Read reads and verifies an export file. Every error names the file and
// wraps one of the Err values. The file is checked in the order that
// costs least: its size, the envelope's exact form, the signature over the
// payload's raw bytes, the enrolled kiosks; only a genuine payload from an
// enrolled kiosk is parsed, so a large file that is not genuine costs no
// more than reading it.
func Read(path string, opts ReadOptions) (*Export, error) {
	limit := opts.MaxSize
	if limit <= 0 {
		limit = MaxSize
	}
	b, err := safefile.ReadFile(path, limit)
	switch {
	case errors.Is(err, safefile.ErrTooLarge):
		return nil, fmt.Errorf("%w: %w", ErrTooLarge, err)
	case errors.Is(err, safefile.ErrNotPlainFile):
		return nil, fmt.Errorf("%w: %w", ErrNotExport, err)
	}
	if err != nil {
		return nil, err
	}
	return ReadBytes(path, b, opts)
}

// ReadBytes verifies an export file already read whole: a stick's file is
// read with safefile.ReadFile, which neither follows links nor blocks on pipes.
// name is the file's path, for messages.
func ReadBytes(name string, b []byte, opts ReadOptions) (*Export, error) {
	limit := opts.MaxSize
	if limit <= 0 {
		limit = MaxSize
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s: %w: %d bytes, the limit is %d", name, ErrTooLarge, len(b), limit)
	}
	e, err := decode(b, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return e, nil
}

// The envelope's exact form around the payload and the signature.
const (
	envelopeHead = `{"format":"` + Format + `","payload":"`
	envelopeMid  = `","signature":"`
	envelopeTail = `"}`
)

// splitEnvelope finds the payload and signature, still in base64, in a
// file in the envelope's exact form. The signature covers only the
// payload, and a JSON reader forgives much (letter case in names, white
// space, escapes); asking for the exact bytes means any changed byte
// anywhere in the file is refused. Base64 holds no quote, so the payload
// ends at the first one: no JSON parsing is needed.
func splitEnvelope(b []byte) (payload64, sig64 []byte, err error) {
	if !bytes.HasPrefix(b, []byte(envelopeHead)) {
		return nil, nil, envelopeProblem(b)
	}
	rest := b[len(envelopeHead):]
	end := bytes.IndexByte(rest, '"')
	if end < 0 || !bytes.HasPrefix(rest[end:], []byte(envelopeMid)) || !bytes.HasSuffix(rest, []byte(envelopeTail)) ||
		len(rest) < end+len(envelopeMid)+len(envelopeTail) {
		return nil, nil, fmt.Errorf("%w: the envelope is not in its exact form (changed, damaged or cut short)", ErrNotExport)
	}
	sig64 = rest[end+len(envelopeMid) : len(rest)-len(envelopeTail)]
	if bytes.IndexByte(sig64, '"') >= 0 {
		return nil, nil, fmt.Errorf("%w: the envelope is not in its exact form (changed or damaged)", ErrNotExport)
	}
	return rest[:end], sig64, nil
}

// envelopeProblem says why a file does not start as an export does,
// looking no further than its first bytes.
func envelopeProblem(b []byte) error {
	head := b[:min(len(b), 4096)]
	dec := json.NewDecoder(bytes.NewReader(head))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return fmt.Errorf("%w: not a JSON object (damaged, or another kind of file)", ErrNotExport)
	}
	name, err := dec.Token()
	if err != nil || name != "format" {
		return fmt.Errorf("%w: no format", ErrNotExport)
	}
	if format, err := dec.Token(); err == nil && format != Format {
		return fmt.Errorf("%w: format %q, this program reads %q", ErrNotExport, format, Format)
	}
	return fmt.Errorf("%w: the envelope is not in its exact form (changed or damaged)", ErrNotExport)
}

// verified checks the signature over the payload's raw bytes and returns
// them with the key that signed them. The key is read from the payload's
// first members without parsing the rest.
func verified(payload64, sig64 []byte) ([]byte, ed25519.PublicKey, error) {
	sig := make([]byte, ed25519.SignatureSize+3)
	if len(sig64) != b64.EncodedLen(ed25519.SignatureSize) {
		return nil, nil, fmt.Errorf("%w: signature is not %d bytes in base64", ErrNotExport, ed25519.SignatureSize)
	}
	if n, err := b64.Decode(sig, sig64); err != nil || n != ed25519.SignatureSize {
		return nil, nil, fmt.Errorf("%w: signature is not %d bytes in base64", ErrNotExport, ed25519.SignatureSize)
	}
	// The payload is decoded after the domain string, so the signed
	// message is made without a second copy of the payload.
	msg := make([]byte, len(domain)+b64.DecodedLen(len(payload64)))
	copy(msg, domain)
	n, err := b64.Decode(msg[len(domain):], payload64)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: payload is not base64", ErrNotExport)
	}
	msg = msg[:len(domain)+n]
	pb := msg[len(domain):]
	pub, err := signingKey(pb)
	if err != nil {
		return nil, nil, err
	}
	if !ed25519.Verify(pub, msg, sig[:ed25519.SignatureSize]) {
		return nil, nil, ErrBadSignature
	}
	return pb, pub, nil
}

// KeyWithin is how far into the payload public_key must stand: the writer
// puts it third, after two short ids, so it is always within the first
// few hundred bytes.
const KeyWithin = 4096

// signingKey reads public_key from the payload's members before
// checkins, where the writer puts it, so that a payload is never parsed
// whole before its signature is checked. Only the first KeyWithin bytes
// are looked at: a huge member before the key costs nothing.
func signingKey(pb []byte) (ed25519.PublicKey, error) {
	dec := json.NewDecoder(bytes.NewReader(pb[:min(len(pb), KeyWithin)]))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("%w: the payload is not a JSON object", ErrNotExport)
	}
	for dec.More() {
		name, err := dec.Token()
		if err != nil || name == "checkins" {
			break
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			break
		}
		if name != "public_key" {
			continue
		}
		var s string
		raw, err := []byte(nil), json.Unmarshal(v, &s)
		if err == nil {
			raw, err = b64.DecodeString(s)
		}
		if err != nil || len(raw) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("%w: public_key is not %d bytes in base64", ErrNotExport, ed25519.PublicKeySize)
		}
		return ed25519.PublicKey(raw), nil
	}
	return nil, fmt.Errorf("%w: the payload has no public_key before its checkins within its first %d bytes", ErrNotExport, KeyWithin)
}

func decode(b []byte, opts ReadOptions) (*Export, error) {
	payload64, sig64, err := splitEnvelope(b)
	if err != nil {
		return nil, err
	}
	pb, pub, err := verified(payload64, sig64)
	if err != nil {
		return nil, err
	}
	// From here on the kiosk holding the key vouches for every byte.
	if opts.Kiosks != nil && !enrolled(opts.Kiosks, pub) {
		return nil, fmt.Errorf("%w: %s (key %s)", ErrUnknownKiosk, keys.KioskID(pub), keys.Fingerprint(pub))
	}
	p, err := parsePayload(pb, pub, opts)
	if err != nil {
		return nil, err
	}
	created, ok := data.ParseExact(createdLayout, p.Created)
	if !ok {
		return nil, fmt.Errorf("%w: created %q is not a UTC time to the second like 2016-11-08T10:15:00Z", ErrNotExport, p.Created)
	}
	e := &Export{EventID: p.EventID, KioskID: p.KioskID, PublicKey: pub, Created: created,
		CheckIns: make([]data.CheckIn, 0, len(p.CheckIns))}
	e.readRecords(p.CheckIns, opts.Kiosks)
	return e, nil
}

// readRecords takes the file's records one by one: each follows the rules
// of a record, a relayed one carries its enrolled kiosk's signature, and
// none repeats an id or a kiosk's number of an earlier one. The others go
// to Refused with their reason.
func (e *Export) readRecords(recs []record, kiosks []data.KioskKey) {
	seen := newDuplicates()
	for i, r := range recs {
		c, err := r.CheckIn(e.EventID)
		if err == nil {
			err = e.checkOwn(c)
		}
		if err == nil {
			err = CheckRelayed(c, e.KioskID, kiosks)
		}
		if err == nil {
			err = seen.check(r)
		}
		if err != nil {
			if !errors.Is(err, ErrForgedRecord) {
				err = fmt.Errorf("%w: %w", ErrBadRecord, err)
			}
			e.Refused = append(e.Refused, Refusal{Index: i, ID: r.ID, KioskID: r.KioskID, Seq: r.Seq, Reason: err})
			continue
		}
		e.CheckIns = append(e.CheckIns, c)
	}
}

// checkOwn checks the signature of a check-in the file's kiosk took: a
// kiosk signs its own with its own key, so one signed otherwise was
// changed after signing, or not written by a kiosk. Taken in, it would be
// relayed onward with that signature, and the kiosk relaying it would
// then look forged. The error wraps ErrForgedRecord.
func (e *Export) checkOwn(c data.CheckIn) error {
	if c.KioskID != e.KioskID || len(c.Signature) == 0 || checkincode.Genuine(c.EventID, e.PublicKey, c) {
		return nil
	}
	return fmt.Errorf("%w: its signature is not that of %s's key (changed or forged)", ErrForgedRecord, c.KioskID)
}

// CheckRelayed checks the own signature of a check-in relayed by another
// kiosk's file (or by the hub) when the kiosk that took it is enrolled:
// otherwise any enrolled kiosk, or the hub, could write check-ins under
// another's name and numbers, and the genuine ones would then clash with
// them. The writer's own check-ins are covered by the file's signature;
// writer is "" when nothing vouches for any (the hub's pull answers).
// The error wraps ErrForgedRecord.
func CheckRelayed(c data.CheckIn, writer string, kiosks []data.KioskKey) error {
	if c.KioskID == writer {
		return nil
	}
	enrolledHere := false
	for _, k := range kiosks {
		if keys.KioskID(k.PublicKey) != c.KioskID {
			continue
		}
		if checkincode.Genuine(c.EventID, k.PublicKey, c) {
			return nil
		}
		enrolledHere = true
	}
	switch {
	case !enrolledHere:
		return nil // no key to check it with: the exporting kiosk vouches for it
	case len(c.Signature) == 0:
		return fmt.Errorf("%w: relayed without the signature of %s, which is enrolled", ErrForgedRecord, c.KioskID)
	}
	return fmt.Errorf("%w: its signature is not that of %s's key (changed or forged)", ErrForgedRecord, c.KioskID)
}

// parsePayload parses a verified payload and checks what the file says
// about itself: the key, the kiosk, the event.
func parsePayload(pb []byte, pub ed25519.PublicKey, opts ReadOptions) (*payload, error) {
	// Read as the document writes it: member names byte for byte, each
	// once, all present, no others (the payload is versioned with the
	// format), null nowhere.
	var p payload
	if err := strictjson.DecodeAll(pb, &p); err != nil {
		return nil, fmt.Errorf("%w: payload: %w", ErrNotExport, err)
	}
	if want := keys.KioskID(pub); p.KioskID != want {
		return nil, fmt.Errorf("%w: kiosk_id %q is not that of its key (%s)", ErrNotExport, p.KioskID, want)
	}
	if !data.ValidID(p.EventID) {
		return nil, fmt.Errorf("%w: event_id %q is not a valid id", ErrNotExport, p.EventID)
	}
	if opts.EventID != "" && p.EventID != opts.EventID {
		return nil, fmt.Errorf("%w: %q, not %q", ErrWrongEvent, p.EventID, opts.EventID)
	}
	return &p, nil
}

func enrolled(ks []data.KioskKey, pub ed25519.PublicKey) bool {
	for _, k := range ks {
		if pub.Equal(k.PublicKey) {
			return true
		}
	}
	return false
}
