package main

import (
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The screenshot flags are taken but not shown to staff in --help.
func TestScreenshotFlagsAreHidden(t *testing.T) {
	var out strings.Builder
	parseFlags([]string{"--help"}, &out)
	if !strings.Contains(out.String(), "-windowed") || strings.Contains(out.String(), "screenshot") {
		t.Errorf("--help shows the screenshot flags, or not the others:\n%s", out.String())
	}
	o, err := parseFlags([]string{"--screenshots", "pics", "--screenshot-badge", "B", "--screenshot-scenes", "home"}, io.Discard)
	if err != nil || o.shots != (shotOptions{dir: "pics", badge: "B", scenes: "home"}) {
		t.Fatalf("screenshot flags: %+v %v", o.shots, err)
	}
	if _, err := o.shots.list(); err != nil {
		t.Errorf("scene home: %v", err)
	}
	o.shots.scenes = "home,nowhere"
	if _, err := o.shots.list(); err == nil || !strings.Contains(err.Error(), "nowhere") {
		t.Errorf("an unknown scene: %v", err)
	}
}

// kiosk --screenshots, as make screenshots runs it, on a few scenes: the
// real app in a real window writes a picture per scene and language that
// shows a screen, not a blank window, each language its own.
func TestScreenshotsFlag(t *testing.T) {
	dir := t.TempDir()
	_, lines := startKiosk(t, "--screenshots", dir, "--screenshot-badge", demoBadge(t),
		"--screenshot-scenes", "home,welcome", "--clock", "2016-11-08 10:15")
	waitFor(t, lines, "welcome_ar.png", 3*time.Minute)
	pictures := map[string]image.Image{}
	for _, name := range []string{"home_en", "home_ar", "welcome_en", "welcome_ar"} {
		img := readPNG(t, filepath.Join(dir, name+".png"))
		if b := img.Bounds(); b.Dx() != shotWidth || b.Dy() != shotWidth*9/16 {
			t.Errorf("%s is %v, want %d wide in the screen's 16:9", name, b, shotWidth)
		}
		if n := colours(img); n < 100 {
			t.Errorf("%s has %d colours: a blank window, not a screen", name, n)
		}
		pictures[name] = img
	}
	if same(pictures["home_en"], pictures["home_ar"]) || same(pictures["home_en"], pictures["welcome_en"]) {
		t.Error("two scenes or two languages give the same picture")
	}
}

func readPNG(t *testing.T, file string) image.Image {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return img
}

// colours counts the distinct colours of a picture.
func colours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
		}
	}
	return len(seen)
}

func same(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}
