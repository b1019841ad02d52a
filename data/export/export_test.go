package export

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"kiosk/data/keys"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"kiosk/data"
)

const event = "interpol-ga85-2016"

type kiosk struct {
	id  string
	key ed25519.PrivateKey
	seq int64
}

func newKiosk(t testing.TB) *kiosk {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return &kiosk{id: keys.KioskID(pub), key: priv}
}

func (k *kiosk) pub() ed25519.PublicKey { return k.key.Public().(ed25519.PublicKey) }

var clock int64 = time.Date(2016, 11, 8, 2, 15, 0, 0, time.UTC).UnixMilli() << 16

// take makes a check-in at the kiosk, as its store would keep it.
func (k *kiosk) take(delegate string, p data.Purpose) data.CheckIn {
	k.seq++
	clock += 1 << 16
	var id [16]byte
	rand.Read(id[:])
	c := data.CheckIn{ID: hex.EncodeToString(id[:]), EventID: event, KioskID: k.id, Seq: k.seq, DelegateID: delegate,
		BadgeSerial: uint32(k.seq) + 20160000, Purpose: p, RoomID: "hall-a",
		ScannedAt: time.UnixMilli(clock >> 16).UTC(), HLC: clock, Method: data.MethodScan,
		Origin: data.OriginHere, ReceivedAt: time.UnixMilli(clock >> 16).UTC()}
	if p != data.PurposeArrival {
		c.SessionID = "S001"
	}
	return c
}

var created = time.Date(2016, 11, 8, 10, 15, 0, 0, time.UTC)

func (k *kiosk) write(t testing.TB, dir string, list []data.CheckIn, at time.Time) string {
	t.Helper()
	path := filepath.Join(dir, FileName(k.id, at))
	if err := Write(path, event, k.key, k.id, list, at); err != nil {
		t.Fatal(err)
	}
	return path
}

