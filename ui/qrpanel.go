package ui

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kiosk/data/qrimage"
)

// qrSide is how large a take-away code is drawn, in pixels: at version 16
// (89 modules with the quiet zone) that is 5 pixels a module, some 12 cm
// across on a 24-inch 1920x1080 screen, read by a phone at arm's length;
// a calendar code with its time zone (version 19–20) gets 4 pixels, a
// module of 1.1 mm.
const qrSide = 480

// qrPanel shows a QR code with a line saying what it is for. Text is what
// the code holds, for tests and for nothing else.
type qrPanel struct {
	Image   *canvas.Image
	Text    string
	Version int
	box     *fyne.Container
	hint    *widget.Label
}

// setHint words the hint under the code, on a switch of language.
func (q *qrPanel) setHint(s string) { q.hint.SetText(s) }

func newQRPanel(hint string) *qrPanel {
	q := &qrPanel{}
	q.Image = canvas.NewImageFromImage(image.NewGray(image.Rect(0, 0, 1, 1)))
	q.Image.FillMode = canvas.ImageFillContain
	q.Image.ScaleMode = canvas.ImageScalePixels
	q.Image.SetMinSize(fyne.NewSize(320, 320))
	l := widget.NewLabel(hint)
	l.Wrapping = fyne.TextWrapWord
	l.Alignment = fyne.TextAlignCenter
	q.hint = l
	q.box = container.NewVBox(container.NewCenter(q.Image), l)
	q.box.Hide()
	return q
}

// set draws text as the code and shows it; an error hides the panel.
func (q *qrPanel) set(text string) error {
	img, version, err := qrimage.Image(text, qrSide)
	if err != nil {
		q.clear()
		return err
	}
	q.Text, q.Version = text, version
	q.Image.Image = img
	// Drawn pixel for pixel where the screen allows: a code scaled down
	// gets modules of unequal widths, which cameras read less well.
	side := float32(img.Bounds().Dx())
	q.Image.SetMinSize(fyne.NewSize(side, side))
	q.Image.Refresh()
	q.box.Show()
	return nil
}

func (q *qrPanel) clear() {
	q.Text, q.Version = "", 0
	q.box.Hide()
}

// Visible reports whether the code is on show.
func (q *qrPanel) Visible() bool { return q.box.Visible() }
