package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/data"
	"kiosk/data/checkin"
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
}

func newCheckInScreen(k *Kiosk) *CheckInScreen {
	c := &CheckInScreen{k: k}
	prompt := heading("Scan the QR code on your badge")
	prompt.Alignment = fyne.TextAlignCenter
	hint := widget.NewLabel("Hold your badge under the scanner. You can scan it on any screen.")
	hint.Alignment = fyne.TextAlignCenter
	hint.Wrapping = fyne.TextWrapWord
	c.Purpose = subheading("")
	c.Purpose.Alignment = fyne.TextAlignCenter
	icon := widget.NewIcon(theme.AccountIcon())
	c.Manual = newSearchEntry("Staff: type a badge code", k, nil)
	c.Manual.OnSubmitted = func(string) { c.submit() }
	c.Submit = widget.NewButtonWithIcon("Check in", theme.ConfirmIcon(), c.submit)
	c.Submit.Importance = widget.HighImportance
	manual := container.NewBorder(nil, nil, nil, c.Submit, c.Manual)
	top := container.NewVBox(
		container.NewCenter(container.NewGridWrap(fyne.NewSize(160, 160), icon)),
		prompt, hint, c.Purpose,
	)
	c.content = container.NewPadded(container.NewBorder(nil, manual, nil, nil, container.NewCenter(top)))
	return c
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
		c.Purpose.SetText("Check-in is not available on this kiosk.")
		return
	}
	load(c.k, "Reading the kiosk's check-in settings", func(ctx context.Context) (checkin.Config, error) {
		return c.k.deps.Desk.Config(ctx)
	}, func(cfg checkin.Config) {
		c.k.setBoardMode(cfg.Purpose == data.PurposeBoard)
		switch cfg.Purpose {
		case data.PurposeSession:
			c.Purpose.SetText("This kiosk checks you in to the session in " + cfg.RoomName)
		case data.PurposePlenary, data.PurposeBoard:
			c.Purpose.SetText("This kiosk checks your delegation in to the plenary in " + cfg.RoomName)
		default:
			c.Purpose.SetText("This kiosk checks you in on arrival at the venue")
		}
	})
}

func (c *CheckInScreen) reset() { c.Manual.SetText("") }
