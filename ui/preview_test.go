package ui

import (
	"image"
	"image/color"
	"testing"
)

// A frame is mirrored and cropped to the preview's shape at its centre:
// a 16:9 frame loses its sides, not its top.
func TestPreviewIsMirroredAndCroppedAtTheCentre(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 1280, 720))
	for y := range 720 {
		for x := range 1280 {
			c := color.RGBA{A: 0xff}
			if x < 640 {
				c.R = 0xff // the left half red, the right half black
			}
			if x < 160 || x >= 1120 {
				c.G = 0xff // outside the 4:3 middle: cropped away
			}
			src.SetRGBA(x, y, c)
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, previewWidth, previewHeight))
	scalePreview(dst, src)
	for _, p := range []struct {
		x     int
		red   bool
		where string
	}{{0, false, "left edge"}, {previewWidth/2 - 1, false, "left of the middle"}, {previewWidth / 2, true, "right of the middle"}, {previewWidth - 1, true, "right edge"}} {
		c := dst.RGBAAt(p.x, previewHeight/2)
		if (c.R == 0xff) != p.red || c.G != 0 || c.A != 0xff {
			t.Errorf("%s: %v, want red %v and nothing from outside the middle", p.where, c, p.red)
		}
	}
}

// Every kind of frame a camera gives is drawn with the same colours.
func TestPreviewReadsEveryFrameKind(t *testing.T) {
	grey := image.NewGray(image.Rect(0, 0, 64, 48))
	ycc := image.NewYCbCr(image.Rect(0, 0, 64, 48), image.YCbCrSubsampleRatio422)
	nrgba := image.NewNRGBA(image.Rect(0, 0, 64, 48))
	paletted := image.NewPaletted(image.Rect(0, 0, 64, 48), color.Palette{color.Gray{Y: 200}})
	for i := range grey.Pix {
		grey.Pix[i] = 200
	}
	for i := range ycc.Y {
		ycc.Y[i] = 200
	}
	for i := range ycc.Cb {
		ycc.Cb[i], ycc.Cr[i] = 128, 128
	}
	for i := 0; i < len(nrgba.Pix); i += 4 {
		nrgba.Pix[i], nrgba.Pix[i+1], nrgba.Pix[i+2], nrgba.Pix[i+3] = 200, 200, 200, 0xff
	}
	dst := image.NewRGBA(image.Rect(0, 0, previewWidth, previewHeight))
	for name, src := range map[string]image.Image{"grey": grey, "YCbCr": ycc, "NRGBA": nrgba, "paletted": paletted} {
		clear(dst.Pix)
		scalePreview(dst, src)
		if c := dst.RGBAAt(100, 100); c.R < 199 || c.R > 201 || c.G != c.R || c.B != c.R || c.A != 0xff {
			t.Errorf("%s: %v, want grey 200", name, c)
		}
	}
}

// The preview of a 640x480 frame from an MJPEG camera, every tenth of a
// second while the Check-in screen is on show.
func BenchmarkScalePreview(b *testing.B) {
	src := image.NewYCbCr(image.Rect(0, 0, 640, 480), image.YCbCrSubsampleRatio422)
	dst := image.NewRGBA(image.Rect(0, 0, previewWidth, previewHeight))
	b.ReportAllocs()
	for b.Loop() {
		scalePreview(dst, src)
	}
}
