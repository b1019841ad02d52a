package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"kiosk/data"
	"kiosk/data/badgepdf"
	"kiosk/data/termsafe"
)

func init() {
	register(command{name: "badges", summary: "print delegates' badges with their QR codes (PDF, four A6 badges to an A4 page)", run: runBadges})
}

// idList is a flag that may be given many times.
type idList []string

func (l *idList) String() string { return strings.Join(*l, ",") }

func (l *idList) Set(s string) error {
	*l = append(*l, s)
	return nil
}

func runBadges(args []string, stdout, stderr io.Writer) error {
	fs := flags("badges", "(--key FILE | --demo) --out FILE.pdf [--src DIR] [--delegate ID ...] [--serial N] [--from DATE] [--until DATE]",
		"Writes printable badges as a PDF: A4 pages of four A6 badges with cut marks, each with\n"+
			"the delegate's name, country, role and signed badge code as a QR code. All delegates,\n"+
			"in the order of the sources, or only those named with --delegate (repeat it), in that\n"+
			"order. A badge's serial is the delegate's badge_serial in the sources, or one derived\n"+
			"from the id, unless --serial numbers the run from N. A serial on the revoked list, or\n"+
			"another delegate's, is refused. The event, key and validity are as for \"kioskctl token\".", stderr)
	var o issueFlags
	o.define(fs, "number the badges from serial `N` in order (for reprints; default: each delegate's badge_serial, or one derived from the id)")
	out := fs.String("out", "", "the PDF `FILE` to write (replaced in one step)")
	var named idList
	fs.Var(&named, "delegate", "print only this delegate's badge (`ID`; repeat for more)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := required(fs, "out"); err != nil {
		return err
	}
	iss, err := o.load(fs)
	if err != nil {
		return err
	}

	chosen, err := iss.choose(named)
	if err != nil {
		return err
	}
	if len(chosen) == 0 {
		return errors.New(iss.origin + " has no delegates; nothing written")
	}
	if o.serialSet && o.serial+uint64(len(chosen))-1 > math.MaxUint32 {
		return fmt.Errorf("serials %d to %d do not all fit in 0 to %d; start lower",
			o.serial, o.serial+uint64(len(chosen))-1, uint64(math.MaxUint32))
	}

	began := time.Now()
	countries := make(map[string]string, len(iss.data.Countries))
	for _, c := range iss.data.Countries {
		countries[c.Code] = c.Name
	}
	sheet := badgepdf.Sheet{Event: iss.data.Event, Badges: make([]badgepdf.Badge, len(chosen))}
	lo, hi := uint32(math.MaxUint32), uint32(0)
	for i, d := range chosen {
		serial := o.serialFor(d, i)
		if err := iss.checkSerial(d.ID, serial); err != nil {
			return err
		}
		lo, hi = min(lo, serial), max(hi, serial)
		tok, err := iss.issue(d.ID, serial)
		if err != nil {
			return fmt.Errorf("delegate %s: %w", d.ID, err)
		}
		country := countries[d.CountryCode]
		if country == "" {
			country = d.CountryCode
		}
		sheet.Badges[i] = badgepdf.Badge{Delegate: d, Country: country, Serial: serial, Token: tok}
		if missing := badgepdf.Unprintable(d.FullName() + " " + country); len(missing) > 0 {
			fmt.Fprintf(stderr, "kioskctl badges: warning: %s (%s): the badge font cannot print %s\n",
				termsafe.String(d.ID), termsafe.String(d.FullName()), quoteRunes(missing))
		}
	}
	if err := badgepdf.WriteFile(*out, sheet); err != nil {
		return err
	}
	pages := (len(chosen) + 3) / 4
	serials := fmt.Sprintf("serials %d to %d", lo, hi)
	if len(chosen) == 1 {
		serials = fmt.Sprintf("serial %d", lo)
	}
	fmt.Fprintf(stdout, "wrote %s on %s to %s (%s) in %v\n", count(len(chosen), "badge"), count(pages, "page"),
		*out, serials, time.Since(began).Round(time.Millisecond))
	return nil
}

// choose is every delegate, in the order of the sources, or those named,
// in the order named; an unknown id is an error.
func (iss *issuer) choose(named []string) ([]data.Delegate, error) {
	if len(named) == 0 {
		return iss.data.Delegates, nil
	}
	var chosen []data.Delegate
	seen := map[string]bool{}
	var unknown []string
	for _, id := range named {
		if seen[id] {
			continue
		}
		seen[id] = true
		if d, ok := iss.delegate(id); ok {
			chosen = append(chosen, d)
		} else {
			unknown = append(unknown, fmt.Sprintf("%q", id))
		}
	}
	if len(unknown) > 0 {
		what := "no delegate with id"
		if len(unknown) > 1 {
			what = "no delegates with ids"
		}
		return nil, fmt.Errorf("%s %s in %s; nothing written", what, strings.Join(unknown, ", "), iss.origin)
	}
	return chosen, nil
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func quoteRunes(rs []rune) string {
	q := make([]string, len(rs))
	for i, r := range rs {
		q[i] = fmt.Sprintf("%q (%U)", r, r)
	}
	return strings.Join(q, ", ")
}
