package ui

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/data/camera"
	"kiosk/ui/i18n"
)

// previewSize is the preview's size on screen: 4:3, as the frames are
// cropped, small enough to leave the prompt and the purpose room at
// 1280x800.
var previewSize = fyne.NewSize(400, 300)

// guideShare is the square's side as a share of the preview's height: a
// badge held there is large enough to read at 640x480.
const guideShare = 0.7

// toneGuide draws the square: white on the picture, yellow in high
// contrast.
var toneGuide = tone{color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}, contrastYellow}

// buildCamera makes the preview panel, hidden until a camera is on.
func (c *CheckInScreen) buildCamera() {
	c.Preview = canvas.NewImageFromImage(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	c.Preview.FillMode = canvas.ImageFillStretch // the frame is cropped to the panel's shape
	c.Preview.ScaleMode = canvas.ImageScaleFastest
	c.Preview.Hide()
	c.Guide = paintFillOutlined(canvas.NewRectangle(nil), tone{}, toneGuide)
	c.Guide.StrokeWidth = 4
	c.Guide.CornerRadius = 8
	c.Message = bidiSubheading("")
	c.Message.Alignment = fyne.TextAlignCenter
	c.warn = container.NewCenter(container.NewGridWrap(fyne.NewSize(64, 64), widget.NewIcon(theme.WarningIcon())))
	message := container.NewVBox(layout.NewSpacer(), c.warn,
		c.Message, layout.NewSpacer())
	bg := card(nil)
	c.Aim = bidiLabel("")
	c.Aim.TextStyle = fyne.TextStyle{Bold: true}
	c.Aim.Alignment = fyne.TextAlignCenter
	c.Aim.Wrapping = fyne.TextWrapWord
	panel := container.New(previewLayout{guide: c.Guide},
		bg, c.Preview, c.Guide, container.NewPadded(message))
	c.Camera = container.NewVBox(layout.NewSpacer(), container.NewCenter(panel), c.Aim, layout.NewSpacer())
	c.Camera.Hide()
}

// showCamera draws the camera's state: nothing without a camera, else the
// preview, or in its place what is wrong and that the kiosk tries again.
// The scanner and the typed code work whatever it shows.
func (c *CheckInScreen) showCamera(device string, st camera.State) {
	if device == "" {
		c.Camera.Hide()
		c.icon.Show()
		c.column.maxWidth = wordsWidth
		return
	}
	c.icon.Hide()
	c.Camera.Show()
	c.column.maxWidth = wordsWidth + previewSize.Width
	if !st.Running {
		// A picture from before the failure must not look live.
		c.Preview.Hide()
	}
	// Aiming makes no sense at a camera that is not there.
	if st.Err != nil {
		c.Aim.Hide()
	} else {
		c.Aim.Show()
	}
	switch {
	case st.Err != nil:
		c.say(cameraProblem(st.Err.Problem), true)
	case !st.Running || !c.Preview.Visible():
		c.say(i18n.T("camera.starting"), false)
	default:
		c.say("", false)
	}
}

// say shows msg in place of the picture, with a warning sign for a
// failure; "" shows the picture and the square.
func (c *CheckInScreen) say(msg string, failed bool) {
	c.Message.SetText(msg)
	if msg == "" {
		c.Message.Hide()
		c.Guide.Show()
	} else {
		c.Message.Show()
		c.Guide.Hide()
	}
	if failed {
		c.warn.Show()
	} else {
		c.warn.Hide()
	}
	c.Camera.Refresh()
}

// showFrame puts a scaled frame on screen and gives the one it replaces
// back to the feed.
func (c *CheckInScreen) showFrame(buf *image.RGBA) {
	if !c.k.cam.state.Running {
		// On its way when the camera failed: the failure is on screen.
		c.k.cam.feed.give(buf)
		return
	}
	old := c.shown
	c.shown = buf
	c.Preview.Image = buf
	c.Preview.Show()
	c.Preview.Refresh()
	c.k.cam.feed.give(old)
	if c.Message.Visible() {
		c.say("", false)
	}
}

// cameraProblem is the message a delegate reads for a camera's failure.
func cameraProblem(p camera.Problem) string {
	switch p {
	case camera.ProblemMissing:
		return i18n.T("camera.missing")
	case camera.ProblemBusy:
		return i18n.T("camera.busy")
	case camera.ProblemPermission:
		return i18n.T("camera.permission")
	case camera.ProblemFormat:
		return i18n.T("camera.format")
	}
	return i18n.T("camera.failed")
}

// previewLayout fills the panel with the picture (and the message) at
// previewSize, and centres the square on it.
type previewLayout struct{ guide fyne.CanvasObject }

func (l previewLayout) MinSize([]fyne.CanvasObject) fyne.Size { return previewSize }

func (l previewLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		if o == l.guide {
			side := size.Height * guideShare
			o.Resize(fyne.NewSize(side, side))
			o.Move(fyne.NewPos((size.Width-side)/2, (size.Height-side)/2))
			continue
		}
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}
