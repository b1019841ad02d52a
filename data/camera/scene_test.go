package camera

import (
	"bytes"
	"crypto/ed25519"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/skip2/go-qrcode"

	"kiosk/assets/demokey"
	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/checkincode"
	"kiosk/data/keys"
)

// Test frames are drawn here from real codes: a demo badge signed with
// the demo event key, and a check-in code signed by a fresh kiosk key,
// each drawn by the QR encoder the project prints and shows codes with,
// then placed in a 640x480 camera picture the way a camera would see it.

const frameW, frameH = 640, 480

// demoBadge is a genuine demo badge, made as the kiosk's window tests
// make theirs.
func demoBadge(t testing.TB) string {
	t.Helper()
	at := time.Date(2016, 11, 8, 2, 15, 0, 0, time.UTC)
	tok, err := badge.Issue(demokey.Private(), badge.Claims{EventID: "interpol-ga85-2016", DelegateID: "D000003", Serial: 3,
		ValidFrom: at.Add(-24 * time.Hour), ValidUntil: at.Add(24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// demoCheckInCode is a check-in code as another kiosk shows it on its
// Welcome screen, signed by a kiosk key made from a fixed seed so that
// every run draws the same picture.
func demoCheckInCode(t testing.TB) string {
	t.Helper()
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	pub := priv.Public().(ed25519.PublicKey)
	var err error
	c := data.CheckIn{ID: "0123456789abcdef0123456789abcdef", EventID: "interpol-ga85-2016", KioskID: keys.KioskID(pub),
		Seq: 42, DelegateID: "D000003", BadgeSerial: 3, Purpose: data.PurposeArrival,
		ScannedAt: time.Date(2016, 11, 8, 2, 15, 3, 0, time.UTC), HLC: 1478571303000 << 16, Method: data.MethodScan}
	if c.Signature, err = checkincode.Sign(c.EventID, priv, c); err != nil {
		t.Fatal(err)
	}
	code, err := checkincode.Code(c.EventID, pub, c)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// modules is a QR code's modules, quiet zone of 4 included, as level M
// (the level badges and check-in codes are printed at).
func modules(t testing.TB, text string) [][]bool {
	t.Helper()
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	return q.Bitmap()
}

// scene says how a code sits in front of the camera and what the
// picture suffers on its way.
type scene struct {
	ppm    float64 // pixels per module
	angle  float64 // degrees, in the picture's plane
	tilt   float64 // perspective: how much farther one side is, per pixel
	mirror bool    // a mirrored picture, as a front camera gives
	invert bool    // light modules on a dark ground, as a phone in dark mode may show
	phone  bool    // on a phone's screen: bright rounded screen, glare, moiré
	blur   int     // box blur radius in pixels
	noise  int     // uniform noise, ± grey levels
	dark   uint8   // grey of the dark modules (default 0)
	light  uint8   // grey of the light modules and paper (default 255)
	jpeg   int     // JPEG quality, 0: none
	offX   float64 // where the code's centre is, from the frame's centre
	offY   float64
}

// frame draws the code of text as the camera sees it in sc.
func frame(t testing.TB, text string, sc scene) image.Image {
	t.Helper()
	bits := modules(t, text)
	g := image.NewGray(image.Rect(0, 0, frameW, frameH))
	drawCode(g, bits, sc)
	if sc.blur > 0 {
		boxBlur(g, sc.blur)
	}
	if sc.noise > 0 {
		addNoise(g, sc.noise, 7)
	}
	var img image.Image = g
	if sc.phone {
		img = tint(g)
	}
	if sc.jpeg > 0 {
		img = jpegRoundTrip(t, img, sc.jpeg)
	}
	return img
}

// drawCode paints the code into g through a homography (scale, rotation,
// perspective), each pixel the mean of 4x4 samples so that edges come
// out soft as a lens draws them, not stair-stepped.
func drawCode(g *image.Gray, bits [][]bool, sc scene) {
	n := float64(len(bits))
	dark, light := float64(sc.dark), float64(sc.light)
	if sc.light == 0 {
		light = 255
	}
	cx, cy := frameW/2+sc.offX, frameH/2+sc.offY
	inv := inverse(forward(sc, cx, cy))
	// shade is the grey at a point of the code's plane, in modules from
	// the code's top left corner.
	shade := func(u, v float64) float64 {
		if sc.phone {
			return phoneShade(bits, u, v, dark, light)
		}
		i, j := int(math.Floor(v)), int(math.Floor(u))
		if i < 0 || j < 0 || i >= len(bits) || j >= len(bits) {
			return 128 // a grey table beyond the badge
		}
		if sc.mirror {
			j = len(bits) - 1 - j
		}
		if bits[i][j] != sc.invert {
			return dark
		}
		return light
	}
	// only the pixels the code (or the phone) covers are sampled; the
	// rest is the ground, drawn at once
	ground := shade(-1e6, -1e6)
	for i := range g.Pix {
		g.Pix[i] = clamp(ground)
	}
	margin := 1.0
	if sc.phone {
		margin = 13
	}
	fwd := forward(sc, cx, cy)
	x0, y0, x1, y1 := frameW, frameH, 0, 0
	for _, c := range [][2]float64{{-1, -1}, {1, -1}, {-1, 1}, {1, 1}} {
		x, y := apply(fwd, c[0]*(n/2+margin), c[1]*(n/2+margin))
		x0, y0 = min(x0, int(x)-2), min(y0, int(y)-2)
		x1, y1 = max(x1, int(x)+2), max(y1, int(y)+2)
	}
	const ss = 4
	for y := max(y0, 0); y < min(y1, frameH); y++ {
		for x := max(x0, 0); x < min(x1, frameW); x++ {
			sum := 0.0
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					px, py := float64(x)+(float64(sx)+0.5)/ss, float64(y)+(float64(sy)+0.5)/ss
					u, v := apply(inv, px, py)
					sum += shade(u+n/2, v+n/2)
				}
			}
			g.Pix[y*g.Stride+x] = clamp(sum / ss / ss)
		}
	}
	if sc.phone {
		glareAndMoire(g)
	}
}

// phoneShade is a phone's screen: the code on a bright rounded screen
// with a dark body around it.
func phoneShade(bits [][]bool, u, v, dark, light float64) float64 {
	n := float64(len(bits))
	// the screen reaches 3 modules past the quiet zone at the sides and
	// 12 above and below, with corners rounded over 5 modules
	hw, hh, r := n/2+3, n/2+12, 5.0
	du, dv := math.Abs(u-n/2), math.Abs(v-n/2)
	if du > hw || dv > hh {
		return 45 // the room behind the phone
	}
	if du > hw-r && dv > hh-r && math.Hypot(du-(hw-r), dv-(hh-r)) > r {
		return 45
	}
	i, j := int(math.Floor(v)), int(math.Floor(u))
	if i >= 0 && j >= 0 && i < len(bits) && j < len(bits) && bits[i][j] {
		return dark + 25 // a screen's black glows
	}
	return light - 20
}

// glareAndMoire adds a screen's reflections: a bright glare washing
// over one corner, and the fine interference stripes a camera films off
// a pixel grid.
func glareAndMoire(g *image.Gray) {
	gx, gy := float64(frameW)*0.7, float64(frameH)*0.25
	for y := 0; y < frameH; y++ {
		for x := 0; x < frameW; x++ {
			i := y*g.Stride + x
			v := float64(g.Pix[i])
			d := math.Hypot(float64(x)-gx, float64(y)-gy)
			v += 70 * math.Max(0, 1-d/260)
			v += 10 * math.Sin(float64(x)*0.9+float64(y)*0.35)
			g.Pix[i] = clamp(v)
		}
	}
}

// forward maps the code's plane (pixels from its centre, before
// scaling: modules) to the frame.
func forward(sc scene, cx, cy float64) [9]float64 {
	a := sc.angle * math.Pi / 180
	c, s := math.Cos(a)*sc.ppm, math.Sin(a)*sc.ppm
	// rotate and scale, then a perspective that makes the right side
	// farther away, then move to (cx, cy)
	rs := [9]float64{c, -s, 0, s, c, 0, 0, 0, 1}
	p := [9]float64{1, 0, 0, 0, 1, 0, sc.tilt, sc.tilt / 3, 1}
	tr := [9]float64{1, 0, cx, 0, 1, cy, 0, 0, 1}
	return mul(tr, mul(p, rs))
}

func mul(a, b [9]float64) [9]float64 {
	var m [9]float64
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				m[3*i+j] += a[3*i+k] * b[3*k+j]
			}
		}
	}
	return m
}

