// Package qrimage draws QR codes for screens: black modules on white with
// the quiet zone the standard asks for, at whole pixels per module so that
// a camera or scanner sees sharp edges.
package qrimage

import (
	"fmt"
	"image"

	"github.com/skip2/go-qrcode"
)

// Image draws text as a QR code (level M) about size pixels wide.
func Image(text string, size int) (*image.Gray, int, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return nil, 0, fmt.Errorf("QR code: %w", err)
	}
	q.DisableBorder = true
	bits := q.Bitmap()
	const quiet = 4 // modules of white around the code
	modules := len(bits) + 2*quiet
	scale := max(size/modules, 1)
	px := modules * scale
	img := image.NewGray(image.Rect(0, 0, px, px))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for y, row := range bits {
		for x, dark := range row {
			if !dark {
				continue
			}
			for dy := 0; dy < scale; dy++ {
				off := (quiet*scale+y*scale+dy)*img.Stride + quiet*scale + x*scale
				for dx := 0; dx < scale; dx++ {
					img.Pix[off+dx] = 0
				}
			}
		}
	}
	return img, q.VersionNumber, nil
}
