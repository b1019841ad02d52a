package ui

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

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

// The presence board's translation keys (texts in assets/translations).
const (
	textBoardCount       = "board.count" // Present, Members
	textBoardMembers     = "board.members"
	textQuorumReached    = "board.quorum_reached"
	textQuorumNotReached = "board.quorum_not_reached"
	textQuorumShort      = "board.shortfall" // Needed, Missing
	textQuorumRule       = "board.rule"      // Rule, Needed, Members
	textBoardRunning     = "board.running"
	textBoardNext        = "board.next"
	textBoardEnded       = "board.ended"
	textBoardPresent     = "board.present"
	textBoardNonePresent = "board.none_present"
	textBoardNoPlenary   = "board.no_plenary"
	textBoardUnreadable  = "board.unreadable" // Error
	textBoardHint        = "board.hint"
)

// BoardSource reads the presence board; see checkin.Desk.Board.
type BoardSource interface {
	Board(ctx context.Context) (checkin.Board, error)
}

// boardEvery is how often the board reads the check-ins again: other
// kiosks' codes, exports and the hub's check-ins reach the store by other
// paths than this screen, so it looks rather than waits to be told.
var boardEvery = time.Second

// BoardScreen is the presence board of a kiosk whose purpose is board: the
// plenary followed, member countries present against the quorum, and the
// countries present, large enough to read across a hall.
type BoardScreen struct {
	k       *Kiosk
	content fyne.CanvasObject

	Title   *canvas.Text
	When    *canvas.Text
	Count   *canvas.Text
	Members *canvas.Text
	Verdict *canvas.Text
	// Shortfall says how many are needed, under the verdict, when the
	// quorum is not reached.
	Shortfall *canvas.Text
	Rule      *rtl.Label
	Hint      *rtl.Label
	// Countries holds one text per country present, by name.
	Countries *fyne.Container
	None      *rtl.Label

	// do hands work to the UI goroutine: fyne.Do, which tests replace
	// to run it on theirs.
	do       func(func())
	band     *canvas.Rectangle
	icon     *widget.Icon
	shown    string // what the widgets show, to skip redrawing the same
	stop     context.CancelFunc
	lastFail string
}

func newBoardScreen(k *Kiosk) *BoardScreen {
	b := &BoardScreen{k: k, do: fyne.Do}
	b.Title = boardText(44, true)
	b.When = boardText(28, false)
	paintText(b.When, toneMuted, 0)
	b.Count = boardText(120, true)
	b.Members = boardText(36, false)
	b.Verdict = boardText(44, true)
	paintText(b.Verdict, toneOnBrand, 0)
	b.Shortfall = boardText(30, false)
	paintText(b.Shortfall, toneOnBrand, 0)
	b.band = newFill(toneChecking)
	b.band.CornerRadius = 16
	b.icon = widget.NewIcon(nil)
	b.Rule = rtl.NewLabel("")
	b.Rule.Alignment = fyne.TextAlignCenter
	b.Rule.Wrapping = fyne.TextWrapWord
	b.Rule.SizeName = theme.SizeNameSubHeadingText
	b.Hint = rtl.NewLabel("")
	b.Hint.Alignment = fyne.TextAlignCenter
	b.Hint.Importance = widget.LowImportance
	b.Countries = container.New(rtl.Mirror(&fitColumns{}))
	b.None = rtl.NewLabel("")
	b.None.Alignment = fyne.TextAlignCenter

	// Every text of the board gets smaller rather than wider than the
	// screen: a long session title must not push the window off it.
	icon := container.NewCenter(container.NewGridWrap(fyne.NewSize(72, 72), b.icon))
	verdict := container.NewStack(b.band, container.NewPadded(container.NewPadded(
		container.NewBorder(nil, nil, icon, nil, container.NewVBox(fit(b.Verdict), fit(b.Shortfall))))))
	// The count on the left, the verdict and its rule on the right, so
	// that the list below has the height it needs.
	figures := container.NewGridWithColumns(2,
		container.NewVBox(fit(b.Count), fit(b.Members)),
		container.NewVBox(layout.NewSpacer(), verdict, b.Rule, layout.NewSpacer()))
	top := container.NewVBox(fit(b.Title), fit(b.When), figures)
	listTitle := subheading("")
	relabel := func() {
		listTitle.SetText(i18n.T(textBoardPresent))
		b.Hint.SetText(i18n.T(textBoardHint))
		// The next reading draws the board again in the new language.
		b.shown = ""
	}
	relabel()
	k.onLanguage(relabel)
	list := container.NewBorder(container.NewVBox(listTitle, b.None), nil, nil, nil, container.NewPadded(b.Countries))
	b.content = container.NewPadded(container.NewBorder(top, b.Hint, nil, nil, card(list)))
	return b
}

