package ui

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/data"
	"kiosk/ui/i18n"
	"kiosk/ui/rtl"
)

// Browsing the directory without typing: by ranges of family names (a
// printed directory's thumb tabs), by delegation, and page by page, so
// that every listed delegate is a few touches away on a kiosk with no
// keyboard. A page is short enough
// to need little scrolling: on a desktop touch screen Fyne's lists scroll
// by their scroll bar only, not by a swipe.
const (
	directoryPageSize = 20
	countryPageSize   = 24 // countryColumns by six rows
	countryColumns    = 4
)

// tabSize is the smallest tab of the name index, above the 9 mm minimum;
// a longer label makes every tab as wide as it needs.
var tabSize = fyne.NewSize(54, 40)

// DirectoryBrowse is the directory's tabs of names, pager and country grid.
type DirectoryBrowse struct {
	d *DirectoryScreen

	All *widget.Button
	// Ranges are the name index's tabs, in directory order: each is a run
	// of family names that one screen shows whole.
	Ranges    []*widget.Button
	Countries *widget.Button
	// NameButtons are the chosen range's delegates on show, by id.
	NameButtons map[string]*widget.Button
	Previous    *widget.Button
	Next        *widget.Button

	// CountryButtons are the country grid's buttons on show, by code.
	CountryButtons  map[string]*widget.Button
	CountryPrevious *widget.Button
	CountryNext     *widget.Button
	CountryBack     *widget.Button
	CountryPage     *widget.Label

	countries   []data.CountryCount
	countryPage int
	ranges      []nameRange
	// allMark and rangeMarks underline the chosen tab (markChosen): not
	// by colour alone.
	allMark     *canvas.Rectangle
	rangeMarks  []*canvas.Rectangle
	names       *fyne.Container // the chosen range's delegates, in columns
	namesPane   *fyne.Container // over the list and the detail when open
	namesScroll *container.Scroll
	tabs        *fyne.Container
	grid        *fyne.Container
	pane        *fyne.Container // the country grid, over the list when open
	bar         fyne.CanvasObject
	pager       fyne.CanvasObject
}

func newDirectoryBrowse(d *DirectoryScreen) *DirectoryBrowse {
	b := &DirectoryBrowse{d: d, CountryButtons: map[string]*widget.Button{}, NameButtons: map[string]*widget.Button{}}
	touch := func(f func()) func() { return func() { d.k.Touch(); f() } }
	b.All = widget.NewButton(textBrowseAll, touch(func() { b.chooseRange(-1) }))
	b.Countries = widget.NewButtonWithIcon(textBrowseCountries, theme.GridIcon(), touch(b.openCountries))
	all, allMark := underlined(b.All)
	b.allMark = allMark
	b.tabs = container.New(rtl.Mirror(&tabLayout{min: tabSize}), all)
	// Tabs with little padding: more rows of names fit under them.
	b.bar = tightText(b.tabs)
	b.names = rtl.NewGridWithColumns(rangeColumns)
	b.namesScroll = container.NewVScroll(b.names)
	// Names a tenth smaller than the text elsewhere: fewer wrap, and a
	// range's rows fit at 1280x800 in Arabic's taller font too.
	b.namesPane = container.NewStack(container.NewThemeOverride(b.namesScroll, tightTheme{text: 0.9}))
	b.namesPane.Hide()

	b.Previous = widget.NewButtonWithIcon(textPagePrevious, theme.NavigateBackIcon(), touch(func() { b.turn(-1) }))
	b.Next = widget.NewButtonWithIcon(textPageNext, theme.NavigateNextIcon(), touch(func() { b.turn(1) }))
	b.Next.IconPlacement = widget.ButtonIconTrailingText
	b.pager = rtl.NewHBox(b.Previous, b.Next)

	b.CountryPrevious = widget.NewButtonWithIcon(textPagePrevious, theme.NavigateBackIcon(), touch(func() { b.showCountryPage(b.countryPage - 1) }))
	b.CountryNext = widget.NewButtonWithIcon(textPageNext, theme.NavigateNextIcon(), touch(func() { b.showCountryPage(b.countryPage + 1) }))
	b.CountryNext.IconPlacement = widget.ButtonIconTrailingText
	b.CountryBack = widget.NewButtonWithIcon(textBrowseBackToList, theme.ListIcon(), touch(b.closeCountries))
	b.CountryPage = widget.NewLabel("")
	b.CountryPage.Importance = widget.LowImportance
	b.grid = container.NewGridWithColumns(countryColumns)
	choose := subheading("")
	b.pane = container.NewBorder(
		container.NewBorder(nil, nil, nil, b.CountryBack, choose),
		container.NewBorder(nil, nil, nil, rtl.NewHBox(b.CountryPrevious, b.CountryNext), b.CountryPage),
		nil, nil, container.NewVScroll(b.grid))
	b.pane.Hide()
	relabel := func() {
		b.All.SetText(i18n.T(textBrowseAll))
		b.Countries.SetText(i18n.T(textBrowseCountries))
		for _, p := range []*widget.Button{b.Previous, b.CountryPrevious} {
			p.SetText(i18n.T(textPagePrevious))
		}
		for _, n := range []*widget.Button{b.Next, b.CountryNext} {
			n.SetText(i18n.T(textPageNext))
		}
		b.CountryBack.SetText(i18n.T(textBrowseBackToList))
		// Right to left, Previous is on the right and points there.
		back, next := theme.NavigateBackIcon(), theme.NavigateNextIcon()
		if i18n.IsRTL() {
			back, next = next, back
		}
		for _, p := range []*widget.Button{b.Previous, b.CountryPrevious} {
			p.SetIcon(back)
		}
		for _, n := range []*widget.Button{b.Next, b.CountryNext} {
			n.SetIcon(next)
		}
		choose.SetText(i18n.T(textChooseCountry))
		if b.pane.Visible() {
			b.showCountryPage(b.countryPage)
		}
	}
	relabel()
	d.k.onLanguage(relabel)
	return b
}

