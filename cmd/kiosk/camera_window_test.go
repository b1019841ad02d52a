package main

import (
	"bufio"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	qrcode "github.com/skip2/go-qrcode"

	"kiosk/data/camera"
	"kiosk/data/store"
	"kiosk/ui"
)

// cameraChild makes the test binary run the real kiosk in a real window,
// its camera filming the pictures of a folder, and report on stdout what
// the kiosk shows.
const cameraChild = "KIOSK_TEST_REAL_CAMERA"

// runCameraChild is the child: the environment gives the data folder and
// the folder of pictures.
func runCameraChild(spec string) {
	var dir, frames string
	fmt.Sscanf(spec, "%s %s", &dir, &frames)
	a := app.NewWithID(AppID)
	a.Settings().SetTheme(ui.Theme())
	w := a.NewWindow("Assembly Kiosk camera")
	w.Resize(fyne.NewSize(1280, 800))
	o := options{dataDir: dir, idle: time.Hour, clock: "2016-11-08 10:15", camera: "/dev/video9", camSet: true,
		openCamera: func(string) (camera.Source, error) { return camera.NewFolderSource(frames, 15, true), nil }}
	k, wd, err := start(o, a.Quit)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w.SetContent(k.Content())
	k.Attach(w)
	k.Start()
	a.Lifecycle().SetOnStarted(func() {
		go func() {
			reportCamera(k)
			fyne.Do(a.Quit)
		}()
	})
	w.ShowAndRun()
	k.Stop()
	wd.close()
	os.Exit(0)
}

// reportCamera says when the camera runs and what the kiosk showed for
// the badge it films, then lets it film on for two seconds: the badge
// stays in view, and must not be taken again.
func reportCamera(k *ui.Kiosk) {
	until := func(what string, done func() bool) bool {
		for deadline := time.Now().Add(25 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			var ok bool
			fyne.DoAndWait(func() { ok = done() })
			if ok {
				return true
			}
		}
		fmt.Println("timeout waiting for", what)
		return false
	}
	if !until("the camera", func() bool { return k.CameraState().Running }) {
		return
	}
	began := time.Now()
	var headline, name string
	if !until("a check-in result", func() bool {
		headline, name = k.Result.Headline.Text, k.Result.Name.Text
		return k.Current() == ui.ScreenResult && k.Result.Outcome != nil
	}) {
		return
	}
	fmt.Printf("result %s: %s, %v after the camera ran\n", headline, name, time.Since(began).Round(time.Millisecond))
	time.Sleep(2 * time.Second)
	fmt.Println("done")
}

// The camera in the real window, on the real Fyne driver: a badge filmed
// is checked in once, however long it stays in view, and welcomed.
func TestCameraChecksInInTheRealWindow(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no display: run the suite under Xvfb (make test does)")
	}
	dir := filepath.Join(t.TempDir(), "data")
	frames := t.TempDir()
	writeBadgeFrame(t, filepath.Join(frames, "badge.png"), demoBadge(t))

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), cameraChild+"="+dir+" "+frames, "LANG=en_GB.UTF-8")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var said []string
	for lines := bufio.NewScanner(out); lines.Scan(); {
		said = append(said, lines.Text())
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("kiosk: %v\n%s", err, stderr.String())
	}
	if len(said) != 2 || !strings.HasPrefix(said[0], "result Welcome: ") || said[1] != "done" {
		t.Fatalf("kiosk said %q\n%s", said, stderr.String())
	}
	t.Log(said[0])

	s, err := store.Open(context.Background(), filepath.Join(dir, "kiosk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.CheckIns(context.Background(), store.CheckInFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].DelegateID != "D000003" {
		t.Fatalf("the kiosk's database holds %+v, want the one check-in of D000003", list)
	}
}

// writeBadgeFrame writes a 640x480 camera picture of code as a QR code
// on a badge held before a grey wall.
func writeBadgeFrame(t *testing.T, path, code string) {
	t.Helper()
	q, err := qrcode.New(code, qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	frame := image.NewRGBA(image.Rect(0, 0, 640, 480))
	draw.Draw(frame, frame.Bounds(), image.NewUniform(color.Gray{Y: 0x60}), image.Point{}, draw.Src)
	qr := q.Image(320)
	draw.Draw(frame, qr.Bounds().Add(image.Pt(160, 80)), qr, image.Point{}, draw.Src)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, frame); err != nil {
		t.Fatal(err)
	}
}
