package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"kiosk/data/pinhash"
)

func init() {
	register(command{name: "pin-hash", summary: "make a staff PIN and its stored form, for event.csv's staff_pin_hash", run: runPINHash})
}

func runPINHash(args []string, stdout, stderr io.Writer) error {
	fs := flags("pin-hash", "[--pin DIGITS | --stdin]",
		fmt.Sprintf("Makes a random %d-digit staff PIN and prints its stored form (argon2id) on standard\n"+
			"output, to put in the staff_pin_hash column of event.csv: every kiosk that installs the\n"+
			"bundle then opens staff mode with that PIN. The PIN itself is shown once, on standard\n"+
			"error; it is kept nowhere. A bundle carries the hash to every stick it is copied to, so\n"+
			"a PIN of your own (--pin, or --stdin to keep it out of the shell's history) must have\n"+
			"%d digits too: shorter ones are refused, as a lost stick would give them away\n"+
			"(docs/staff-pin.md).", pinhash.BundleDigits, pinhash.BundleDigits), stderr)
	pin := fs.String("pin", "", fmt.Sprintf("a PIN of your own, %d digits (spaces between groups allowed)", pinhash.BundleDigits))
	stdin := fs.Bool("stdin", false, "read a PIN of your own from standard input")
	if err := parse(fs, args); err != nil {
		return err
	}
	p, generated, err := pinToHash(*pin, *stdin, stderr)
	if err != nil {
		return err
	}
	h, err := pinhash.Hash(p)
	if err != nil {
		return err
	}
	if err := pinhash.ValidHash(h); err != nil {
		return err
	}
	fmt.Fprintln(stdout, h)
	if generated {
		fmt.Fprintf(stderr, "staff PIN: %s\n(type the %d digits on the kiosk's PIN pad; it is shown only now)\n",
			pinhash.Grouped(p), pinhash.BundleDigits)
	}
	return nil
}

// pinToHash is the PIN given (flag or standard input) or a new random one.
func pinToHash(flagPIN string, fromStdin bool, stderr io.Writer) (pin string, generated bool, err error) {
	switch {
	case flagPIN != "" && fromStdin:
		return "", false, errors.New("give the PIN with --pin or --stdin, not both")
	case fromStdin:
		fmt.Fprint(stderr, "staff PIN: ")
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", false, errors.New("no PIN given on standard input")
		}
		flagPIN = strings.TrimSpace(line)
	case flagPIN == "":
		p, err := pinhash.Generate()
		return p, true, err
	}
	pin = pinhash.Normalize(flagPIN)
	if err := pinhash.Valid(pin); err != nil {
		return "", false, err
	}
	if len(pin) != pinhash.BundleDigits {
		return "", false, fmt.Errorf("a staff PIN carried in a bundle has %d digits, this one has %d: a lost stick "+
			"would give a short one away (run \"kioskctl pin-hash\" without --pin for a random one)", pinhash.BundleDigits, len(pin))
	}
	return pin, false, nil
}