// setRanges puts up a tab per range of the name index. The ranges are
// read again when an event is loaded; the same ones keep the range on
// show.
func (b *DirectoryBrowse) setRanges(rs []nameRange) {
	if slices.Equal(rs, b.ranges) && len(b.Ranges) == len(rs) {
		return
	}
	b.ranges = rs
	b.Ranges, b.rangeMarks = nil, nil
	b.tabs.Objects = b.tabs.Objects[:1] // All stays
	for i, r := range rs {
		btn := widget.NewButton(rtl.Visual(r.Label), func() { b.d.k.Touch(); b.chooseRange(i) })
		tab, mark := underlined(btn)
		b.Ranges = append(b.Ranges, btn)
		b.rangeMarks = append(b.rangeMarks, mark)
		b.tabs.Objects = append(b.tabs.Objects, tab)
	}
	b.tabs.Refresh()
	if b.d.span >= 0 {
		b.d.leaveRange()
		b.d.reload()
	}
	b.highlight()
}

// chooseRange lists the delegates of range i (-1: everyone, page by page)
// and shows them in columns. A range is of the whole directory, so the
// search and the country filter go.
func (b *DirectoryBrowse) chooseRange(i int) {
	b.closeCountries()
	if b.d.Search.Text != "" {
		b.d.Search.SetText("")
	}
	if b.d.country != "" {
		b.d.country = ""
		b.d.Country.ClearSelected()
	}
	b.d.span = i
	b.d.offset = 0
	b.highlight()
	if i >= 0 {
		b.namesPane.Show()
		b.d.body.Hide()
	} else {
		b.closeNames()
	}
	b.d.reload()
}

// closeNames shows the list and the detail again.
func (b *DirectoryBrowse) closeNames() {
	b.namesPane.Hide()
	b.d.body.Show()
}

// NamesOpen reports whether a range's delegates are on show in columns.
func (b *DirectoryBrowse) NamesOpen() bool { return b.namesPane.Visible() }

