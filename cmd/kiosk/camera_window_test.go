package main

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	qrcode "github.com/skip2/go-qrcode"

	"kiosk/ui"
)

// cameraChild makes the test binary run the real kiosk in a real window,
// filming the pictures of a folder (--camera-pictures), and report on
// stdout what the kiosk shows.
const cameraChild = "KIOSK_TEST_REAL_CAMERA"

// runCameraChild is the child: the environment gives the data folder, the
// folder of pictures, and what to report: the check-in of the badge
// filmed ("badge"), or the CPU time an idle kiosk spends in a few seconds
// on Home or the Check-in screen ("home", "checkin"), the same without a
// camera ("off", "checkin-off").
func runCameraChild(spec string) {
	var dir, frames, mode string
	fmt.Sscanf(spec, "%s %s %s", &dir, &frames, &mode)
	a := app.NewWithID(AppID)
	a.Settings().SetTheme(ui.Theme())
	w := a.NewWindow("Assembly Kiosk camera")
	w.Resize(fyne.NewSize(1280, 800))
	args := []string{"--data", dir, "--idle", "1h", "--clock", "2016-11-08 10:15", "--camera-pictures", frames}
	if strings.HasSuffix(mode, "off") {
		args = []string{"--data", dir, "--idle", "1h", "--clock", "2016-11-08 10:15"}
	}
	o, err := parseFlags(args, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
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
			if mode == "badge" {
				reportCamera(k)
			} else {
				reportIdle(k, mode)
			}
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

// idleFor is how long the idle kiosk's CPU time is measured.
const idleFor = 5 * time.Second

// reportIdle prints the CPU time the kiosk spent in idleFor on the screen
// mode names, once it has settled.
func reportIdle(k *ui.Kiosk, mode string) {
	if !strings.HasSuffix(mode, "off") {
		for !running(k) {
			time.Sleep(20 * time.Millisecond)
		}
	}
	if strings.HasPrefix(mode, "checkin") {
		fyne.DoAndWait(func() { k.Show(ui.ScreenCheckIn) })
	}
	time.Sleep(2 * time.Second) // the start's own work done
	before := cpuTime()
	time.Sleep(idleFor)
	fmt.Printf("cpu %d\n", cpuTime()-before)
}

func running(k *ui.Kiosk) bool {
	var ok bool
	fyne.DoAndWait(func() { ok = k.CameraState().Running })
	return ok
}

// cpuTime is the CPU time this process used so far, user and system.
func cpuTime() time.Duration {
	var u syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &u)
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// runChild runs the camera child on spec and returns what it printed.
func runChild(t testing.TB, spec string) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$", "-test.bench=^$")
	cmd.Env = append(os.Environ(), cameraChild+"="+spec, "LANG=en_GB.UTF-8")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("kiosk: %v\n%s", err, stderr.String())
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

// BenchmarkCameraIdleCPU is the share of one core an idle kiosk uses
// with its camera filming an empty desk at 15 frames a second (each one
// decoded, none holding a code), on Home and on the Check-in screen with
// its preview, and the same without a camera, in the real window.
func BenchmarkCameraIdleCPU(b *testing.B) {
	if os.Getenv("DISPLAY") == "" {
		b.Skip("no display: run under Xvfb")
	}
	frames := b.TempDir()
	writeFrame(b, filepath.Join(frames, "desk.png"), deskFrame())
	for range b.N {
		for _, mode := range []string{"off", "home", "checkin-off", "checkin"} {
			said := runChild(b, filepath.Join(b.TempDir(), "data")+" "+frames+" "+mode)
			var cpu time.Duration
			if _, err := fmt.Sscanf(said[len(said)-1], "cpu %d", &cpu); err != nil {
				b.Fatalf("kiosk said %q", said)
			}
			b.ReportMetric(100*cpu.Seconds()/idleFor.Seconds(), mode+"-%cpu")
		}
	}
}

// deskFrame is a 640x480 picture with no code in it but the texture of a
// real scene, which the decoder must search in vain.
func deskFrame() image.Image {
	frame := image.NewGray(image.Rect(0, 0, 640, 480))
	r := rand.New(rand.NewPCG(1, 2))
	for by := 0; by < 480; by += 8 {
		for bx := 0; bx < 640; bx += 8 {
			v := uint8(40 + by/4 + r.IntN(60))
			draw.Draw(frame, image.Rect(bx, by, bx+8, by+8), image.NewUniform(color.Gray{Y: v}), image.Point{}, draw.Src)
		}
	}
	return frame
}

// The camera in the real window, on the real Fyne driver: a badge filmed
// is checked in once, however long it stays in view, and welcomed.
func TestCameraChecksInInTheRealWindow(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no display: run the suite under Xvfb (make test does)")
	}
	dir := filepath.Join(t.TempDir(), "data")
	frames := t.TempDir()
	writeFrame(t, filepath.Join(frames, "badge.png"), badgeFrame(t, demoBadge(t)))
	said := runChild(t, dir+" "+frames+" badge")
	if len(said) != 2 || !strings.HasPrefix(said[0], "result Welcome: ") || said[1] != "done" {
		t.Fatalf("kiosk said %q", said)
	}
	t.Log(said[0])

	wantOneCheckIn(t, dir, "D000003")
}

// badgeFrame is a 640x480 camera picture of code as a QR code on a badge
// held before a grey wall.
func badgeFrame(t *testing.T, code string) image.Image {
	t.Helper()
	q, err := qrcode.New(code, qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	frame := image.NewRGBA(image.Rect(0, 0, 640, 480))
	draw.Draw(frame, frame.Bounds(), image.NewUniform(color.Gray{Y: 0x60}), image.Point{}, draw.Src)
	qr := q.Image(320)
	draw.Draw(frame, qr.Bounds().Add(image.Pt(160, 80)), qr, image.Point{}, draw.Src)
	return frame
}

// writeFrame writes a picture for the camera's folder.
func writeFrame(t testing.TB, path string, frame image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, frame); err != nil {
		t.Fatal(err)
	}
}
