package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"image/png"
	"io"
	"time"

	"kiosk/data"
	"kiosk/data/bundle"
	"kiosk/data/checkin"
	"kiosk/data/checkincode"
	"kiosk/data/export"
	"kiosk/data/keys"
	"kiosk/data/qrimage"
	"kiosk/data/safefile"
	"kiosk/data/staff"
	"kiosk/data/store"
	"kiosk/data/strictjson"
	"kiosk/data/syncproto"
	"kiosk/data/termsafe"
)

// Check-in codes and export files made without the kiosk's screens: for
// integrators who implement the formats (docs/checkin-code-format.md,
// docs/checkin-export-format.md) and need samples, from a kiosk data
// folder or from a test key.

func init() {
	register(command{name: "checkin-code", summary: "write a check-in code, from a kiosk data folder or a kiosk key", run: runCheckInCode})
	register(command{name: "checkins export", summary: "write a check-in export file, from a kiosk data folder or a kiosk key", run: runCheckInsExport})
}

// maxRecordsFile caps the JSON list of check-ins read by checkins export:
// as large as an export file may be.
const maxRecordsFile = export.MaxSize

// qrSide is the width in pixels of the QR image written with --png, as
// the kiosk shows a check-in code.
const qrSide = 480

func runCheckInCode(args []string, stdout, stderr io.Writer) error {
	fs := flags("checkin-code", "(--data DIR [--checkin ID | --badge CODE [--at TIME]] | --key FILE --event ID --delegate ID [flags]) [--png FILE]",
		"Writes a check-in code (docs/checkin-code-format.md) on standard output.\n\n"+
			"With --data, the code of a check-in taken at the kiosk in DIR, as its screen shows it:\n"+
			"the one given by --checkin, or the latest; with --badge, the badge is checked in first,\n"+
			"exactly as the kiosk's screen would (the check-in is recorded in DIR, at --at).\n\n"+
			"With --key, a check-in made from the flags, signed with that kiosk private key (PEM\n"+
			"PKCS#8, see docs/keys.md): for samples and tests; nothing is recorded anywhere.", stderr)
	dir := fs.String("data", "", "a kiosk data folder")
	id := fs.String("checkin", "", "with --data: the check-in's id (default: the latest taken at this kiosk)")
	badgeCode := fs.String("badge", "", "with --data: check this badge in first, as the kiosk's screen does")
	keyFile := fs.String("key", "", "a kiosk private key file")
	pngFile := fs.String("png", "", "also draw the code as a QR image into this PNG file")
	var spec checkInSpec
	spec.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if (*dir == "") == (*keyFile == "") {
		fmt.Fprintln(stderr, "kioskctl checkin-code: give either --data or --key")
		fs.Usage()
		return errUsage
	}
	at, err := parseTime("--at", spec.at)
	if err != nil {
		return err
	}
	var code string
	if *dir != "" {
		code, err = codeFromDataDir(*dir, *id, *badgeCode, at)
	} else {
		code, err = codeFromKey(*keyFile, spec, at)
	}
	if err != nil {
		return err
	}
	if *pngFile != "" {
		if err := writeQR(*pngFile, code); err != nil {
			return err
		}
	}
	_, err = fmt.Fprintln(stdout, code)
	return err
}

// parseTime reads a time given on the command line: RFC 3339, now if
// empty.
func parseTime(flagName, text string) (time.Time, error) {
	if text == "" {
		return time.Now(), nil
	}
	t, err := time.Parse(time.RFC3339Nano, text)
	if err != nil {
		return t, fmt.Errorf("%s %q is not an RFC 3339 time (2016-11-08T10:15:00.123Z)", flagName, text)
	}
	return t, nil
}

// checkInSpec is a check-in as the flags give it.
type checkInSpec struct {
	event, delegate, id, purpose, session, room, at string
	seq, hlc                                        int64
	serial                                          uint64
	manual, suspect                                 bool
}

