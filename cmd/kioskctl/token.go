package main

import (
	"crypto/ed25519"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"kiosk/assets/demokey"
	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/demo"
	"kiosk/data/keys"
	"kiosk/data/source"
)

func init() {
	register(command{name: "token", summary: "print one delegate's badge code (what the QR code holds)", run: runToken})
}

func runToken(args []string, stdout, stderr io.Writer) error {
	fs := flags("token", "(--key FILE | --demo) --delegate ID [--src DIR] [--serial N] [--from DATE] [--until DATE]",
		"Prints the badge code of one delegate, signed with the event key, and nothing else,\n"+
			"so that it can be piped into a QR encoder or a test. The event and the delegate come\n"+
			"from the staff sources in --src, or with --demo from the demo event (signed with the\n"+
			"demo key unless --key is given). The badge is valid from the day before the event to\n"+
			"the end of the day after it, in the venue's time zone, unless --from and --until say\n"+
			"otherwise.", stderr)
	var o issueFlags
	o.define(fs, "the badge's serial `N`, unique within the event (default: the delegate's badge_serial in the sources, or one derived from the id; for a reprint give one no badge had before)")
	delegate := fs.String("delegate", "", "the delegate's `ID`, e.g. D000123")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := required(fs, "delegate"); err != nil {
		return err
	}
	iss, err := o.load(fs)
	if err != nil {
		return err
	}
	d, ok := iss.delegate(*delegate)
	if !ok {
		return fmt.Errorf("no delegate with id %q in %s", *delegate, iss.origin)
	}
	serial := o.serialFor(d, 0)
	if err := iss.checkSerial(d.ID, serial); err != nil {
		return err
	}
	tok, err := iss.issue(d.ID, serial)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, tok)
	return nil
}

// issueFlags are the flags the commands that issue badges share.
type issueFlags struct {
	key, src    string
	demo        bool
	serial      uint64
	serialSet   bool
	from, until string
}

// serialFor numbers the i-th badge of a run. By default a badge's serial is
// the delegate's own (badge.SerialOf: the badge_serial the sources give,
// or one derived from the id), which no other row's addition, deletion or
// order changes, so a revoked serial keeps meaning the one badge it
// withdrew. --serial numbers a run from N instead, for reprints.
func (o *issueFlags) serialFor(d data.Delegate, i int) uint32 {
	if o.serialSet {
		return uint32(o.serial) + uint32(i)
	}
	return badge.SerialOf(d)
}

func (o *issueFlags) define(fs *flag.FlagSet, serialHelp string) {
	fs.StringVar(&o.key, "key", "", "the event's private key `FILE` (see \"kioskctl keygen\")")
	fs.BoolVar(&o.demo, "demo", false, "use the demo event, and the published demo key unless --key is given")
	fs.StringVar(&o.src, "src", "", "the folder (`DIR`) of the event's staff sources, CSV or XLSX")
	fs.Uint64Var(&o.serial, "serial", 0, serialHelp)
	fs.StringVar(&o.from, "from", "", "first day the badge is valid (`DATE` as YYYY-MM-DD, in the venue's time zone; default: the day before the event)")
	fs.StringVar(&o.until, "until", "", "last day the badge is valid, to its end (`DATE` as YYYY-MM-DD; default: the day after the event)")
}

// issuer signs badges for one event.
type issuer struct {
	data        *data.EventData
	origin      string // where the event came from, for messages
	priv        ed25519.PrivateKey
	from, until time.Time
	byID        map[string]int
	// owners are the delegates each serial belongs to (badge.SerialOf),
	// revoked the withdrawn serials with their reasons: no badge is
	// printed with a serial of either kind but its own.
	owners  map[uint32][]string
	revoked map[uint32]string
}

