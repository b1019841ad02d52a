package ui

import (
	"kiosk/ui/rtl"

	"context"
	"image"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/data/checkin"
	"kiosk/data/qrimage"
	"kiosk/ui/i18n"
)

// ResultShownFor is how long a check-in result stays before the kiosk
// returns to the screen it came from: long enough to read it and to scan
// the check-in code with a phone.
const ResultShownFor = 12 * time.Second

// Colours of the result band, one per kind of outcome.
var (
	colourWelcome  = color.NRGBA{R: 0x1b, G: 0x7f, B: 0x3b, A: 0xff}
	colourAlready  = color.NRGBA{R: 0x1a, G: 0x5f, B: 0xb4, A: 0xff}
	colourRefused  = color.NRGBA{R: 0xb0, G: 0x1e, B: 0x23, A: 0xff}
	colourChecking = color.NRGBA{R: 0x55, G: 0x60, B: 0x70, A: 0xff}
)

// ResultView shows the outcome of a scan, large and unmistakable.
type ResultView struct {
	k       *Kiosk
	content fyne.CanvasObject

	Outcome  *checkin.Outcome // nil while checking
	Band     *canvas.Rectangle
	Headline *canvas.Text
	// Icon says the outcome with the headline: never by colour alone.
	Icon      *widget.Icon
	Name      *widget.Label
	Country   *rtl.Label
	What      *rtl.Label
	Detail    *rtl.Label
	Presence  *widget.Label
	Code      *canvas.Image
	CodeText  string
	Countdown *widget.Label
	Done      *widget.Button
	codeBox   *fyne.Container
	headline  *fyne.Container // the icon and the headline, centred together

	until time.Time
	back  Screen
	seq   int
}

func newResultView(k *Kiosk) *ResultView {
	r := &ResultView{k: k}
	r.Band = newFill(toneChecking)
	r.Headline = newText("", toneOnBrand, 56)
	r.Headline.TextStyle = fyne.TextStyle{Bold: true}
	r.Headline.Alignment = fyne.TextAlignCenter
	r.Icon = widget.NewIcon(nil)
	icon := container.NewCenter(container.NewGridWrap(fyne.NewSize(64, 64), r.Icon))
	r.headline = container.NewCenter(rtl.NewHBox(icon, r.Headline))
	band := container.NewStack(r.Band, container.NewPadded(container.NewPadded(r.headline)))

	r.Name = heading("")
	r.Name.Alignment = fyne.TextAlignCenter
	r.Country = bidiSubheading("")
	r.Country.Alignment = fyne.TextAlignCenter
	r.What = bidiLabel("")
	r.What.Alignment = fyne.TextAlignCenter
	r.What.TextStyle = fyne.TextStyle{Bold: true}
	r.What.Wrapping = fyne.TextWrapWord
	r.Detail = bidiLabel("")
	r.Detail.Alignment = fyne.TextAlignCenter
	r.Detail.Wrapping = fyne.TextWrapWord
	r.Presence = widget.NewLabel("")
	r.Presence.Alignment = fyne.TextAlignCenter
	r.Presence.TextStyle = fyne.TextStyle{Bold: true}

	r.Code = canvas.NewImageFromImage(image.NewGray(image.Rect(0, 0, 1, 1)))
	r.Code.FillMode = canvas.ImageFillContain
	r.Code.ScaleMode = canvas.ImageScalePixels
	r.Code.SetMinSize(fyne.NewSize(420, 420))
	codeCaption := widget.NewLabel(i18n.T("result.code_caption"))
	codeCaption.Alignment = fyne.TextAlignCenter
	codeCaption.Importance = widget.LowImportance
	r.codeBox = container.NewVBox(container.NewCenter(r.Code), codeCaption)

	r.Countdown = widget.NewLabel("")
	r.Countdown.Importance = widget.LowImportance
	r.Done = widget.NewButtonWithIcon(i18n.T("result.done"), theme.ConfirmIcon(), func() { k.Touch(); r.close() })
	r.Done.Importance = widget.HighImportance
	k.onLanguage(func() {
		codeCaption.SetText(i18n.T("result.code_caption"))
		r.Done.SetText(i18n.T("result.done"))
		if r.Outcome != nil {
			r.retext(*r.Outcome)
		}
	})

	// Spacers centre the text vertically; a Center container would give
	// the wrapping labels no width at all.
	text := container.NewVBox(layout.NewSpacer(), r.Name, r.Country, r.What, r.Detail, r.Presence, layout.NewSpacer())
	body := rtl.NewGridWithColumns(2, text, container.NewCenter(r.codeBox))
	footer := rtl.NewBorder(nil, nil, r.Countdown, r.Done)
	r.content = container.NewBorder(band, container.NewPadded(footer), nil, nil, container.NewPadded(body))
	return r
}

// checking shows at once that a scan arrived, before its answer.
func (r *ResultView) checking(back Screen) {
	r.seq++
	r.back = back
	r.Outcome = nil
	r.set(toneChecking, theme.ViewRefreshIcon(), i18n.T("result.checking"))
	for _, l := range []interface{ SetText(string) }{r.Name, r.Country, r.What, r.Detail, r.Presence} {
		l.SetText("")
	}
	r.codeBox.Hide()
	r.CodeText = ""
	r.until = r.k.deps.Now().Add(ResultShownFor)
	r.Countdown.SetText("")
}

func (r *ResultView) set(c tone, icon fyne.Resource, headline string) {
	paintFill(r.Band, c)
	r.Icon.SetResource(onBand(icon))
	r.Band.Refresh()
	r.Headline.Text = rtl.Visual(headline)
	// Centred with its icon: a new headline's width moves both.
	r.headline.Refresh()
}

// show puts an outcome on screen, then fetches and draws its check-in code.
func (r *ResultView) show(o checkin.Outcome) {
	r.Outcome = &o
	r.retext(o)
	r.until = r.k.deps.Now().Add(ResultShownFor)
	if o.Status == checkin.Refused || o.CheckIn.ID == "" {
		return
	}
	seq := r.seq
	type drawn struct {
		text string
		img  image.Image
	}
	load(r.k, i18n.T("load.code"), func(ctx context.Context) (drawn, error) {
		code, err := r.k.deps.Desk.Code(ctx, o.CheckIn)
		if err != nil || code == "" {
			return drawn{}, err
		}
		img, _, err := qrimage.Image(code, 480)
		return drawn{code, img}, err
	}, func(d drawn) {
		if seq != r.seq || d.img == nil {
			return
		}
		r.CodeText = d.text
		r.Code.Image = d.img
		r.Code.Refresh()
		r.codeBox.Show()
	})
}

// failed says the kiosk could not record the check-in: never a welcome
// that is not on disk.
func (r *ResultView) failed(err error) {
	r.set(toneRefused, theme.ErrorIcon(), i18n.T("result.not_checked_in"))
	r.Detail.SetText(i18n.T("result.failed", i18n.Args{"Error": err.Error()}))
	r.until = r.k.deps.Now().Add(ResultShownFor)
}

// tick counts down and returns to the earlier screen when time is up.
func (r *ResultView) tick(now time.Time) {
	left := r.until.Sub(now)
	if left <= 0 {
		r.close()
		return
	}
	r.Countdown.SetText(i18n.N("result.back_in", int(left.Round(time.Second)/time.Second)))
}

func (r *ResultView) close() {
	if r.k.current == ScreenResult {
		r.k.Show(r.back)
	}
}
