package main

import (
	"context"
	"fmt"
	"io"
	"kiosk/data/keys"
	"strings"

	"kiosk/data"
	"kiosk/data/checkincode"
	"kiosk/data/store"
	"kiosk/data/termsafe"
)

func init() {
	register(command{name: "receipt verify", summary: "check a kiosk's check-in code", run: runReceiptVerify})
}

func runReceiptVerify(args []string, stdout, stderr io.Writer) error {
	fs := flags("receipt verify", "(--data DIR | --pub FILE --event ID) CODE",
		"Checks a check-in code (the QR a kiosk shows after a check-in): that a known kiosk\n"+
			"signed it for this event and nothing was changed. The kiosks known are those of a\n"+
			"kiosk data folder (the kiosk itself and the kiosks enrolled in its bundle), or one\n"+
			"kiosk public key given with --pub.", stderr)
	dir := fs.String("data", "", "a kiosk data folder whose event and known kiosks to check against")
	pubFile := fs.String("pub", "", "a kiosk's public key file (PEM or base64)")
	event := fs.String("event", "", "the event id, with --pub")
	codes, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(codes) != 1 || (*dir == "") == (*pubFile == "") {
		fmt.Fprintln(stderr, "kioskctl receipt verify: give one CODE, and either --data or --pub with --event")
		fs.Usage()
		return errUsage
	}
	code := strings.TrimSpace(codes[0])
	v := checkincode.Verifier{EventID: *event}
	ctx := context.Background()
	var s *store.Store
	if *dir != "" {
		var err error
		if s, err = openDataDir(ctx, *dir); err != nil {
			return err
		}
		defer s.Close()
		e, err := s.Event(ctx)
		if err != nil {
			return err
		}
		v.EventID = e.ID
		if v.Kiosks, err = s.KioskKeys(ctx); err != nil {
			return err
		}
	} else {
		if *event == "" {
			return fmt.Errorf("--pub needs --event")
		}
		pub, err := keys.ReadPublicFile(*pubFile)
		if err != nil {
			return err
		}
		v.Kiosks = []data.KioskKey{{KioskID: keys.KioskID(pub), PublicKey: pub}}
	}
	c, err := v.Verify(code)
	if err != nil {
		return fmt.Errorf("not valid: %w", err)
	}
	fmt.Fprintf(stdout, "valid check-in code, signed by %s\n", termsafe.String(c.KioskID))
	fmt.Fprintf(stdout, "  check-in   %s (number %d at that kiosk)\n", termsafe.String(c.ID), c.Seq)
	name := c.DelegateID
	if s != nil {
		if d, country, err := s.DelegateForCheckIn(ctx, c.DelegateID); err == nil {
			name = fmt.Sprintf("%s, %s (%s)", d.FullName(), country, c.DelegateID)
		}
	}
	fmt.Fprintf(stdout, "  delegate   %s, badge serial %d\n", termsafe.String(name), c.BadgeSerial)
	what := string(c.Purpose)
	if c.SessionID != "" {
		what += " " + c.SessionID
	}
	fmt.Fprintf(stdout, "  for        %s\n", termsafe.String(what))
	at := c.ScannedAt
	if s != nil {
		if e, err := s.Event(ctx); err == nil {
			if loc, err := e.Location(); err == nil {
				at = at.In(loc)
			}
		}
	}
	fmt.Fprintf(stdout, "  scanned at %s (%s)\n", at.Format("2006-01-02 15:04:05 MST"), termsafe.String(string(c.Method)))
	if c.ClockSuspect {
		fmt.Fprintln(stdout, "  warning    the kiosk's clock was wrong at the scan; the time is not to be trusted")
	}
	return nil
}
