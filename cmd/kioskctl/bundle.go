package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"kiosk/data"
	"kiosk/data/bundle"
	"kiosk/data/importer"
	"kiosk/data/keys"
	"kiosk/data/kioskdir"
	"kiosk/data/safefile"
	"kiosk/data/source"
	"kiosk/data/termsafe"
)

func init() {
	register(command{name: "bundle build", summary: "build a signed bundle from staff sources (CSV/XLSX)", run: runBundleBuild})
	register(command{name: "bundle verify", summary: "check a bundle's signature and contents against an event key", run: runBundleVerify})
	register(command{name: "bundle inspect", summary: "show what a bundle holds (without checking who signed it)", run: runBundleInspect})
	register(command{name: "bundle import", summary: "install a bundle into a kiosk data folder, as the kiosk does", run: runBundleImport})
}

// versionAt is the version of the bundle already at path, or 0 when there
// is none there (or something that is not a bundle): a corrected bundle
// built over the previous one must get a version above it.
func versionAt(path string) int64 {
	f, n, err := safefile.OpenFile(path, bundle.DefaultLimits.BundleSize)
	if err != nil {
		return 0
	}
	defer f.Close()
	m, err := bundle.InspectAt(f, n)
	if err != nil {
		return 0
	}
	return m.Version
}

func runBundleBuild(args []string, stdout, stderr io.Writer) error {
	fs := flags("bundle build", "--src DIR --key FILE --out FILE [--version N] [--expires DATE] [--next-key FILE]",
		"Reads the staff sources in DIR (a CSV or XLSX file per table, or one sources.xlsx; see\n"+
			"docs/sources.md), checks every rule, and writes one bundle signed with the event key.\n"+
			"Every problem is reported with its file, row and column; nothing is written then.", stderr)
	src := fs.String("src", "", "the folder of staff sources")
	keyFile := fs.String("key", "", "the event's private key file")
	out := fs.String("out", "", "the bundle file to write (.kbundle)")
	version := fs.Int64("version", 0, "bundle version; must exceed the version kiosks have (default: the build time as YYYYMMDDhhmmss, above the version of a bundle --out replaces)")
	expires := fs.String("expires", "", "last day kiosks accept the bundle, YYYY-MM-DD (default: a year from now)")
	nextKey := fs.String("next-key", "", "a new event public key that kiosks trust from this bundle on (key rotation)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := required(fs, "src", "key", "out"); err != nil {
		return err
	}
	began := time.Now()
	priv, err := keys.ReadPrivateFile(*keyFile)
	if err != nil {
		return err
	}
	opts := bundle.BuildOptions{Version: *version, Created: began}
	if opts.Version == 0 {
		opts.Version = bundle.DefaultVersion(began, versionAt(*out))
	}
	if *expires != "" {
		t, err := time.Parse("2006-01-02", *expires)
		if err != nil {
			return fmt.Errorf("--expires %q: want YYYY-MM-DD", *expires)
		}
		opts.Expires = t.Add(24*time.Hour - time.Second)
	}
	if *nextKey != "" {
		if opts.NextKey, err = keys.ReadPublicFile(*nextKey); err != nil {
			return err
		}
	}
	s, err := source.ReadDir(*src)
	if err != nil {
		return fmt.Errorf("the sources in %s have problems; nothing was written:\n%w", *src, err)
	}
	m, err := bundle.BuildFile(*out, s, priv, opts)
	if err != nil {
		return err
	}
	st, _ := os.Stat(*out)
	fmt.Fprintf(stdout, "wrote %s: event %s, version %d, %s, signed by %s, in %v\n", *out, termsafe.String(m.EventID), m.Version,
		size(st), m.KeyID, time.Since(began).Round(time.Millisecond))
	fmt.Fprintf(stdout, "  %s\n", counts(m.Counts))
	fmt.Fprintf(stdout, "  %s\n", hubLine(s.Data.Event))
	return nil
}

// hubLine says which hub the bundle sets kiosks up with, if any.
func hubLine(e data.Event) string {
	switch {
	case e.HubURL != "":
		return fmt.Sprintf("hub %s, pinned to key %s", termsafe.String(e.HubURL), termsafe.String(e.HubFingerprint))
	case e.HubFingerprint != "":
		return fmt.Sprintf("hub pinned to key %s, at the address staff set on each kiosk", termsafe.String(e.HubFingerprint))
	}
	return "no hub named: kiosks sync with a hub set on each (kiosk --hub, staff mode)"
}

