package camera

import (
	"fmt"
	"image"
	"math"
	"sync"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// Decoder finds a QR code in a frame, with gozxing's QR reader (pure Go).
//
// What it reads, measured on badge codes (QR version 8, level M) and
// check-in codes placed in 640x480 frames (decode_test.go, README.md
// "Camera"):
//   - codes of 2 pixels per module and more: a badge code 100 pixels wide
//     in a 640x480 frame; 1.5 pixels per module does not read;
//   - any rotation in the picture's plane (10°, 30°, 45°, 90°, 180°…),
//     and a little perspective, as a phone held at a slight angle gives;
//   - blur up to a radius of about a third of a module (box blur 2 px at
//     6 px a module); a code blurred over a whole module does not read;
//   - contrast down to about 12% of the range (dark 110, light 140), and
//     noise of ±60 grey levels at 6 px a module;
//   - JPEG at quality 30, as a cheap camera's MJPEG gives;
//   - a code on a phone screen: bright rounded screen on a darker
//     background, skewed, with glare and moiré;
//   - mirrored codes (a front camera's mirrored picture) read too: the QR
//     reader tries the mirror image when the normal one fails.
//
// What it does not read: light modules on a dark ground (a phone in dark
// mode showing an inverted code), codes cut by the frame's edge, more
// than one code at once (it reports one), and codes below the limits
// above.
//
// Decode tries the fast way first (the hybrid binarizer on the grey
// picture) and only when that fails the slower ways that help hard
// frames: every row searched for finder patterns (TRY_HARDER), then a
// global threshold, which reads low-contrast frames the local one
// breaks up. A Decoder keeps its grey buffer between frames; it is safe
// for use by one goroutine at a time (calls from several goroutines are
// serialised).
type Decoder struct {
	mu     sync.Mutex
	lum    []byte // the frame's grey levels, w x h
	w, h   int
	half   []byte // the same at half the size
	alt    []byte
	reader gozxing.Reader
}

// NewDecoder makes a Decoder.
func NewDecoder() *Decoder { return &Decoder{reader: qrcode.NewQRCodeReader()} }

var (
	hardHints = map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
)

// Decode returns the text of the QR code in img; ok is false when it
// finds none. It never panics: a picture the reader chokes on is a
// picture without a code.
func (d *Decoder) Decode(img image.Image) (text string, ok bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	defer func() {
		if recover() != nil {
			text, ok = "", false
		}
	}()
	src, err := d.luminance(img)
	if err != nil {
		return "", false
	}
	if t, ok := d.read(gozxing.NewHybridBinarizer(src), nil); ok {
		return t, true
	}
	if t, ok := d.read(gozxing.NewHybridBinarizer(src), hardHints); ok {
		return t, true
	}
	if t, ok := d.read(gozxing.NewGlobalHistgramBinarizer(src), hardHints); ok {
		return t, true
	}
	for i := range curves {
		if t, ok := d.read(gozxing.NewHybridBinarizer(d.curved(&curves[i])), hardHints); ok {
			return t, true
		}
	}
	half, err := d.halve()
	if err != nil {
		return "", false
	}
	return d.read(gozxing.NewHybridBinarizer(half), hardHints)
}

var curves = [2][256]byte{gammaLUT(0.5), gammaLUT(2)}

func gammaLUT(g float64) (lut [256]byte) {
	for i := range lut {
		lut[i] = byte(math.Round(255 * math.Pow(float64(i)/255, g)))
	}
	return lut
}

func (d *Decoder) curved(lut *[256]byte) gozxing.LuminanceSource {
	if cap(d.alt) < len(d.lum) {
		d.alt = make([]byte, len(d.lum))
	}
	alt := d.alt[:d.w*d.h]
	for i, v := range d.lum[:d.w*d.h] {
		alt[i] = lut[v]
	}
	src, _ := gozxing.NewPlanarYUVLuminanceSource(alt, d.w, d.h, 0, 0, d.w, d.h, false)
	return src
}

// halve makes the grey picture half as wide and high, each pixel the
// mean of four. A code whose edges fall between pixels can make the
// reader count its modules wrong (47 for 49); at half the size they
// fall elsewhere, and a blurred code comes out sharper.
func (d *Decoder) halve() (gozxing.LuminanceSource, error) {
	w, h := d.w/2, d.h/2
	if cap(d.half) < w*h {
		d.half = make([]byte, w*h)
	}
	half := d.half[:w*h]
	for y := 0; y < h; y++ {
		a, b := d.lum[2*y*d.w:], d.lum[(2*y+1)*d.w:]
		out := half[y*w : (y+1)*w]
		for x := range out {
			out[x] = byte((int(a[2*x]) + int(a[2*x+1]) + int(b[2*x]) + int(b[2*x+1]) + 2) / 4)
		}
	}
	return gozxing.NewPlanarYUVLuminanceSource(half, w, h, 0, 0, w, h, false)
}

func (d *Decoder) read(b gozxing.Binarizer, hints map[gozxing.DecodeHintType]interface{}) (string, bool) {
	bmp, err := gozxing.NewBinaryBitmap(b)
	if err != nil {
		return "", false
	}
	res, err := d.reader.Decode(bmp, hints)
	if err != nil || res == nil {
		return "", false
	}
	return res.GetText(), true
}

// luminance copies img's grey levels into the Decoder's buffer, kept
// between frames so a frame costs no new buffer.
func (d *Decoder) luminance(img image.Image) (gozxing.LuminanceSource, error) {
	if img == nil {
		return nil, fmt.Errorf("no picture")
	}
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	if w < 21 || h < 21 { // smaller than the smallest QR code, quiet zone left out
		return nil, fmt.Errorf("picture of %dx%d too small for a QR code", w, h)
	}
	if cap(d.lum) < w*h {
		d.lum = make([]byte, w*h)
	}
	d.w, d.h = w, h
	lum := d.lum[:w*h]
	grey(lum, img)
	return gozxing.NewPlanarYUVLuminanceSource(lum, w, h, 0, 0, w, h, false)
}

// grey writes img's luminance into dst, row after row. The kinds a
// camera gives (grey from YUYV, YCbCr from MJPEG) are copied; RGB is
// weighed as ITU-R BT.601 does.
func grey(dst []byte, img image.Image) {
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	switch m := img.(type) {
	case *image.Gray:
		for y := 0; y < h; y++ {
			i := m.PixOffset(r.Min.X, r.Min.Y+y)
			copy(dst[y*w:(y+1)*w], m.Pix[i:i+w])
		}
	case *image.YCbCr:
		for y := 0; y < h; y++ {
			i := m.YOffset(r.Min.X, r.Min.Y+y)
			copy(dst[y*w:(y+1)*w], m.Y[i:i+w])
		}
	case *image.RGBA:
		rgbGrey(dst, m.Pix, m.Stride, m.PixOffset(r.Min.X, r.Min.Y), w, h)
	case *image.NRGBA:
		rgbGrey(dst, m.Pix, m.Stride, m.PixOffset(r.Min.X, r.Min.Y), w, h)
	default:
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				cr, cg, cb, _ := img.At(r.Min.X+x, r.Min.Y+y).RGBA()
				dst[y*w+x] = byte((19595*cr + 38470*cg + 7471*cb + 1<<15) >> 24)
			}
		}
	}
}

// rgbGrey weighs 4-byte RGB(A) pixels into grey levels.
func rgbGrey(dst, pix []byte, stride, off, w, h int) {
	for y := 0; y < h; y++ {
		row := pix[off+y*stride : off+y*stride+4*w]
		out := dst[y*w : (y+1)*w]
		for x := range out {
			p := row[4*x : 4*x+3]
			out[x] = byte((19595*uint32(p[0]) + 38470*uint32(p[1]) + 7471*uint32(p[2]) + 1<<15) >> 16)
		}
	}
}
