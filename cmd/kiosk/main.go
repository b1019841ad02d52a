// Command kiosk is the full-screen conference kiosk: programme, delegate
// directory and check-in, from a local database, with or without network.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kiosk/assets"
	"kiosk/data"
	"kiosk/data/checkin"
	"kiosk/data/importer"
	"kiosk/data/kioskdir"
	"kiosk/data/staff"
	"kiosk/data/store"
	"kiosk/ui"
)

// AppID names the app to the operating system and to Fyne's preferences.
const AppID = "org.assemblykiosk.kiosk"

type options struct {
	dataDir  string
	windowed bool
	idle     time.Duration
	clock    string
	purpose  string
	room     string
	usb      string
}

func parseFlags(args []string, out io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("kiosk", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&o.dataDir, "data", "", "the kiosk's data folder (default: the user's config folder, "+kioskdir.AppFolder+")")
	fs.BoolVar(&o.windowed, "windowed", false, "run in a window instead of full screen (for development)")
	fs.DurationVar(&o.idle, "idle", ui.DefaultIdleAfter, "return to Home and clear the screen after this long without input")
	fs.StringVar(&o.clock, "clock", "", "start the kiosk's clock at this venue time, e.g. \"2016-11-08 10:15\" (rehearsals and demos)")
	fs.StringVar(&o.purpose, "purpose", "", "what check-ins at this kiosk are for: arrival, session or plenary (kept in the data folder; default arrival)")
	fs.StringVar(&o.usb, "usb", "", "folders where USB sticks get mounted, separated by commas (default: /media, /run/media/$USER, /mnt; /Volumes; drive letters)")
	fs.StringVar(&o.room, "room", "", "the room id the kiosk stands in, for session and plenary check-in (kept in the data folder)")
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: kiosk [flags]\n\n"+
			"Runs the conference kiosk full screen. An empty data folder is filled with the\n"+
			"embedded demo event on first start.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.idle < 5*time.Second {
		return o, fmt.Errorf("-idle %v is too short; give at least 5s", o.idle)
	}
	if o.purpose != "" && !data.Purpose(o.purpose).Valid() {
		return o, fmt.Errorf("-purpose %q: want arrival, session or plenary", o.purpose)
	}
	if o.dataDir == "" {
		d, err := kioskdir.DefaultDir()
		if err != nil {
			return o, err
		}
		o.dataDir = d
	}
	return o, nil
}

func main() {
	o, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "kiosk:", err)
		os.Exit(2)
	}
	a := app.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(ui.Theme())
	w := a.NewWindow("Assembly Kiosk")
	if o.windowed {
		w.Resize(fyne.NewSize(1280, 800))
	} else {
		w.SetFullScreen(true)
	}

	k, opened, err := start(o, a.Quit)
	if err != nil {
		log.Printf("kiosk: %v", err)
		w.SetContent(failure(err))
		w.ShowAndRun()
		os.Exit(1)
	}
	defer opened.Store.Close()
	w.SetContent(k.Content())
	k.Attach(w)
	k.Start()
	w.ShowAndRun()
	k.Stop()
}

// start opens the data folder (recovering and seeding it as needed) and
// builds the kiosk on it.
func start(o options, quit func()) (*ui.Kiosk, *kioskdir.Opened, error) {
	began := time.Now()
	ctx := context.Background()
	opened, err := kioskdir.Open(ctx, o.dataDir, seedDemo)
	if err != nil {
		return nil, nil, err
	}
	now, err := clock(ctx, opened.Store, o.clock)
	if err != nil {
		opened.Store.Close()
		return nil, nil, err
	}
	desk := checkin.New(opened.Store, now)
	if o.purpose != "" || o.room != "" {
		cfg, err := desk.Config(ctx)
		if err != nil {
			opened.Store.Close()
			return nil, nil, err
		}
		if o.purpose != "" {
			cfg.Purpose = data.Purpose(o.purpose)
		}
		if o.room != "" {
			cfg.RoomID = o.room
		}
		if err := desk.SetConfig(ctx, cfg); err != nil {
			opened.Store.Close()
			return nil, nil, err
		}
	}
	id, _, err := desk.Identity(ctx)
	if err != nil {
		opened.Store.Close()
		return nil, nil, err
	}
	log.Printf("kiosk: %s, data folder %s ready in %v (seeded: %v)", id, o.dataDir, time.Since(began).Round(time.Millisecond), opened.Seeded)
	// A recovery from a damaged database is told on screen (the banner)
	// and in the log, where it outlives the banner.
	if n := opened.Notice(); n != "" {
		log.Printf("kiosk: %s", n)
	}
	// Warm the directory index now, so the first search does not wait.
	go opened.Store.Index(ctx)
	var roots []string
	if o.usb != "" {
		roots = strings.Split(o.usb, ",")
	}
	k := ui.New(ui.Deps{
		Programme: opened.Store,
		Directory: opened.Store,
		Desk:      desk,
		Staff:     staff.New(opened.Store, desk, now),
		USBRoots:  roots,
		Quit:      quit,
		Now:       now,
		IdleAfter: o.idle,
		Notice:    opened.Notice(),
	})
	return k, opened, nil
}

// seedDemo installs the embedded demo event into an empty store through
// the same import as any bundle, trusting the demo key until a real event
// replaces it.
func seedDemo(ctx context.Context, s *store.Store) error {
	_, err := importer.Import(ctx, s, assets.DemoBundle, importer.Options{Trust: assets.DemoPublicKey(), Demo: true})
	if err != nil {
		return fmt.Errorf("the embedded demo event: %w", err)
	}
	return nil
}

// clock is the kiosk's clock: the system's, or one that starts at a given
// venue time and runs on from there.
func clock(ctx context.Context, s *store.Store, start string) (func() time.Time, error) {
	if start == "" {
		return time.Now, nil
	}
	e, err := s.Event(ctx)
	if err != nil {
		return nil, err
	}
	loc, err := e.Location()
	if err != nil {
		return nil, err
	}
	t, err := parseClock(start, loc)
	if err != nil {
		return nil, err
	}
	offset := time.Until(t)
	return func() time.Time { return time.Now().Add(offset) }, nil
}

func parseClock(s string, loc *time.Location) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("-clock %q: want a venue time like \"2016-11-08 10:15\"", s)
}

// failure is the screen shown when the kiosk cannot start: what is wrong,
// in words staff can act on, instead of a crash.
func failure(err error) fyne.CanvasObject {
	title := widget.NewLabel("This kiosk cannot start")
	title.SizeName = "headingText"
	title.TextStyle = fyne.TextStyle{Bold: true}
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	hint := widget.NewLabel("Staff: fix the problem above (see the README, \"Troubleshooting\"), then restart the kiosk.")
	hint.Wrapping = fyne.TextWrapWord
	return container.NewPadded(container.NewVBox(title, msg, hint))
}
