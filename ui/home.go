package ui

import (
	"kiosk/ui/rtl"

	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/data"
	"kiosk/ui/i18n"
)

// homeListMax is how many sessions Home lists under Now and under Next.
const homeListMax = 5

// HomeScreen greets people: the event, today's date, what is on now and
// what comes next.
type HomeScreen struct {
	k       *Kiosk
	content fyne.CanvasObject

	EventName *widget.Label
	Where     *widget.Label
	Today     *widget.Label
	Now       *fyne.Container // one card per session running now
	Next      *fyne.Container
	NowItems  []data.SessionSummary
	NextItems []data.SessionSummary
	MyDay     *widget.Button // nil on a kiosk without My day
	// Camera is the camera's icon beside the scan hint while a camera
	// runs; the hint then names the camera too.
	Camera fyne.CanvasObject
	// ScanHint says how to check in.
	ScanHint *rtl.Label
	camera   bool

	// Languages are the language buttons, by code.
	Languages map[string]*widget.Button

	nowScroll  *container.Scroll
	nextScroll *container.Scroll
	event      data.Event
	days       []data.Day
	lastMinute int64
	seq        int
}

func newHomeScreen(k *Kiosk) *HomeScreen {
	h := &HomeScreen{k: k, lastMinute: -1}
	h.EventName = heading("") // wraps: a long name is not cut
	h.Where = widget.NewLabel("")
	h.Where.Truncation = fyne.TextTruncateEllipsis
	h.Today = subheading("")
	h.Today.Wrapping = fyne.TextWrapOff
	h.Today.Truncation = fyne.TextTruncateEllipsis
	h.Now = container.NewVBox()
	h.Next = container.NewVBox()
	h.nowScroll, h.nextScroll = container.NewVScroll(h.Now), container.NewVScroll(h.Next)
	nowTitle, nextTitle := subheading(""), subheading("")
	// The titles and the lines above the cards with little padding, and
	// My day beside the scan hint: at 1280x800 the cards keep room for a
	// session's time, title and room, in Arabic's taller font too.
	columns := rtl.NewGridWithColumns(2,
		container.NewBorder(tightText(nowTitle), nil, nil, nil, h.nowScroll),
		container.NewBorder(tightText(nextTitle), nil, nil, nil, h.nextScroll),
	)
	var langBar fyne.CanvasObject
	langBar, h.Languages = newLanguageBar(k)
	top := tightText(container.NewVBox(langBar, h.EventName, h.Where, h.Today))
	var parts []fyne.CanvasObject
	// The hint may wrap beside My day: rtl.Label wraps Arabic from the right.
	hint := bidiLabel("")
	h.ScanHint = hint
	// With a camera the hint names it and its icon stands beside it, on
	// the hint's two lines: a line of its own for the camera made the
	// card taller and left Now and Next too little room at 1280x800.
	h.Camera = widget.NewIcon(theme.MediaVideoIcon())
	h.Camera.Hide()
	if k.deps.Desk != nil {
		hint.TextStyle = fyne.TextStyle{Bold: true}
		hint.Alignment = fyne.TextAlignCenter
		hint.Wrapping = fyne.TextWrapWord
		parts = append(parts, card(rtl.NewBorder(nil, nil, h.Camera, nil, hint)))
	}
	retext := func() {
		nowTitle.SetText(i18n.T("home.now"))
		nextTitle.SetText(i18n.T("home.next"))
		h.retextHint()
	}
	retext()
	k.onLanguage(func() {
		retext()
		if len(h.days) > 0 {
			h.setEvent(h.event, h.days)
			h.tick(k.deps.Now())
		}
	})
	if k.deps.MyDay != nil {
		var offer fyne.CanvasObject
		h.MyDay, offer = newMyDayButton(k)
		parts = append([]fyne.CanvasObject{card(offer)}, parts...)
	}
	var bottom fyne.CanvasObject
	if len(parts) > 0 {
		bottom = rtl.NewGridWithColumns(len(parts), parts...)
	}
	h.content = container.NewPadded(container.NewBorder(top, bottom, nil, nil, columns))
	return h
}

func (h *HomeScreen) setEvent(e data.Event, days []data.Day) {
	h.event, h.days = e, days
	// One line at the kiosk's width: rtl.Visual orders a mixed Arabic line.
	h.EventName.SetText(rtl.Visual(i18n.T("home.welcome", i18n.Args{"Event": e.Name})))
	where := e.Venue
	if e.City != "" {
		where += ", " + e.City
	}
	sep := "  ·  "
	if i18n.IsRTL() {
		// A right-to-left mark keeps the dates' figures with the Arabic
		// month rather than with a Latin venue name before them.
		sep += "\u200f"
	}
	h.Where.SetText(rtl.Visual(where + sep + dateSpan(days)))
	h.lastMinute = -1
}

