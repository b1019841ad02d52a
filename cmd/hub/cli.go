package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"kiosk/data/bundle"
	"kiosk/data/safefile"
	"log"
	"net"
	"net/http"
	"net/url"
	"strings"
	"text/tabwriter"
	"time"

	"kiosk/data/hub"
	"kiosk/data/hub/dashboard"
	"kiosk/data/hubtls"
	"kiosk/data/keys"
	"kiosk/data/termsafe"
)

const usageText = `Usage:
  hub --data DIR [--addr 127.0.0.1:8090] [--trust event.pub] [--insecure-http]
      serve the hub from the data folder DIR, over HTTPS with the hub's own
      key (made on first start); --insecure-http serves plain HTTP instead
  hub fingerprint --data DIR
      print the fingerprint of the hub's key, which kiosks pin (made if new)
  hub bundle import FILE --data DIR [--trust event.pub]
      verify a bundle and make it the one the hub serves
  hub kiosks --data DIR
      list the kiosks the hub has seen
  hub kiosks approve ID --data DIR
      let a pending kiosk sync
  hub kiosks forget ID --data DIR
      remove a pending kiosk (a stranger's key), freeing its place
  hub passwd --data DIR
      set the staff password of the dashboard (served at the hub's address)
  hub backup FILE --data DIR
      write a consistent copy of the hub's database to FILE, while it serves
  hub restore FILE --data NEWDIR
      make NEWDIR a hub restored from the backup FILE, under a new identity
  hub new-identity --data DIR
      give a hub restored by other means (pg_restore) a new identity

Every command takes --db postgres://USER@HOST:PORT/DATABASE instead of
--data DIR: the hub's state is then all in that PostgreSQL database, and
any number of hub processes may serve one event from it.
`

// errUsage marks a mistake in the command line; usage has been printed.
var errUsage = errors.New("usage")

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var err error
	switch {
	case len(args) >= 2 && args[0] == "bundle" && args[1] == "import":
		err = bundleImport(ctx, args[2:], stdout, stderr)
	case len(args) >= 1 && args[0] == "kiosks":
		err = kiosks(ctx, args[1:], stdout, stderr)
	case len(args) >= 1 && args[0] == "passwd":
		err = passwd(ctx, args[1:], stdin, stdout, stderr)
	case len(args) >= 1 && args[0] == "fingerprint":
		err = fingerprint(ctx, args[1:], stdout, stderr)
	case len(args) >= 1 && args[0] == "backup":
		err = backup(ctx, args[1:], stdout, stderr)
	case len(args) >= 1 && args[0] == "restore":
		err = restore(ctx, args[1:], stdout, stderr)
	case len(args) >= 1 && args[0] == "new-identity":
		err = newIdentity(ctx, args[1:], stdout, stderr)
	case len(args) >= 1 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help"):
		fmt.Fprint(stdout, usageText)
	default:
		err = serve(ctx, args, stderr)
	}
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	// Errors name what staff typed and what the store held: escaped, as
	// everything the hub prints from outside.
	fmt.Fprintf(stderr, "hub: %s\n", termsafe.Text(err.Error()))
	return 1
}

// options are every command's flags; each command uses some.
type options struct {
	data     string
	db       string
	addr     string
	trust    string
	insecure bool
}

// parse reads flags anywhere among the arguments ("kiosks approve ID
// --data DIR" reads as staff type it) and returns the others.
func parse(name string, args []string, stderr io.Writer, withServe bool) (options, []string, error) {
	var o options
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usageText) }
	fs.StringVar(&o.data, "data", "", "the hub's data folder")
	fs.StringVar(&o.db, "db", "", "a PostgreSQL database to keep the hub's state in, instead of a data folder")
	fs.StringVar(&o.trust, "trust", "", "an event public key file to trust for bundles")
	if withServe {
		fs.StringVar(&o.addr, "addr", "127.0.0.1:8090", "address to listen on")
		fs.BoolVar(&o.insecure, "insecure-http", false, "serve plain HTTP instead of HTTPS (check-ins cross the network in clear unless --addr is loopback)")
	}
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return o, nil, err
			}
			return o, nil, errUsage
		}
		if fs.NArg() == 0 {
			break
		}
		rest, args = append(rest, fs.Arg(0)), fs.Args()[1:]
	}
	switch {
	case o.data == "" && o.db == "":
		fmt.Fprintf(stderr, "hub %s: --data DIR or --db URL is required: the folder that holds the hub's database, "+
			"or a PostgreSQL database\n\n%s", name, usageText)
		return o, nil, errUsage
	case o.data != "" && o.db != "":
		fmt.Fprintf(stderr, "hub %s: give --data DIR or --db URL, not both: with --db every bit of the hub's state "+
			"is in PostgreSQL, and no data folder is used\n\n%s", name, usageText)
		return o, nil, errUsage
	}
	return o, rest, nil
}

