package ui

import (
	"kiosk/ui/rtl"

	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kiosk/data"
	"kiosk/ui/i18n"
)

// ProgrammeScreen lists the sessions day by day, finds them by title,
// speaker or room, and shows one in detail.
type ProgrammeScreen struct {
	k       *Kiosk
	content fyne.CanvasObject

	DayButtons []*widget.Button
	dayMarks   []*canvas.Rectangle // under the chosen day (markChosen)
	Search     *searchEntry
	List       *scanList
	Items      []data.SessionSummary
	Detail     *SessionView

	days     []data.Day
	day      string // the day shown when not searching
	today    string
	dayBar   *fyne.Container
	seq      int
	selected string
	rows     map[fyne.CanvasObject]*sessionRow
	spare    *sessionRow // measures rows (wrap.go)
}

func newProgrammeScreen(k *Kiosk) *ProgrammeScreen {
	p := &ProgrammeScreen{k: k, rows: map[fyne.CanvasObject]*sessionRow{}}
	p.Search = newSearchEntry(i18n.T("programme.search"), k, func(string) { p.reload() })
	p.List = newScanList(k,
		func() int { return len(p.Items) },
		p.newSessionRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.Items) {
				p.updateRow(p.Items[i], o)
			}
		})
	p.List.OnSelected = func(i widget.ListItemID) {
		k.Touch()
		if i < len(p.Items) {
			p.showDetail(p.Items[i].ID)
		}
	}
	p.List.wrapRows(p.newSpareRow(), func(i int) (string, bool) {
		if i >= len(p.Items) {
			return "", false
		}
		return p.Items[i].Title + "\n" + p.whereLine(p.Items[i]), true
	}, func(i int) { p.fillRow(p.spare, p.Items[i]) })
	p.Detail = newSessionView(k)
	p.dayBar = rtl.NewGridWithRows(1)
	k.onLanguage(p.relabel)
	top := container.NewVBox(p.dayBar, p.Search)
	p.content = container.NewPadded(container.NewBorder(top, nil, nil, nil,
		rtl.NewGridWithColumns(2, compact(p.List), card(p.Detail.content))))
	return p
}

// setDays makes a tab per day and opens today, or the first day.
func (p *ProgrammeScreen) setDays(days []data.Day, now time.Time) {
	p.days = days
	p.today = now.Format(data.DateLayout)
	p.DayButtons, p.dayMarks = nil, nil
	p.dayBar.Objects = nil
	for _, d := range days {
		b := widget.NewButton(rtl.Visual(dayLabel(d)), func() {
			p.k.Touch()
			p.Search.SetText("")
			p.selectDay(d.Date)
		})
		cell, mark := underlined(b)
		p.DayButtons, p.dayMarks = append(p.DayButtons, b), append(p.dayMarks, mark)
		p.dayBar.Objects = append(p.dayBar.Objects, cell)
	}
	p.dayBar.Refresh()
	p.selectDay(p.defaultDay())
}

// relabel puts the screen in the current language: the day tabs, the
// search hint, and the list and detail again from the data, whose titles
// may be translated.
func (p *ProgrammeScreen) relabel() {
	p.Search.SetPlaceHolder(i18n.T("programme.search"))
	p.Detail.hint.SetText(i18n.T("programme.choose"))
	for i, d := range p.days {
		p.DayButtons[i].SetText(rtl.Visual(dayLabel(d)))
	}
	if len(p.days) > 0 {
		p.reload()
	}
	if p.selected != "" {
		p.showDetail(p.selected)
	}
}

func (p *ProgrammeScreen) defaultDay() string {
	for _, d := range p.days {
		if d.Date == p.today {
			return d.Date
		}
	}
	if len(p.days) > 0 {
		return p.days[0].Date
	}
	return ""
}