func (s *checkInSpec) register(fs *flag.FlagSet) {
	fs.StringVar(&s.event, "event", "", "with --key: the event id")
	fs.StringVar(&s.delegate, "delegate", "", "with --key: the delegate id")
	fs.StringVar(&s.id, "id", "", "with --key: the check-in id, 32 lower-case hex digits (default: random)")
	fs.Int64Var(&s.seq, "seq", 1, "with --key: the kiosk's number of the check-in")
	fs.StringVar(&s.purpose, "purpose", "arrival", "with --key: arrival, session or plenary")
	fs.StringVar(&s.session, "session", "", "with --key: the session id (for session and plenary)")
	fs.StringVar(&s.room, "room", "", "with --key: the room id")
	fs.Uint64Var(&s.serial, "serial", 0, "with --key: the badge serial")
	fs.Int64Var(&s.hlc, "hlc", 0, "with --key: the hybrid logical clock (default: the scan time's milliseconds × 65536)")
	fs.BoolVar(&s.manual, "manual", false, "with --key: typed by hand rather than scanned")
	fs.BoolVar(&s.suspect, "clock-suspect", false, "with --key: the kiosk's clock was known to be wrong")
	fs.StringVar(&s.at, "at", "", "the scan time (the kiosk's clock with --badge), RFC 3339 (default: now)")
}

// checkIn is the check-in the flags describe, scanned at at by the kiosk
// holding pub, checked with the rules of a record.
func (s checkInSpec) checkIn(pub ed25519.PublicKey, at time.Time) (data.CheckIn, error) {
	if s.serial > 1<<32-1 {
		return data.CheckIn{}, fmt.Errorf("--serial %d is over 4294967295", s.serial)
	}
	at = at.UTC().Truncate(time.Millisecond)
	c := data.CheckIn{ID: s.id, EventID: s.event, KioskID: keys.KioskID(pub), Seq: s.seq, DelegateID: s.delegate,
		BadgeSerial: uint32(s.serial), Purpose: data.Purpose(s.purpose), SessionID: s.session, RoomID: s.room,
		ScannedAt: at, HLC: s.hlc, Method: data.MethodScan, ClockSuspect: s.suspect}
	if s.manual {
		c.Method = data.MethodManual
	}
	if c.HLC == 0 {
		c.HLC = at.UnixMilli() << 16
	}
	if c.ID == "" {
		var b [16]byte
		rand.Read(b[:])
		c.ID = hex.EncodeToString(b[:])
	}
	return c, c.Validate()
}

func codeFromKey(keyFile string, s checkInSpec, at time.Time) (string, error) {
	if s.event == "" || s.delegate == "" {
		return "", errors.New("--key needs --event and --delegate")
	}
	priv, err := keys.ReadPrivateFile(keyFile)
	if err != nil {
		return "", err
	}
	pub := priv.Public().(ed25519.PublicKey)
	c, err := s.checkIn(pub, at)
	if err != nil {
		return "", err
	}
	if c.Signature, err = checkincode.Sign(c.EventID, priv, c); err != nil {
		return "", err
	}
	return checkincode.Code(c.EventID, pub, c)
}

// codeFromDataDir is the code the kiosk in dir shows for one of its
// check-ins, through the kiosk's own desk.
func codeFromDataDir(dir, id, badgeCode string, at time.Time) (string, error) {
	ctx := context.Background()
	s, err := openDataDir(ctx, dir)
	if err != nil {
		return "", err
	}
	defer s.Close()
	desk := checkin.New(s, func() time.Time { return at })
	c, err := chosenCheckIn(ctx, s, desk, id, badgeCode)
	if err != nil {
		return "", err
	}
	code, err := desk.Code(ctx, c)
	if err == nil && code == "" {
		err = fmt.Errorf("check-in %s came from %s without a signature this kiosk can show", c.ID, termsafe.String(c.KioskID))
	}
	return code, err
}

func chosenCheckIn(ctx context.Context, s *store.Store, desk *checkin.Desk, id, badgeCode string) (data.CheckIn, error) {
	if badgeCode != "" {
		o, err := desk.Scan(ctx, badgeCode, data.MethodScan)
		if err != nil {
			return data.CheckIn{}, err
		}
		if o.Status != checkin.Welcome && o.Status != checkin.Already {
			return data.CheckIn{}, fmt.Errorf("the kiosk did not check the badge in: %s: %s", o.Headline, o.Detail)
		}
		return o.CheckIn, nil
	}
	me, err := s.Identity(ctx)
	if err != nil {
		return data.CheckIn{}, err
	}
	list, err := s.CheckIns(ctx, store.CheckInFilter{})
	if err != nil {
		return data.CheckIn{}, err
	}
	for i := len(list) - 1; i >= 0; i-- {
		if c := list[i]; c.ID == id || id == "" && c.KioskID == me.KioskID {
			return c, nil
		}
	}
	if id != "" {
		return data.CheckIn{}, fmt.Errorf("no check-in %q in this kiosk's data", id)
	}
	return data.CheckIn{}, errors.New("no check-in has been taken at this kiosk yet: give --badge")
}

