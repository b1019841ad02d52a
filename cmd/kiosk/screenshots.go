package main

import (
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/image/draw"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"kiosk/ui"
)

// shotSet is a run of the README's pictures: some scenes (all when none
// are named) in some languages and one mode (ui.Modes).
type shotSet struct {
	mode      string
	languages []string
	scenes    []string
}

// shots are the README's pictures: every scene in English and Arabic, and
// the screens a delegate meets first in each of the other modes.
var shots = []shotSet{
	{"normal", []string{"en", "ar"}, nil},
	{"large-text", []string{"en", "ar"}, []string{"home", "programme", "welcome"}},
	{"high-contrast", []string{"en", "ar"}, []string{"home", "programme", "welcome"}},
}

// The demo event's cast for the pictures: a plenary on the day of
// make demo's clock, and a delegate who shares contact details.
var demoCast = ui.SceneCast{Session: "S0021", Search: "errol alleyne"}

// The demo's plenary hall, which the board follows.
const demoPlenaryRoom = "nusa-dua-hall"

// shotSize is the window pictured: the kiosk's 1920×1080 screen, where
// every screen fits in every language. The pictures are written at
// shotWidth pixels wide, to keep docs/screens small.
var shotSize = fyne.NewSize(1920, 1080)

const shotWidth = 1280

// shotSettle is how long a scene is left on screen before its picture, so
// that the frame is drawn and no animation is half way.
const shotSettle = 700 * time.Millisecond

// shotTitle names the window, for xwd to find it.
const shotTitle = "Assembly Kiosk screenshots"

// shotWait is how long a scene's step may take to show.
const shotWait = 30 * time.Second

// shotOptions are the hidden flags that make the kiosk take the README's
// pictures and exit instead of running.
type shotOptions struct {
	dir    string // where the PNGs go
	badge  string // a valid demo badge (kioskctl token --demo)
	scenes string // only these scenes, by name, separated by commas
}

// define adds the flags to fs and returns their names, which the usage
// leaves out: they are for make screenshots and its test, not for staff.
func (s *shotOptions) define(fs *flag.FlagSet) map[string]bool {
	fs.StringVar(&s.dir, "screenshots", "", "write the README's screenshots to this folder and exit")
	fs.StringVar(&s.badge, "screenshot-badge", "", "a demo badge for the check-in and My day screenshots")
	fs.StringVar(&s.scenes, "screenshot-scenes", "", "only these scenes, separated by commas")
	return map[string]bool{"screenshots": true, "screenshot-badge": true, "screenshot-scenes": true}
}

// printVisible prints the flags' defaults, but the hidden ones.
func printVisible(fs *flag.FlagSet, out io.Writer, hidden map[string]bool) {
	visible := flag.NewFlagSet(fs.Name(), flag.ContinueOnError)
	visible.SetOutput(out)
	fs.VisitAll(func(f *flag.Flag) {
		if !hidden[f.Name] {
			visible.Var(f.Value, f.Name, f.Usage)
		}
	})
	visible.PrintDefaults()
}

// scenes are the scenes asked for, all by default.
func (s *shotOptions) list() ([]ui.Scene, error) {
	if s.scenes == "" {
		return ui.Scenes, nil
	}
	var out []ui.Scene
	for _, name := range strings.Split(s.scenes, ",") {
		sc, ok := ui.SceneNamed(name)
		if !ok {
			return nil, fmt.Errorf("no scene %q", name)
		}
		out = append(out, sc)
	}
	return out, nil
}

// takeScreenshots runs the real kiosk in a window on the demo event and
// writes a PNG of every scene in every language and mode of shots:
// <scene>_<language>.png, with _<mode> after the language but for normal.
// Each language starts on a fresh data folder, so its check-in is its
// first.
func takeScreenshots(o options) error {
	scenes, err := o.shots.list()
	if err != nil {
		return err
	}
	if o.shots.badge == "" {
		return errors.New("--screenshot-badge: a demo badge is needed (kioskctl token --demo --delegate D000007)")
	}
	if err := os.MkdirAll(o.shots.dir, 0o755); err != nil {
		return err
	}
	a := app.NewWithID(AppID)
	a.Settings().SetTheme(ui.Theme())
	w := a.NewWindow(shotTitle)
	w.SetContent(widget.NewLabel(""))
	w.Resize(shotSize)
	w.SetFixedSize(true)
	a.Lifecycle().SetOnStarted(func() {
		go func() {
			err = shootAll(w, o, scenes)
			fyne.Do(a.Quit)
		}()
	})
	w.ShowAndRun()
	return err
}

