package camera

import (
	"image"
	"math"
	"sync"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// Decoder finds a QR code in a frame, with gozxing's QR reader (pure Go).
//
// What it reads, measured on a badge code (180 characters, QR version 8
// at level M: 49 modules and a quiet zone of 4 on each side) in a
// 640x480 frame, each case at four positions a fraction of a pixel apart
// (TestDecodeLimits; README.md "Camera"):
//   - 1.75 pixels per module and more, the code square to the frame (the
//     code 86 px wide); turned 10° to 30°, 2.5; at any angle, 4. A code
//     whose edges fall exactly between pixels may miss one frame (3 of 4
//     positions at 3 px a module): the next frame, placed otherwise,
//     reads;
//   - perspective: one side of the code up to 1.25 times the other;
//   - blur: a box blur of 1 px at 4 px a module, 2 px at 6;
//   - noise of ±100 grey levels; contrast down to grey 115 on 140;
//   - JPEG at quality 30 (a cheap camera's MJPEG) from 2.5 px a module;
//   - mirrored codes (a front camera), and a code on a phone's screen:
//     bright rounded screen, dark room, turned, skewed, glare, moiré.
//
// What it does not read: 1.5 px a module or less, one side of the code
// 1.4 times the other, blur over most of a module (3 px at 4 px a
// module), grey 120 on 136, light modules on a dark ground (a phone in
// dark mode showing an inverted code), codes cut by the frame's edge.
// Of several codes in view it reports one.
//
// Decode tries the fast way first (the hybrid binarizer, a threshold
// for each block of the grey picture), which reads almost every frame a
// delegate holds up in 2–4 ms on the kiosk's 2 cores; only when it
// misses, the slow ways that help hard frames: one global threshold
// with every row searched for finder patterns (TRY_HARDER), the picture
// made lighter or darker (low contrast), and the picture at half size
// (edges between pixels). A Decoder keeps its grey buffers between
// frames, so a frame costs no new buffer; calls from several goroutines
// are serialised.
type Decoder struct {
	mu     sync.Mutex
	lum    []byte // the frame's grey levels, w x h
	w, h   int
	half   []byte // the same at half the size
	alt    []byte // the same through a curve, lighter or darker
	way    int    // the index in ways of the way that read the last frame; -1: none did
	reader gozxing.Reader
}

// NewDecoder makes a Decoder.
func NewDecoder() *Decoder { return &Decoder{reader: qrcode.NewQRCodeReader()} }

var hardHints = map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}

// A way of reading a frame: which grey picture, which threshold, which
// hints.
type way struct {
	name   string
	grey   func(d *Decoder) gozxing.LuminanceSource
	global bool // one threshold for the whole picture, not one per block
	hints  map[gozxing.DecodeHintType]interface{}
}

// ways are tried in turn until one reads the code: the fast one first,
// which reads almost every frame a delegate holds up; the others only
// for a frame it misses.
var ways = []way{
	{"fast", (*Decoder).plain, false, nil},
	{"global threshold", (*Decoder).plain, true, hardHints},
	{"lighter", func(d *Decoder) gozxing.LuminanceSource { return d.curved(&curves[0]) }, false, hardHints},
	{"darker", func(d *Decoder) gozxing.LuminanceSource { return d.curved(&curves[1]) }, false, hardHints},
	{"half size", (*Decoder).halve, false, hardHints},
}

// Decode returns the text of the QR code in img, trying every way;
// ok is false when it finds none. It never panics: a picture the reader
// chokes on is a picture without a code.
func (d *Decoder) Decode(img image.Image) (text string, ok bool) {
	text, ok, _ = d.decode(img, true)
	return text, ok
}

// DecodeFast is Decode the fast way only: a quarter of the time on a
// frame without a code.
func (d *Decoder) DecodeFast(img image.Image) (text string, ok bool) {
	text, ok, _ = d.decode(img, false)
	return text, ok
}

// decode reads img the fast way, then, when slow is true and the fast
// way missed, the slow ways; slowTried says whether they ran.
func (d *Decoder) decode(img image.Image, slow bool) (text string, ok, slowTried bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.way = -1
	defer func() {
		if recover() != nil {
			text, ok = "", false
		}
	}()
	if !d.luminance(img) {
		return "", false, false
	}
	for i, w := range ways {
		if i > 0 && !slow {
			break
		}
		slowTried = i > 0
		var b gozxing.Binarizer
		if w.global {
			b = gozxing.NewGlobalHistgramBinarizer(w.grey(d))
		} else {
			b = gozxing.NewHybridBinarizer(w.grey(d))
		}
		if t, ok := d.read(b, w.hints); ok {
			d.way = i
			return t, true, slowTried
		}
	}
	return "", false, slowTried
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
	return grid(alt, d.w, d.h)
}

// halve makes the grey picture half as wide and high, each pixel the
// mean of four. A code whose edges fall between pixels can make the
// reader count its modules wrong (47 for 49); at half the size they
// fall elsewhere, and a blurred code comes out sharper.
func (d *Decoder) halve() gozxing.LuminanceSource {
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
	return grid(half, w, h)
}

// grid wraps grey levels for the reader; the size always fits the
// buffer, so it never fails.
func grid(lum []byte, w, h int) gozxing.LuminanceSource {
	src, err := gozxing.NewPlanarYUVLuminanceSource(lum, w, h, 0, 0, w, h, false)
	if err != nil {
		panic(err)
	}
	return src
}

// plain is the frame's grey picture as it is.
func (d *Decoder) plain() gozxing.LuminanceSource { return grid(d.lum[:d.w*d.h], d.w, d.h) }

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
// between frames so a frame costs no new buffer. It says false for a
// picture too small to hold a code.
func (d *Decoder) luminance(img image.Image) bool {
	if img == nil {
		return false
	}
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	if w < 21 || h < 21 { // smaller than the smallest QR code
		return false
	}
	if cap(d.lum) < w*h {
		d.lum = make([]byte, w*h)
	}
	d.w, d.h = w, h
	grey(d.lum[:w*h], img)
	return true
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
