package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"math/bits"
	"os/exec"
)

// grabWindow takes the pixels of the window of that title as the X server
// shows them, with xwd. Fyne's own Canvas().Capture() reads the GL front
// buffer, which Mesa's software renderer under Xvfb leaves blank.
func grabWindow(title string) (image.Image, error) {
	var stderr bytes.Buffer
	cmd := exec.Command("xwd", "-silent", "-name", title)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("xwd (Debian: x11-apps): %v %s", err, stderr.String())
	}
	return decodeXWD(out)
}

// xwdHeader is the start of an X window dump, in big-endian 32-bit words.
type xwdHeader struct {
	HeaderSize, FileVersion, PixmapFormat, PixmapDepth, Width, Height, XOffset,
	ByteOrder, BitmapUnit, BitmapBitOrder, BitmapPad, BitsPerPixel, BytesPerLine,
	VisualClass, RedMask, GreenMask, BlueMask, BitsPerRGB, ColormapEntries, NColors uint32
}

// decodeXWD reads a true-colour, 32 bits per pixel window dump, what xwd
// writes for a 24-bit display.
func decodeXWD(b []byte) (image.Image, error) {
	var h xwdHeader
	if err := binary.Read(bytes.NewReader(b), binary.BigEndian, &h); err != nil {
		return nil, fmt.Errorf("xwd dump: %w", err)
	}
	if h.FileVersion != 7 || h.PixmapFormat != 2 || h.BitsPerPixel != 32 {
		return nil, fmt.Errorf("xwd dump: version %d, format %d, %d bits per pixel: want 7, ZPixmap, 32", h.FileVersion, h.PixmapFormat, h.BitsPerPixel)
	}
	start := int(h.HeaderSize) + int(h.NColors)*12 // an XColor is 12 bytes
	if len(b) < start+int(h.BytesPerLine*h.Height) {
		return nil, errors.New("xwd dump: truncated")
	}
	var order binary.ByteOrder = binary.LittleEndian
	if h.ByteOrder == 1 {
		order = binary.BigEndian
	}
	img := image.NewRGBA(image.Rect(0, 0, int(h.Width), int(h.Height)))
	for y := 0; y < int(h.Height); y++ {
		row := b[start+y*int(h.BytesPerLine):]
		for x := 0; x < int(h.Width); x++ {
			p := order.Uint32(row[4*x:])
			img.SetRGBA(x, y, color.RGBA{channel(p, h.RedMask), channel(p, h.GreenMask), channel(p, h.BlueMask), 0xff})
		}
	}
	return img, nil
}

// channel is the 8-bit value of the pixel's bits under mask.
func channel(p, mask uint32) uint8 {
	return uint8((p & mask) >> bits.TrailingZeros32(mask))
}
