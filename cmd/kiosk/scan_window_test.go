package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"kiosk/assets/demokey"
	"kiosk/data/badge"
	"kiosk/data/store"
	"kiosk/ui"
)

// scanChild makes the test binary run the real kiosk in a real window on
// the display, and report on stdout where its widgets are and what it
// shows, for TestScanAfterTappingADirectoryRowInTheRealWindow to drive it
// with a real X keyboard and mouse.
const scanChild = "KIOSK_TEST_REAL_SCAN"

// scanWindowTitle names the child's window, for xdotool to find it.
const scanWindowTitle = "Assembly Kiosk real scan"

// runScanChild is the child: the environment gives the data folder and
// what to tap before the scan.
func runScanChild(spec string) {
	var dir, scenario string
	fmt.Sscanf(spec, "%s %s", &dir, &scenario)
	a := app.NewWithID(AppID)
	a.Settings().SetTheme(ui.Theme())
	w := a.NewWindow(scanWindowTitle)
	w.Resize(fyne.NewSize(1280, 800))
	k, wd, err := start(options{dataDir: dir, idle: time.Hour, clock: "2016-11-08 10:15"}, a.Quit)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w.SetContent(k.Content())
	k.Attach(w)
	k.Start()
	a.Lifecycle().SetOnStarted(func() {
		go func() {
			reportScan(w, k, scenario)
			fyne.Do(a.Quit)
		}()
	})
	w.ShowAndRun()
	k.Stop()
	wd.close()
	os.Exit(0)
}

// reportScan tells the parent where to click and what came of it; each
// step waits for the one before it, within 50 s in all: a loaded machine under the race detector is slow.
func reportScan(w fyne.Window, k *ui.Kiosk, scenario string) {
	deadline := time.Now().Add(50 * time.Second)
	until := func(what string, done func() bool) bool {
		for time.Now().Before(deadline) {
			var ok bool
			fyne.DoAndWait(func() { ok = done() })
			if ok {
				return true
			}
			time.Sleep(50 * time.Millisecond)
		}
		fmt.Println("timeout waiting for", what)
		return false
	}
	var nav fyne.CanvasObject
	if !until("the Directory button", func() bool { nav = findButton(k.Content(), "Directory"); return nav != nil }) {
		return
	}
	time.Sleep(time.Second) // let the first frames draw
	printAt(w, "click-directory", nav, fyne.NewPos(20, 10))
	if !until("the Directory", func() bool { return k.Current() == ui.ScreenDirectory && k.Directory.Total > 0 }) {
		return
	}
	time.Sleep(300 * time.Millisecond)
	if !takeFocus(w, k, scenario, until) {
		return
	}
	var headline string
	if !until("a check-in result", func() bool {
		headline = k.Result.Headline.Text
		return k.Current() == ui.ScreenResult && k.Result.Outcome != nil
	}) {
		return
	}
	var overlays int
	var cursor bool
	fyne.DoAndWait(func() { overlays, cursor = len(w.Canvas().Overlays().List()), k.CursorShown() })
	fmt.Printf("result %s: %s (cursor %v) (overlays %d)\n", headline, k.Result.Name.Text, cursor, overlays)
	// The parent may take a picture of the result before the kiosk ends.
	time.Sleep(1500 * time.Millisecond)
}

// takeFocus has the parent tap what the scenario names: a delegate's row,
// or the country drop-down (its menu then stays open).
func takeFocus(w fyne.Window, k *ui.Kiosk, scenario string, until func(string, func() bool) bool) bool {
	var what, focus string
	focused := func() { focus = fmt.Sprintf("%T", w.Canvas().Focused()) }
	switch scenario {
	case "row":
		printAt(w, "click-row", k.Directory.List, fyne.NewPos(40, 15))
		if !until("a tapped row", func() bool { focused(); what = k.Directory.Detail.Name.Text; return what != "" }) {
			return false
		}
	case "drop-down":
		printAt(w, "click-country", k.Directory.Country, fyne.NewPos(20, 10))
		if !until("an open drop-down", func() bool { focused(); return w.Canvas().Overlays().Top() != nil }) {
			return false
		}
		what = "the country menu is open"
	}
	fmt.Printf("ready %s (focus %s)\n", what, focus)
	return true
}

// printAt prints a widget's point in window pixels, for xdotool.
func printAt(w fyne.Window, what string, o fyne.CanvasObject, offset fyne.Position) {
	var p fyne.Position
	var scale float32
	fyne.DoAndWait(func() {
		p = fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Add(offset)
		scale = w.Canvas().Scale()
	})
	fmt.Printf("%s %d %d\n", what, int(p.X*scale), int(p.Y*scale))
}

// findButton finds a button by its text among containers.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch v := o.(type) {
	case *widget.Button:
		if v.Text == text {
			return v
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

// TestScanInTheRealWindow is a wedge scanner on the real kiosk: in a real
// window on the X display, xdotool clicks Directory, then a delegate's row
// (which took the keyboard focus and swallowed the scan; then two Tabs
// put the keyboard cursor on the country filter) or the country
// drop-down (whose open menu holds the focus), then sends a demo badge
// code at 5 ms a key and Enter. The check-in must be in the kiosk's
// database afterwards.
func TestScanInTheRealWindow(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no display: run the suite under Xvfb (make test does)")
	}
	if _, err := exec.LookPath("xdotool"); err != nil {
		t.Fatal("xdotool is needed to drive the real window: install it (make deps does)")
	}
	for _, scenario := range []string{"row", "drop-down"} {
		t.Run(scenario, func(t *testing.T) { scanInTheRealWindow(t, scenario) })
	}
}