func inverse(m [9]float64) [9]float64 {
	a, b, c, d, e, f, g, h, i := m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]
	det := a*(e*i-f*h) - b*(d*i-f*g) + c*(d*h-e*g)
	return [9]float64{
		(e*i - f*h) / det, (c*h - b*i) / det, (b*f - c*e) / det,
		(f*g - d*i) / det, (a*i - c*g) / det, (c*d - a*f) / det,
		(d*h - e*g) / det, (b*g - a*h) / det, (a*e - b*d) / det,
	}
}

func apply(m [9]float64, x, y float64) (float64, float64) {
	w := m[6]*x + m[7]*y + m[8]
	return (m[0]*x + m[1]*y + m[2]) / w, (m[3]*x + m[4]*y + m[5]) / w
}

func clamp(v float64) uint8 {
	return uint8(math.Round(math.Max(0, math.Min(255, v))))
}

// boxBlur blurs g with a (2r+1)-pixel box, across then down: an out of
// focus lens, or a hand that moved.
func boxBlur(g *image.Gray, r int) {
	tmp := make([]uint8, len(g.Pix))
	pass := func(dst, src []uint8, step, stride, n, lines int) {
		for l := 0; l < lines; l++ {
			for k := 0; k < n; k++ {
				sum, cnt := 0, 0
				for d := -r; d <= r; d++ {
					if j := k + d; j >= 0 && j < n {
						sum += int(src[l*stride+j*step])
						cnt++
					}
				}
				dst[l*stride+k*step] = uint8((sum + cnt/2) / cnt)
			}
		}
	}
	pass(tmp, g.Pix, 1, g.Stride, frameW, frameH)
	pass(g.Pix, tmp, g.Stride, 1, frameH, frameW)
}

