package ui

import (
	"image"
	"image/color"
)

// The preview's size in pixels: a 640x480 frame halved. The screen draws
// it larger; a badge is aimed, not read, on it.
const (
	previewWidth  = 320
	previewHeight = 240
)

// previewFeed holds the preview's buffers: one on screen, the others free
// for the watcher to scale the next frame into. A buffer goes back to
// the free ones only when the screen shows another, so the watcher never
// writes into the picture being drawn, and nothing is allocated per frame.
type previewFeed struct {
	free chan *image.RGBA
}

func newPreviewFeed() *previewFeed {
	f := &previewFeed{free: make(chan *image.RGBA, 2)}
	for range cap(f.free) {
		f.free <- image.NewRGBA(image.Rect(0, 0, previewWidth, previewHeight))
	}
	return f
}

// take is a free buffer, or nil when none is: the frame is then dropped.
func (f *previewFeed) take() *image.RGBA {
	select {
	case b := <-f.free:
		return b
	default:
		return nil
	}
}

// give returns a buffer no longer on screen.
func (f *previewFeed) give(b *image.RGBA) {
	if b == nil {
		return
	}
	select {
	case f.free <- b:
	default: // not one of ours
	}
}

// scalePreview draws src into dst, mirrored as a looking glass is (a
// person moves the badge the way they see it move), cropped at the centre
// to dst's shape and scaled by the nearest pixel: a few hundred
// microseconds for a 640x480 frame, with no allocation for the frames
// cameras give (YCbCr from MJPEG, grey, RGBA).
func scalePreview(dst *image.RGBA, src image.Image) {
	b := src.Bounds()
	w, h := dst.Rect.Dx(), dst.Rect.Dy()
	if b.Empty() {
		clear(dst.Pix)
		return
	}
	// The largest part of src with dst's shape, at its centre.
	cw, ch := b.Dx(), b.Dy()
	if cw*h > ch*w {
		cw = ch * w / h
	} else {
		ch = cw * h / w
	}
	x0, y0 := b.Min.X+(b.Dx()-cw)/2, b.Min.Y+(b.Dy()-ch)/2
	for y := range h {
		sy := y0 + y*ch/h
		row := dst.Pix[y*dst.Stride : y*dst.Stride+4*w]
		for x := range w {
			sx := x0 + (w-1-x)*cw/w
			r, g, bl := pixel(src, sx, sy)
			p := row[4*x : 4*x+4 : 4*x+4]
			p[0], p[1], p[2], p[3] = r, g, bl, 0xff
		}
	}
}

// pixel reads one pixel's colour, quickly for the usual frame types.
func pixel(src image.Image, x, y int) (r, g, b uint8) {
	switch s := src.(type) {
	case *image.YCbCr:
		return color.YCbCrToRGB(s.Y[s.YOffset(x, y)], s.Cb[s.COffset(x, y)], s.Cr[s.COffset(x, y)])
	case *image.Gray:
		v := s.Pix[s.PixOffset(x, y)]
		return v, v, v
	case *image.RGBA:
		i := s.PixOffset(x, y)
		return s.Pix[i], s.Pix[i+1], s.Pix[i+2]
	case *image.NRGBA:
		i := s.PixOffset(x, y)
		return s.Pix[i], s.Pix[i+1], s.Pix[i+2]
	}
	r16, g16, b16, _ := src.At(x, y).RGBA()
	return uint8(r16 >> 8), uint8(g16 >> 8), uint8(b16 >> 8)
}