func size(st os.FileInfo) string {
	if st == nil {
		return "? bytes"
	}
	return fmt.Sprintf("%d bytes", st.Size())
}

// counts writes a manifest's counts in a stable order.
func counts(c map[string]int) string {
	order := []string{"delegates", "countries", "sessions", "rooms", "speakers", "revoked", "kiosk_keys"}
	var parts []string
	for _, k := range order {
		parts = append(parts, fmt.Sprintf("%d %s", c[k], strings.ReplaceAll(k, "_", " ")))
	}
	return strings.Join(parts, ", ")
}

func runBundleVerify(args []string, stdout, stderr io.Writer) error {
	fs := flags("bundle verify", "--pub FILE [--event ID] BUNDLE",
		"Checks a bundle as a kiosk would before taking it: the signature by the given event\n"+
			"key, every file's size and SHA-256, the expiry, and every rule of the data. (Whether\n"+
			"its version is newer than a kiosk's is for the kiosk to say.)", stderr)
	pub := fs.String("pub", "", "the event's public key file")
	event := fs.String("event", "", "the event id the bundle must be for")
	path, err := oneFile(fs, args, stderr)
	if err != nil {
		return err
	}
	if err := required(fs, "pub"); err != nil {
		return err
	}
	key, err := keys.ReadPublicFile(*pub)
	if err != nil {
		return err
	}
	raw, err := safefile.ReadFile(path, bundle.DefaultLimits.BundleSize)
	if err != nil {
		return err
	}
	b, err := bundle.Read(raw, bundle.Policy{Trusted: []ed25519.PublicKey{key}, EventID: *event})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	fmt.Fprintf(stdout, "%s is valid: event %s, version %d, signed by %s, expires %s\n", path, termsafe.String(b.Manifest.EventID),
		b.Manifest.Version, termsafe.String(b.Manifest.KeyID), b.Manifest.Expires.Format("2 January 2006"))
	fmt.Fprintf(stdout, "  %s\n", counts(b.Manifest.Counts))
	fmt.Fprintf(stdout, "  %s\n", hubLine(b.Sources.Data.Event))
	return nil
}

// oneFile parses the flags around exactly one bundle file.
func oneFile(fs *flag.FlagSet, args []string, stderr io.Writer) (string, error) {
	files, err := parseMixed(fs, args)
	if err != nil {
		return "", err
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, "give exactly one bundle file")
		fs.Usage()
		return "", errUsage
	}
	return files[0], nil
}

func runBundleInspect(args []string, stdout, stderr io.Writer) error {
	fs := flags("bundle inspect", "BUNDLE",
		"Shows what a bundle holds: event, version, dates, signer, counts and files. It checks\n"+
			"the bundle's structure but not who signed it: use \"bundle verify\" for that.", stderr)
	path, err := oneFile(fs, args, stderr)
	if err != nil {
		return err
	}
	f, n, err := safefile.OpenFile(path, bundle.DefaultLimits.BundleSize)
	if err != nil {
		return err
	}
	defer f.Close()
	m, err := bundle.InspectAt(f, n)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	fmt.Fprintf(stdout, "bundle   %s (%d bytes)\n", path, n)
	fmt.Fprintf(stdout, "event    %s\n", termsafe.String(m.EventID))
	fmt.Fprintf(stdout, "version  %d\n", m.Version)
	fmt.Fprintf(stdout, "created  %s\n", m.Created.Format(time.RFC3339))
	fmt.Fprintf(stdout, "expires  %s\n", m.Expires.Format(time.RFC3339))
	if pub, err := m.SignerPublicKey(); err == nil {
		fmt.Fprintf(stdout, "signer   %s (fingerprint %s; not checked)\n", termsafe.String(m.KeyID), keys.Fingerprint(pub))
	}
	if next, _ := m.NextPublicKey(); next != nil {
		fmt.Fprintf(stdout, "next key %s (fingerprint %s)\n", keys.ID(next), keys.Fingerprint(next))
	}
	fmt.Fprintf(stdout, "holds    %s\n", counts(m.Counts))
	files := append([]bundle.FileEntry(nil), m.Files...)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	for _, f := range files {
		fmt.Fprintf(stdout, "  %-16s %10d bytes  sha256 %s\n", termsafe.String(f.Name), f.Size, termsafe.String(f.SHA256))
	}
	return nil
}

