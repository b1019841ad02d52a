package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/data/myday"
	"kiosk/ui/i18n"
	"kiosk/ui/rtl"
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
	Note     *rtl.Label      // Arabic with figures or Latin wraps from the right
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
	m.Note = bidiLabel("")
	m.Note.Wrapping = fyne.TextWrapWord
	m.Sessions = container.NewVBox()
	m.badge = container.NewCenter(container.NewGridWrap(fyne.NewSize(160, 160), widget.NewIcon(theme.AccountIcon())))
	top := container.NewVBox(m.Heading, m.Who, m.Note)
	m.content = container.NewPadded(container.NewBorder(top, nil, nil, nil,
		container.NewStack(m.badge, container.NewVScroll(m.Sessions))))
	m.reset()
	// A switch of language words the screen again: the prompt, or the day
	// on show (its sessions' titles come from the plan as read).
	k.onLanguage(func() {
		if m.Plan.Name == "" && m.Plan.Day.Start.IsZero() && m.Plan.Refused == nil && !m.Plan.Ended {
			m.prompt()
			return
		}
		m.clearSessions()
		m.show(m.Plan)
	})
	return m
}

// newMyDayButton is Home's way in: the button, and the button with its
// hint.
func newMyDayButton(k *Kiosk) (*widget.Button, fyne.CanvasObject) {
	b := widget.NewButtonWithIcon(i18n.T(txtMyDay), theme.CalendarIcon(), func() {
		k.Touch()
		k.MyDay.reset()
		k.Show(ScreenMyDay)
	})
	b.Importance = widget.HighImportance
	hint := widget.NewLabel(i18n.T(txtMyDayHint))
	hint.Wrapping = fyne.TextWrapWord
	k.onLanguage(func() {
		b.SetText(i18n.T(txtMyDay))
		hint.SetText(i18n.T(txtMyDayHint))
	})
	return b, rtl.NewBorder(nil, nil, b, nil, hint)
}

// Scan looks the badge up; nothing is checked in.
func (m *MyDayScreen) Scan(raw string) {
	m.k.closeOverlays()
	m.seq++
	seq := m.seq
	m.clearSessions()
	m.Heading.SetText(i18n.T(txtMyDayReading) + "…")
	load(m.k, i18n.T(txtMyDayReading), func(ctx context.Context) (myday.Plan, error) {
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
		// A refused badge is worded as at the check-in desk, in the
		// current language.
		headline, detail, _ := outcomeWords(*p.Refused, false, func() string { return "" })
		m.Heading.SetText(rtl.Visual(headline))
		m.Who.SetText("")
		m.Note.SetText(detail)
		return
	}
	date := ""
	if !p.Ended {
		date = longDate(p.Day.Start.In(m.k.loc))
	}
	if p.Name != "" {
		m.Heading.SetText(rtl.Visual(i18n.T(txtMyDayTitleNamed, i18n.Args{"Name": p.Name, "Date": date})))
		m.Who.SetText(rtl.Visual(fmt.Sprintf(txtMyDayWho, roleLabel(p.Role), p.Country)))
	} else {
		m.Heading.SetText(rtl.Visual(i18n.T(txtMyDayTitle, i18n.Args{"Date": date})))
		m.Who.SetText(roleLabel(p.Role))
	}
	m.Note.SetText(i18n.T(txtMyDayNoCheckIn) + " " + i18n.T(txtMyDayScanAgain))
	switch {
	case p.Ended:
		m.Heading.SetText(i18n.T(txtMyDayEnded))
	case len(p.Sessions) == 0:
		l := widget.NewLabel(i18n.T(txtMyDayNone))
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
	m.prompt()
}

// prompt asks for a badge.
func (m *MyDayScreen) prompt() {
	m.Heading.SetText(i18n.T(txtMyDayPrompt))
	m.Who.SetText(i18n.T(txtMyDayHint))
	m.Note.SetText(i18n.T(txtMyDayNoCheckIn))
}
