package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"time"

	"kiosk/assets/demokey"
	"kiosk/data/bundle"
	"kiosk/data/demo"
	"kiosk/data/importer"
	"kiosk/data/kioskdir"
	"kiosk/data/source"
)

func init() {
	register(command{name: "demo", summary: "generate the demo event (any size) as sources or into a data folder", run: runDemo})
}

// demoCreated is the demo bundle's creation time: fixed, so the embedded
// bundle can be rebuilt byte for byte.
var demoCreated = time.Date(2016, 10, 1, 0, 0, 0, 0, time.UTC)

// demoExpires keeps the demo installable long after the event it shows.
var demoExpires = time.Date(2099, 12, 31, 0, 0, 0, 0, time.UTC)

func runDemo(args []string, stdout, stderr io.Writer) error {
	fs := flags("demo", "[--delegates N] [--sessions M] (--out DIR | --bundle FILE | --data DIR)",
		"Generates the demo event deterministically: the 85th INTERPOL General Assembly at its\n"+
			"real size by default, or the same kind of event at any size. --out writes staff\n"+
			"sources (CSV) that \"kioskctl bundle build\" takes as they are; --bundle writes a bundle\n"+
			"signed with the demo key; --data installs it into a kiosk data folder.", stderr)
	n := fs.Int("delegates", 0, "number of delegates (default: the demo's 830)")
	m := fs.Int("sessions", 0, "number of sessions (default: the demo's own programme)")
	seed := fs.Int64("seed", 0, "random seed (default: the demo's fixed seed)")
	out := fs.String("out", "", "write the sources into this folder")
	bundleOut := fs.String("bundle", "", "write a bundle signed with the demo key to this file")
	dataDir := fs.String("data", "", "install into this kiosk data folder (created if needed)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" && *bundleOut == "" && *dataDir == "" {
		fmt.Fprintf(stderr, "kioskctl demo: give --out, --bundle or --data\n\n")
		fs.Usage()
		return errUsage
	}
	if *n < 0 || *m < 0 || *n > 1_000_000 || *m > 100_000 {
		return fmt.Errorf("--delegates must be 0 to 1,000,000 and --sessions 0 to 100,000")
	}
	began := time.Now()
	d, err := demo.Generate(demo.Options{Delegates: *n, Sessions: *m, Seed: *seed})
	if err != nil {
		return err
	}
	src := &source.Sources{Data: *d}
	fmt.Fprintf(stdout, "generated %d delegates, %d sessions, %d countries in %v\n",
		len(d.Delegates), len(d.Sessions), len(d.Countries), time.Since(began).Round(time.Millisecond))
	if *out != "" {
		if err := source.WriteDir(*out, src); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote sources to %s\n", *out)
		// The bundle is built from the sources as written, as "kioskctl
		// bundle build" would: the shipped demo bundle and the shipped
		// demo sources can never disagree.
		if src, err = source.ReadDir(*out); err != nil {
			return fmt.Errorf("reading back %s: %w", *out, err)
		}
	}
	if *bundleOut == "" && *dataDir == "" {
		return nil
	}
	var buf bytes.Buffer
	if _, err := bundle.Build(&buf, src, demokey.Private(), bundle.BuildOptions{Version: 1, Created: demoCreated, Expires: demoExpires}); err != nil {
		return err
	}
	if *bundleOut != "" {
		if err := bundle.WriteFileAtomic(*bundleOut, buf.Bytes(), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote bundle %s (%d bytes)\n", *bundleOut, buf.Len())
	}
	if *dataDir != "" {
		ctx := context.Background()
		opened, err := kioskdir.Open(ctx, *dataDir, nil)
		if err != nil {
			return err
		}
		defer opened.Store.Close()
		// Through the kiosk's own import, so that the folder trusts the demo
		// key (demo badges check in) and a real event may replace the demo.
		if _, err := importer.Import(ctx, opened.Store, buf.Bytes(),
			importer.Options{Trust: demokey.Public(), Demo: true}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "installed into %s\n", *dataDir)
	}
	return nil
}