func boardText(size float32, bold bool) *canvas.Text {
	t := newText("", toneText, 0)
	t.TextSize = size
	t.TextStyle = fyne.TextStyle{Bold: bold}
	t.Alignment = fyne.TextAlignCenter
	return t
}

// follow reads the board now and every boardEvery until stop, off the UI
// goroutine; only fyne.Do touches the widgets.
func (b *BoardScreen) follow() {
	src := b.k.deps.Board
	if src == nil || b.stop != nil {
		return
	}
	ctx, cancel := context.WithCancel(b.k.ctx)
	b.stop = cancel
	do := b.do
	b.k.jobs.Go(func() {
		read := func() {
			// The plenary's title in the language on screen at each
			// reading, so that a language switch reaches it.
			rctx, done := context.WithTimeout(data.WithLanguage(ctx, i18n.Current()), queryTimeout)
			board, err := src.Board(rctx)
			done()
			if ctx.Err() != nil {
				return
			}
			do(func() {
				if ctx.Err() == nil {
					b.show(board, err)
				}
			})
		}
		read()
		every(ctx, boardEvery, read)
	})
}

// unfollow stops reading the board.
func (b *BoardScreen) unfollow() {
	if b.stop != nil {
		b.stop()
		b.stop = nil
	}
}

// show draws a reading of the board; err is a failure to read it, said on
// the board itself (once in the log) rather than in the banner every
// second.
func (b *BoardScreen) show(board checkin.Board, err error) {
	if err != nil {
		msg := i18n.T(textBoardUnreadable, i18n.Args{"Error": err.Error()})
		if msg != b.lastFail {
			log.Printf("presence board: %v", err)
			b.lastFail = msg
		}
		b.draw(msg, func() {
			b.Title.Text, b.When.Text, b.Count.Text, b.Members.Text = "", "", "", ""
			b.setVerdict(false, rtl.Visual(msg), "")
			b.Rule.SetText("")
			b.setCountries(nil, "")
		})
		return
	}
	b.lastFail = ""
	p := board.Presence
	var names []string
	for _, c := range board.Countries {
		names = append(names, c.Name)
	}
	key := fmt.Sprint(i18n.Current(), board.Found, board.Plenary.ID, board.Running, p.Present, p.Members, p.Needed(), board.Plenary.Title,
		board.Plenary.Start.Before(b.k.deps.Now()), names)
	b.draw(key, func() {
		if !board.Found {
			b.Title.Text, b.When.Text = i18n.T(textBoardNoPlenary), ""
		} else {
			s := board.Plenary
			loc := board.Loc
			if loc == nil {
				loc = time.UTC
			}
			state := i18n.T(textBoardNext)
			switch {
			case board.Running:
				state = i18n.T(textBoardRunning)
			case s.Start.Before(b.k.deps.Now()):
				state = i18n.T(textBoardEnded)
			}
			b.Title.Text = rtl.Visual(s.Title)
			start := s.Start.In(loc)
			b.When.Text = rtl.Visual(strings.Join([]string{state, i18n.ShortDate(start) + "  " + i18n.TimeRange(start, s.End.In(loc)), s.RoomName}, "  ·  "))
		}
		// Arabic words between figures: Fyne alone would put the figures
		// in the wrong places ("2 من 5" read as five of two).
		b.Count.Text = rtl.Visual(i18n.T(textBoardCount, i18n.Args{"Present": i18n.Number(p.Present), "Members": i18n.Number(p.Members)}))
		b.Members.Text = i18n.T(textBoardMembers)
		if p.Reached() {
			b.setVerdict(true, i18n.T(textQuorumReached), "")
		} else {
			b.setVerdict(false, i18n.T(textQuorumNotReached),
				rtl.Visual(i18n.T(textQuorumShort, i18n.Args{"Needed": i18n.Number(p.Needed()), "Missing": i18n.Number(p.Missing())})))
		}
		b.Rule.SetText(i18n.T(textQuorumRule, i18n.Args{"Rule": quorumRule(p.Rule), "Needed": i18n.Number(p.Needed()), "Members": i18n.Number(p.Members)}))
		b.setCountries(names, i18n.T(textBoardNonePresent))
	})
}

