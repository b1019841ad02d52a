package ui

import (
	"context"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/data"
	"kiosk/data/checkin"
	"kiosk/ui/i18n"
	"kiosk/ui/rtl"
)

// CheckInDesk takes check-ins; see package checkin.
type CheckInDesk interface {
	Scan(ctx context.Context, raw string, method data.Method) (checkin.Outcome, error)
	Code(ctx context.Context, ci data.CheckIn) (string, error)
	Config(ctx context.Context) (checkin.Config, error)
}

// CheckInScreen invites delegates to scan their badge and lets staff type
// a badge code by hand.
type CheckInScreen struct {
	k       *Kiosk
	content fyne.CanvasObject

	Purpose *widget.Label
	Manual  *searchEntry
	Submit  *widget.Button

	// The camera's preview, with the square to hold a badge in, and the
	// line saying how; hidden on a kiosk without a camera. Message says
	// what is wrong in place of the picture (camera.go).
	Camera  *fyne.Container
	Preview *canvas.Image
	Guide   *canvas.Rectangle
	Message *rtl.Label
	Aim     *rtl.Label
	icon    fyne.CanvasObject
	column  *centredColumn // wider with the camera's picture beside the words
	warn    fyne.CanvasObject
	shown   *image.RGBA // the preview buffer on screen

	plenary bool // the kiosk checks delegations in to the plenary
}

func newCheckInScreen(k *Kiosk) *CheckInScreen {
	c := &CheckInScreen{k: k, column: &centredColumn{maxWidth: wordsWidth}}
	// The prompt names the QR code: Latin letters inside Arabic.
	prompt := bidiHeading("")
	prompt.Alignment = fyne.TextAlignCenter
	hint := widget.NewLabel("")
	hint.Alignment = fyne.TextAlignCenter
	hint.Wrapping = fyne.TextWrapWord
	c.Purpose = subheading("")
	c.Purpose.Alignment = fyne.TextAlignCenter
	c.icon = container.NewCenter(container.NewGridWrap(fyne.NewSize(160, 160), widget.NewIcon(theme.AccountIcon())))
	c.Manual = newSearchEntry("", k, nil)
	c.Manual.OnSubmitted = func(string) { c.submit() }
	c.Submit = widget.NewButtonWithIcon("", theme.ConfirmIcon(), c.submit)
	c.buildCamera()
	retext := func() {
		prompt.SetText(i18n.T("checkin.prompt"))
		hint.SetText(i18n.T("checkin.hold"))
		c.Manual.SetPlaceHolder(i18n.T("checkin.manual"))
		c.Submit.SetText(i18n.T("checkin.submit"))
		c.Aim.SetText(i18n.T("checkin.camera_hold"))
		c.showCamera(k.cam.device, k.cam.state)
	}
	retext()
	k.onLanguage(func() { retext(); c.loadConfig() })
	c.Submit.Importance = widget.HighImportance
	manual := container.NewBorder(nil, nil, nil, c.Submit, c.Manual)
	// With a camera its preview stands beside the words, not above them:
	// stacked, they would not fit 1280x800 in Arabic's taller font.
	words := container.NewVBox(layout.NewSpacer(), c.icon, prompt, hint, c.Purpose, layout.NewSpacer())
	top := rtl.NewBorder(nil, nil, c.Camera, nil, words)
	c.content = container.NewPadded(container.NewBorder(nil, manual, nil, nil, container.New(c.column, top)))
	return c
}

// wordsWidth is the widest the screen's words spread; the camera's
// picture comes beside them, not out of their width, so that large
// Arabic text still fits 1280x800.
const wordsWidth = 900

// centredColumn lays its one object out centred, at most maxWidth wide
// and as tall as it needs at that width: wrapped text in a centred
// container would otherwise be given the width of its longest word.
type centredColumn struct{ maxWidth float32 }

func (c centredColumn) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return objects[0].MinSize()
}

func (c centredColumn) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	o := objects[0]
	w := min(size.Width, c.maxWidth)
	o.Resize(fyne.NewSize(w, size.Height)) // wrapped text measures its height at its width
	h := min(o.MinSize().Height, size.Height)
	o.Resize(fyne.NewSize(w, h))
	o.Move(fyne.NewPos((size.Width-w)/2, (size.Height-h)/2))
}

// submit checks in the code staff typed.
func (c *CheckInScreen) submit() {
	c.k.Touch()
	code := c.Manual.Text
	if code == "" {
		return
	}
	c.Manual.SetText("")
	c.k.CheckIn(code, data.MethodManual)
}

// loadConfig shows what this kiosk checks people in to.
func (c *CheckInScreen) loadConfig() {
	if c.k.deps.Desk == nil {
		c.Purpose.SetText(i18n.T("checkin.unavailable"))
		return
	}
	load(c.k, i18n.T("load.checkin_config"), func(ctx context.Context) (checkin.Config, error) {
		return c.k.deps.Desk.Config(ctx)
	}, func(cfg checkin.Config) {
		c.plenary = cfg.Purpose == data.PurposePlenary || cfg.Purpose == data.PurposeBoard
		c.k.setBoardMode(cfg.Purpose == data.PurposeBoard)
		switch cfg.Purpose {
		case data.PurposeSession:
			c.Purpose.SetText(i18n.T("checkin.purpose_session", i18n.Args{"Room": cfg.RoomName}))
		case data.PurposePlenary, data.PurposeBoard:
			c.Purpose.SetText(i18n.T("checkin.purpose_plenary", i18n.Args{"Room": cfg.RoomName}))
		default:
			c.Purpose.SetText(i18n.T("checkin.purpose_arrival"))
		}
	})
}

func (c *CheckInScreen) reset() { c.Manual.SetText("") }
