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
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"kiosk/data"
	"kiosk/data/bundle"
	"kiosk/data/keys"
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
	// scannedLayout is RFC 3339 with milliseconds, the precision kiosks
	// keep.
	scannedLayout = "2006-01-02T15:04:05.000Z07:00"
)

// The reasons a file is refused; test with errors.Is. Every error Read
// returns names the file.
var (
	ErrNotExport    = errors.New("not a check-in export")
	ErrTooLarge     = errors.New("check-in export is too large")
	ErrBadSignature = errors.New("check-in export is not genuine: its signature does not match (changed or damaged)")
	ErrWrongEvent   = errors.New("check-in export is for another event")
	ErrUnknownKiosk = errors.New("check-in export is from a kiosk that is not enrolled")
	ErrBadRecord    = errors.New("check-in export holds an invalid check-in")
)

// Export is a verified export file.
type Export struct {
	EventID   string
	KioskID   string // the kiosk that wrote the file
	PublicKey ed25519.PublicKey
	Created   time.Time
	// CheckIns are every check-in the kiosk held, in the file's order,
	// with EventID set and Origin and ReceivedAt left empty.
	CheckIns []data.CheckIn
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

// b64 is standard base64 that refuses stray bits in the last character,
// so that each value has one spelling only.
var b64 = base64.StdEncoding.Strict()

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

// record is a check-in as written: every field of data.CheckIn but the
// local bookkeeping (Origin, ReceivedAt), and EventID, which is the
// payload's.
type record struct {
	ID           string `json:"id"`
	KioskID      string `json:"kiosk_id"`
	Seq          int64  `json:"seq"`
	DelegateID   string `json:"delegate_id"`
	BadgeSerial  uint32 `json:"badge_serial"`
	Purpose      string `json:"purpose"`
	SessionID    string `json:"session_id"`
	RoomID       string `json:"room_id"`
	ScannedAt    string `json:"scanned_at"`
	HLC          int64  `json:"hlc"`
	Method       string `json:"method"`
	ClockSuspect bool   `json:"clock_suspect"`
	Signature    string `json:"signature"`
}

func toRecord(c data.CheckIn) record {
	return record{ID: c.ID, KioskID: c.KioskID, Seq: c.Seq, DelegateID: c.DelegateID, BadgeSerial: c.BadgeSerial,
		Purpose: string(c.Purpose), SessionID: c.SessionID, RoomID: c.RoomID,
		ScannedAt: c.ScannedAt.UTC().Format(scannedLayout), HLC: c.HLC, Method: string(c.Method),
		ClockSuspect: c.ClockSuspect, Signature: base64.StdEncoding.EncodeToString(c.Signature)}
}

// checkIn turns a record back into a check-in, checking every field.
func (r record) checkIn(eventID string) (data.CheckIn, error) {
	c := data.CheckIn{ID: r.ID, EventID: eventID, KioskID: r.KioskID, Seq: r.Seq, DelegateID: r.DelegateID,
		BadgeSerial: r.BadgeSerial, Purpose: data.Purpose(r.Purpose), SessionID: r.SessionID, RoomID: r.RoomID,
		HLC: r.HLC, Method: data.Method(r.Method), ClockSuspect: r.ClockSuspect}
	switch {
	case !validCheckInID(r.ID):
		return c, fmt.Errorf("id %q is not 32 lower-case hex digits", r.ID)
	case !data.ValidID(r.KioskID):
		return c, fmt.Errorf("kiosk_id %q is not a valid id", r.KioskID)
	case r.Seq <= 0:
		return c, fmt.Errorf("seq %d is not a positive number", r.Seq)
	case !data.ValidID(r.DelegateID):
		return c, fmt.Errorf("delegate_id %q is not a valid id", r.DelegateID)
	case !c.Purpose.Valid():
		return c, fmt.Errorf("purpose %q is not one of arrival, session, plenary", r.Purpose)
	case r.SessionID != "" && !data.ValidID(r.SessionID):
		return c, fmt.Errorf("session_id %q is not a valid id", r.SessionID)
	case r.SessionID == "" && c.Purpose != data.PurposeArrival:
		return c, fmt.Errorf("a %s check-in has no session_id", r.Purpose)
	case r.RoomID != "" && !data.ValidID(r.RoomID):
		return c, fmt.Errorf("room_id %q is not a valid id", r.RoomID)
	case r.HLC <= 0:
		return c, fmt.Errorf("hlc %d is not a positive number", r.HLC)
	case c.Method != data.MethodScan && c.Method != data.MethodManual:
		return c, fmt.Errorf("method %q is not scan or manual", r.Method)
	}
	t, err := time.Parse(time.RFC3339Nano, r.ScannedAt)
	if err != nil {
		return c, fmt.Errorf("scanned_at %q is not an RFC 3339 time", r.ScannedAt)
	}
	c.ScannedAt = t.UTC()
	if r.Signature != "" {
		sig, err := b64.DecodeString(r.Signature)
		if err != nil || len(sig) != ed25519.SignatureSize {
			return c, fmt.Errorf("signature is not %d bytes in base64", ed25519.SignatureSize)
		}
		c.Signature = sig
	}
	return c, nil
}

func validCheckInID(s string) bool {
	if len(s) != 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !('0' <= s[i] && s[i] <= '9' || 'a' <= s[i] && s[i] <= 'f') {
			return false
		}
	}
	return true
}

