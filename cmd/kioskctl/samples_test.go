package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiosk/assets/demokey"
	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/checkincode"
	"kiosk/data/export"
	"kiosk/data/keys"
	"kiosk/data/qrimage/qrcheck"
	"kiosk/data/store"
)

// testKioskKey writes a kiosk key pair as keygen does and returns the
// private key's path and the public key.
func testKioskKey(t *testing.T) (string, ed25519.PublicKey) {
	t.Helper()
	dir := t.TempDir()
	if code, _, e := ctl(t, "keygen", "--out", dir, "--name", "kiosk"); code != 0 {
		t.Fatal(e)
	}
	pub, err := keys.ReadPublicFile(filepath.Join(dir, "kiosk.pub"))
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "kiosk.key"), pub
}

// A code made from a key and flags reads back, through the project's
// verifier, as exactly the check-in the flags describe; its QR image
// holds the same text.
func TestCheckInCodeFromAKey(t *testing.T) {
	keyFile, pub := testKioskKey(t)
	pngFile := filepath.Join(t.TempDir(), "code.png")
	code, out, e := ctl(t, "checkin-code", "--key", keyFile, "--event", "conf-2026", "--delegate", "D000003",
		"--purpose", "plenary", "--session", "S0012", "--room", "nusa-dua-hall", "--seq", "42", "--serial", "7",
		"--at", "2026-11-08T09:15:03.123Z", "--hlc", "7", "--id", "5f0c6b1e9a2d4c7f8e3b1a0d2c4e6f80", "--manual", "--clock-suspect",
		"--png", pngFile)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, e)
	}
	v := checkincode.Verifier{EventID: "conf-2026", Kiosks: []data.KioskKey{{KioskID: keys.KioskID(pub), PublicKey: pub}}}
	c, err := v.Verify(out)
	if err != nil {
		t.Fatalf("%q: %v", out, err)
	}
	want := data.CheckIn{ID: "5f0c6b1e9a2d4c7f8e3b1a0d2c4e6f80", EventID: "conf-2026", KioskID: keys.KioskID(pub), Seq: 42,
		DelegateID: "D000003", BadgeSerial: 7, Purpose: data.PurposePlenary, SessionID: "S0012", RoomID: "nusa-dua-hall",
		ScannedAt: time.Date(2026, 11, 8, 9, 15, 3, 123e6, time.UTC), HLC: 7, Method: data.MethodManual, ClockSuspect: true,
		Signature: c.Signature}
	if !c.SameEvent(want) || !c.ScannedAt.Equal(want.ScannedAt) {
		t.Fatalf("read back\n %+v\nwant\n %+v", c, want)
	}
	f, err := os.Open(pngFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if got := qrcheck.Read(t, img); got != strings.TrimSpace(out) {
		t.Fatalf("the QR image holds %q", got)
	}
}

// What no kiosk writes, the command does not write either: the flags are
// checked with the rules of a check-in record.
func TestCheckInCodeRefusesABrokenCheckIn(t *testing.T) {
	keyFile, _ := testKioskKey(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--delegate", "D 1"}, `delegate id "D 1" is not a valid id`},
		{[]string{"--delegate", "D1", "--room", "R/1"}, `room id "R/1" is not a valid id`},
		{[]string{"--delegate", "D1", "--seq", "0"}, "sequence number 0"},
		{[]string{"--delegate", "D1", "--purpose", "session"}, "no session id"},
		{[]string{"--delegate", "D1", "--at", "1970-01-01T00:00:00Z"}, "scan time 1970-01-01T00:00:00.000Z is not between"},
		{[]string{"--delegate", "D1", "--at", "yesterday"}, `--at "yesterday" is not an RFC 3339 time`},
		{[]string{"--delegate", "D1", "--serial", "4294967296"}, "--serial 4294967296 is over 4294967295"},
	} {
		args := append([]string{"checkin-code", "--key", keyFile, "--event", "conf-2026"}, tc.args...)
		if code, out, e := ctl(t, args...); code != 1 || out != "" || !strings.Contains(e, tc.want) {
			t.Errorf("%v: exit %d, %q %q, want %q", tc.args, code, out, e, tc.want)
		}
	}
	if code, _, _ := ctl(t, "checkin-code", "--event", "conf-2026", "--delegate", "D1"); code != 2 {
		t.Errorf("neither --data nor --key: exit %d", code)
	}
}

