package camera

import (
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"testing"
)

// TestDecodeReadsWhatACameraSees is the decoder's contract: which
// pictures of a real badge code and check-in code it must read, and
// which it does not (the limits README.md "Camera" states). Each code is
// placed off the pixel grid (by a fraction of a pixel), as a real
// camera places it.
func TestDecodeReadsWhatACameraSees(t *testing.T) {
	badgeCode, checkInCode := demoBadge(t), demoCheckInCode(t)
	phone := scene{ppm: 3, phone: true, angle: 7, tilt: 0.0008, noise: 12}
	phoneJPEG := phone
	phoneJPEG.jpeg = 30
	cases := []struct {
		name string
		text string
		sc   scene
		read bool
	}{
		{"badge 2 px a module", badgeCode, scene{ppm: 2}, true},
		{"badge 1.75 px a module", badgeCode, scene{ppm: 1.75}, true},
		{"badge 1.25 px a module", badgeCode, scene{ppm: 1.25}, false},
		{"badge 4 px a module", badgeCode, scene{ppm: 4}, true},
		{"badge 8 px a module", badgeCode, scene{ppm: 8}, true},
		{"badge turned 10°", badgeCode, scene{ppm: 3, angle: 10}, true},
		{"badge turned 45°", badgeCode, scene{ppm: 4, angle: 45}, true},
		{"badge turned 90°", badgeCode, scene{ppm: 2.5, angle: 90}, true},
		{"badge upside down", badgeCode, scene{ppm: 4, angle: 180}, true},
		{"badge tilted away, far side 0.8 of the near", badgeCode, scene{ppm: 4, tilt: 0.001}, true},
		{"badge tilted away, far side 0.7 of the near", badgeCode, scene{ppm: 4, tilt: 0.0015}, false},
		{"badge blurred 1 px at 4 px a module", badgeCode, scene{ppm: 4, blur: 1}, true},
		{"badge blurred 2 px at 6 px a module", badgeCode, scene{ppm: 6, blur: 2}, true},
		{"badge blurred 3 px at 4 px a module", badgeCode, scene{ppm: 4, blur: 3}, false},
		{"badge with noise ±60", badgeCode, scene{ppm: 4, noise: 60}, true},
		{"badge grey 110 on 145", badgeCode, scene{ppm: 4, dark: 110, light: 145}, true},
		{"badge grey 60 on 200 with noise", badgeCode, scene{ppm: 4, dark: 60, light: 200, noise: 10}, true},
		{"badge grey 120 on 136", badgeCode, scene{ppm: 4, dark: 120, light: 136}, false},
		{"badge JPEG quality 30", badgeCode, scene{ppm: 3, jpeg: 30}, true},
		{"badge JPEG quality 30 at 2.5 px a module", badgeCode, scene{ppm: 2.5, jpeg: 30}, true},
		{"badge mirrored", badgeCode, scene{ppm: 4, mirror: true}, true},
		{"badge in dark mode colours", badgeCode, scene{ppm: 4, invert: true}, false},
		{"badge cut by the frame's edge", badgeCode, scene{ppm: 4, offX: 260}, false},
		{"badge near the frame's corner", badgeCode, scene{ppm: 3, offX: 220, offY: 150}, true},
		{"badge on a phone", badgeCode, phone, true},
		{"badge on a phone, JPEG quality 30", badgeCode, phoneJPEG, true},
		{"check-in code on a phone", checkInCode, phone, true},
		{"check-in code 2 px a module", checkInCode, scene{ppm: 2}, true},
		{"check-in code turned 30°, blurred, noisy", checkInCode, scene{ppm: 4, angle: 30, blur: 1, noise: 30}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel() // drawing the frames is most of the time: both cores
			c.sc.offX += 0.3
			c.sc.offY += 0.2
			got, ok := NewDecoder().Decode(frame(t, c.text, c.sc))
			if ok && got != c.text {
				t.Errorf("read %q, not the code", got)
			}
			if ok != c.read {
				t.Errorf("read %v, want %v", ok, c.read)
			}
		})
	}
}