// showNames fills the columns with the page of the range, down each
// column as in a printed directory.
func (b *DirectoryBrowse) showNames(items []data.DelegateSummary) {
	b.NameButtons = map[string]*widget.Button{}
	perColumn := (len(items) + rangeColumns - 1) / rangeColumns
	b.names.Objects = nil
	for c := 0; c < rangeColumns; c++ {
		col := container.NewVBox()
		for _, s := range items[min(c*perColumn, len(items)):min((c+1)*perColumn, len(items))] {
			btn, obj := wrappingButton(rtl.Visual(s.Name), false, func() {
				b.d.k.Touch()
				b.openDelegate(s.ID)
			})
			b.NameButtons[s.ID] = btn
			col.Add(container.NewStack(minHeight(tabSize.Height), obj))
		}
		b.names.Add(col)
	}
	b.names.Refresh()
	b.namesScroll.ScrollToTop()
}

// openDelegate shows a delegate of the range in the list, chosen, with
// their detail beside it; the range's tab brings the columns back.
func (b *DirectoryBrowse) openDelegate(id string) {
	b.closeNames()
	for i, s := range b.d.Items {
		if s.ID == id {
			b.d.List.Select(i)
			b.d.List.ScrollTo(i)
			return
		}
	}
}

// highlight marks the chosen tab, in colour and underlined.
func (b *DirectoryBrowse) highlight() {
	markChosen(b.All, b.allMark, b.d.span < 0)
	for i, btn := range b.Ranges {
		markChosen(btn, b.rangeMarks[i], i == b.d.span)
	}
}

// pageSize is how many delegates a page shows: a range's screen of
// columns, or the list's page.
func (b *DirectoryBrowse) pageSize() int {
	if b.d.span >= 0 {
		return rangeSize
	}
	return directoryPageSize
}

// turn moves a page on or back.
func (b *DirectoryBrowse) turn(pages int) {
	off := b.d.offset + pages*b.pageSize()
	if off < 0 || off >= b.d.Total {
		return
	}
	b.d.offset = off
	b.d.reload()
}

// paged brings the pager up to date with a page of results.
func (b *DirectoryBrowse) paged(total int) {
	enable(b.Previous, b.d.offset > 0)
	enable(b.Next, b.d.offset+b.pageSize() < total)
}

func enable(btn *widget.Button, on bool) {
	if on {
		btn.Enable()
	} else {
		btn.Disable()
	}
}

// loadRanges cuts the name index into ranges, off the UI goroutine.
func (b *DirectoryBrowse) loadRanges() {
	dir := b.d.k.deps.Directory
	load(b.d.k, i18n.T("load.directory"), func(ctx context.Context) ([]nameRange, error) {
		ins, err := dir.DelegateInitials(ctx)
		if err != nil {
			return nil, err
		}
		return nameRanges(ins, func(i int) (string, error) { return familyNameAt(ctx, dir, i) })
	}, b.setRanges)
}

// familyNameAt is the folded family name (the only name of a delegate
// who has one) of the delegate at position i in directory order.
func familyNameAt(ctx context.Context, dir data.Directory, i int) (string, error) {
	p, err := dir.SearchDelegates(ctx, data.DirectoryQuery{Offset: i, Limit: 1})
	if err != nil {
		return "", err
	}
	if len(p.Delegates) == 0 {
		return "", fmt.Errorf("no delegate at %d of %d: %w", i, p.Total, data.ErrNotFound)
	}
	det, err := dir.Delegate(ctx, p.Delegates[0].ID)
	if err != nil {
		return "", err
	}
	if det.FamilyName == "" {
		return data.Fold(det.GivenNames), nil
	}
	return data.Fold(det.FamilyName), nil
}

// setCountries keeps the delegations for the grid.
func (b *DirectoryBrowse) setCountries(cs []data.CountryCount) {
	b.countries = cs
	b.countryPage = 0
	if b.pane.Visible() {
		b.showCountryPage(0)
	}
}

// openCountries shows the grid of delegations in place of the list, at
// the page of the delegation chosen now.
func (b *DirectoryBrowse) openCountries() {
	b.closeNames()
	page := 0
	for i, c := range b.countries {
		if c.Code == b.d.country {
			page = i / countryPageSize
		}
	}
	b.showCountryPage(page)
	b.pane.Show()
	b.d.List.Hide()
	b.pager.Hide() // it pages the list, not the delegations
}