func (p *ProgrammeScreen) selectDay(day string) {
	p.day = day
	for i, d := range p.days {
		markChosen(p.DayButtons[i], p.dayMarks[i], d.Date == day)
	}
	p.reload()
}

// reload lists the sessions of the chosen day, or those matching the
// search across all days. Only the newest request's answer is shown, so a
// slow answer to an old keystroke never overwrites a newer one.
func (p *ProgrammeScreen) reload() {
	p.seq++
	seq := p.seq
	query, day := p.Search.Text, p.day
	load(p.k, i18n.T("load.programme"), func(ctx context.Context) ([]data.SessionSummary, error) {
		if query != "" {
			return p.k.deps.Programme.SearchSessions(ctx, query)
		}
		return p.k.deps.Programme.Sessions(ctx, day)
	}, func(items []data.SessionSummary) {
		if seq != p.seq {
			return
		}
		p.Items = items
		p.List.UnselectAll()
		p.List.fitRows()
		p.List.Refresh()
		p.List.ScrollToTop()
		if query == "" && day == p.today {
			// Today opens at what is on now, not at breakfast.
			now := p.k.deps.Now()
			for i, s := range items {
				if s.End.After(now) {
					p.List.ScrollTo(i)
					break
				}
			}
		}
	})
}

// Open shows one session: its day, and its detail.
func (p *ProgrammeScreen) Open(id string) {
	p.k.Show(ScreenProgramme)
	p.Search.SetText("")
	load(p.k, i18n.T("load.session"), func(ctx context.Context) (data.SessionDetail, error) {
		return p.k.deps.Programme.Session(ctx, id)
	}, func(d data.SessionDetail) {
		p.selectDay(d.Start.In(p.k.loc).Format(data.DateLayout))
		p.selected = d.ID
		p.Detail.show(d, p.k.loc)
	})
}

func (p *ProgrammeScreen) showDetail(id string) {
	p.selected = id
	load(p.k, i18n.T("load.session"), func(ctx context.Context) (data.SessionDetail, error) {
		return p.k.deps.Programme.Session(ctx, id)
	}, func(d data.SessionDetail) {
		if p.selected == d.ID {
			p.Detail.show(d, p.k.loc)
		}
	})
}

func (p *ProgrammeScreen) reset() {
	p.Search.SetText("")
	p.selected = ""
	p.Detail.clear()
	p.List.UnselectAll()
	if len(p.days) > 0 {
		p.selectDay(p.defaultDay())
	}
}

// sessionRow is one recycled line of the session list.
type sessionRow struct {
	when  *canvas.Text
	title *rtl.Label
	where *rtl.Label
}

// newSessionRow makes a row and remembers its parts, so that updates need
// not dig through the container tree.
func (p *ProgrammeScreen) newSessionRow() fyne.CanvasObject {
	r := &sessionRow{}
	r.when = newText("00:00 – 00:00", tonePrimary, 20)
	r.when.TextStyle = fyne.TextStyle{Bold: true}
	r.title = bidiLabel("Session title")
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	wrapText(&r.title.Truncation, &r.title.Wrapping)
	r.where = bidiLabel("Room")
	r.where.Importance = widget.LowImportance
	wrapText(&r.where.Truncation, &r.where.Wrapping)
	row := rtl.NewBorder(nil, nil, container.NewPadded(r.when), nil, container.NewVBox(r.title, r.where))
	p.rows[row] = r
	return row
}

// newSpareRow makes the row that measures the others.
func (p *ProgrammeScreen) newSpareRow() fyne.CanvasObject {
	row := p.newSessionRow()
	p.spare = p.rows[row]
	delete(p.rows, row)
	return row
}

func (p *ProgrammeScreen) updateRow(s data.SessionSummary, o fyne.CanvasObject) {
	r := p.rows[o]
	if r == nil {
		return
	}
	p.fillRow(r, s)
}

