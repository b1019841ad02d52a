package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kiosk/data"
)

// ProgrammeScreen lists the sessions day by day, finds them by title,
// speaker or room, and shows one in detail.
type ProgrammeScreen struct {
	k       *Kiosk
	content fyne.CanvasObject

	DayButtons []*widget.Button
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
	p.Search = newSearchEntry("Search sessions by title, speaker or room", k, func(string) { p.reload() })
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
	p.Detail = newSessionView()
	p.dayBar = container.NewGridWithRows(1)
	top := container.NewVBox(p.dayBar, p.Search)
	p.content = container.NewPadded(container.NewBorder(top, nil, nil, nil,
		container.NewGridWithColumns(2, compact(p.List), card(p.Detail.content))))
	return p
}

// setDays makes a tab per day and opens today, or the first day.
func (p *ProgrammeScreen) setDays(days []data.Day, now time.Time) {
	p.days = days
	p.today = now.Format(data.DateLayout)
	p.DayButtons = nil
	p.dayBar.Objects = nil
	for _, d := range days {
		b := widget.NewButton(dayLabel(d), func() {
			p.k.Touch()
			p.Search.SetText("")
			p.selectDay(d.Date)
		})
		p.DayButtons = append(p.DayButtons, b)
		p.dayBar.Objects = append(p.dayBar.Objects, b)
	}
	p.dayBar.Refresh()
	p.selectDay(p.defaultDay())
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
		if d.Date == day {
			p.DayButtons[i].Importance = widget.HighImportance
		} else {
			p.DayButtons[i].Importance = widget.MediumImportance
		}
		p.DayButtons[i].Refresh()
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
	load(p.k, "Loading the programme", func(ctx context.Context) ([]data.SessionSummary, error) {
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
	load(p.k, "Opening the session", func(ctx context.Context) (data.SessionDetail, error) {
		return p.k.deps.Programme.Session(ctx, id)
	}, func(d data.SessionDetail) {
		p.selectDay(d.Start.In(p.k.loc).Format(data.DateLayout))
		p.selected = d.ID
		p.Detail.show(d, p.k.loc)
	})
}

func (p *ProgrammeScreen) showDetail(id string) {
	p.selected = id
	load(p.k, "Opening the session", func(ctx context.Context) (data.SessionDetail, error) {
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
	title *widget.Label
	where *widget.Label
}

// newSessionRow makes a row and remembers its parts, so that updates need
// not dig through the container tree.
func (p *ProgrammeScreen) newSessionRow() fyne.CanvasObject {
	r := &sessionRow{}
	r.when = canvas.NewText("00:00 – 00:00", colourPrimary)
	r.when.TextStyle = fyne.TextStyle{Bold: true}
	r.when.TextSize = 20
	r.title = widget.NewLabel("Session title")
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	wrapLabel(r.title)
	r.where = widget.NewLabel("Room")
	r.where.Importance = widget.LowImportance
	wrapLabel(r.where)
	row := container.NewBorder(nil, nil, container.NewPadded(r.when), nil, container.NewVBox(r.title, r.where))
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
	line := s.RoomName + "  ·  " + s.Kind.Label()
	if p.Search.Text != "" {
		line = s.Start.In(p.k.loc).Format("Mon 2 Jan") + "  ·  " + line
	}
	return line
}

// SessionView is a session's detail.
type SessionView struct {
	content  fyne.CanvasObject
	Title    *widget.Label
	When     *widget.Label
	Where    *widget.Label
	Kind     *widget.Label
	Language *widget.Label
	About    *widget.Label
	Speakers *widget.Label
	hint     *widget.Label
	body     *fyne.Container
}

func newSessionView() *SessionView {
	v := &SessionView{}
	v.Title = subheading("")
	v.When = widget.NewLabel("")
	v.When.TextStyle = fyne.TextStyle{Bold: true}
	v.Where = widget.NewLabel("")
	v.Kind = widget.NewLabel("")
	v.Kind.Importance = widget.LowImportance
	v.Language = widget.NewLabel("")
	v.Language.Wrapping = fyne.TextWrapWord
	v.About = widget.NewLabel("")
	v.About.Wrapping = fyne.TextWrapWord
	v.Speakers = widget.NewLabel("")
	v.Speakers.Wrapping = fyne.TextWrapWord
	v.hint = widget.NewLabel("Choose a session to see its details.")
	v.hint.Importance = widget.LowImportance
	v.hint.Wrapping = fyne.TextWrapWord
	v.body = container.NewVBox(v.Title, v.When, v.Where, v.Kind, v.Language, v.About, v.Speakers)
	v.content = container.NewStack(container.NewVScroll(v.body), v.hint)
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
	v.Kind.SetText(d.Kind.Label())
	if len(d.Languages) > 0 {
		v.Language.SetText("Interpretation: " + languages(d.Languages))
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
		v.Speakers.SetText("Speakers\n" + strings.Join(sp, "\n"))
	} else {
		v.Speakers.SetText("")
	}
	v.hint.Hide()
	v.body.Show()
}

func (v *SessionView) clear() {
	for _, l := range []*widget.Label{v.Title, v.When, v.Where, v.Kind, v.Language, v.About, v.Speakers} {
		l.SetText("")
	}
	v.body.Hide()
	v.hint.Show()
}