func TestDecodeFindsNothingWithoutACode(t *testing.T) {
	d := NewDecoder()
	for name, img := range map[string]image.Image{
		"an empty hall":      emptyFrame(),
		"a white frame":      uniform(255),
		"a black frame":      uniform(0),
		"a tiny picture":     image.NewGray(image.Rect(0, 0, 3, 2)),
		"no picture":         nil,
		"an empty rectangle": image.NewRGBA(image.Rect(5, 5, 5, 5)),
	} {
		if got, ok := d.Decode(img); ok || got != "" {
			t.Errorf("%s: read %q", name, got)
		}
	}
}

// TestGreyOfEveryKindOfPicture: the grey, YCbCr, RGBA, NRGBA and any
// other picture (paletted here) give the grey levels the picture has,
// also when it does not start at (0, 0), as a sub-image does.
func TestGreyOfEveryKindOfPicture(t *testing.T) {
	const frameW, frameH = 200, 150 // a corner of a frame is enough, and quick
	g := image.NewGray(image.Rect(0, 0, frameW, frameH))
	draw.Draw(g, g.Bounds(), emptyFrame(), image.Point{}, draw.Src)
	big := image.NewGray(image.Rect(-50, -30, frameW+50, frameH+30))
	pal := image.NewPaletted(g.Bounds(), grays())
	rgba, nrgba := tint(g), image.NewNRGBA(g.Bounds()) // colour: the weights of red, green, blue count
	for y := 0; y < frameH; y++ {
		for x := 0; x < frameW; x++ {
			c := g.GrayAt(x, y)
			big.SetGray(x+10, y+10, c)
			pal.Set(x, y, c)
			nrgba.Set(x, y, rgba.At(x, y))
		}
	}
	want := func(img image.Image, at image.Point) func(x, y int) uint8 {
		return func(x, y int) uint8 { return color.GrayModel.Convert(img.At(at.X+x, at.Y+y)).(color.Gray).Y }
	}
	ycc := jpegRoundTrip(t, tint(g), 95).(*image.YCbCr)
	yccSub := ycc.SubImage(image.Rect(3, 5, frameW, frameH)).(*image.YCbCr)
	yccGrey := func(x, y int) uint8 { return yccSub.Y[yccSub.YOffset(3+x, 5+y)] }
	for name, c := range map[string]struct {
		img  image.Image
		grey func(x, y int) uint8
	}{
		"grey":            {g, want(g, image.Point{})},
		"grey sub-image":  {big.SubImage(image.Rect(10, 10, frameW+10, frameH+10)), want(g, image.Point{})},
		"paletted":        {pal, want(g, image.Point{})},
		"RGBA":            {rgba, want(rgba, image.Point{})},
		"RGBA sub-image":  {rgba.SubImage(image.Rect(7, 2, 150, 100)), want(rgba, image.Point{7, 2})},
		"NRGBA":           {nrgba, want(rgba, image.Point{})},
		"YCbCr sub-image": {yccSub, yccGrey},
	} {
		b := c.img.Bounds()
		dst := make([]byte, b.Dx()*b.Dy())
		grey(dst, c.img)
		bad := 0
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				if d := int(dst[y*b.Dx()+x]) - int(c.grey(x, y)); d > 1 || d < -1 {
					bad++
				}
			}
		}
		if bad > 0 {
			t.Errorf("%s: %d pixels of other grey", name, bad)
		}
	}
}

// TestDecodeReadsColourPictures: a colour frame (RGBA, and the YCbCr a
// camera's MJPEG decodes to) reads as a grey one does.
func TestDecodeReadsColourPictures(t *testing.T) {
	code := demoBadge(t)
	rgba := tint(frame(t, code, scene{ppm: 3, offX: 0.3, offY: 0.2}).(*image.Gray))
	for name, img := range map[string]image.Image{"RGBA": rgba, "YCbCr": jpegRoundTrip(t, rgba, 90)} {
		if got, ok := NewDecoder().Decode(img); !ok || got != code {
			t.Errorf("%s: read %v %q", name, ok, got)
		}
	}
}

