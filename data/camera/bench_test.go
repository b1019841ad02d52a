package camera

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"testing"
	"time"
)

// BenchmarkDecode640x480: a badge code held up to the camera, 4 px a
// module (a badge about 25 cm away), turned a little: the frame the
// kiosk decodes when a delegate checks in. Goal: under 30 ms.
func BenchmarkDecode640x480(b *testing.B) {
	benchDecode(b, frame(b, demoBadge(b), scene{ppm: 4, angle: 10, offX: 0.3, offY: 0.2}), true)
}

// BenchmarkDecode640x480Hard: a frame the fast way misses (low
// contrast, 2.5 px a module): the slow ways run too.
func BenchmarkDecode640x480Hard(b *testing.B) {
	benchDecode(b, frame(b, demoBadge(b), scene{ppm: 2.5, dark: 110, light: 145, offX: 0.3, offY: 0.2}), true)
}

// BenchmarkDecodeNoCode640x480: nobody in front of the camera, the cost
// of every frame of an idle kiosk (every way is tried, and fails).
func BenchmarkDecodeNoCode640x480(b *testing.B) {
	benchDecode(b, emptyFrame(), false)
}

// BenchmarkDecodeFastNoCode640x480: the same the fast way only, what
// the watcher spends on most frames of an idle kiosk (the slow ways run
// at most five times a second).
func BenchmarkDecodeFastNoCode640x480(b *testing.B) {
	d := NewDecoder()
	benchDecodeWith(b, d.DecodeFast, emptyFrame(), false)
}

func benchDecode(b *testing.B, img image.Image, want bool) {
	benchDecodeWith(b, NewDecoder().Decode, img, want)
}

func benchDecodeWith(b *testing.B, decode func(image.Image) (string, bool), img image.Image, want bool) {
	if _, ok := decode(img); ok != want {
		b.Fatalf("read %v, want %v", ok, want)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		decode(img)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/frame")
}

// BenchmarkFrameToCode: from the moment a camera (15 frames a second)
// gives a frame with a badge code to the moment the watcher hands the
// code on, averaged over the codes taken (each op is one second of
// watching frames that are in turn empty and a badge).
func BenchmarkFrameToCode(b *testing.B) {
	src := NewImageSource("bench", []image.Image{emptyFrame(), frame(b, demoBadge(b), scene{ppm: 4, angle: 10, offX: 0.3, offY: 0.2})}, 15, true)
	var total time.Duration
	var worst time.Duration
	taken := 0
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		Watch(ctx, Options{Source: src, Hold: time.Nanosecond, OnCode: func(_ string, f Frame) {
			d := time.Since(f.At)
			total += d
			worst = max(worst, d)
			taken++
		}})
		close(done)
	}()
	time.Sleep(time.Duration(b.N) * time.Second)
	cancel()
	<-done
	if taken == 0 {
		b.Fatal("no code taken")
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(taken), "ms-frame-to-code")
	b.ReportMetric(float64(worst.Microseconds())/1000, "ms-worst")
}

// BenchmarkCameraFormat640x480: turning a camera's 640x480 frame into a
// picture, YUYV (the Y bytes) and MJPEG (a JPEG decode, Huffman tables
// put in): what a frame costs before decoding starts.
func BenchmarkCameraFormat640x480(b *testing.B) {
	g := frame(b, demoBadge(b), scene{ppm: 4, angle: 10, offX: 0.3, offY: 0.2}).(*image.Gray)
	yuyv := make([]byte, 2*len(g.Pix))
	for i, y := range g.Pix {
		yuyv[2*i], yuyv[2*i+1] = y, 128
	}
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, tint(g), &jpeg.Options{Quality: 80}); err != nil {
		b.Fatal(err)
	}
	mjpeg := withoutMarker(b, jb.Bytes(), 0xC4)
	b.Run("YUYV", func(b *testing.B) {
		for range b.N {
			if _, err := yuyvGray(yuyv, frameW, frameH); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("MJPEG", func(b *testing.B) {
		for range b.N {
			if _, err := decodeMJPEG(mjpeg); err != nil {
				b.Fatal(err)
			}
		}
	})
}