func (b *DirectoryBrowse) closeCountries() {
	b.pane.Hide()
	b.d.List.Show()
	b.pager.Show()
}

// CountriesOpen reports whether the grid of delegations is on show.
func (b *DirectoryBrowse) CountriesOpen() bool { return b.pane.Visible() }

// showCountryPage fills the grid with one page of delegations.
func (b *DirectoryBrowse) showCountryPage(page int) {
	pages := (len(b.countries) + countryPageSize - 1) / countryPageSize
	page = max(0, min(page, pages-1))
	b.countryPage = page
	b.grid.Objects = nil
	b.CountryButtons = map[string]*widget.Button{}
	first := page * countryPageSize
	last := min(first+countryPageSize, len(b.countries))
	for _, c := range b.countries[first:last] {
		btn, obj := wrappingButton(rtl.Visual(fmt.Sprintf("%s  (%s)", c.Name, i18n.Number(c.Delegates))), c.Code == b.d.country, func() {
			b.d.k.Touch()
			b.closeCountries()
			// A delegation is browsed whole, whatever range was chosen.
			b.d.span, b.d.offset = -1, 0
			b.closeNames()
			b.highlight()
			b.d.SelectCountry(c.Code)
			b.d.reload()
		})
		b.CountryButtons[c.Code] = btn
		b.grid.Objects = append(b.grid.Objects, obj)
	}
	b.grid.Refresh()
	if len(b.countries) > 0 {
		b.CountryPage.SetText(rtl.Visual(i18n.T(textPageCountries, i18n.Args{"First": i18n.Number(first + 1),
			"Last": i18n.Number(last), "Total": i18n.N("browse.delegations", len(b.countries))})))
	}
	enable(b.CountryPrevious, page > 0)
	enable(b.CountryNext, page < pages-1)
}

// wrappingButton is a button whose text wraps rather than widening the
// screen or being cut: a label over a button without text. chosen makes
// the text bold.
func wrappingButton(text string, chosen bool, tapped func()) (*widget.Button, fyne.CanvasObject) {
	btn := widget.NewButton("", tapped)
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.TextStyle.Bold = chosen
	return btn, container.NewStack(btn, l)
}

// A range of the name index holds at most rangeSize delegates: the
// columns show them whole, without scrolling, at 1280x800 as at 1920x1080
// (TestFindAColleagueInThreeTouches measures it). An event too large for
// maxRangeTabs tabs of that size gets larger ranges, paged.
const (
	rangeColumns = 4
	rangeRows    = 6
	rangeSize    = rangeColumns * rangeRows
	maxRangeTabs = 64
)

// nameRange is a run of the directory, in directory order: delegates
// Start up to End, whose family names the label spans ("A", "U–W",
// "Ba–Bi").
type nameRange struct {
	Label      string
	Start, End int
}

// nameRanges cuts the directory into ranges of at most rangeSize
// delegates (larger when that needs more than maxRangeTabs tabs), as a
// printed directory's thumb tabs: neighbouring initials together while
// they fit, an initial too large for one range in parts labelled by the
// first letters of their first and last family names. familyAt gives the
// folded family name at a position in directory order; it is asked only
// around the cuts inside an initial.
func nameRanges(ins []data.InitialCount, familyAt func(int) (string, error)) ([]nameRange, error) {
	size := rangeSize
	cuts := cutRanges(ins, size)
	for len(cuts) > maxRangeTabs {
		size *= 2
		cuts = cutRanges(ins, size)
	}
	f := &families{at: familyAt, known: map[int]string{}}
	for i := 0; i+1 < len(cuts); i++ {
		if sameInitialParts(cuts, i) {
			f.moveCut(cuts, i, size)
		}
	}
	rs := make([]nameRange, len(cuts))
	for i, c := range cuts {
		rs[i] = nameRange{Start: c.start, End: c.end}
		if !c.split {
			rs[i].Label = rangeLabel(titleCase(c.first), titleCase(c.last))
			continue
		}
		first := f.label(c.start, i > 0 && sameInitialParts(cuts, i-1), -1, 2)
		last := f.label(c.end-1, sameInitialParts(cuts, i), 1, 2)
		if last != first && strings.HasPrefix(first, last) {
			// "Al N–Al" reads backwards: the end as long as the start.
			last = f.label(c.end-1, sameInitialParts(cuts, i), 1, utf8.RuneCountInString(first))
		}
		rs[i].Label = rangeLabel(first, last)
	}
	return rs, f.err
}