func TestDecodeKeepsItsBufferBetweenFrames(t *testing.T) {
	d := NewDecoder()
	img := emptyFrame()
	d.Decode(img)
	buf := &d.lum[0]
	d.Decode(img)
	if &d.lum[0] != buf {
		t.Fatal("a second frame of the same size took a new grey buffer")
	}
}

// TestDecodeSurvivesDamagedCodes is a short bounded fuzz run in the
// normal suite: a real code's picture with random rectangles painted
// over it reaches the reader's deeper stages (finder patterns found,
// format or data damaged) where a fault would hide. Decode must neither
// panic nor read anything but the code.
func TestDecodeSurvivesDamagedCodes(t *testing.T) {
	code := demoBadge(t)
	clean := frame(t, code, scene{ppm: 2, offX: 0.3, offY: 0.2}).(*image.Gray)
	// only the code's 120x120 pixels and a little around them, so the
	// run stays short
	crop := clean.SubImage(image.Rect(250, 170, 390, 310)).(*image.Gray)
	rnd := rand.New(rand.NewPCG(1, 2))
	d := NewDecoder()
	read := 0
	const runs = 60
	for i := 0; i < runs; i++ {
		g := image.NewGray(crop.Bounds())
		draw.Draw(g, g.Bounds(), crop, g.Bounds().Min, draw.Src)
		for k := rnd.IntN(6) + 1; k > 0; k-- {
			x, y := 250+rnd.IntN(140), 170+rnd.IntN(140)
			w, h, v := rnd.IntN(12)+1, rnd.IntN(12)+1, uint8(rnd.IntN(2)*255)
			for yy := y; yy < min(y+h, 310); yy++ {
				for xx := x; xx < min(x+w, 390); xx++ {
					g.SetGray(xx, yy, color.Gray{Y: v})
				}
			}
		}
		got, ok := d.Decode(g)
		if ok && got != code {
			t.Fatalf("damaged picture %d read as %q", i, got)
		}
		if ok {
			read++
		}
	}
	// error correction repairs some damage and not all: both must have
	// happened, or the run did not reach the stages it is for
	if read == 0 || read == runs {
		t.Fatalf("%d of %d damaged pictures read", read, runs)
	}
	t.Logf("%d of %d damaged pictures read", read, runs)
}

// FuzzDecode: no picture makes Decode panic or hang. The normal run
// reads the seeds; `go test -fuzz FuzzDecode` searches further.
func FuzzDecode(f *testing.F) {
	f.Add(uint16(64), uint16(48), []byte{0, 255, 0, 255})
	f.Add(uint16(21), uint16(400), []byte{0})
	f.Add(uint16(160), uint16(120), finderLike())
	d := NewDecoder()
	f.Fuzz(func(t *testing.T, w, h uint16, pattern []byte) {
		if len(pattern) == 0 {
			return
		}
		w, h = w%400, h%300
		g := image.NewGray(image.Rect(0, 0, int(w), int(h)))
		for i := range g.Pix {
			g.Pix[i] = pattern[i%len(pattern)]
		}
		d.Decode(g)
	})
}

// finderLike is a row of the 1:1:3:1:1 pattern the reader looks for, so
// that the fuzzer starts from pictures that reach the reader's later
// stages.
func finderLike() []byte {
	var p []byte
	for _, run := range []struct {
		n int
		v byte
	}{{4, 0}, {4, 255}, {12, 0}, {4, 255}, {4, 0}, {7, 255}} {
		for i := 0; i < run.n; i++ {
			p = append(p, run.v)
		}
	}
	return p
}

func uniform(v uint8) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, frameW, frameH))
	for i := range g.Pix {
		g.Pix[i] = v
	}
	return g
}

func grays() color.Palette {
	p := make(color.Palette, 256)
	for i := range p {
		p[i] = color.Gray{Y: uint8(i)}
	}
	return p
}
