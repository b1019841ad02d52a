package qrimage

import (
	"strings"
	"testing"
)

func TestImageHasQuietZoneAndModules(t *testing.T) {
	img, version, err := Image("KCBCDF", 300)
	if err != nil {
		t.Fatal(err)
	}
	if version < 1 || img.Bounds().Dx() > 300 || img.Bounds().Dx() < 200 {
		t.Fatalf("version %d, %d px", version, img.Bounds().Dx())
	}
	// The corner is quiet zone: white.
	if img.GrayAt(0, 0).Y != 0xff {
		t.Fatal("no quiet zone")
	}
	dark := 0
	for _, p := range img.Pix {
		if p == 0 {
			dark++
		}
	}
	if dark == 0 || dark == len(img.Pix) {
		t.Fatalf("%d dark pixels of %d", dark, len(img.Pix))
	}
}

// BenchmarkCheckInCodeQR draws a typical check-in code (280 characters)
// for the screen. Goal: under 5 ms.
func BenchmarkCheckInCodeQR(b *testing.B) {
	code := "KC" + strings.Repeat("BCDFGHJKLNPRSTVX", 17) + "BCDFGHJK"
	for b.Loop() {
		if _, _, err := Image(code, 480); err != nil {
			b.Fatal(err)
		}
	}
}