func (p *ProgrammeScreen) fillRow(r *sessionRow, s data.SessionSummary) {
	r.when.Text = timeRange(s.Session, p.k.loc)
	r.when.Refresh()
	r.title.SetText(s.Title)
	r.where.SetText(p.whereLine(s))
}

// whereLine is a row's second line: where, and the day when searching
// across days.
func (p *ProgrammeScreen) whereLine(s data.SessionSummary) string {
	line := s.RoomName + "  ·  " + kindLabel(s.Kind)
	if p.Search.Text != "" {
		line = i18n.ShortDate(s.Start.In(p.k.loc)) + "  ·  " + line
	}
	return line
}

// SessionView is a session's detail.
type SessionView struct {
	content  fyne.CanvasObject
	Title    *rtl.Label
	When     *rtl.Label
	Where    *rtl.Label
	Kind     *rtl.Label
	Language *rtl.Label
	About    *rtl.Label
	Speakers *rtl.Label
	Calendar *calendarOffer
	hint     *widget.Label
	body     *fyne.Container
}

func newSessionView(k *Kiosk) *SessionView {
	v := &SessionView{Calendar: newCalendarOffer(k)}
	v.Title = bidiSubheading("")
	v.When = bidiLabel("")
	v.When.TextStyle = fyne.TextStyle{Bold: true}
	v.Where = bidiLabel("")
	v.Kind = bidiLabel("")
	v.Kind.Importance = widget.LowImportance
	v.Language = bidiLabel("")
	v.Language.Wrapping = fyne.TextWrapWord
	v.About = bidiLabel("")
	v.About.Wrapping = fyne.TextWrapWord
	v.Speakers = bidiLabel("")
	v.Speakers.Wrapping = fyne.TextWrapWord
	v.hint = widget.NewLabel(i18n.T("programme.choose"))
	v.hint.Importance = widget.LowImportance
	v.hint.Wrapping = fyne.TextWrapWord
	v.body = container.NewVBox(v.Title, v.When, v.Where, v.Kind, v.Calendar.content, v.Language, v.About, v.Speakers)
	scroll := container.NewVScroll(v.body)
	v.content = container.NewStack(scroll, v.hint)
	v.Calendar.relayout = func() {
		v.content.Refresh()
		if v.Calendar.QR.Visible() {
			// Bring the code on screen: under a long title it would
			// start below the fold.
			scroll.ScrollToOffset(fyne.NewPos(0, v.Calendar.content.Position().Y))
		}
	}
	v.clear()
	return v
}

func (v *SessionView) show(d data.SessionDetail, loc *time.Location) {
	v.Title.SetText(d.Title)
	v.When.SetText(longDate(d.Start.In(loc)) + "  ·  " + timeRange(d.Session, loc))
	where := d.Room.Name
	if d.Room.Floor != "" {
		where += "  ·  " + d.Room.Floor
	}
	v.Where.SetText(where)
	v.Kind.SetText(kindLabel(d.Kind))
	if len(d.Languages) > 0 {
		v.Language.SetText(i18n.T("programme.interpretation", i18n.Args{"Languages": languages(d.Languages)}))
	} else {
		v.Language.SetText("")
	}
	v.About.SetText(d.Description)
	var sp []string
	for _, s := range d.Speakers {
		line := "•  " + s.Name
		if s.Role != "" {
			line += ", " + s.Role
		}
		sp = append(sp, line)
	}
	if len(sp) > 0 {
		v.Speakers.SetText(i18n.T("programme.speakers") + "\n" + strings.Join(sp, "\n"))
	} else {
		v.Speakers.SetText("")
	}
	v.Calendar.show(d)
	v.hint.Hide()
	v.body.Show()
}

func (v *SessionView) clear() {
	for _, l := range []*rtl.Label{v.Title, v.When, v.Where, v.Kind, v.Language, v.About, v.Speakers} {
		l.SetText("")
	}
	v.Calendar.clear()
	v.body.Hide()
	v.hint.Show()
}
