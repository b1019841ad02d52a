package export

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kiosk/data"
	"kiosk/data/checkincode"
)

// A payload is read as exactly as docs/checkin-export-format.md writes
// it. Each of these payloads is genuine (signed by the kiosk whose key it
// carries) but spelt as no kiosk writes it; encoding/json read every one
// of them as some other file.
func TestPayloadSpeltOtherwiseIsRefused(t *testing.T) {
	k := newKiosk(t)
	p := payload{EventID: event, KioskID: k.id, PublicKey: base64.StdEncoding.EncodeToString(k.pub()),
		Created: "2016-11-08T10:15:00Z", CheckIns: []record{toRecord(k.take("D000003", data.PurposeArrival))}}
	pb, _ := json.Marshal(p)
	good := string(pb)
	if _, err := Read(signedBytes(t, k, pb), ReadOptions{}); err != nil {
		t.Fatalf("the payload as written: %v", err)
	}
	cases := []struct{ name, from, to, want string }{
		{"member name in upper case", `"event_id"`, `"EVENT_ID"`,
			`payload: member "EVENT_ID" is unknown (member names are case-sensitive)`},
		{"created twice", `"created":`, `"created":"2016-11-09T10:15:00Z","created":`,
			`payload: member "created" appears twice`},
		{"null for checkins", `"checkins":[` + good[strings.Index(good, `"checkins":[`)+12:len(good)-1], `"checkins":null`,
			`payload: member "checkins" is null; leave a member out or give it a value`},
		{"unknown member", `{"event_id"`, `{"note":"hi","event_id"`,
			`payload: member "note" is unknown (member names are case-sensitive)`},
		{"missing member", `"created":"2016-11-08T10:15:00Z",`, ``,
			`payload: member "created" is missing`},
		{"record member in other case", `"seq":`, `"Seq":`,
			`payload: member "checkins[0].Seq" is unknown (member names are case-sensitive)`},
		{"record member twice", `"hlc":`, `"hlc":1,"hlc":`,
			`payload: member "checkins[0].hlc" appears twice`},
		{"record member missing", `,"clock_suspect":false`, ``,
			`payload: member "checkins[0].clock_suspect" is missing`},
		{"seq as a string", `"seq":1,`, `"seq":"1",`,
			`payload: member "checkins[0].seq" holds a string where a whole number belongs`},
		{"created with an offset", `"2016-11-08T10:15:00Z"`, `"2016-11-08T11:15:00+01:00"`,
			`created "2016-11-08T11:15:00+01:00" is not a UTC time to the second like 2016-11-08T10:15:00Z`},
		{"created with milliseconds", `"2016-11-08T10:15:00Z"`, `"2016-11-08T10:15:00.000Z"`,
			`created "2016-11-08T10:15:00.000Z" is not a UTC time to the second like 2016-11-08T10:15:00Z`},
		{"created in lower case", `"2016-11-08T10:15:00Z"`, `"2016-11-08t10:15:00z"`,
			`created "2016-11-08t10:15:00z" is not a UTC time to the second like 2016-11-08T10:15:00Z`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(good, tc.from) {
				t.Fatalf("%s not in %s", tc.from, good)
			}
			bad := strings.Replace(good, tc.from, tc.to, 1)
			_, err := Read(signedBytes(t, k, []byte(bad)), ReadOptions{})
			if !errors.Is(err, ErrNotExport) || !strings.HasSuffix(err.Error(), "not a check-in export: "+tc.want) {
				t.Fatalf("got %v, want a refusal ending %q", err, tc.want)
			}
		})
	}
}

// A scan time is UTC with exactly three digits of milliseconds and Z, as
// the writer puts it; any other spelling of a time is a record that
// breaks the rules, refused on its own.
func TestScanTimeSpeltOtherwiseIsRefused(t *testing.T) {
	k := newKiosk(t)
	c := k.take("D000003", data.PurposeArrival)
	at := toRecord(c).ScannedAt
	if at != c.ScannedAt.Format("2006-01-02T15:04:05.000Z") {
		t.Fatalf("written as %s", at)
	}
	for _, bad := range []string{
		strings.TrimSuffix(at, "Z") + "+00:00",
		strings.Replace(at, "T02:", "T03:", 1)[:len(at)-1] + "+01:00",
		at[:len(at)-2] + "Z",  // two digits
		at[:len(at)-1] + "0Z", // four digits
		at[:len(at)-5] + "Z",  // none
		strings.Replace(at, ".", ",", 1),
		strings.ToLower(at),
	} {
		r := toRecord(c)
		r.ScannedAt = bad
		p := payload{EventID: event, KioskID: k.id, PublicKey: base64.StdEncoding.EncodeToString(k.pub()),
			Created: "2016-11-08T10:15:00Z", CheckIns: []record{r}}
		e, err := Read(signedFile(t, k, p), ReadOptions{})
		if err != nil {
			t.Fatalf("%s: %v", bad, err)
		}
		want := `scanned_at "` + bad + `" is not a UTC time with milliseconds like 2016-11-08T02:15:00.123Z`
		if len(e.Refused) != 1 || !strings.HasSuffix(e.Refused[0].Error(), want) {
			t.Fatalf("%s: read %d, refused %v", bad, len(e.CheckIns), e.Refused)
		}
	}
}