// tick refreshes the day line and, once a minute, Now and Next.
func (h *HomeScreen) tick(now time.Time) {
	if len(h.days) == 0 {
		return
	}
	h.Today.SetText(rtl.Visual(dayLine(h.days, now.In(h.k.loc))))
	minute := now.Unix() / 60
	if minute == h.lastMinute {
		return
	}
	h.lastMinute = minute
	h.seq++
	seq := h.seq
	type nowNext struct{ now, next []data.SessionSummary }
	load(h.k, i18n.T("load.now_next"), func(ctx context.Context) (nowNext, error) {
		n, x, err := h.k.deps.Programme.NowNext(ctx, now, homeListMax)
		return nowNext{n, x}, err
	}, func(r nowNext) {
		if seq != h.seq {
			return
		}
		h.NowItems, h.NextItems = r.now, r.next
		h.fill(h.Now, r.now, i18n.T("home.nothing_now"), true)
		h.fill(h.Next, r.next, i18n.T("home.nothing_next"), false)
	})
}

// dayLine says where today stands in the event.
func dayLine(days []data.Day, now time.Time) string {
	for i, d := range days {
		if d.Contains(now) {
			return i18n.T("home.day_of", i18n.Args{"Day": i18n.Number(i + 1), "Days": i18n.Number(len(days)), "Date": longDate(now)})
		}
	}
	if now.Before(days[0].Start) {
		n := int(days[0].Start.Sub(now).Hours()/24) + 1
		return i18n.N("home.starts_in", n, i18n.Args{"Date": longDate(now)})
	}
	return i18n.T("home.ended", i18n.Args{"Date": longDate(days[len(days)-1].Start)})
}

func (h *HomeScreen) fill(box *fyne.Container, items []data.SessionSummary, empty string, running bool) {
	box.Objects = nil
	if len(items) == 0 {
		l := widget.NewLabel(empty)
		l.Importance = widget.LowImportance
		l.Alignment = rtl.Align(fyne.TextAlignLeading)
		box.Objects = append(box.Objects, l)
	}
	shown := items
	if len(shown) > homeListMax {
		shown = shown[:homeListMax]
	}
	for _, s := range shown {
		box.Objects = append(box.Objects, h.sessionCard(s, running))
	}
	if len(items) > homeListMax {
		more := widget.NewLabel(i18n.N("home.more", len(items)-homeListMax))
		more.Importance = widget.LowImportance
		more.Alignment = rtl.Align(fyne.TextAlignLeading)
		box.Objects = append(box.Objects, more)
	}
	box.Refresh()
}

// sessionCard shows a session; tapping it opens it in the Programme.
func (h *HomeScreen) sessionCard(s data.SessionSummary, running bool) fyne.CanvasObject {
	c := tonePrimary
	if running {
		c = toneNow
	}
	when := newText(timeRange(s.Session, h.k.loc), c, 20)
	when.TextStyle = fyne.TextStyle{Bold: true}
	when.Alignment = rtl.Align(fyne.TextAlignLeading)
	title := bidiLabel(s.Title)
	title.TextStyle = fyne.TextStyle{Bold: true}
	title.Wrapping = fyne.TextWrapWord
	where := bidiLabel(s.RoomName + "  ·  " + kindLabel(s.Kind))
	where.Importance = widget.LowImportance
	open := widget.NewButton("", func() {
		h.k.Touch()
		h.k.Programme.Open(s.ID)
	})
	open.Importance = widget.LowImportance
	return compact(container.NewStack(card(nil), open, container.NewPadded(container.NewVBox(
		container.NewPadded(when), title, where))))
}

// showCamera says, or stops saying, to hold the badge to the camera.
func (h *HomeScreen) showCamera(on bool) {
	if on == h.camera {
		return
	}
	h.camera = on
	if on {
		h.Camera.Show()
	} else {
		h.Camera.Hide()
	}
	h.retextHint()
	h.content.Refresh()
}

// retextHint words the scan hint for the language and the camera.
func (h *HomeScreen) retextHint() {
	if h.camera {
		h.ScanHint.SetText(i18n.T("home.camera_hint"))
	} else {
		h.ScanHint.SetText(i18n.T("home.scan_hint"))
	}
}

// tightText draws text and buttons with little padding (tightTheme), at
// the text size of the moment.
func tightText(obj fyne.CanvasObject) fyne.CanvasObject {
	return container.NewThemeOverride(obj, tightTheme{text: 1})
}