// draw runs f unless the board already shows key.
func (b *BoardScreen) draw(key string, f func()) {
	if key == b.shown {
		return
	}
	b.shown = key
	f()
	// Texts of a new length need their rows laid out again.
	b.content.Refresh()
}

// setVerdict says whether the quorum is reached in words and by an icon,
// on a green or amber band: never by colour alone.
func (b *BoardScreen) setVerdict(reached bool, words, shortfall string) {
	b.Verdict.Text = words
	b.Shortfall.Text = shortfall
	if shortfall == "" {
		b.Shortfall.Hide()
	} else {
		b.Shortfall.Show()
	}
	if reached {
		paintFill(b.band, toneWelcome)
		b.icon.SetResource(onBand(theme.ConfirmIcon()))
	} else {
		paintFill(b.band, toneShortfall)
		b.icon.SetResource(onBand(theme.WarningIcon()))
	}
	b.band.Refresh()
	b.Verdict.Refresh()
}

func (b *BoardScreen) setCountries(names []string, none string) {
	objs := make([]fyne.CanvasObject, len(names))
	for i, n := range names {
		objs[i] = newText(rtl.Visual(n), toneText, 0)
	}
	b.Countries.Objects = objs
	b.Countries.Refresh()
	if len(names) == 0 && none != "" {
		b.None.SetText(none)
		b.None.Show()
	} else {
		b.None.Hide()
	}
}

// CountryNames are the countries the board lists, for tests.
func (b *BoardScreen) CountryNames() []string {
	var out []string
	for _, o := range b.Countries.Objects {
		out = append(out, o.(*canvas.Text).Text)
	}
	return out
}

// home is the kiosk's resting screen: the board on a board kiosk.
func (k *Kiosk) home() Screen {
	if k.boardMode {
		return ScreenBoard
	}
	return ScreenHome
}

// setBoardMode makes the kiosk a presence board, or an ordinary kiosk
// again, as staff set its purpose. A board shows no navigation bar: it is
// read from across the hall, not browsed; badges are still taken on it,
// and staff mode opens as on any kiosk (five taps on the header, or
// Ctrl+Shift+S), where staff set another purpose to leave it.
func (k *Kiosk) setBoardMode(on bool) {
	if on == k.boardMode {
		return
	}
	k.boardMode = on
	// The navigation bar's space goes to the board, or comes back.
	defer k.content.Refresh()
	if on {
		k.navBar.Hide()
		k.Board.follow()
		if k.current == ScreenHome {
			k.Show(ScreenBoard)
		}
		return
	}
	k.navBar.Show()
	k.Board.unfollow()
	if k.current == ScreenBoard {
		k.Show(ScreenHome)
	}
}

