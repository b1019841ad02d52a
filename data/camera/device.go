package camera

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// What a V4L2 camera is asked for: a picture of 640x480 (or the size
// nearest), in one of the two formats every UVC webcam offers, at 15
// frames a second, enough to take a badge at once and cheap when idle.
const (
	wantWidth, wantHeight = 640, 480
	wantRate              = 15
)

// The V4L2 pixel formats the kiosk reads, as fourcc codes.
const (
	formatYUYV  uint32 = 'Y' | 'U'<<8 | 'Y'<<16 | 'V'<<24
	formatMJPEG uint32 = 'M' | 'J'<<8 | 'P'<<16 | 'G'<<24
)

// devicePattern finds the video device nodes for "auto"; tests point it
// elsewhere.
var devicePattern = "/dev/video*"

// videoDevices lists the nodes matching pattern in the order of their
// numbers: video2 before video10.
func videoDevices(pattern string) []string {
	nodes, _ := filepath.Glob(pattern)
	number := func(p string) int {
		n, err := strconv.Atoi(strings.TrimLeft(filepath.Base(p), "abcdefghijklmnopqrstuvwxyz"))
		if err != nil {
			return 1 << 30
		}
		return n
	}
	slices.SortFunc(nodes, func(a, b string) int { return number(a) - number(b) })
	return nodes
}

// errNotCapture is a device node that is not a camera: a UVC camera's
// second node carries metadata, and some nodes are encoders or radios.
var errNotCapture = errors.New("not a video capture device")

// classify gives a failure to open or read a camera its kind, with words
// that tell the staff what to do.
func classify(device string, err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	with := func(p Problem, hint string) *Error {
		return &Error{Device: device, Problem: p, Err: fmt.Errorf("%s (%w)", hint, err)}
	}
	switch {
	case errors.Is(err, syscall.ENOENT), errors.Is(err, syscall.ENODEV), errors.Is(err, syscall.ENXIO):
		return with(ProblemMissing, "no camera there: plugged in?")
	case errors.Is(err, syscall.EBUSY):
		return with(ProblemBusy, "in use by another program")
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		return with(ProblemPermission, "the kiosk's user may not open it: add it to the video group")
	case errors.Is(err, syscall.ENOTTY), errors.Is(err, errNotCapture):
		return with(ProblemFormat, "not a camera")
	}
	return with(ProblemFailed, "the camera stopped")
}

// pickFormat chooses the format to ask for: YUYV, whose grey levels are
// every other byte and cost nothing to read, else MJPEG.
func pickFormat(offered []uint32) (uint32, bool) {
	for _, f := range []uint32{formatYUYV, formatMJPEG} {
		if slices.Contains(offered, f) {
			return f, true
		}
	}
	return 0, false
}

// frameSizes is what a camera offers in one format: one size
// (discrete), or a range in steps (stepwise).
type frameSizes struct {
	MinW, MaxW, StepW uint32
	MinH, MaxH, StepH uint32
}

// closestSize chooses among the sizes a camera offers the one nearest to
// 640x480 (fewest pixels away in width plus height).
func closestSize(offered []frameSizes) (w, h uint32, ok bool) {
	best := uint32(1<<32 - 1)
	for _, s := range offered {
		cw, ch := fit(wantWidth, s.MinW, s.MaxW, s.StepW), fit(wantHeight, s.MinH, s.MaxH, s.StepH)
		if cw == 0 || ch == 0 {
			continue
		}
		if d := diff(cw, wantWidth) + diff(ch, wantHeight); d < best {
			best, w, h, ok = d, cw, ch, true
		}
	}
	return w, h, ok
}

// fit is the value of a range's steps nearest to want.
func fit(want, lo, hi, step uint32) uint32 {
	if want <= lo || step == 0 {
		return lo
	}
	if want >= hi {
		return hi
	}
	v := lo + (want-lo+step/2)/step*step
	return min(v, hi)
}

func diff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// yuyvGray makes a grey picture of a YUYV frame (Y0 U Y1 V for each
// two pixels): the Y bytes are the grey levels, the colour is left out.
func yuyvGray(data []byte, w, h int) (*image.Gray, error) {
	if w <= 0 || h <= 0 || len(data) < 2*w*h {
		return nil, fmt.Errorf("a YUYV frame of %d bytes is too short for %dx%d", len(data), w, h)
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = data[2*i]
	}
	return g, nil
}

// decodeMJPEG decodes one frame of a camera's MJPEG. Many UVC cameras
// leave out the Huffman tables, which the MJPEG format fixes to the
// JPEG standard's; Go's decoder needs them in the frame, so they are put
// in when missing.
func decodeMJPEG(data []byte) (image.Image, error) {
	if !hasMarker(data, 0xC4) {
		data = withStandardHuffman(data)
	}
	return jpeg.Decode(bytes.NewReader(data))
}

// hasMarker says whether the JPEG data has a segment of the marker
// before its scan starts.
func hasMarker(data []byte, marker byte) bool {
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return false
		}
		m := data[i+1]
		if m == marker {
			return true
		}
		if m == 0xDA { // start of scan: the tables are all before it
			return false
		}
		i += 2 + (int(data[i+2])<<8 | int(data[i+3]))
	}
	return false
}

// withStandardHuffman puts the standard tables in right after the SOI.
func withStandardHuffman(data []byte) []byte {
	if len(data) < 2 {
		return data
	}
	out := make([]byte, 0, len(data)+len(standardHuffman))
	out = append(out, data[:2]...)
	out = append(out, standardHuffman...)
	return append(out, data[2:]...)
}

// standardHuffman is the DHT segment of the JPEG standard's tables
// (Annex K), taken from a picture Go's encoder writes: it writes those.
var standardHuffman = func() []byte {
	var b bytes.Buffer
	// a colour picture, so that the chroma tables are written too
	if err := jpeg.Encode(&b, image.NewRGBA(image.Rect(0, 0, 8, 8)), nil); err != nil {
		panic(err)
	}
	data := b.Bytes()
	for i := 2; i+4 <= len(data); {
		n := 2 + (int(data[i+2])<<8 | int(data[i+3]))
		if data[i+1] == 0xC4 {
			return slices.Clone(data[i : i+n])
		}
		i += n
	}
	panic("Go's JPEG encoder wrote no Huffman tables")
}()