// storeArg is the flag naming the store, as staff would type it again (a
// password in the URL left out).
func (o options) storeArg() string {
	if o.db == "" {
		return "--data " + o.data
	}
	if u, err := url.Parse(o.db); err == nil {
		return "--db " + u.Redacted()
	}
	return "--db URL"
}

// openStore opens the store --data or --db names.
func openStore(ctx context.Context, o options) (hub.Store, error) {
	if o.db != "" {
		if !strings.HasPrefix(o.db, "postgres://") && !strings.HasPrefix(o.db, "postgresql://") {
			return nil, fmt.Errorf("--db %s: give a PostgreSQL URL, postgres://USER@HOST:PORT/DATABASE", o.storeArg()[len("--db "):])
		}
		return hub.OpenPostgres(ctx, o.db)
	}
	return hub.OpenSQLite(ctx, o.data)
}

// open opens the hub on its store, trusting the --trust key.
func open(ctx context.Context, o options, logger *log.Logger) (*hub.Hub, func(), error) {
	s, err := openStore(ctx, o)
	if err != nil {
		return nil, nil, err
	}
	if o.trust != "" {
		pub, err := keys.ReadPublicFile(o.trust)
		if err == nil {
			err = s.Trust(ctx, pub)
		}
		if err != nil {
			s.Close()
			return nil, nil, fmt.Errorf("--trust %s: %w", o.trust, err)
		}
	}
	h, err := hub.New(ctx, s, hub.Options{Logger: logger})
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return h, func() { s.Close() }, nil
}

// plainHTTPWarning is what a hub serving plain HTTP beyond this machine
// says at start; "" on loopback, where nothing crosses the network.
func plainHTTPWarning(addr string) (string, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("--addr %q is not host:port: %v", addr, err)
	}
	if hubtls.LoopbackHost(host) {
		return "", nil
	}
	return fmt.Sprintf("warning: --insecure-http on %s, which other machines reach: check-ins cross the network unencrypted, "+
		"and kiosks take this hub only with --insecure-http too", addr), nil
}

func serve(ctx context.Context, args []string, stderr io.Writer) error {
	o, rest, err := parse("", args, stderr, true)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "hub: unknown command %q\n\n%s", rest[0], usageText)
		return errUsage
	}
	logger := log.New(stderr, "hub: ", log.LstdFlags)
	if o.insecure {
		warning, err := plainHTTPWarning(o.addr)
		if err != nil {
			return err
		}
		if warning != "" {
			logger.Print(warning)
		}
	}
	h, closeStore, err := open(ctx, o, logger)
	if err != nil {
		return err
	}
	defer closeStore()
	if err := ensureEvent(ctx, h, o, logger); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	dash, err := dashboard.New(ctx, h, dashboard.Options{Logger: logger})
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h.HandlerWith(dash), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute,
		WriteTimeout: time.Minute, IdleTimeout: 2 * time.Minute, ErrorLog: logger}
	scheme, pin := "http", ""
	if !o.insecure {
		scheme = "https"
		if ln, pin, err = listenTLS(ctx, h, ln, srv, o.addr); err != nil {
			return err
		}
	}
	logger.Printf("hub %s serving event %q on %s://%s (%s)", h.Store().HubID(), h.EventID(), scheme, ln.Addr(), o.storeArg())
	if pin != "" {
		logger.Printf("key fingerprint %s: kiosks take this hub only with it (kiosk --hub https://%s --hub-fingerprint %s, "+
			"or hub_url and hub_fingerprint in the event's sources)", pin, ln.Addr(), pin)
	}
	logger.Printf("staff dashboard: %s://%s/%s", scheme, ln.Addr(), passwordHint(ctx, h, o))
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// listenTLS serves HTTPS on ln with the hub's key pair, kept in the
// store so that every hub process on it serves the same key; it returns
// the listener to serve and the key's fingerprint.
func listenTLS(ctx context.Context, h *hub.Hub, ln net.Listener, srv *http.Server, addr string) (net.Listener, string, error) {
	var names []string
	if host, _, _ := net.SplitHostPort(addr); host != "" {
		if ip := net.ParseIP(host); ip == nil || !ip.IsUnspecified() {
			names = append(names, host)
		}
	}
	kp, err := hub.TLSKeyPair(ctx, h.Store(), time.Now(), names...)
	if err != nil {
		ln.Close()
		return nil, "", err
	}
	srv.TLSConfig = hubtls.ServerConfig(kp)
	return tls.NewListener(ln, srv.TLSConfig), kp.Fingerprint, nil
}