// Go's base64 decoder skips line breaks even in strict mode; base64 in
// these files has one spelling, without them, so a file with a line break
// in its payload, its key or a signature is not the file that was written.
func TestBase64WithLineBreaksIsRefused(t *testing.T) {
	k := newKiosk(t)
	c := k.take("D000003", data.PurposeArrival)
	path := k.write(t, t.TempDir(), []data.CheckIn{c}, created)
	b, _ := os.ReadFile(path)
	file := string(b)
	for _, brk := range []string{"\r\n", "\n", "\r"} {
		at := strings.Index(file, `"payload":"`) + len(`"payload":"`) + 8
		bad := filepath.Join(t.TempDir(), "x.kcheckins")
		writeTestFile(t, bad, file[:at]+brk+file[at:])
		if _, err := Read(bad, ReadOptions{}); !errors.Is(err, ErrNotExport) || !strings.HasSuffix(err.Error(), "payload is not base64") {
			t.Errorf("%q in the payload: %v", brk, err)
		}
	}
	pub := base64.StdEncoding.EncodeToString(k.pub())
	p := payload{EventID: event, KioskID: k.id, PublicKey: pub[:8] + "\n" + pub[8:], Created: "2016-11-08T10:15:00Z",
		CheckIns: []record{toRecord(c)}}
	if _, err := Read(signedFile(t, k, p), ReadOptions{}); !errors.Is(err, ErrNotExport) ||
		!strings.HasSuffix(err.Error(), "public_key is not 32 bytes in base64") {
		t.Errorf("a line break in public_key: %v", err)
	}
	sig := base64.StdEncoding.EncodeToString(make([]byte, 64))
	p.PublicKey = pub
	p.CheckIns[0].Signature = sig[:8] + "\r\n" + sig[8:]
	e, err := Read(signedFile(t, k, p), ReadOptions{})
	if err != nil || len(e.Refused) != 1 || !strings.HasSuffix(e.Refused[0].Error(), "signature is not 64 bytes in base64") {
		t.Errorf("a line break in a record's signature: %v %v", err, e)
	}
}

func writeTestFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A kiosk signs its own check-ins with its own key: an own record whose
// signature is not the file's key's was changed after signing, or written
// by something that is not a kiosk. Taken in, it would be relayed onward
// with that signature, and the kiosk relaying it would look forged.
func TestOwnRecordWithAnotherSignatureIsRefused(t *testing.T) {
	k, other := newKiosk(t), newKiosk(t)
	sign := func(key ed25519.PrivateKey, c data.CheckIn) data.CheckIn {
		sig, err := checkincode.Sign(event, key, c)
		if err != nil {
			t.Fatal(err)
		}
		c.Signature = sig
		return c
	}
	signedGood := sign(k.key, k.take("D000003", data.PurposeArrival))
	changed := sign(k.key, k.take("D000004", data.PurposeArrival))
	changed.BadgeSerial++
	byOther := sign(other.key, k.take("D000005", data.PurposeArrival))
	p := payload{EventID: event, KioskID: k.id, PublicKey: base64.StdEncoding.EncodeToString(k.pub()), Created: "2016-11-08T10:15:00Z",
		CheckIns: []record{toRecord(signedGood), toRecord(changed), toRecord(byOther)}}
	e, err := Read(signedFile(t, k, p), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(e.CheckIns) != 1 || len(e.Refused) != 2 {
		t.Fatalf("read %d, refused %v", len(e.CheckIns), e.Refused)
	}
	for _, r := range e.Refused {
		if !errors.Is(r.Reason, ErrForgedRecord) || !strings.HasSuffix(r.Error(), "its signature is not that of "+k.id+"'s key (changed or forged)") {
			t.Errorf("%v", r)
		}
	}
}