// addNoise adds uniform noise of ±amp grey levels: a sensor in a dim hall.
func addNoise(g *image.Gray, amp int, seed uint64) {
	rnd := rand.New(rand.NewPCG(seed, 1))
	for i, p := range g.Pix {
		g.Pix[i] = clamp(float64(int(p) + rnd.IntN(2*amp+1) - amp))
	}
}

// tint turns a grey picture into a colour one with a screen's blue cast,
// so that the decoder's colour path is read too.
func tint(g *image.Gray) *image.RGBA {
	m := image.NewRGBA(g.Bounds())
	for i, p := range g.Pix {
		v := float64(p)
		m.Pix[4*i] = clamp(v * 0.9)
		m.Pix[4*i+1] = clamp(v * 0.97)
		m.Pix[4*i+2] = clamp(v*1.05 + 6)
		m.Pix[4*i+3] = 0xff
	}
	return m
}

// jpegRoundTrip compresses and decodes img, as a camera's MJPEG does.
func jpegRoundTrip(t testing.TB, img image.Image, q int) image.Image {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	out, err := jpeg.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// emptyFrame is a hall with nobody in front of the camera: soft shapes
// and sensor noise, no code.
func emptyFrame() *image.Gray {
	g := image.NewGray(image.Rect(0, 0, frameW, frameH))
	for y := 0; y < frameH; y++ {
		for x := 0; x < frameW; x++ {
			v := 90 + 60*math.Sin(float64(x)/70) + 40*math.Cos(float64(y)/45)
			if x > 400 && x < 520 && y > 80 && y < 400 { // a door frame
				v = 200
			}
			g.Pix[y*g.Stride+x] = clamp(v)
		}
	}
	addNoise(g, 8, 3)
	return g
}