// From a kiosk data folder the command writes the code the kiosk's screen
// shows: of its latest check-in, of one given by id, or of a badge it
// checks in first, as the screen would.
func TestCheckInCodeFromADataFolder(t *testing.T) {
	dir, shown := demoKioskWithCheckIn(t)
	code, out, e := ctl(t, "checkin-code", "--data", dir)
	if code != 0 || strings.TrimSpace(out) != shown {
		t.Fatalf("latest: exit %d %s\n%q\nwant %q", code, e, out, shown)
	}
	ctx := context.Background()
	s, err := openDataDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	v := checkincode.Verifier{EventID: "interpol-ga85-2016"}
	if v.Kiosks, err = s.KioskKeys(ctx); err != nil {
		t.Fatal(err)
	}
	first, err := v.Verify(shown)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if code, out, e := ctl(t, "checkin-code", "--data", dir, "--checkin", first.ID); code != 0 || strings.TrimSpace(out) != shown {
		t.Fatalf("by id: exit %d %s %q", code, e, out)
	}
	if code, _, e := ctl(t, "checkin-code", "--data", dir, "--checkin", strings.Repeat("0", 32)); code != 1 || !strings.Contains(e, "no check-in") {
		t.Fatalf("unknown id: exit %d %q", code, e)
	}

	at := time.Date(2016, 11, 8, 2, 30, 0, 0, time.UTC)
	tok, err := badge.Issue(demokey.Private(), badge.Claims{EventID: "interpol-ga85-2016", DelegateID: "D000004", Serial: 4,
		ValidFrom: at.Add(-time.Hour), ValidUntil: at.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	code, out, e = ctl(t, "checkin-code", "--data", dir, "--badge", tok, "--at", at.Format(time.RFC3339))
	if code != 0 {
		t.Fatalf("badge: exit %d %s", code, e)
	}
	c, err := v.Verify(out)
	if err != nil || c.DelegateID != "D000004" || c.Seq != first.Seq+1 || !c.ScannedAt.Equal(at) {
		t.Fatalf("badge: %+v %v", c, err)
	}
	// The check-in is the kiosk's, recorded as its screen records it.
	if code, list, _ := ctl(t, "checkins", "--data", dir); code != 0 || !strings.Contains(list, c.ID) {
		t.Fatalf("not recorded: %q", list)
	}
	if code, _, e := ctl(t, "checkin-code", "--data", dir, "--badge", "KBXX", "--at", at.Format(time.RFC3339)); code != 1 ||
		!strings.Contains(e, "did not check the badge in") {
		t.Fatalf("a bad badge: exit %d %q", code, e)
	}
}

// An export from a data folder is the file staff mode writes, and reads
// back through the project's reader, with the kiosk's own check-ins each
// signed with its key.
func TestCheckInsExportFromADataFolder(t *testing.T) {
	dir, _ := demoKioskWithCheckIn(t)
	out := t.TempDir()
	code, stdout, e := ctl(t, "checkins", "export", "--data", dir, "--out", out, "--created", "2016-11-08T10:20:00+08:00")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, e)
	}
	ctx := context.Background()
	s, err := openDataDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	id, _ := s.Identity(ctx)
	held, _ := s.CheckIns(ctx, store.CheckInFilter{})
	path := filepath.Join(out, "checkins-"+id.KioskID+"-20161108T022000Z.kcheckins")
	if !strings.HasPrefix(stdout, path+": 1 check-in of event interpol-ga85-2016 from "+id.KioskID) {
		t.Fatalf("output %q", stdout)
	}
	e2, err := export.Read(path, export.ReadOptions{EventID: "interpol-ga85-2016",
		Kiosks: []data.KioskKey{{KioskID: id.KioskID, PublicKey: id.Public()}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(e2.CheckIns) != 1 || len(held) != 1 || !e2.CheckIns[0].SameEvent(held[0]) ||
		!checkincode.Genuine("interpol-ga85-2016", id.Public(), e2.CheckIns[0]) {
		t.Fatalf("read back %+v, held %+v", e2.CheckIns, held)
	}
	// Nothing in the folder changed: staff mode's "since the last export"
	// still finds the check-in.
	if last, err := s.LastExport(ctx); err != nil || !last.IsZero() {
		t.Fatalf("last export %v %v", last, err)
	}
}

// From a key, the records given are read as strictly as an export's
// payload, and the file reads back with them.
func TestCheckInsExportFromAKey(t *testing.T) {
	keyFile, pub := testKioskKey(t)
	kiosk := keys.KioskID(pub)
	dir := t.TempDir()
	rec := `{"id":"5f0c6b1e9a2d4c7f8e3b1a0d2c4e6f80","kiosk_id":"` + kiosk + `","seq":1,"delegate_id":"D000003",` +
		`"badge_serial":7,"purpose":"arrival","session_id":"","room_id":"lobby","scanned_at":"2026-11-08T09:15:03.123Z",` +
		`"hlc":117580058009468928,"method":"scan","clock_suspect":false,"signature":""}`
	good := filepath.Join(dir, "good.json")
	writeFile(t, good, []byte("["+rec+"]"))
	out := t.TempDir()
	code, _, e := ctl(t, "checkins", "export", "--key", keyFile, "--event", "conf-2026", "--checkins", good, "--out", out,
		"--created", "2026-11-08T10:15:00Z")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, e)
	}
	path := filepath.Join(out, "checkins-"+kiosk+"-20261108T101500Z.kcheckins")
	ex, err := export.Read(path, export.ReadOptions{EventID: "conf-2026", Kiosks: []data.KioskKey{{KioskID: kiosk, PublicKey: pub}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.CheckIns) != 1 || ex.CheckIns[0].RoomID != "lobby" || ex.CheckIns[0].HLC != 117580058009468928 ||
		!ex.Created.Equal(time.Date(2026, 11, 8, 10, 15, 0, 0, time.UTC)) || !checkincode.Genuine("conf-2026", pub, ex.CheckIns[0]) {
		t.Fatalf("read back %+v", ex)
	}
	for name, tc := range map[string]struct{ body, want string }{
		"member in upper case": {strings.Replace(rec, `"seq"`, `"SEQ"`, 1), `member "[0].SEQ" is unknown (member names are case-sensitive)`},
		"member twice":         {strings.Replace(rec, `"hlc"`, `"hlc":1,"hlc"`, 1), `member "[0].hlc" appears twice`},
		"null for a string":    {strings.Replace(rec, `"room_id":"lobby"`, `"room_id":null`, 1), `member "[0].room_id" is null`},
		"scan time offset": {strings.Replace(rec, `09:15:03.123Z`, `10:15:03.123+01:00`, 1),
			`check-in 1 (id "5f0c6b1e9a2d4c7f8e3b1a0d2c4e6f80"): scanned_at "2026-11-08T10:15:03.123+01:00" is not a UTC time with milliseconds`},
		"room id R/1": {strings.Replace(rec, `"lobby"`, `"R/1"`, 1), `room id "R/1" is not a valid id`},
	} {
		bad := filepath.Join(dir, "bad.json")
		writeFile(t, bad, []byte("["+tc.body+"]"))
		var stdout, stderr bytes.Buffer
		if code := run([]string{"checkins", "export", "--key", keyFile, "--event", "conf-2026", "--checkins", bad, "--out", t.TempDir()}, &stdout, &stderr); code != 1 ||
			!strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%s: exit %d %q", name, code, stderr.String())
		}
	}
}
