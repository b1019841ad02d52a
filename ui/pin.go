package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/data/staff"
)

// PINScreen asks for the staff PIN before staff mode opens, or has staff
// choose one on a kiosk that has none yet.
type PINScreen struct {
	k       *Kiosk
	content fyne.CanvasObject

	Title   *widget.Label
	Entry   *searchEntry
	Message *widget.Label
	Keys    map[string]*widget.Button

	setting bool   // choosing a new PIN rather than checking one
	first   string // the new PIN typed once, waiting for confirmation
}

func newPINScreen(k *Kiosk) *PINScreen {
	p := &PINScreen{k: k, Keys: map[string]*widget.Button{}}
	p.Title = heading("Staff PIN")
	p.Title.Wrapping = fyne.TextWrapOff
	p.Title.Alignment = fyne.TextAlignCenter
	// A badge scanned while the PIN is asked for is a check-in, never a
	// wrong PIN that counts towards the lockout.
	p.Entry = newSearchEntry("", k, nil)
	p.Entry.Password = true
	p.Entry.ActionItem = nil
	p.Entry.OnSubmitted = func(string) { p.submit() }
	p.Message = widget.NewLabel("")
	p.Message.Alignment = fyne.TextAlignCenter
	p.Message.Wrapping = fyne.TextWrapWord
	var pad []fyne.CanvasObject
	for _, key := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"} {
		b := widget.NewButton(key, nil)
		switch key {
		case "⌫":
			b.SetIcon(theme.ContentUndoIcon())
			b.SetText("")
			b.OnTapped = func() {
				k.Touch()
				if t := p.Entry.Text; len(t) > 0 {
					p.Entry.SetText(t[:len(t)-1])
				}
			}
		case "OK":
			b.Importance = widget.HighImportance
			b.OnTapped = p.submit
		default:
			digit := key
			b.OnTapped = func() { k.Touch(); p.Entry.SetText(p.Entry.Text + digit) }
		}
		p.Keys[key] = b
		pad = append(pad, b)
	}
	cancel := widget.NewButtonWithIcon("Back", theme.NavigateBackIcon(), func() { k.Touch(); k.leaveStaff() })
	keypad := container.NewGridWrap(fyne.NewSize(120, 90), pad...)
	form := container.NewVBox(p.Title, p.Entry, p.Message,
		container.NewCenter(container.NewGridWrap(fyne.NewSize(3*120+2*8, 4*90+3*8), keypad)), cancel)
	p.content = container.NewCenter(container.NewGridWrap(fyne.NewSize(420, 700), form))
	return p
}

// open starts asking: for the PIN, or for a new one when none is set.
func (p *PINScreen) open() {
	p.Entry.SetText("")
	p.first = ""
	p.Message.SetText("")
	load(p.k, "Reading the staff PIN", func(ctx context.Context) (bool, error) {
		return p.k.deps.Staff.PINSet(ctx)
	}, func(set bool) {
		p.setting = !set
		if p.setting {
			p.Title.SetText("Choose a staff PIN")
			p.Message.SetText("This kiosk has no staff PIN yet. Choose one of 4 to 12 digits.")
		} else {
			p.Title.SetText("Staff PIN")
		}
	})
}

func (p *PINScreen) submit() {
	p.k.Touch()
	pin := p.Entry.Text
	p.Entry.SetText("")
	if p.setting {
		p.choose(pin)
		return
	}
	load(p.k, "Checking the PIN", func(ctx context.Context) (attempt, error) {
		a, err := p.k.deps.Staff.CheckPIN(ctx, pin)
		if errors.Is(err, staff.ErrLocked) {
			return attempt{a, true}, nil
		}
		return attempt{a, false}, err
	}, func(a attempt) {
		switch {
		case a.locked:
			p.Message.SetText("Too many wrong PINs: staff mode is locked until " + a.LockedUntil.In(p.k.loc).Format("15:04") + ".")
		case a.OK:
			p.k.enterStaff()
		default:
			p.Message.SetText("Wrong PIN. " + strconv.Itoa(a.TriesLeft) + " more tries before staff mode locks for five minutes.")
		}
	})
}

type attempt struct {
	staff.Attempt
	locked bool
}

// choose takes a new PIN twice, then sets it.
func (p *PINScreen) choose(pin string) {
	if p.first == "" {
		if len(pin) < 4 || len(pin) > 12 {
			p.Message.SetText("A staff PIN has 4 to 12 digits.")
			return
		}
		p.first = pin
		p.Message.SetText("Type the same PIN again to confirm it.")
		return
	}
	if pin != p.first {
		p.first = ""
		p.Message.SetText("The two PINs differ. Choose one again.")
		return
	}
	load(p.k, "Setting the staff PIN", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, p.k.deps.Staff.SetPIN(ctx, pin)
	}, func(struct{}) {
		p.setting = false
		p.k.enterStaff()
		p.k.Staff.say(fmt.Sprintf("Staff PIN set (%d digits).", len(pin)))
	})
}