func writeQR(path, code string) error {
	img, _, err := qrimage.Image(code, qrSide)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	return bundle.WriteFileAtomic(path, buf.Bytes(), 0o644)
}

func runCheckInsExport(args []string, stdout, stderr io.Writer) error {
	fs := flags("checkins export", "(--data DIR | --key FILE --event ID --checkins FILE.json) --out DIR [--created TIME]",
		"Writes a check-in export file (docs/checkin-export-format.md) into the folder --out,\n"+
			"under its conventional name, and prints its path.\n\n"+
			"With --data, every check-in the kiosk in DIR holds, signed with its key: the file its\n"+
			"staff mode writes onto a stick (\"export all\"); nothing in DIR changes.\n\n"+
			"With --key, the check-ins of --checkins, a JSON array of records exactly as in an\n"+
			"export's payload, signed with that kiosk private key (PEM PKCS#8, see docs/keys.md);\n"+
			"the key's own check-ins (their kiosk_id is the key's kiosk id) are signed one by one,\n"+
			"as a kiosk does.", stderr)
	dir := fs.String("data", "", "a kiosk data folder")
	keyFile := fs.String("key", "", "a kiosk private key file")
	event := fs.String("event", "", "with --key: the event id")
	recordsFile := fs.String("checkins", "", "with --key: a JSON array of check-in records")
	out := fs.String("out", "", "the folder to write the file into")
	createdText := fs.String("created", "", "when the file was made, RFC 3339 (default: now)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := required(fs, "out"); err != nil {
		return err
	}
	if (*dir == "") == (*keyFile == "") {
		fmt.Fprintln(stderr, "kioskctl checkins export: give either --data or --key")
		fs.Usage()
		return errUsage
	}
	created, err := parseTime("--created", *createdText)
	if err != nil {
		return err
	}
	var eventID string
	var id store.Identity
	var list []data.CheckIn
	if *dir != "" {
		eventID, id, list, err = heldCheckIns(*dir)
	} else {
		eventID, id, list, err = givenCheckIns(*keyFile, *event, *recordsFile)
	}
	if err != nil {
		return err
	}
	path, err := staff.WriteExport(*out, eventID, id, list, created)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %s of event %s from %s\n", termsafe.String(path), count(len(list), "check-in"),
		termsafe.String(eventID), id.KioskID)
	return nil
}

// heldCheckIns are every check-in the kiosk in dir holds for its event,
// with its identity.
func heldCheckIns(dir string) (string, store.Identity, []data.CheckIn, error) {
	ctx := context.Background()
	s, err := openDataDir(ctx, dir)
	if err != nil {
		return "", store.Identity{}, nil, err
	}
	defer s.Close()
	e, err := s.Event(ctx)
	if err != nil {
		return "", store.Identity{}, nil, err
	}
	id, err := s.Identity(ctx)
	if err != nil {
		return "", store.Identity{}, nil, err
	}
	list, err := s.CheckIns(ctx, store.CheckInFilter{EventID: e.ID})
	return e.ID, id, list, err
}

// givenCheckIns reads a JSON array of export records as strictly as an
// export's payload is read, each checked with the rules of a record.
func givenCheckIns(keyFile, eventID, recordsFile string) (string, store.Identity, []data.CheckIn, error) {
	if eventID == "" || recordsFile == "" {
		return "", store.Identity{}, nil, errors.New("--key needs --event and --checkins")
	}
	priv, err := keys.ReadPrivateFile(keyFile)
	if err != nil {
		return "", store.Identity{}, nil, err
	}
	id := store.Identity{KioskID: keys.KioskID(priv.Public().(ed25519.PublicKey)), Key: priv}
	b, err := safefile.ReadFile(recordsFile, maxRecordsFile)
	if err != nil {
		return "", store.Identity{}, nil, err
	}
	var recs []syncproto.Record
	if err := strictjson.DecodeAll(b, &recs); err != nil {
		return "", store.Identity{}, nil, fmt.Errorf("%s: %w", recordsFile, err)
	}
	list := make([]data.CheckIn, 0, len(recs))
	for i, r := range recs {
		c, err := r.CheckIn(eventID)
		if err != nil {
			return "", store.Identity{}, nil, fmt.Errorf("%s: check-in %d (id %q): %w", recordsFile, i+1, r.ID, err)
		}
		list = append(list, c)
	}
	return eventID, id, list, nil
}