// rangeCut is a range before it has its label: the initials of its first
// and last delegates, and whether it is a part of one initial.
type rangeCut struct {
	start, end  int
	first, last string
	split       bool
}

// sameInitialParts reports whether cuts i and i+1 are parts of one initial.
func sameInitialParts(cuts []rangeCut, i int) bool {
	return i+1 < len(cuts) && cuts[i].split && cuts[i+1].split && cuts[i].first == cuts[i+1].first
}

// cutRanges packs whole initials into ranges of at most size delegates
// and cuts a larger initial into equal parts.
func cutRanges(ins []data.InitialCount, size int) []rangeCut {
	var cuts []rangeCut
	pos := 0
	open := false // the last cut takes more initials
	for _, in := range ins {
		n := in.Delegates
		switch {
		case n > size:
			parts := (n + size - 1) / size
			for p := 0; p < parts; p++ {
				from, to := pos+n*p/parts, pos+n*(p+1)/parts
				cuts = append(cuts, rangeCut{start: from, end: to, first: in.Initial, last: in.Initial, split: true})
			}
			open = false
		case open && cuts[len(cuts)-1].end-cuts[len(cuts)-1].start+n <= size && sameScript(cuts[len(cuts)-1].last, in.Initial):
			cuts[len(cuts)-1].end += n
			cuts[len(cuts)-1].last = in.Initial
		default:
			cuts = append(cuts, rangeCut{start: pos, end: pos + n, first: in.Initial, last: in.Initial})
			open = true
		}
		pos += n
	}
	return cuts
}

// scripts are those whose initials share a tab only with their own: a tab
// "Y–ع" would mislead.
var scripts = []*unicode.RangeTable{unicode.Latin, unicode.Arabic, unicode.Cyrillic, unicode.Greek,
	unicode.Hebrew, unicode.Han, unicode.Hangul, unicode.Devanagari, unicode.Thai}

// sameScript reports whether two initials are of one script; an initial
// of none of them keeps a tab of its own.
func sameScript(a, b string) bool {
	ra, _ := utf8.DecodeRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	for _, s := range scripts {
		if unicode.Is(s, ra) {
			return unicode.Is(s, rb)
		}
	}
	return false
}

// cutWindow is how far a cut inside an initial may move from an equal
// split to find family names that part early.
const cutWindow = 6

// families reads family names around the cuts, each once; the first error
// stops the reading.
type families struct {
	at    func(int) (string, error)
	known map[int]string
	err   error
}

func (f *families) name(pos int) string {
	if n, ok := f.known[pos]; ok || f.err != nil {
		return n
	}
	n, err := f.at(pos)
	if err != nil {
		f.err = err
		return ""
	}
	f.known[pos] = n
	return n
}

// letters is how many first letters tell the family names on either side
// of the cut at pos apart: short labels are quicker to read.
func (f *families) letters(pos int) int {
	return commonPrefix(f.name(pos-1), f.name(pos)) + 1
}

// moveCut moves the cut between parts i and i+1 of an initial, within
// cutWindow and the range size, to where the family names on either side
// part with the fewest letters in common: never inside one family name
// when it can help it.
func (f *families) moveCut(cuts []rangeCut, i, size int) {
	at := cuts[i].end
	best, bestLetters := at, f.letters(at)
	for step := 1; step <= cutWindow; step++ {
		for _, c := range []int{at - step, at + step} {
			if c-cuts[i].start < 1 || c-cuts[i].start > size || cuts[i+1].end-c < 1 || cuts[i+1].end-c > size {
				continue
			}
			if n := f.letters(c); n < bestLetters {
				best, bestLetters = c, n
			}
		}
	}
	cuts[i].end, cuts[i+1].start = best, best
}

