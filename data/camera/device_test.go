package camera

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

func TestClassifyNamesWhatToDo(t *testing.T) {
	for _, c := range []struct {
		err  error
		want Problem
		hint string
	}{
		{&fs.PathError{Op: "open", Path: "/dev/video0", Err: syscall.ENOENT}, ProblemMissing, "plugged in?"},
		{syscall.ENODEV, ProblemMissing, "plugged in?"},
		{syscall.EBUSY, ProblemBusy, "in use by another program"},
		{syscall.EACCES, ProblemPermission, "add it to the video group"},
		{syscall.EPERM, ProblemPermission, "add it to the video group"},
		{syscall.ENOTTY, ProblemFormat, "not a camera"},
		{errNotCapture, ProblemFormat, "not a camera"},
		{syscall.EIO, ProblemFailed, "stopped"},
	} {
		e := classify("/dev/video0", c.err)
		if e.Problem != c.want || e.Device != "/dev/video0" || !strings.Contains(e.Error(), c.hint) || !errors.Is(e, c.err) {
			t.Errorf("%v: %v %q, want problem %v saying %q", c.err, e.Problem, e, c.want, c.hint)
		}
	}
	busy := &Error{Device: "x", Problem: ProblemBusy, Err: syscall.EBUSY}
	if classify("y", fmt.Errorf("open: %w", busy)) != busy {
		t.Error("a camera error was classified again")
	}
}

// TestYUYVGray: the grey picture is the Y bytes, in order; the colour
// bytes between them are left out.
func TestYUYVGray(t *testing.T) {
	const w, h = 4, 2
	// Y0 U Y1 V for each two pixels: Y counts 10, 11, … and the colour
	// bytes are 200 and 250, which must appear nowhere
	var data []byte
	for i := 0; i < w*h; i += 2 {
		data = append(data, byte(10+i), 200, byte(11+i), 250)
	}
	g, err := yuyvGray(data, w, h)
	if err != nil {
		t.Fatal(err)
	}
	if want := []byte{10, 11, 12, 13, 14, 15, 16, 17}; !bytes.Equal(g.Pix, want) || g.Bounds() != image.Rect(0, 0, w, h) {
		t.Fatalf("grey %v %v, want %v", g.Bounds(), g.Pix, want)
	}
	if _, err := yuyvGray(data[:len(data)-1], w, h); err == nil {
		t.Fatal("a short frame gave a picture")
	}
	if _, err := yuyvGray(data, 0, h); err == nil {
		t.Fatal("a frame of no width gave a picture")
	}
}

// TestYUYVFrameReads: a badge code's frame turned into YUYV bytes, as a
// camera sends it, reads.
func TestYUYVFrameReads(t *testing.T) {
	code := demoBadge(t)
	g := frame(t, code, scene{ppm: 3, offX: 0.3, offY: 0.2}).(*image.Gray)
	data := make([]byte, 2*len(g.Pix))
	for i, y := range g.Pix {
		data[2*i], data[2*i+1] = y, 128
	}
	img, err := yuyvGray(data, frameW, frameH)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := NewDecoder().Decode(img); !ok || got != code {
		t.Fatalf("read %v %q", ok, got)
	}
}

// TestMJPEGWithoutHuffmanTables: a camera's MJPEG frame usually leaves
// out the Huffman tables; it decodes as the same frame with them.
func TestMJPEGWithoutHuffmanTables(t *testing.T) {
	code := demoBadge(t)
	var b bytes.Buffer
	if err := jpeg.Encode(&b, tint(frame(t, code, scene{ppm: 3, offX: 0.3, offY: 0.2}).(*image.Gray)), &jpeg.Options{Quality: 60}); err != nil {
		t.Fatal(err)
	}
	full := b.Bytes()
	stripped := withoutMarker(t, full, 0xC4)
	if _, err := jpeg.Decode(bytes.NewReader(stripped)); err == nil {
		t.Fatal("Go's decoder read a frame without Huffman tables: the test proves nothing")
	}
	for name, data := range map[string][]byte{"without tables": stripped, "with tables": full} {
		img, err := decodeMJPEG(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got, ok := NewDecoder().Decode(img); !ok || got != code {
			t.Errorf("%s: read %v %q", name, ok, got)
		}
	}
	for _, junk := range [][]byte{nil, {0xFF}, {0xFF, 0xD8}, {0xFF, 0xD8, 0xFF, 0xDB, 0xFF, 0xFF}} {
		if _, err := decodeMJPEG(junk); err == nil {
			t.Errorf("% x decoded", junk)
		}
	}
}

// withoutMarker drops every segment of marker from JPEG data.
func withoutMarker(t testing.TB, data []byte, marker byte) []byte {
	t.Helper()
	out := slices.Clone(data[:2])
	i := 2
	for data[i+1] != 0xDA {
		n := 2 + (int(data[i+2])<<8 | int(data[i+3]))
		if data[i+1] != marker {
			out = append(out, data[i:i+n]...)
		}
		i += n
	}
	if hasMarker(out, marker) {
		t.Fatal("marker left in")
	}
	return append(out, data[i:]...)
}

func TestPickFormat(t *testing.T) {
	const h264 = 'H' | '2'<<8 | '6'<<16 | '4'<<24
	for _, c := range []struct {
		offered []uint32
		want    uint32
		ok      bool
	}{
		{[]uint32{formatMJPEG, formatYUYV}, formatYUYV, true},
		{[]uint32{h264, formatMJPEG}, formatMJPEG, true},
		{[]uint32{h264}, 0, false},
		{nil, 0, false},
	} {
		if got, ok := pickFormat(c.offered); got != c.want || ok != c.ok {
			t.Errorf("%x: %x %v", c.offered, got, ok)
		}
	}
}

func TestClosestSize(t *testing.T) {
	discrete := func(w, h uint32) frameSizes { return frameSizes{w, w, 0, h, h, 0} }
	for _, c := range []struct {
		name    string
		offered []frameSizes
		w, h    uint32
	}{
		{"640x480 among others", []frameSizes{discrete(1280, 720), discrete(640, 480), discrete(320, 240)}, 640, 480},
		{"no 640x480", []frameSizes{discrete(1920, 1080), discrete(800, 600), discrete(320, 240)}, 800, 600},
		{"stepwise", []frameSizes{{16, 1920, 16, 16, 1080, 8}}, 640, 480},
		{"stepwise off the steps", []frameSizes{{100, 1000, 300, 100, 1000, 300}}, 700, 400},
		{"stepwise too small", []frameSizes{{16, 320, 16, 16, 240, 16}}, 320, 240},
	} {
		w, h, ok := closestSize(c.offered)
		if !ok || w != c.w || h != c.h {
			t.Errorf("%s: %dx%d %v, want %dx%d", c.name, w, h, ok, c.w, c.h)
		}
	}
	if _, _, ok := closestSize(nil); ok {
		t.Error("a size chosen among none")
	}
}

func TestVideoDevicesInNumberOrder(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"video10", "video2", "video0", "other"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	got := videoDevices(filepath.Join(dir, "video*"))
	want := []string{filepath.Join(dir, "video0"), filepath.Join(dir, "video2"), filepath.Join(dir, "video10")}
	if !slices.Equal(got, want) {
		t.Fatalf("%v, want %v", got, want)
	}
}
