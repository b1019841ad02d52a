package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/data"
	"kiosk/data/ical"
	"kiosk/data/vcard"
	"kiosk/ui/i18n"
)

// calendarOffer is the session detail's "Add to my calendar": a button
// that shows the session as a calendar QR code, and hides it again.
type calendarOffer struct {
	k       *Kiosk
	Button  *widget.Button
	QR      *qrPanel
	session data.SessionDetail
	content fyne.CanvasObject
	// relayout lays the detail out again when the code comes or goes:
	// showing a hidden object does not resize what holds it.
	relayout func()
}

func newCalendarOffer(k *Kiosk) *calendarOffer {
	c := &calendarOffer{k: k, QR: newQRPanel(i18n.T(txtCalendarHint)), relayout: func() {}}
	c.Button = widget.NewButtonWithIcon(i18n.T(txtAddToCalendar), theme.CalendarIcon(), c.toggle)
	k.onLanguage(func() {
		c.QR.setHint(i18n.T(txtCalendarHint))
		c.relabel()
	})
	c.Button.Importance = widget.HighImportance
	c.content = container.NewVBox(c.Button, c.QR.box)
	return c
}

func (c *calendarOffer) toggle() {
	c.k.Touch()
	if c.QR.Visible() {
		c.QR.clear()
		c.relabel()
		c.relayout()
		return
	}
	text := ical.Session(c.k.event, c.session, c.k.loc, c.k.deps.Now())
	if err := c.QR.set(text); err != nil {
		c.k.showError(i18n.T(txtCalendarCodeError), err)
		return
	}
	c.relabel()
	c.relayout()
}

// relabel words the button for what it does now: show or hide the code.
func (c *calendarOffer) relabel() {
	if c.QR.Visible() {
		c.Button.SetText(i18n.T(txtHideCalendar))
	} else {
		c.Button.SetText(i18n.T(txtAddToCalendar))
	}
}

// show offers the code for another session; a code already on show is
// for the session before, so it goes.
func (c *calendarOffer) show(d data.SessionDetail) {
	c.session = d
	c.QR.clear()
	c.relabel()
}

func (c *calendarOffer) clear() { c.show(data.SessionDetail{}) }

// contactCard is the delegate detail's contact details and contact QR
// code, on show only for a delegate who consented to share them.
type contactCard struct {
	Email, Phone *widget.Label
	emailCaption *widget.Label
	phoneCaption *widget.Label
	QR           *qrPanel
	heading      *widget.Label
	content      *fyne.Container
	onError      func(error)
}

func newContactCard(onError func(error)) *contactCard {
	c := &contactCard{onError: onError, QR: newQRPanel("")}
	c.Email, c.Phone = widget.NewLabel(""), widget.NewLabel("")
	c.Email.Wrapping, c.Phone.Wrapping = fyne.TextWrapBreak, fyne.TextWrapWord
	c.emailCaption, c.phoneCaption = caption(""), caption("")
	c.heading = subheading("")
	c.relabel()
	// The code itself is placed by the delegate view (c.QR.box), beside
	// the profile rather than under it.
	c.content = container.NewVBox(c.heading,
		container.New(layout.NewFormLayout(), c.emailCaption, c.Email, c.phoneCaption, c.Phone))
	c.clear()
	return c
}

// show fills the card from d, or hides it all when d did not consent:
// vcard.Contact is the one place that decides.
func (c *contactCard) show(d data.DelegateDetail) {
	card, ok := vcard.Contact(d)
	if !ok {
		c.clear()
		return
	}
	showField(c.emailCaption, c.Email, d.Email)
	showField(c.phoneCaption, c.Phone, d.Phone)
	if err := c.QR.set(card); err != nil && c.onError != nil {
		c.onError(err)
	}
	c.content.Show()
}

func (c *contactCard) clear() {
	showField(c.emailCaption, c.Email, "")
	showField(c.phoneCaption, c.Phone, "")
	c.QR.clear()
	c.content.Hide()
}

// Visible reports whether contact details are on show.
func (c *contactCard) Visible() bool { return c.content.Visible() }

// relabel puts the card's captions in the current language; the
// delegate view calls it on a switch.
func (c *contactCard) relabel() {
	c.emailCaption.SetText(i18n.T(txtEmail))
	c.phoneCaption.SetText(i18n.T(txtPhone))
	c.heading.SetText(i18n.T(txtContactCaption))
	c.QR.setHint(i18n.T(txtContactHint))
}
