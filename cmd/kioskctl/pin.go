package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"kiosk/data/pinhash"
)

func init() {
	register(command{name: "pin-hash", summary: "make the stored form of a staff PIN, for event.csv's staff_pin_hash", run: runPINHash})
}

func runPINHash(args []string, stdout, stderr io.Writer) error {
	fs := flags("pin-hash", "[--pin DIGITS]",
		"Prints the stored form (argon2id) of a staff PIN, to put in the staff_pin_hash column\n"+
			"of event.csv: every kiosk that installs the bundle then opens staff mode with that PIN.\n"+
			"The PIN is read from standard input unless --pin gives it (which leaves it in the\n"+
			"shell's history).", stderr)
	pin := fs.String("pin", "", "the PIN, 4 to 12 digits")
	if err := parse(fs, args); err != nil {
		return err
	}
	p := *pin
	if p == "" {
		fmt.Fprint(stderr, "staff PIN: ")
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("no PIN given on standard input")
		}
		p = strings.TrimSpace(line)
	}
	h, err := pinhash.Hash(p)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, h)
	return nil
}