// label is one end of a part of an initial: the first letters of the
// family name at pos, at least least, and as many as tell it from the
// neighbour across the cut (towards dir) when that is in the same initial.
func (f *families) label(pos int, inner bool, dir, least int) string {
	keep := least
	if inner {
		if dir < 0 {
			keep = max(keep, f.letters(pos))
		} else {
			keep = max(keep, f.letters(pos+1))
		}
	}
	return titleCase(strings.TrimSpace(prefixRunes(f.name(pos), keep)))
}

// commonPrefix is the number of leading runes a and b share.
func commonPrefix(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[n] == rb[n] {
		n++
	}
	return n
}

func prefixRunes(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

// titleCase capitalises the first letter of each word, as a directory's
// tabs are printed; scripts without case are left as they are.
func titleCase(s string) string {
	r := []rune(s)
	for i := range r {
		if i == 0 || r[i-1] == ' ' {
			r[i] = unicode.ToUpper(r[i])
		}
	}
	return string(r)
}

// rangeLabel is "first–last", or one of them when they are the same.
func rangeLabel(first, last string) string {
	if first == last {
		return first
	}
	return first + "–" + last
}

// tabLayout lines tabs up in rows, all as wide as the widest label needs
// (in the theme of the moment: the large-text mode widens them), at
// least min, wrapping to as many rows as the width needs.
type tabLayout struct {
	min   fyne.Size
	width float32 // of the last layout, for MinSize
}

// narrowestTabs is the tab bar's width at the narrowest window, 1280
// pixels: the height MinSize gives before the first layout, which the
// window must not grow to.
const narrowestTabs = 1240

// columns is how many tabs of cell's size a row of width takes.
func (t *tabLayout) columns(c fyne.Size, width, pad float32) int {
	return max(1, int((width+pad)/(c.Width+pad)))
}

// padding is the tabs' padding, in their theme.
func padding(objects []fyne.CanvasObject) float32 {
	if len(objects) == 0 {
		return theme.Padding()
	}
	return theme.CurrentForWidget(objects[0]).Size(theme.SizeNamePadding)
}

func (t *tabLayout) cell(objects []fyne.CanvasObject) fyne.Size {
	c := t.min
	for _, o := range objects {
		if o.Visible() {
			c = c.Max(o.MinSize())
		}
	}
	return c
}

func (t *tabLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	c := t.cell(objects)
	pad := padding(objects)
	t.width = size.Width
	cols := t.columns(c, size.Width, pad)
	for i, o := range objects {
		o.Move(fyne.NewPos(float32(i%cols)*(c.Width+pad), float32(i/cols)*(c.Height+pad)))
		o.Resize(c)
	}
}

func (t *tabLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	c := t.cell(objects)
	width := t.width
	if width <= 0 {
		width = narrowestTabs
	}
	pad := padding(objects)
	cols := t.columns(c, width, pad)
	rows := (len(objects) + cols - 1) / cols
	return fyne.NewSize(c.Width, float32(rows)*(c.Height+pad)-pad)
}

// tightTheme is the app's theme of the moment (a mode may change it) with
// the padding of the name index's tabs and names: little, so that a
// range's names fit on one screen, while each stays a 9 mm target; text
// scales the text size.
type tightTheme struct{ text float32 }

func (tightTheme) current() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

func (t tightTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.current().Color(n, v)
}
func (t tightTheme) Font(s fyne.TextStyle) fyne.Resource     { return t.current().Font(s) }
func (t tightTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.current().Icon(n) }

func (t tightTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNamePadding, theme.SizeNameInnerPadding:
		return 4
	case theme.SizeNameText:
		return t.text * t.current().Size(n)
	}
	return t.current().Size(n)
}

// minHeight is an invisible object that keeps what it is stacked with at
// least h high: a name in small text stays a 9 mm target.
func minHeight(h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(0, h))
	return r
}