func runBundleImport(args []string, stdout, stderr io.Writer) error {
	fs := flags("bundle import", "--data DIR [--trust FILE] [--replace-event] BUNDLE",
		"Installs a bundle into a kiosk data folder through the kiosk's own import: for\n"+
			"provisioning kiosks before the event. The folder is created if needed. The first real\n"+
			"bundle needs --trust with the event's public key; later ones are accepted when signed\n"+
			"by a trusted key. Check-ins already in the folder are kept.", stderr)
	dir := fs.String("data", "", "the kiosk's data folder")
	trust := fs.String("trust", "", "an event public key file to trust from this import on")
	replace := fs.Bool("replace-event", false, "allow a bundle of another event than the one installed")
	path, err := oneFile(fs, args, stderr)
	if err != nil {
		return err
	}
	if err := required(fs, "data"); err != nil {
		return err
	}
	opts := importer.Options{ReplaceEvent: *replace}
	if *trust != "" {
		if opts.Trust, err = keys.ReadPublicFile(*trust); err != nil {
			return err
		}
	}
	raw, err := safefile.ReadFile(path, bundle.DefaultLimits.BundleSize)
	if err != nil {
		return err
	}
	ctx := context.Background()
	opened, err := kioskdir.Open(ctx, *dir, nil)
	if err != nil {
		return err
	}
	defer opened.Store.Close()
	if n := opened.Notice(); n != "" {
		fmt.Fprintln(stderr, n)
	}
	began := time.Now()
	opts.Progress = progressLine(stderr)
	res, err := importer.Import(ctx, opened.Store, raw, opts)
	fmt.Fprintln(stderr)
	var u *importer.UntrustedError
	if errors.As(err, &u) {
		return fmt.Errorf("%s is signed by key %s (fingerprint %s), which this kiosk does not trust: "+
			"give the event's public key with --trust after checking its fingerprint", path, termsafe.String(u.KeyID), u.Fingerprint)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if res.KeptAgain && res.NotKept == nil {
		fmt.Fprintf(stdout, "%s version %d is installed already in %s; it is now kept there for recovery\n",
			termsafe.String(res.Manifest.EventID), res.Manifest.Version, *dir)
		return nil
	}
	prev := "nothing installed before"
	if res.Previous != nil {
		prev = fmt.Sprintf("replacing %s version %d", termsafe.String(res.Previous.EventID), res.Previous.Version)
	}
	fmt.Fprintf(stdout, "installed %s version %d into %s (%s) in %v\n", termsafe.String(res.Manifest.EventID), res.Manifest.Version,
		*dir, prev, time.Since(began).Round(time.Millisecond))
	reportTrust(stdout, stderr, res)
	return nil
}

// reportTrust says what the import changed in the kiosk's trust, and
// warns when the bundle could not be kept for a recovery.
func reportTrust(stdout, stderr io.Writer, res *importer.Result) {
	for _, k := range res.Trusted {
		fmt.Fprintf(stdout, "  now trusting event key %s\n", termsafe.String(k))
	}
	for _, k := range res.Retired {
		fmt.Fprintf(stdout, "  event key %s handed the event over: it signs no more bundles (its badges stay valid)\n", k)
	}
	for _, k := range res.Dropped {
		fmt.Fprintf(stdout, "  no longer trusting event key %s\n", k)
	}
	if res.NotKept != nil {
		fmt.Fprintf(stderr, "warning: installed, but %v; a damaged database could not be restored from it\n", res.NotKept)
	}
}

// progressLine shows an import's progress on one line per phase, redrawn
// in place every 10%: a new phase starts a new line, so that a shorter
// phase name never leaves the end of a longer one behind it.
func progressLine(w io.Writer) func(importer.Phase, int, int) {
	lastPct, lastPhase := -1, importer.Phase("")
	return func(p importer.Phase, done, total int) {
		if total == 0 {
			return
		}
		if p != lastPhase && lastPhase != "" {
			fmt.Fprintln(w)
			lastPct = -1
		}
		lastPhase = p
		if pct := done * 100 / total; pct/10 != lastPct/10 || done == total {
			fmt.Fprintf(w, "\r%s: %3d%%", p, pct)
			lastPct = pct
		}
	}
}
