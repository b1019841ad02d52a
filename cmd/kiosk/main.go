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
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kiosk/assets"
	"kiosk/data"
	"kiosk/data/camera"
	"kiosk/data/checkin"
	"kiosk/data/importer"
	"kiosk/data/kioskdir"
	"kiosk/data/myday"
	"kiosk/data/staff"
	"kiosk/data/store"
	kiosksync "kiosk/data/sync"
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
	hub      string
	hubSet   bool // --hub was given (an empty value turns sync off)
	hubPin   string
	insecure bool
	camera   string
	camSet   bool   // --camera was given (an empty value turns the camera off)
	pictures string // --camera-pictures: a folder filmed instead of a camera
	// openCamera makes the camera's source; camera.OpenDevice when nil,
	// the pictures' folder with --camera-pictures.
	openCamera func(device string) (camera.Source, error)
	shots      shotOptions // --screenshots: pictures instead of a kiosk (screenshots.go)
}

func parseFlags(args []string, out io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("kiosk", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&o.dataDir, "data", "", "the kiosk's data folder (default: the user's config folder, "+kioskdir.AppFolder+")")
	fs.BoolVar(&o.windowed, "windowed", false, "run in a window instead of full screen (for development)")
	fs.DurationVar(&o.idle, "idle", ui.DefaultIdleAfter, "return to Home and clear the screen after this long without input")
	fs.StringVar(&o.clock, "clock", "", "start the kiosk's clock at this venue time, e.g. \"2016-11-08 10:15\" (rehearsals and demos)")
	fs.StringVar(&o.purpose, "purpose", "", "what check-ins at this kiosk are for: arrival, session or plenary, or board for the plenary's presence board (kept in the data folder; default arrival)")
	fs.StringVar(&o.usb, "usb", "", "folders where USB sticks get mounted, separated by commas (default: /media, /run/media/$USER, /mnt; /Volumes; drive letters)")
	fs.StringVar(&o.room, "room", "", "the room id the kiosk stands in, for session, plenary and board kiosks (kept in the data folder)")
	fs.StringVar(&o.hub, "hub", "", "the hub to sync check-ins with, e.g. https://10.0.0.2:8090 (kept in the data folder; --hub= goes back to the bundle's hub, or with none turns sync off)")
	fs.StringVar(&o.hubPin, "hub-fingerprint", "", "the fingerprint of the hub's key, sha256:… as \"hub fingerprint\" prints it (kept with --hub; default: the bundle's)")
	fs.StringVar(&o.camera, "camera", "", "the camera to check delegates in with: a V4L2 device such as /dev/video0, or auto for the first one (kept in the data folder; --camera= turns it off)")
	fs.StringVar(&o.pictures, "camera-pictures", "", "film the PNG and JPEG pictures in this folder, over and over, instead of a camera (demos and rehearsals; not kept)")
	fs.BoolVar(&o.insecure, "insecure-http", false, "allow a plain http:// hub on another machine: check-ins then cross the network unencrypted")
	hidden := o.shots.define(fs)
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: kiosk [flags]\n\n"+
			"Runs the conference kiosk full screen. An empty data folder is filled with the\n"+
			"embedded demo event on first start.\n\nFlags:\n")
		printVisible(fs, out, hidden)
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	fs.Visit(func(f *flag.Flag) {
		o.hubSet = o.hubSet || f.Name == "hub"
		o.camSet = o.camSet || f.Name == "camera"
	})
	if _, err := store.CleanCamera(o.camera); err != nil {
		return o, fmt.Errorf("-camera: %v", err)
	}
	if o.pictures != "" {
		o.openCamera = filmPictures(o.pictures)
	}
	if err := checkHubFlags(o); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.idle < 5*time.Second {
		return o, fmt.Errorf("-idle %v is too short; give at least 5s", o.idle)
	}
	if o.purpose != "" && !data.Purpose(o.purpose).ValidForKiosk() {
		return o, fmt.Errorf("-purpose %q: want arrival, session, plenary or board", o.purpose)
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

// checkHubFlags refuses what --hub and --hub-fingerprint could never
// work with; whether the hub may be contacted also depends on the
// bundle's fingerprint, checked when sync starts.
func checkHubFlags(o options) error {
	if o.hubPin != "" && o.hub == "" {
		return errors.New("-hub-fingerprint pins the hub given with --hub: give both")
	}
	if o.hub == "" {
		return nil
	}
	set, err := store.CleanHubSetting(store.HubSetting{URL: o.hub, Fingerprint: o.hubPin})
	if err != nil {
		return fmt.Errorf("-hub: %v", err)
	}
	if set.Fingerprint != "" && !strings.HasPrefix(strings.ToLower(set.URL), "https://") {
		return fmt.Errorf("-hub-fingerprint pins an https:// hub, and %s is not one", set.URL)
	}
	return nil
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
	if o.shots.dir != "" {
		if err := takeScreenshots(o); err != nil {
			fmt.Fprintln(os.Stderr, "kiosk --screenshots:", err)
			os.Exit(1)
		}
		return
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

	k, wd, err := start(o, a.Quit)
	if err != nil {
		log.Printf("kiosk: %v", err)
		w.SetContent(failure(err))
		w.ShowAndRun()
		os.Exit(1)
	}
	defer wd.close()
	w.SetContent(k.Content())
	k.Attach(w)
	k.Start()
	w.ShowAndRun()
	k.Stop()
}

// start opens the data folder (recovering and seeding it as needed),
// starts sync with the hub if one is set, and builds the kiosk on it.
func start(o options, quit func()) (*ui.Kiosk, *wired, error) {
	w, err := openData(o)
	if err != nil {
		return nil, nil, err
	}
	if err := w.startSync(o); err != nil {
		w.close()
		return nil, nil, err
	}
	return w.kiosk(o, quit), w, nil
}

// kiosk builds the kiosk's interface on the opened data; on the UI
// goroutine.
func (w *wired) kiosk(o options, quit func()) *ui.Kiosk {
	var roots []string
	if o.usb != "" {
		roots = strings.Split(o.usb, ",")
	}
	return ui.New(ui.Deps{
		Programme: w.store,
		Directory: w.store,
		Desk:      notifyingDesk{w.desk, w.notify},
		Staff:     staff.New(w.store, w.desk, w.now),
		USBRoots:  roots,
		Quit:      quit,
		Now:       w.now,
		IdleAfter: o.idle,
		Notice:    w.opened.Notice(),
		Installs:  w.store.InstallCount,
		Sync:      w.sync,
		MyDay:     myday.New(w.desk, w.store, w.now),
		Camera:    newCameraService(w.store, o.openCamera, o.pictures != ""),
	})
}

// wired is the kiosk's data side: the opened folder, its check-in desk,
// and the one clock both run on.
type wired struct {
	opened *kioskdir.Opened
	store  *store.Store
	desk   *checkin.Desk
	now    func() time.Time
	// sync with the hub, on or off; staff mode can change its hub.
	sync *kiosksync.Link
}

// openData opens the data folder and sets up the desk on it, all on one
// clock: the store stamps what it records (check-ins received, bundles
// installed, keys trusted) with the same time as the desk and staff mode.
func openData(o options) (*wired, error) {
	began := time.Now()
	ctx := context.Background()
	clock := &venueClock{}
	opened, err := kioskdir.Open(ctx, o.dataDir, seedDemo, store.WithClock(clock.Now))
	if err != nil {
		return nil, err
	}
	w := &wired{opened: opened, store: opened.Store, now: clock.Now}
	if err := w.setUp(ctx, o, clock); err != nil {
		opened.Store.Close()
		return nil, err
	}
	id, _, err := w.desk.Identity(ctx)
	if err != nil {
		opened.Store.Close()
		return nil, err
	}
	log.Printf("kiosk: %s, data folder %s ready in %v (seeded: %v)", id, o.dataDir, time.Since(began).Round(time.Millisecond), opened.Seeded)
	// A recovery from a damaged database is told on screen (the banner)
	// and in the log, where it outlives the banner.
	if n := opened.Notice(); n != "" {
		log.Printf("kiosk: %s", n)
	}
	// Warm the directory index now, so the first search does not wait.
	go opened.Store.Index(ctx)
	return w, nil
}

// setUp sets the clock and the desk's settings from the flags.
func (w *wired) setUp(ctx context.Context, o options, clock *venueClock) error {
	if err := clock.start(ctx, w.store, o.clock); err != nil {
		return err
	}
	w.desk = checkin.New(w.store, w.now)
	if o.camSet {
		if err := w.store.SetCamera(ctx, o.camera); err != nil {
			return err
		}
	}
	if o.purpose == "" && o.room == "" {
		return nil
	}
	cfg, err := w.desk.Config(ctx)
	if err != nil {
		return err
	}
	if o.purpose != "" {
		cfg.Purpose = data.Purpose(o.purpose)
	}
	if o.room != "" {
		cfg.RoomID = o.room
	}
	return w.desk.SetConfig(ctx, cfg)
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

// venueClock is the kiosk's one clock: the system's, or, under --clock,
// one that starts at a given venue time and runs on from there. The store
// is opened on it before the venue time can be read (the event's time
// zone is in the store), so the offset is set afterwards; until then, and
// without --clock, it is the system's time.
type venueClock struct{ offset atomic.Int64 }

// Now is the kiosk's time.
func (c *venueClock) Now() time.Time { return time.Now().Add(time.Duration(c.offset.Load())) }

// start sets the clock to the venue time given, in the event's time zone.
func (c *venueClock) start(ctx context.Context, s *store.Store, venueTime string) error {
	if venueTime == "" {
		return nil
	}
	e, err := s.Event(ctx)
	if err != nil {
		return err
	}
	loc, err := e.Location()
	if err != nil {
		return err
	}
	t, err := parseClock(venueTime, loc)
	if err != nil {
		return err
	}
	c.offset.Store(int64(time.Until(t)))
	return nil
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