func scanInTheRealWindow(t *testing.T, scenario string) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	dir := filepath.Join(t.TempDir(), "data")
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), scanChild+"="+dir+" "+scenario, "LANG=en_GB.UTF-8")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		cmd.Wait()
		if t.Failed() {
			t.Logf("kiosk log:\n%s", stderr.String())
		}
	}()
	lines := bufio.NewScanner(out)
	next := func(prefix string) string {
		t.Helper()
		for lines.Scan() {
			if l := lines.Text(); strings.HasPrefix(l, prefix) {
				return l
			} else if strings.HasPrefix(l, "timeout") {
				t.Fatal("kiosk: " + l)
			}
		}
		t.Fatalf("the kiosk ended before %q", prefix)
		return ""
	}
	xdo := func(args ...string) string {
		t.Helper()
		b, err := exec.CommandContext(ctx, "xdotool", args...).CombinedOutput()
		if err != nil {
			t.Fatalf("xdotool %v: %v\n%s", args, err, b)
		}
		return strings.TrimSpace(string(b))
	}
	click := func(line string) {
		t.Helper()
		var what string
		var x, y int
		if _, err := fmt.Sscanf(line, "%s %d %d", &what, &x, &y); err != nil {
			t.Fatalf("kiosk said %q: %v", line, err)
		}
		win := strings.Fields(xdo("search", "--sync", "--name", "^"+scanWindowTitle+"$"))[0]
		xdo("mousemove", "--window", win, fmt.Sprint(x), fmt.Sprint(y), "click", "1")
		screenshot(t, scenario+"-"+what)
	}

	click(next("click-directory"))
	click(next("click-"))
	t.Log(next("ready"))
	if scenario == "row" {
		// Tab from the search field to the country filter, at a person's
		// pace: the keyboard cursor is then on a control that is not a
		// field, and the scan must still be a scan.
		xdo("key", "--delay", "150", "Tab", "Tab")
	}

	// One xdotool process sends the whole code and Enter, 5 ms a key, as
	// a scanner does. (xdotool type sends a newline as Linefeed, which is
	// not Enter, so the keys go by name.)
	xdo(append([]string{"key", "--delay", "5"}, keyNames(t, demoBadge(t))...)...)
	got := next("result")
	screenshot(t, scenario+"-result")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("kiosk: %v", err)
	}
	if !strings.HasPrefix(got, "result Welcome") || !strings.HasSuffix(got, "(overlays 0)") {
		t.Fatalf("kiosk showed %q after the scan", got)
	}
	if scenario == "row" && !strings.Contains(got, "(cursor true)") {
		t.Fatalf("kiosk showed %q: Tab showed no keyboard cursor", got)
	}

	wantOneCheckIn(t, dir, "D000003")
}

// wantOneCheckIn opens the kiosk's database in dir after the kiosk ended
// and wants exactly one check-in there, of delegate.
func wantOneCheckIn(t *testing.T, dir, delegate string) {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(dir, "kiosk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.CheckIns(context.Background(), store.CheckInFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].DelegateID != delegate {
		t.Fatalf("the kiosk's database holds %+v, want the one check-in of %s", list, delegate)
	}
}

// keyNames spells a badge code as X key names, then Return.
func keyNames(t *testing.T, code string) []string {
	t.Helper()
	var keys []string
	for _, r := range code {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			t.Fatalf("badge code has %q, which this test cannot type", r)
		}
		keys = append(keys, string(r))
	}
	return append(keys, "Return")
}

// demoBadge is a badge of the demo event, signed with the demo key and
// valid on the day the test kiosk's clock shows.
func demoBadge(t *testing.T) string {
	t.Helper()
	venue, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2016, 11, 8, 10, 15, 0, 0, venue)
	tok, err := badge.Issue(demokey.Private(), badge.Claims{EventID: "interpol-ga85-2016", DelegateID: "D000003", Serial: 3,
		ValidFrom: at.Add(-24 * time.Hour), ValidUntil: at.Add(24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// screenshot saves the whole display to KIOSK_TEST_SCREENSHOTS/name.png
// when that folder is given (xwd and ImageMagick's convert needed).
func screenshot(t *testing.T, name string) {
	dir := os.Getenv("KIOSK_TEST_SCREENSHOTS")
	if dir == "" {
		return
	}
	time.Sleep(300 * time.Millisecond) // let the frame draw
	png := filepath.Join(dir, name+".png")
	sh := fmt.Sprintf("xwd -root -display %q | convert xwd:- %q", os.Getenv("DISPLAY"), png)
	if b, err := exec.Command("sh", "-c", sh).CombinedOutput(); err != nil {
		t.Logf("screenshot %s: %v %s", name, err, b)
	}
}