func shootAll(w fyne.Window, o options, scenes []ui.Scene) error {
	for _, set := range shots {
		mode, ok := ui.ModeNamed(set.mode)
		if !ok {
			return fmt.Errorf("no mode %q", set.mode)
		}
		chosen := scenes
		if set.scenes != nil {
			chosen = nil
			for _, sc := range scenes {
				if slices.Contains(set.scenes, sc.Name) {
					chosen = append(chosen, sc)
				}
			}
		}
		if len(chosen) == 0 {
			continue
		}
		for _, lang := range set.languages {
			suffix := "_" + lang
			if mode.Name != "normal" {
				suffix += "_" + mode.Name
			}
			if err := shootLanguage(w, o, chosen, lang, mode, suffix); err != nil {
				return err
			}
		}
	}
	return nil
}

// shootLanguage pictures the scenes in one language and mode, on a kiosk
// of its own on a fresh data folder.
func shootLanguage(w fyne.Window, o options, scenes []ui.Scene, lang string, mode ui.Mode, suffix string) error {
	dir, err := os.MkdirTemp("", "kiosk-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	o.dataDir, o.room, o.idle = dir, demoPlenaryRoom, time.Hour
	wd, err := openData(o)
	if err != nil {
		return err
	}
	defer wd.close()
	if err := wd.startSync(o); err != nil {
		return err
	}
	var k *ui.Kiosk
	fyne.DoAndWait(func() {
		k = wd.kiosk(o, func() {})
		w.SetContent(k.Content())
		k.Attach(w)
	})
	defer k.Stop()
	if err := until(func() bool { return k.Home.EventName.Text != "" }); err != nil {
		return fmt.Errorf("the demo event: %w", err)
	}
	cast := demoCast
	cast.Badge = o.shots.badge
	for _, s := range scenes {
		if err := shoot(w, k, s, cast, lang, mode, filepath.Join(o.shots.dir, s.Name+suffix+".png")); err != nil {
			return err
		}
	}
	return nil
}

// shoot plays a scene and writes its picture.
func shoot(w fyne.Window, k *ui.Kiosk, s ui.Scene, cast ui.SceneCast, lang string, mode ui.Mode, file string) error {
	fyne.DoAndWait(func() {
		k.Begin(lang, mode)
		// A scene before may have grown the window.
		w.Resize(shotSize)
	})
	for i, step := range s.Steps {
		fyne.DoAndWait(func() { step.Do(k, cast) })
		if step.Ready == nil {
			continue
		}
		if err := until(func() bool { return step.Ready(k) }); err != nil {
			return fmt.Errorf("scene %s, step %d: %w", s.Name, i+1, err)
		}
	}
	time.Sleep(shotSettle)
	var size fyne.Size
	fyne.DoAndWait(func() { size = w.Canvas().Size() })
	if size.Width > shotSize.Width || size.Height > shotSize.Height {
		// The window grew past the screen to the content's minimum size:
		// on a kiosk this screen would be cut.
		log.Printf("kiosk: %s needs %v, more than the %v screen: the picture is cut", file, size, shotSize)
	}
	img, err := grabWindow(shotTitle)
	if err != nil {
		return fmt.Errorf("scene %s: %w", s.Name, err)
	}
	if err := writePNG(file, shrink(img, shotWidth)); err != nil {
		return err
	}
	log.Printf("kiosk: %s", file)
	return nil
}

// until polls cond on the UI goroutine until it holds, for shotWait.
func until(cond func() bool) error {
	for end := time.Now().Add(shotWait); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		var ok bool
		fyne.DoAndWait(func() { ok = cond() })
		if ok {
			return nil
		}
	}
	return fmt.Errorf("not on screen after %v", shotWait)
}

// shrink scales img down to width pixels wide, if it is wider.
func shrink(img image.Image, width int) image.Image {
	b := img.Bounds()
	if b.Dx() <= width {
		return img
	}
	out := image.NewRGBA(image.Rect(0, 0, width, b.Dy()*width/b.Dx()))
	draw.CatmullRom.Scale(out, out.Bounds(), img, b, draw.Src, nil)
	return out
}

func writePNG(file string, img image.Image) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