// kioskIDFor is the id a kiosk has by its key (as store.KioskIDFor, which
// this package does not import to stay free of SQLite): binding the id to
// the key means one kiosk cannot write a file under another's name.
func kioskIDFor(pub ed25519.PublicKey) string { return "kiosk-" + keys.ID(pub)[:8] }

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
	if want := kioskIDFor(pub); kioskID != want {
		return nil, fmt.Errorf("kiosk id %q is not that of the key (%s)", kioskID, want)
	}
	if !data.ValidID(eventID) {
		return nil, fmt.Errorf("event id %q is not a valid id", eventID)
	}
	if created.IsZero() {
		created = time.Now()
	}
	p := payload{EventID: eventID, KioskID: kioskID, PublicKey: base64.StdEncoding.EncodeToString(pub),
		Created: created.UTC().Truncate(time.Second).Format(time.RFC3339), CheckIns: make([]record, 0, len(list))}
	seen := newDuplicates()
	for i, c := range list {
		if c.EventID != "" && c.EventID != eventID {
			return nil, fmt.Errorf("check-in %s (kiosk %s, number %d) is of event %q, not %q", c.ID, c.KioskID, c.Seq, c.EventID, eventID)
		}
		r := toRecord(c)
		if _, err := r.checkIn(eventID); err != nil {
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
// wraps one of the Err values.
func Read(path string, opts ReadOptions) (*Export, error) {
	limit := opts.MaxSize
	if limit <= 0 {
		limit = MaxSize
	}
	b, err := readFile(path, limit)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ReadBytes(path, b, opts)
}

// ReadBytes verifies an export file already read whole: a stick's file is
// read with usb.ReadFile, which neither follows links nor blocks on pipes.
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

func readFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: not a regular file", ErrNotExport)
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, fi.Size(), limit)
	}
	// The size may have changed since: read no more than the limit.
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	return b, nil
}

// syntaxAt says where a file stopped being JSON without quoting it: the
// JSON decoder's own message shows the offending character, and a file
// that is not an export may be anything at all.
func syntaxAt(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf(": not JSON at byte %d", se.Offset)
	}
	return ""
}

func decode(b []byte, opts ReadOptions) (*Export, error) {
	var env envelope
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&env); err != nil {
		return nil, fmt.Errorf("%w (damaged or cut short%s)", ErrNotExport, syntaxAt(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: something follows the envelope", ErrNotExport)
	}
	if env.Format != Format {
		if env.Format == "" {
			return nil, fmt.Errorf("%w: no format", ErrNotExport)
		}
		return nil, fmt.Errorf("%w: format %q, this program reads %q", ErrNotExport, env.Format, Format)
	}
	// The envelope has one exact form. The signature covers only the
	// payload, and a JSON reader forgives much (letter case in names,
	// white space, loose base64 padding); asking for the exact bytes means
	// any changed byte anywhere in the file is refused.
	if canon, err := json.Marshal(env); err != nil || !bytes.Equal(canon, b) {
		return nil, fmt.Errorf("%w: the envelope is not in its exact form (changed or damaged)", ErrNotExport)
	}
	pb, err := b64.DecodeString(env.Payload)
	if err != nil {
		return nil, fmt.Errorf("%w: payload is not base64", ErrNotExport)
	}
	sig, err := b64.DecodeString(env.Signature)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return nil, fmt.Errorf("%w: signature is not %d bytes in base64", ErrNotExport, ed25519.SignatureSize)
	}
	var p payload
	pdec := json.NewDecoder(bytes.NewReader(pb))
	pdec.DisallowUnknownFields() // the payload is versioned with the format
	if err := pdec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%w: payload: %v", ErrNotExport, err)
	}
	if _, err := pdec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: something follows the payload", ErrNotExport)
	}
	rawKey, err := b64.DecodeString(p.PublicKey)
	if err != nil || len(rawKey) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w: public_key is not %d bytes in base64", ErrNotExport, ed25519.PublicKeySize)
	}
	pub := ed25519.PublicKey(rawKey)
	if !ed25519.Verify(pub, signed(pb), sig) {
		return nil, ErrBadSignature
	}
	// From here on the kiosk holding the key vouches for every byte.
	if want := kioskIDFor(pub); p.KioskID != want {
		return nil, fmt.Errorf("%w: kiosk_id %q is not that of its key (%s)", ErrNotExport, p.KioskID, want)
	}
	if opts.Kiosks != nil && !enrolled(opts.Kiosks, pub) {
		return nil, fmt.Errorf("%w: %s (key %s)", ErrUnknownKiosk, p.KioskID, keys.Fingerprint(pub))
	}
	if !data.ValidID(p.EventID) {
		return nil, fmt.Errorf("%w: event_id %q is not a valid id", ErrNotExport, p.EventID)
	}
	if opts.EventID != "" && p.EventID != opts.EventID {
		return nil, fmt.Errorf("%w: %q, not %q", ErrWrongEvent, p.EventID, opts.EventID)
	}
	created, err := time.Parse(time.RFC3339, p.Created)
	if err != nil {
		return nil, fmt.Errorf("%w: created %q is not an RFC 3339 time", ErrNotExport, p.Created)
	}
	e := &Export{EventID: p.EventID, KioskID: p.KioskID, PublicKey: pub, Created: created.UTC(),
		CheckIns: make([]data.CheckIn, 0, len(p.CheckIns))}
	seen := newDuplicates()
	for i, r := range p.CheckIns {
		c, err := r.checkIn(p.EventID)
		if err == nil {
			err = seen.check(r)
		}
		if err != nil {
			return nil, fmt.Errorf("%w: check-in %d of %d (id %q): %v", ErrBadRecord, i+1, len(p.CheckIns), r.ID, err)
		}
		e.CheckIns = append(e.CheckIns, c)
	}
	return e, nil
}

func enrolled(ks []data.KioskKey, pub ed25519.PublicKey) bool {
	for _, k := range ks {
		if pub.Equal(k.PublicKey) {
			return true
		}
	}
	return false
}