// fitColumns lays out the names of the countries present in columns, top
// to bottom then left to right as an alphabetical list reads, in the
// largest text that lets every name show whole in the space there is: a
// board is read from afar and cannot be scrolled by anyone.
type fitColumns struct{}

// The text sizes fitColumns tries, largest first, and the gap between
// columns.
const (
	fitLargest  = 32
	fitSmallest = 12
	fitGap      = 40
)

func (fitColumns) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }

func (fitColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) == 0 {
		return
	}
	textSize, rows, widths, line := fitColumnsAt(objs, size, fitLargest)
	for ; textSize > fitSmallest && widths == nil; textSize-- {
		_, rows, widths, line = fitColumnsAt(objs, size, textSize-1)
	}
	if widths == nil { // even the smallest text does not fit: the most that shows
		_, rows, widths, line = fitColumnsAt(objs, fyne.NewSize(size.Width, float32(1e6)), fitSmallest)
	}
	x := float32(0)
	for i, o := range objs {
		t := o.(*canvas.Text)
		if t.TextSize != textSize {
			t.TextSize = textSize
			t.Refresh()
		}
		col, row := i/rows, i%rows
		if row == 0 && col > 0 {
			x += widths[col-1] + fitGap
		}
		o.Move(fyne.NewPos(x, float32(row)*line))
		o.Resize(fyne.NewSize(widths[col], line))
	}
}

// fitColumnsAt lays out the names at a text size in the fewest columns
// that are short enough, each as wide as its longest name; widths is nil
// when they are then too wide for size.
func fitColumnsAt(objs []fyne.CanvasObject, size fyne.Size, textSize float32) (float32, int, []float32, float32) {
	line := fyne.MeasureText("Ag", textSize, fyne.TextStyle{}).Height * 1.25
	rows := max(int(size.Height/line), 1)
	cols := (len(objs) + rows - 1) / rows
	rows = (len(objs) + cols - 1) / cols // as even as the columns allow
	widths := make([]float32, cols)
	total := float32(fitGap * (cols - 1))
	for i, o := range objs {
		t := o.(*canvas.Text)
		w := fyne.MeasureText(t.Text, textSize, t.TextStyle).Width
		if c := i / rows; w > widths[c] {
			total += w - widths[c]
			widths[c] = w
		}
	}
	if total > size.Width {
		return textSize, rows, nil, line
	}
	return textSize, rows, widths, line
}

// fitText shows one text at its size, or smaller when the width it is
// given is too narrow for it; it asks for no width of its own.
type fitText struct {
	text *canvas.Text
	size float32 // the size it is shown at when there is room
}

// fit puts t in a fitText.
func fit(t *canvas.Text) *fyne.Container {
	return container.New(&fitText{text: t, size: t.TextSize}, t)
}

func (f *fitText) MinSize([]fyne.CanvasObject) fyne.Size {
	if !f.text.Visible() {
		return fyne.NewSize(0, 0)
	}
	return fyne.NewSize(0, fyne.MeasureText("Ag", scaled(f.size), f.text.TextStyle).Height)
}

func (f *fitText) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	// Large-text mode draws the board larger too, as far as it fits.
	ts := scaled(f.size)
	for ts > 8 && fyne.MeasureText(f.text.Text, ts, f.text.TextStyle).Width > size.Width {
		ts--
	}
	if ts != f.text.TextSize {
		f.text.TextSize = ts
		f.text.Refresh()
	}
	f.text.Move(fyne.NewPos(0, 0))
	f.text.Resize(size)
}

// quorumRule words the event's quorum rule in the current language.
func quorumRule(q data.Quorum) string {
	count, num, denom := q.Parts()
	switch {
	case count > 0:
		return i18n.N("board.rule_count", count)
	case denom > 0:
		return i18n.T("board.rule_share", i18n.Args{"Num": i18n.Number(num), "Denom": i18n.Number(denom)})
	}
	return i18n.T("board.rule_majority")
}