// ensureEvent gives a hub started with no set-up the demo event, so the
// quick start needs none; a hub told an event key waits for its bundle.
func ensureEvent(ctx context.Context, h *hub.Hub, o options, logger *log.Logger) error {
	if h.EventID() != "" {
		return nil
	}
	trusted, err := h.Store().Trusted(ctx)
	if err != nil {
		return err
	}
	if len(trusted) > 0 {
		logger.Printf("no event installed yet: run \"hub bundle import FILE %s\"; kiosks are answered \"no_bundle\" until then", o.storeArg())
		return nil
	}
	if _, err := h.InstallDemo(ctx); err != nil {
		return err
	}
	logger.Printf("no event key given (--trust): serving the built-in demo event, where kiosks are approved without staff")
	return nil
}

func fingerprint(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := flagsOnly("fingerprint", args, stderr)
	if err != nil {
		return err
	}
	s, err := openStore(ctx, o)
	if err != nil {
		return err
	}
	defer s.Close()
	kp, err := hub.TLSKeyPair(ctx, s, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, kp.Fingerprint)
	return nil
}

func bundleImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, rest, err := parse("bundle import", args, stderr, false)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fmt.Fprintf(stderr, "hub bundle import: give one bundle file\n\n%s", usageText)
		return errUsage
	}
	raw, err := safefile.ReadFile(rest[0], bundle.DefaultLimits.BundleSize)
	if err != nil {
		return err
	}
	h, closeStore, err := open(ctx, o, log.New(stderr, "hub: ", 0))
	if err != nil {
		return err
	}
	defer closeStore()
	b, err := h.ImportBundle(ctx, raw)
	if err != nil {
		return fmt.Errorf("%s: %w", rest[0], err)
	}
	fmt.Fprintf(stdout, "installed %s version %d (%d enrolled kiosks); a running hub serves it to kiosks at once\n",
		termsafe.String(b.Manifest.EventID), b.Manifest.Version, len(b.Sources.KioskKeys))
	warning, err := h.OtherPin(ctx, b)
	if warning != "" {
		fmt.Fprintf(stderr, "hub: warning: %s\n", termsafe.String(warning))
	}
	return err
}

func kiosks(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, rest, err := parse("kiosks", args, stderr, false)
	if err != nil {
		return err
	}
	h, closeStore, err := open(ctx, o, log.New(stderr, "hub: ", 0))
	if err != nil {
		return err
	}
	defer closeStore()
	switch {
	case len(rest) == 0:
		return listKiosks(ctx, h, stdout)
	case len(rest) == 2 && rest[0] == "approve":
		if err := h.Store().Approve(ctx, rest[1]); err != nil {
			return fmt.Errorf("approve %s: %w (\"hub kiosks %s\" lists the kiosks the hub has seen)", rest[1], err, o.storeArg())
		}
		fmt.Fprintf(stdout, "%s approved: it syncs from its next request\n", termsafe.String(rest[1]))
		return nil
	case len(rest) == 2 && rest[0] == "forget":
		if err := h.Store().ForgetPending(ctx, rest[1]); err != nil {
			return fmt.Errorf("forget %s: %w (only a kiosk waiting for approval can be forgotten; \"hub kiosks %s\" lists them)", rest[1], err, o.storeArg())
		}
		fmt.Fprintf(stdout, "%s forgotten: a request of its key makes it wait for approval again\n", termsafe.String(rest[1]))
		return nil
	}
	fmt.Fprintf(stderr, "hub kiosks: unknown arguments %q\n\n%s", rest, usageText)
	return errUsage
}

func listKiosks(ctx context.Context, h *hub.Hub, stdout io.Writer) error {
	ks, err := h.Store().Kiosks(ctx)
	if err != nil {
		return err
	}
	if len(ks) == 0 {
		fmt.Fprintln(stdout, "no kiosk has contacted the hub yet")
		return nil
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "KIOSK\tSTATUS\tLAST SEEN (UTC)\tCLOCK OFFSET\tCHECK-INS HELD\tBUNDLE\tWAITING\tKEY FINGERPRINT")
	for _, k := range ks {
		offset := k.Offset.Round(time.Second).String()
		if k.Flagged {
			offset += " (clock off)"
		}
		// Ids come from requests and the store: printed through
		// termsafe, so that none drives the terminal.
		// What the kiosk said of itself, "-" if it never did.
		bundleVersion, waiting := "-", "-"
		if !k.Report.At.IsZero() {
			bundleVersion, waiting = fmt.Sprint(k.Report.BundleVersion), fmt.Sprint(k.Report.Waiting)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t1..%d\t%s\t%s\t%s\n", termsafe.String(k.ID), termsafe.String(string(k.Status)),
			k.LastSeen.Format("2006-01-02 15:04:05"), offset, k.Gapless, bundleVersion, waiting, keys.Fingerprint(k.PublicKey))
	}
	return w.Flush()
}