func read(t testing.TB, path string, opts ReadOptions) *Export {
	t.Helper()
	e, err := Read(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// asRead is what Read gives back for a check-in: no local bookkeeping.
func asRead(list []data.CheckIn) []data.CheckIn {
	out := make([]data.CheckIn, len(list))
	for i, c := range list {
		c.Origin, c.ReceivedAt = "", time.Time{}
		if len(c.Signature) == 0 {
			c.Signature = nil
		}
		out[i] = c
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	k, other := newKiosk(t), newKiosk(t)
	list := []data.CheckIn{k.take("D000003", data.PurposeArrival), k.take("D000004", data.PurposeSession)}
	list[1].Method, list[1].ClockSuspect = data.MethodManual, true
	list[1].ScannedAt = list[1].ScannedAt.Add(123 * time.Millisecond)
	// Received from another kiosk by its check-in code: signed, and with
	// the event left unset, as older callers may.
	relayed := other.take("D000005", data.PurposePlenary)
	relayed.Signature = ed25519.Sign(other.key, []byte("stands in for a check-in code signature"))
	relayed.Origin, relayed.EventID = data.OriginCode, ""
	list = append(list, relayed)

	dir := t.TempDir()
	path := k.write(t, dir, list, created.Add(999*time.Millisecond))
	if got, want := filepath.Base(path), "checkins-"+k.id+"-20161108T101500Z.kcheckins"; got != want {
		t.Fatalf("file name %q, want %q", got, want)
	}
	e := read(t, path, ReadOptions{EventID: event, Kiosks: []data.KioskKey{{KioskID: "kiosk-01", PublicKey: k.pub()}}})
	if e.EventID != event || e.KioskID != k.id || !e.PublicKey.Equal(k.pub()) || !e.Created.Equal(created) {
		t.Fatalf("export %+v", e)
	}
	want := asRead(list)
	want[2].EventID = event
	if !reflect.DeepEqual(e.CheckIns, want) {
		t.Fatalf("check-ins\n got %+v\nwant %+v", e.CheckIns, want)
	}
	// An empty export is a valid one.
	e = read(t, k.write(t, dir, nil, created.Add(time.Hour)), ReadOptions{})
	if e.CheckIns == nil || len(e.CheckIns) != 0 {
		t.Fatalf("empty export: %+v", e.CheckIns)
	}
	// Nothing but the two files: no temporary file left behind.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Fatalf("files %v", entries)
	}
}

func TestFileFormat(t *testing.T) {
	k := newKiosk(t)
	path := k.write(t, t.TempDir(), []data.CheckIn{k.take("D000003", data.PurposeArrival)}, created)
	b, _ := os.ReadFile(path)
	var env map[string]string
	if err := json.Unmarshal(b, &env); err != nil || len(env) != 3 || env["format"] != "kiosk-checkins/1" {
		t.Fatalf("envelope %s: %v", b, err)
	}
	pb, _ := base64.StdEncoding.DecodeString(env["payload"])
	sig, _ := base64.StdEncoding.DecodeString(env["signature"])
	if !ed25519.Verify(k.pub(), append([]byte("kiosk-checkins-export-v1\x00"), pb...), sig) {
		t.Fatal("signature is not over the domain string and the payload bytes")
	}
	var p map[string]any
	json.Unmarshal(pb, &p)
	if p["event_id"] != event || p["kiosk_id"] != k.id || p["created"] != "2016-11-08T10:15:00Z" ||
		p["public_key"] != base64.StdEncoding.EncodeToString(k.pub()) {
		t.Fatalf("payload %s", pb)
	}
	rec := p["checkins"].([]any)[0].(map[string]any)
	var fields []string
	for f := range rec {
		fields = append(fields, f)
	}
	if len(fields) != 13 || rec["signature"] != "" || rec["purpose"] != "arrival" || rec["method"] != "scan" {
		t.Fatalf("record %v", rec)
	}
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`).MatchString(rec["scanned_at"].(string)) {
		t.Fatalf("scanned_at is not RFC 3339 in UTC with milliseconds: %v", rec["scanned_at"])
	}
}

func TestTamperedByteRefused(t *testing.T) {
	k := newKiosk(t)
	path := k.write(t, t.TempDir(), []data.CheckIn{k.take("D000003", data.PurposeArrival), k.take("D000004", data.PurposeArrival)}, created)
	orig, _ := os.ReadFile(path)
	bad := filepath.Join(t.TempDir(), "bad.kcheckins")
	badSignature := 0
	for i := range orig {
		for _, flip := range []byte{0x01, 0x20, 0x80} {
			b := append([]byte(nil), orig...)
			b[i] ^= flip
			if err := os.WriteFile(bad, b, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Read(bad, ReadOptions{})
			if err == nil {
				t.Fatalf("byte %d ^ %#x accepted", i, flip)
			} else if !strings.Contains(err.Error(), bad) {
				t.Fatalf("error does not name the file: %v", err)
			}
			if errors.Is(err, ErrBadSignature) {
				badSignature++
			}
		}
	}
	// Most changes to the payload or the signature still decode, and are
	// caught by the signature.
	if badSignature < len(orig)/2 {
		t.Fatalf("only %d of %d changes refused for their signature", badSignature, 3*len(orig))
	}
	// Re-indented or given a trailing newline, it is not the file the kiosk wrote.
	for _, b := range [][]byte{append(append([]byte(nil), orig...), '\n'), []byte(" " + string(orig))} {
		os.WriteFile(bad, b, 0o644)
		if _, err := Read(bad, ReadOptions{}); !errors.Is(err, ErrNotExport) {
			t.Fatalf("changed white space: %v", err)
		}
	}
}

func TestTruncatedRefused(t *testing.T) {
	k := newKiosk(t)
	path := k.write(t, t.TempDir(), []data.CheckIn{k.take("D000003", data.PurposeArrival)}, created)
	orig, _ := os.ReadFile(path)
	cut := filepath.Join(t.TempDir(), "cut.kcheckins")
	for n := 0; n < len(orig); n++ {
		if err := os.WriteFile(cut, orig[:n], 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Read(cut, ReadOptions{}); err == nil {
			t.Fatalf("cut at %d of %d bytes accepted", n, len(orig))
		} else if !strings.Contains(err.Error(), cut) {
			t.Fatalf("error does not name the file: %v", err)
		}
	}
}

func TestWrongEventRefused(t *testing.T) {
	k := newKiosk(t)
	path := k.write(t, t.TempDir(), []data.CheckIn{k.take("D000003", data.PurposeArrival)}, created)
	_, err := Read(path, ReadOptions{EventID: "another-event"})
	if !errors.Is(err, ErrWrongEvent) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), event) {
		t.Fatalf("err %v", err)
	}
}

func TestUnknownKioskRefused(t *testing.T) {
	k, enrolled := newKiosk(t), newKiosk(t)
	path := k.write(t, t.TempDir(), []data.CheckIn{k.take("D000003", data.PurposeArrival)}, created)
	// Enrolled under the exporting kiosk's id, but with another key: the
	// key decides.
	_, err := Read(path, ReadOptions{Kiosks: []data.KioskKey{{KioskID: k.id, PublicKey: enrolled.pub()}}})
	if !errors.Is(err, ErrUnknownKiosk) || !strings.Contains(err.Error(), k.id) || !strings.Contains(err.Error(), path) {
		t.Fatalf("err %v", err)
	}
	// An empty list that is not nil enrols nobody.
	if _, err := Read(path, ReadOptions{Kiosks: []data.KioskKey{}}); !errors.Is(err, ErrUnknownKiosk) {
		t.Fatalf("no kiosks enrolled: %v", err)
	}
	// Without a list every genuine file is read.
	read(t, path, ReadOptions{})
}

func TestReadRefusals(t *testing.T) {
	k := newKiosk(t)
	dir := t.TempDir()
	path := k.write(t, dir, []data.CheckIn{k.take("D000003", data.PurposeArrival)}, created)

	if _, err := Read(path, ReadOptions{MaxSize: 100}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("size cap: %v", err)
	}
	if _, err := Read(dir, ReadOptions{}); !errors.Is(err, ErrNotExport) || !strings.Contains(err.Error(), dir) {
		t.Errorf("a folder: %v", err)
	}
	if _, err := Read(filepath.Join(dir, "missing"), ReadOptions{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	other := filepath.Join(dir, "other")
	for name, body := range map[string]string{
		"not json":       "PK\x03\x04 a zip file",
		"another format": `{"format":"kiosk-checkins/2","payload":"","signature":""}`,
		"no format":      `{"payload":"","signature":""}`,
		"json array":     `[1,2,3]`,
	} {
		os.WriteFile(other, []byte(body), 0o644)
		if _, err := Read(other, ReadOptions{}); !errors.Is(err, ErrNotExport) {
			t.Errorf("%s: %v", name, err)
		}
	}
	os.WriteFile(other, []byte(`{"format":"kiosk-checkins/2","payload":"","signature":""}`), 0o644)
	if _, err := Read(other, ReadOptions{}); err == nil || !strings.Contains(err.Error(), `"kiosk-checkins/2"`) {
		t.Errorf("newer format not named: %v", err)
	}
}

// signedFile writes a payload signed by k, however wrong its content, to
// test the checks made after the signature.
func signedFile(t *testing.T, k *kiosk, p any) string {
	t.Helper()
	pb, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return signedBytes(t, k, pb)
}

// signedBytes writes payload bytes signed by k, however they are spelt.
func signedBytes(t *testing.T, k *kiosk, pb []byte) string {
	t.Helper()
	b, _ := json.Marshal(envelope{Format: Format, Payload: base64.StdEncoding.EncodeToString(pb),
		Signature: base64.StdEncoding.EncodeToString(ed25519.Sign(k.key, signed(pb)))})
	path := filepath.Join(t.TempDir(), "x.kcheckins")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRecordChecks(t *testing.T) {
	k := newKiosk(t)
	good := func() payload {
		return payload{EventID: event, KioskID: k.id, PublicKey: base64.StdEncoding.EncodeToString(k.pub()),
			Created: "2016-11-08T10:15:00Z", CheckIns: []record{toRecord(k.take("D000003", data.PurposeArrival))}}
	}
	if _, err := Read(signedFile(t, k, good()), ReadOptions{}); err != nil {
		t.Fatalf("good payload: %v", err)
	}
	for name, c := range map[string]struct {
		change func(*payload)
		want   error
		msg    string
	}{
		"id":            {func(p *payload) { p.CheckIns[0].ID = "XYZ" }, ErrBadRecord, `id "XYZ"`},
		"upper-case id": {func(p *payload) { p.CheckIns[0].ID = strings.ToUpper(p.CheckIns[0].ID) }, ErrBadRecord, "lower-case"},
		"kiosk":         {func(p *payload) { p.CheckIns[0].KioskID = "" }, ErrBadRecord, "kiosk id"},
		"seq":           {func(p *payload) { p.CheckIns[0].Seq = 0 }, ErrBadRecord, "sequence number 0"},
		"seq max":       {func(p *payload) { p.CheckIns[0].Seq = 1<<63 - 1 }, ErrBadRecord, "sequence number 9223372036854775807"},
		"delegate":      {func(p *payload) { p.CheckIns[0].DelegateID = "a b" }, ErrBadRecord, "delegate id"},
		"purpose":       {func(p *payload) { p.CheckIns[0].Purpose = "lunch" }, ErrBadRecord, `purpose "lunch"`},
		"no session":    {func(p *payload) { p.CheckIns[0].Purpose = "session" }, ErrBadRecord, "no session id"},
		"room":          {func(p *payload) { p.CheckIns[0].RoomID = "hall/a" }, ErrBadRecord, "room id"},
		"year 10889":    {func(p *payload) { p.CheckIns[0].ScannedAt = "10889-08-02T05:31:50.655Z" }, ErrBadRecord, "scanned_at"},
		"time":          {func(p *payload) { p.CheckIns[0].ScannedAt = "yesterday" }, ErrBadRecord, "scanned_at"},
		"hlc":           {func(p *payload) { p.CheckIns[0].HLC = -1 }, ErrBadRecord, "clock -1"},
		"method":        {func(p *payload) { p.CheckIns[0].Method = "telepathy" }, ErrBadRecord, "method"},
		"signature":     {func(p *payload) { p.CheckIns[0].Signature = "AAAA" }, ErrBadRecord, "signature"},
		"duplicate id":  {func(p *payload) { p.CheckIns = append(p.CheckIns, p.CheckIns[0]) }, ErrBadRecord, "appears twice"},
		"duplicate seq": {func(p *payload) {
			r := p.CheckIns[0]
			r.ID = strings.Repeat("0", 32)
			p.CheckIns = append(p.CheckIns, r)
		}, ErrBadRecord, "is both"},
		"event":           {func(p *payload) { p.EventID = "" }, ErrNotExport, "event_id"},
		"created":         {func(p *payload) { p.Created = "2016-11-08" }, ErrNotExport, "created"},
		"kiosk id forged": {func(p *payload) { p.KioskID = "kiosk-00000000" }, ErrNotExport, "not that of its key"},
	} {
		p := good()
		c.change(&p)
		e, err := Read(signedFile(t, k, p), ReadOptions{})
		if c.want == ErrBadRecord && err == nil {
			// A record that breaks a rule is refused on its own, with its
			// place in the file; the others are read.
			last := len(p.CheckIns) - 1
			if len(e.Refused) != 1 || e.Refused[0].Index != last || len(e.CheckIns) != last {
				t.Errorf("%s: %d read, refused %v", name, len(e.CheckIns), e.Refused)
				continue
			}
			err = e.Refused[0]
			if !strings.Contains(err.Error(), fmt.Sprintf("check-in %d of the file", last+1)) {
				t.Errorf("%s: %v does not name the record", name, err)
			}
			err = e.Refused[0].Reason
		}
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Fields the format does not have are refused, not ignored.
	p := map[string]any{"event_id": event, "kiosk_id": k.id, "public_key": base64.StdEncoding.EncodeToString(k.pub()),
		"created": "2016-11-08T10:15:00Z", "checkins": []any{}, "extra": 1}
	if _, err := Read(signedFile(t, k, p), ReadOptions{}); !errors.Is(err, ErrNotExport) {
		t.Errorf("unknown field: %v", err)
	}
	// A key other than the one embedded did the signing.
	other := newKiosk(t)
	pb, _ := json.Marshal(good())
	b, _ := json.Marshal(envelope{Format: Format, Payload: base64.StdEncoding.EncodeToString(pb),
		Signature: base64.StdEncoding.EncodeToString(ed25519.Sign(other.key, signed(pb)))})
	path := filepath.Join(t.TempDir(), "x.kcheckins")
	os.WriteFile(path, b, 0o644)
	if _, err := Read(path, ReadOptions{}); !errors.Is(err, ErrBadSignature) {
		t.Errorf("signed by another key: %v", err)
	}
}

func TestWriteRefusals(t *testing.T) {
	k, other := newKiosk(t), newKiosk(t)
	dir := t.TempDir()
	ok := []data.CheckIn{k.take("D000003", data.PurposeArrival)}
	wrongEvent := k.take("D000004", data.PurposeArrival)
	wrongEvent.EventID = "demo"
	badPurpose := k.take("D000005", data.PurposeArrival)
	badPurpose.Purpose = "lunch"
	for name, c := range map[string]struct {
		event, kiosk string
		list         []data.CheckIn
		msg          string
	}{
		"kiosk id":    {event, other.id, ok, "not that of the key"},
		"event id":    {"", k.id, ok, "event id"},
		"wrong event": {event, k.id, append(ok, wrongEvent), `of event "demo"`},
		"bad record":  {event, k.id, append(ok, badPurpose), `purpose "lunch"`},
		"duplicate":   {event, k.id, append(ok, ok[0]), "appears twice"},
	} {
		path := filepath.Join(dir, "x.kcheckins")
		err := Write(path, c.event, k.key, c.kiosk, c.list, created)
		if err == nil || !strings.Contains(err.Error(), c.msg) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: %v", name, err)
		}
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: a file was written", name)
		}
	}
	if err := Write(filepath.Join(dir, "no", "such", "folder", "x.kcheckins"), event, k.key, k.id, ok, created); err == nil {
		t.Error("written into a missing folder")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestFileName(t *testing.T) {
	bali := time.FixedZone("WITA", 8*3600)
	if got := FileName("kiosk-1a2b3c4d", time.Date(2016, 11, 8, 18, 15, 0, 0, bali)); got != "checkins-kiosk-1a2b3c4d-20161108T101500Z.kcheckins" {
		t.Fatal(got)
	}
}

func ids(list []data.CheckIn) string {
	var s []string
	for _, c := range list {
		s = append(s, fmt.Sprint(c.KioskID, "#", c.Seq))
	}
	return strings.Join(s, " ")
}
