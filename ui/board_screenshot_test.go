package ui

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"kiosk/data"
	"kiosk/data/checkin"
	"kiosk/data/demo"
	"kiosk/data/store"
)

// The presence board of the demo event at 1920x1080, mid-morning of the
// second day: the plenary on cybercrime with 112 member countries checked
// in by three kiosks. With BOARD_SCREENSHOT=path.png it is written there
// (make screenshot draws the README's picture); in every run the
// country names must fit their cells, the longest included.
func TestBoardScreenshot(t *testing.T) {
	test.NewTempApp(t)
	fyne.CurrentApp().Settings().SetTheme(Theme())
	ctx := context.Background()
	d, err := demo.Generate(demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "kiosk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	info := data.BundleInfo{EventID: d.Event.ID, Version: 1, Created: time.Date(2016, 10, 1, 0, 0, 0, 0, time.UTC),
		SignerKey: "demo", SHA256: "00"}
	if err := s.Install(ctx, d, info, nil); err != nil {
		t.Fatal(err)
	}
	loc, _ := d.Event.Location()
	now := time.Date(2016, 11, 8, 10, 50, 0, 0, loc)
	var plenary data.Session
	for _, x := range d.Sessions {
		if x.Kind == data.KindPlenary && x.Running(now) {
			plenary = x
		}
	}
	if plenary.ID == "" {
		t.Fatal("the demo has no plenary running at", now)
	}
	// One delegate of each of the first 112 delegations, and some twice.
	var cs []data.CheckIn
	seen := map[string]bool{}
	kiosks := []string{"kiosk-0000000a", "kiosk-0000000b", "kiosk-0000000c"}
	for _, del := range d.Delegates {
		if len(seen) == 112 {
			break
		}
		if seen[del.CountryCode] && len(cs)%3 != 0 {
			continue
		}
		seen[del.CountryCode] = true
		var id [16]byte
		rand.Read(id[:])
		at := plenary.Start.Add(time.Duration(len(cs)) * 7 * time.Second).UTC()
		cs = append(cs, data.CheckIn{ID: hex.EncodeToString(id[:]), EventID: d.Event.ID, KioskID: kiosks[len(cs)%3],
			Seq: int64(len(cs)/3 + 1), DelegateID: del.ID, BadgeSerial: 1, Purpose: data.PurposePlenary,
			SessionID: plenary.ID, RoomID: plenary.RoomID, ScannedAt: at, HLC: at.UnixMilli() << 16, Method: data.MethodScan})
	}
	desk := checkin.New(s, func() time.Time { return now })
	key, err := desk.PurposeKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	k := New(Deps{Programme: s, Directory: s, Desk: desk, Now: func() time.Time { return now }, Go: func(f func()) { f() }})
	ui := make(chan func())
	cctx, cancel := context.WithCancel(ctx)
	k.Board.do = func(f func()) {
		select {
		case ui <- f:
		case <-cctx.Done():
		}
	}
	t.Cleanup(func() { cancel(); k.Stop() })
	w := test.NewTempWindow(t, k.Content())
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1920, 1080))
	// Set after New, so that the board's updates come to this goroutine
	// from the start.
	if err := desk.SetConfig(ctx, checkin.Config{Purpose: data.PurposeBoard, RoomID: plenary.RoomID}); err != nil {
		t.Fatal(err)
	}
	k.CheckIns.loadConfig()
	tk := &testKiosk{Kiosk: k}
	// Nothing on the board may ask for more than the screen: the window
	// would grow past it (the verdict with its shortfall once did).
	fits := func(when string) {
		if min := k.Content().MinSize(); min.Width > 1920 || min.Height > 1080 {
			t.Errorf("%s, the board asks for %v, more than 1920x1080", when, min)
		}
	}
	tk.boardUntil(t, ui, "no country present", func() bool { return k.Board.Count.Text == "0 of 190" })
	fits("with no country present")
	if in, err := s.AddCheckIns(ctx, cs, key, data.OriginHub); err != nil || len(in.Refused) > 0 {
		t.Fatalf("%v %v", err, in.Refused)
	}
	tk.boardUntil(t, ui, "the demo plenary", func() bool { return k.Board.Count.Text == "112 of 190" })
	fits("with 112 countries present")

	for _, o := range k.Board.Countries.Objects {
		txt := o.(*canvas.Text)
		if w := fyne.MeasureText(txt.Text, txt.TextSize, txt.TextStyle).Width; w > o.Size().Width {
			t.Errorf("%q is %.0f wide in a cell of %.0f", txt.Text, w, o.Size().Width)
		}
		if bottom := o.Position().Y + o.Size().Height; bottom > k.Board.Countries.Size().Height {
			t.Errorf("%q ends at %.0f, below the list's %.0f", txt.Text, bottom, k.Board.Countries.Size().Height)
		}
	}
	img := w.Canvas().Capture()
	if path := os.Getenv("BOARD_SCREENSHOT"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		fmt.Println("wrote", path, img.Bounds().Size())
	}
}
