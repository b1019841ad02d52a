package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/data/myday"
)

// MyDayService makes a delegate's day from their badge, recording
// nothing; see package myday.
type MyDayService interface {
	Plan(ctx context.Context, raw string) (myday.Plan, error)
}

// MyDayScreen asks for a badge and shows its holder's sessions of the day.
// While it is on screen a scanned badge comes here instead of to the
// check-in desk.
type MyDayScreen struct {
	k       *Kiosk
	content fyne.CanvasObject

	Heading  *widget.Label
	Who      *widget.Label
	Note     *widget.Label
	Sessions *fyne.Container // a card per session, as on Home
	Plan     myday.Plan      // the plan on show

	badge fyne.CanvasObject // the badge picture, while waiting for one
	seq   int
}

func newMyDayScreen(k *Kiosk) *MyDayScreen {
	m := &MyDayScreen{k: k}
	m.Heading = heading("")
	m.Who = widget.NewLabel("")
	m.Who.TextStyle = fyne.TextStyle{Bold: true}
	m.Who.Wrapping = fyne.TextWrapWord
	m.Note = widget.NewLabel("")
	m.Note.Wrapping = fyne.TextWrapWord
	m.Sessions = container.NewVBox()
	m.badge = container.NewCenter(container.NewGridWrap(fyne.NewSize(160, 160), widget.NewIcon(theme.AccountIcon())))
	top := container.NewVBox(m.Heading, m.Who, m.Note)
	m.content = container.NewPadded(container.NewBorder(top, nil, nil, nil,
		container.NewStack(m.badge, container.NewVScroll(m.Sessions))))
	m.reset()
	return m
}

// newMyDayButton is Home's way in: the button, and the button with its
// hint.
func newMyDayButton(k *Kiosk) (*widget.Button, fyne.CanvasObject) {
	b := widget.NewButtonWithIcon(txtMyDay, theme.CalendarIcon(), func() {
		k.Touch()
		k.MyDay.reset()
		k.Show(ScreenMyDay)
	})
	b.Importance = widget.HighImportance
	hint := widget.NewLabel(txtMyDayHint)
	hint.Wrapping = fyne.TextWrapWord
	return b, container.NewBorder(nil, nil, b, nil, hint)
}

// Scan looks the badge up; nothing is checked in.
func (m *MyDayScreen) Scan(raw string) {
	m.k.closeOverlays()
	m.seq++
	seq := m.seq
	m.clearSessions()
	m.Heading.SetText(txtMyDayReading + "…")
	load(m.k, txtMyDayReading, func(ctx context.Context) (myday.Plan, error) {
		return m.k.deps.MyDay.Plan(ctx, raw)
	}, func(p myday.Plan) {
		if seq == m.seq {
			m.show(p)
		}
	})
}

func (m *MyDayScreen) show(p myday.Plan) {
	m.Plan = p
	m.badge.Hide()
	if p.Refused != nil {
		m.Heading.SetText(p.Refused.Headline)
		m.Who.SetText("")
		m.Note.SetText(p.Refused.Detail)
		return
	}
	date := ""
	if !p.Ended {
		date = longDate(p.Day.Start.In(m.k.loc))
	}
	if p.Name != "" {
		m.Heading.SetText(fmt.Sprintf(txtMyDayTitleNamed, p.Name, date))
		m.Who.SetText(fmt.Sprintf(txtMyDayWho, p.Role.Label(), p.Country))
	} else {
		m.Heading.SetText(fmt.Sprintf(txtMyDayTitle, date))
		m.Who.SetText(p.Role.Label())
	}
	m.Note.SetText(txtMyDayNoCheckIn + " " + txtMyDayScanAgain)
	switch {
	case p.Ended:
		m.Heading.SetText(txtMyDayEnded)
	case len(p.Sessions) == 0:
		l := widget.NewLabel(txtMyDayNone)
		l.Importance = widget.LowImportance
		m.Sessions.Add(l)
	}
	now := m.k.deps.Now()
	for _, s := range p.Sessions {
		m.Sessions.Add(m.k.Home.sessionCard(s, s.Running(now)))
	}
}

func (m *MyDayScreen) clearSessions() {
	m.Sessions.Objects = nil
	m.Sessions.Refresh()
}

// reset forgets the last person's day.
func (m *MyDayScreen) reset() {
	m.seq++
	m.Plan = myday.Plan{}
	m.clearSessions()
	m.badge.Show()
	m.Heading.SetText(txtMyDayPrompt)
	m.Who.SetText(txtMyDayHint)
	m.Note.SetText(txtMyDayNoCheckIn)
}