// load checks the flags' combination, then reads the event and the key.
// Mistakes in the command line are usage errors; problems with what the
// flags name are ordinary ones.
func (o *issueFlags) load(fs *flag.FlagSet) (*issuer, error) {
	usage := func(format string, args ...any) error {
		fmt.Fprintf(fs.Output(), "kioskctl %s: %s\n\n", fs.Name(), fmt.Sprintf(format, args...))
		fs.Usage()
		return errUsage
	}
	fs.Visit(func(f *flag.Flag) { o.serialSet = o.serialSet || f.Name == "serial" })
	switch {
	case o.src == "" && !o.demo:
		return nil, usage("give --src DIR (with --key FILE), or --demo")
	case o.src != "" && o.demo:
		// The demo key is public: badges of a real event signed with it
		// would be forgeable by anyone.
		return nil, usage("--src and --demo exclude each other")
	case o.src != "" && o.key == "":
		return nil, usage("--src needs --key FILE, the event's private key")
	case o.serial > math.MaxUint32:
		return nil, usage("--serial must be 0 to %d", uint64(math.MaxUint32))
	}
	var fromDay, untilDay time.Time
	for _, f := range []struct {
		name, value string
		day         *time.Time
	}{{"from", o.from, &fromDay}, {"until", o.until, &untilDay}} {
		if f.value == "" {
			continue
		}
		d, err := time.Parse(data.DateLayout, f.value)
		if err != nil {
			return nil, usage("--%s %q: want a date as YYYY-MM-DD", f.name, f.value)
		}
		*f.day = d
	}

	iss := &issuer{}
	if o.demo {
		d, err := demo.Generate(demo.Options{})
		if err != nil {
			return nil, err
		}
		iss.data, iss.origin, iss.priv = d, "the demo event", demokey.Private()
	} else {
		src, err := source.ReadDir(o.src)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", o.src, err)
		}
		iss.data, iss.origin = &src.Data, o.src
		iss.revoked = revokedSerials(src.Revoked)
	}
	if o.key != "" {
		priv, err := keys.ReadPrivateFile(o.key)
		if err != nil {
			return nil, err
		}
		iss.priv = priv
	}

	ev := iss.data.Event
	days, err := ev.Days()
	if err != nil {
		return nil, err
	}
	loc, err := ev.Location()
	if err != nil {
		return nil, err
	}
	// A day either side of the event covers delegates who collect their
	// badge on arrival and those still about on the morning after.
	iss.from = days[0].Start.AddDate(0, 0, -1)
	iss.until = days[len(days)-1].End.AddDate(0, 0, 1)
	if !fromDay.IsZero() {
		iss.from = time.Date(fromDay.Year(), fromDay.Month(), fromDay.Day(), 0, 0, 0, 0, loc)
	}
	if !untilDay.IsZero() {
		iss.until = time.Date(untilDay.Year(), untilDay.Month(), untilDay.Day()+1, 0, 0, 0, 0, loc)
	}
	if !iss.until.After(iss.from) {
		return nil, fmt.Errorf("the badge would be valid from %s until %s: --until must not be before --from",
			iss.from.Format("2006-01-02 15:04 MST"), iss.until.Format("2006-01-02 15:04 MST"))
	}

	iss.byID = make(map[string]int, len(iss.data.Delegates))
	iss.owners = make(map[uint32][]string, len(iss.data.Delegates))
	for i, d := range iss.data.Delegates {
		iss.byID[d.ID] = i
		s := badge.SerialOf(d)
		iss.owners[s] = append(iss.owners[s], d.ID)
	}
	return iss, nil
}

// revokedSerials reads the revoked table's serials (the sources' reader
// has checked them) with their reasons.
func revokedSerials(list []source.Revocation) map[uint32]string {
	out := make(map[uint32]string, len(list))
	for _, r := range list {
		if n, err := strconv.ParseUint(r.Serial, 10, 32); err == nil {
			out[uint32(n)] = r.Reason
		}
	}
	return out
}

// checkSerial refuses to print a badge that kiosks would refuse, or that
// a later revocation would withdraw together with another delegate's: a
// serial on the revoked list, or one that belongs to another delegate.
func (iss *issuer) checkSerial(delegateID string, serial uint32) error {
	if reason, ok := iss.revoked[serial]; ok {
		if reason != "" {
			reason = fmt.Sprintf(" (%q)", reason)
		}
		return fmt.Errorf("delegate %s: badge serial %d is on the revoked list%s, so kiosks would refuse the badge as "+
			"withdrawn; give the delegate a serial no badge had before in the badge_serial column of delegates "+
			"(or with --serial); nothing written", delegateID, serial, reason)
	}
	for _, other := range iss.owners[serial] {
		if other != delegateID {
			return fmt.Errorf("delegate %s: badge serial %d is also delegate %s's, and revoking one badge would "+
				"withdraw both; give one of them another serial in the badge_serial column of delegates; nothing written",
				delegateID, serial, other)
		}
	}
	return nil
}

func (iss *issuer) delegate(id string) (data.Delegate, bool) {
	i, ok := iss.byID[id]
	if !ok {
		return data.Delegate{}, false
	}
	return iss.data.Delegates[i], true
}

func (iss *issuer) issue(delegateID string, serial uint32) (string, error) {
	return badge.Issue(iss.priv, badge.Claims{
		EventID:    iss.data.Event.ID,
		DelegateID: delegateID,
		Serial:     serial,
		ValidFrom:  iss.from,
		ValidUntil: iss.until,
	})
}
