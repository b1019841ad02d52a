package camera

import (
	"fmt"
	"os"
	"testing"
)

// TestDecodeLimits measures what the decoder reads: each picture of a
// badge code at four positions a fraction of a pixel apart (a camera
// puts a code anywhere on its pixel grid), how many of the four read,
// and which way read each (0 the fast way, -1 none). The figures in
// README.md "Camera" come from it:
//
//	KIOSK_CAMERA_LIMITS=1 go test -run DecodeLimits -v ./data/camera
func TestDecodeLimits(t *testing.T) {
	if os.Getenv("KIOSK_CAMERA_LIMITS") == "" {
		t.Skip("a measurement: KIOSK_CAMERA_LIMITS=1 runs it")
	}
	code := demoBadge(t)
	d := NewDecoder()
	try := func(name string, sc scene) {
		read := 0
		var ways []int
		for _, off := range [][2]float64{{0, 0}, {0.25, 0.1}, {0.5, 0.5}, {0.75, 0.4}} {
			sc.offX, sc.offY = off[0], off[1]
			if got, ok := d.Decode(frame(t, code, sc)); ok && got == code {
				read++
			}
			ways = append(ways, d.way)
		}
		t.Logf("%-34s %d/4 read, ways %v", name, read, ways)
	}
	for _, p := range []float64{1.25, 1.5, 1.75, 2, 2.5, 3, 4, 8} {
		try(fmt.Sprintf("%.2f px a module", p), scene{ppm: p})
	}
	for _, a := range []float64{10, 30, 45, 90} {
		for _, p := range []float64{2, 2.5, 3, 4} {
			try(fmt.Sprintf("turned %.0f°, %.1f px a module", a, p), scene{ppm: p, angle: a})
		}
	}
	for _, tl := range []float64{0.0005, 0.001, 0.0015} {
		try(fmt.Sprintf("tilt %.4f", tl), scene{ppm: 4, tilt: tl})
	}
	for _, p := range []float64{4, 6} {
		for _, b := range []int{1, 2, 3, 4} {
			try(fmt.Sprintf("blur %d px, %.0f px a module", b, p), scene{ppm: p, blur: b})
		}
	}
	for _, n := range []int{40, 60, 80, 100, 128} {
		try(fmt.Sprintf("noise ±%d", n), scene{ppm: 4, noise: n})
	}
	for _, c := range [][2]uint8{{100, 160}, {110, 145}, {115, 140}, {120, 136}} {
		try(fmt.Sprintf("grey %d on %d", c[0], c[1]), scene{ppm: 4, dark: c[0], light: c[1]})
	}
	for _, p := range []float64{2, 2.5, 3} {
		try(fmt.Sprintf("JPEG 30, %.1f px a module", p), scene{ppm: p, jpeg: 30})
	}
	try("mirrored", scene{ppm: 4, mirror: true})
	try("dark mode (inverted)", scene{ppm: 4, invert: true})
	for _, p := range []float64{2.5, 3, 4} {
		try(fmt.Sprintf("phone, %.1f px a module", p), scene{ppm: p, phone: true, angle: 7, tilt: 0.0008, noise: 12})
	}
}
