package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"strings"

	"golang.org/x/term"

	"kiosk/data/hub"
	"kiosk/data/hub/dashboard"
	"kiosk/data/pinhash"
)

// stdin is where "hub passwd" reads the password; a test sets it.
var stdin io.Reader = os.Stdin

// passwd sets the dashboard's staff password: typed twice without echo
// on a terminal, or the first line of stdin when it is not one (a
// script, a secret manager). It ends every dashboard session.
func passwd(ctx context.Context, args []string, in io.Reader, stdout, stderr io.Writer) error {
	o, err := flagsOnly("passwd", args, stderr)
	if err != nil {
		return err
	}
	pw, err := readPassword(in, stderr)
	if err != nil {
		return err
	}
	if err := pinhash.ValidPassword(pw); err != nil {
		return err
	}
	h, closeStore, err := open(ctx, o, log.New(stderr, "hub: ", 0))
	if err != nil {
		return err
	}
	defer closeStore()
	if err := dashboard.SetPassword(ctx, h.Store(), pw); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "staff password set; every dashboard session was ended, sign in again with the new password")
	return nil
}

func readPassword(in io.Reader, stderr io.Writer) (string, error) {
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprintf(stderr, "New staff password (at least %d characters): ", pinhash.MinPasswordLength)
		first, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		if err := pinhash.ValidPassword(string(first)); err != nil {
			return "", err
		}
		fmt.Fprint(stderr, "The same password again: ")
		again, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		if string(first) != string(again) {
			return "", errors.New("the two passwords differ; nothing was changed")
		}
		return string(first), nil
	}
	line, err := bufio.NewReader(io.LimitReader(in, pinhash.MaxPasswordLength+2)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	if errors.Is(err, io.EOF) && line == "" {
		return "", errors.New("no password on standard input; type it at a terminal, or pipe it in on one line")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// passwordHint says, in the start-up log, when the dashboard cannot be
// signed in to yet.
func passwordHint(ctx context.Context, h *hub.Hub, o options) string {
	if ok, err := dashboard.HasPassword(ctx, h.Store()); err == nil && !ok {
		return fmt.Sprintf(" (no staff password yet: run \"hub passwd %s\")", o.storeArg())
	}
	return ""
}
