package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/data"
	"kiosk/ui/i18n"
	"kiosk/ui/rtl"
)

// Browsing the directory without typing: by the first letter of the family
// name, by delegation, and page by page, so that every listed delegate is
// a few touches away on a kiosk with no keyboard. A page is short enough
// to need little scrolling: on a desktop touch screen Fyne's lists scroll
// by their scroll bar only, not by a swipe.
const (
	directoryPageSize = 20
	countryPageSize   = 24 // countryColumns by six rows
	countryColumns    = 4
)

// latinInitials are always shown in the letter bar, disabled when no
// family name starts with them; other initials (Ø folds to o, but Arabic
// or Cyrillic names have their own) follow when the event has them.
var latinInitials = strings.Split("abcdefghijklmnopqrstuvwxyz", "")

// letterSize is a letter button's size, above the 9 mm minimum.
var letterSize = fyne.NewSize(54, 54)

// DirectoryBrowse is the directory's letter bar, pager and country grid.
type DirectoryBrowse struct {
	d *DirectoryScreen

	All       *widget.Button
	Letters   map[string]*widget.Button // by initial, as data.DirectoryQuery's
	Countries *widget.Button
	Previous  *widget.Button
	Next      *widget.Button

	// CountryButtons are the country grid's buttons on show, by code.
	CountryButtons  map[string]*widget.Button
	CountryPrevious *widget.Button
	CountryNext     *widget.Button
	CountryBack     *widget.Button
	CountryPage     *widget.Label

	countries   []data.CountryCount
	countryPage int
	letters     *fyne.Container
	// marks underline the chosen letter, "" for All (markChosen).
	marks map[string]*canvas.Rectangle
	grid  *fyne.Container
	pane  *fyne.Container // the country grid, over the list when open
	bar   fyne.CanvasObject
	pager fyne.CanvasObject
}

func newDirectoryBrowse(d *DirectoryScreen) *DirectoryBrowse {
	b := &DirectoryBrowse{d: d, Letters: map[string]*widget.Button{}, CountryButtons: map[string]*widget.Button{}}
	touch := func(f func()) func() { return func() { d.k.Touch(); f() } }
	b.All = widget.NewButton(textBrowseAll, touch(func() { b.chooseInitial("") }))
	b.Countries = widget.NewButtonWithIcon(textBrowseCountries, theme.GridIcon(), touch(b.openCountries))
	all, allMark := underlined(b.All)
	b.marks = map[string]*canvas.Rectangle{"": allMark}
	b.letters = container.NewGridWrap(letterSize, sized(letterSize, all))
	b.setInitials(nil)
	b.bar = container.NewBorder(nil, nil, nil, b.Countries, b.letters)

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

// setInitials enables the letters that start family names and adds the
// initials beyond a to z.
func (b *DirectoryBrowse) setInitials(ins []data.InitialCount) {
	has := map[string]bool{}
	all := append([]string(nil), latinInitials...)
	for _, in := range ins {
		has[in.Initial] = true
		if in.Initial != "" && !hasString(latinInitials, in.Initial) {
			all = append(all, in.Initial)
		}
	}
	b.Letters = map[string]*widget.Button{}
	b.letters.Objects = b.letters.Objects[:1] // All stays
	for _, in := range all {
		btn := widget.NewButton(strings.ToUpper(in), func() { b.d.k.Touch(); b.chooseInitial(in) })
		if !has[in] {
			btn.Disable()
		}
		b.Letters[in] = btn
		cell, mark := underlined(btn)
		b.marks[in] = mark
		b.letters.Objects = append(b.letters.Objects, cell)
	}
	b.letters.Refresh()
	b.highlight()
}

func hasString(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// chooseInitial lists the family names starting with in ("" for all),
// from the first page.
func (b *DirectoryBrowse) chooseInitial(in string) {
	b.closeCountries()
	b.d.initial = in
	b.d.offset = 0
	b.highlight()
	b.d.reload()
}

// highlight marks the chosen letter.
func (b *DirectoryBrowse) highlight() {
	markChosen(b.All, b.marks[""], b.d.initial == "")
	for in, btn := range b.Letters {
		markChosen(btn, b.marks[in], in == b.d.initial)
	}
}

// turn moves a page on or back.
func (b *DirectoryBrowse) turn(pages int) {
	off := b.d.offset + pages*directoryPageSize
	if off < 0 || off >= b.d.Total {
		return
	}
	b.d.offset = off
	b.d.reload()
}

// paged brings the pager up to date with a page of results.
func (b *DirectoryBrowse) paged(total int) {
	enable(b.Previous, b.d.offset > 0)
	enable(b.Next, b.d.offset+directoryPageSize < total)
}

func enable(btn *widget.Button, on bool) {
	if on {
		btn.Enable()
	} else {
		btn.Disable()
	}
}

// loadInitials reads which letters start family names, off the UI
// goroutine.
func (b *DirectoryBrowse) loadInitials() {
	load(b.d.k, i18n.T("load.directory"), func(ctx context.Context) ([]data.InitialCount, error) {
		return b.d.k.deps.Directory.DelegateInitials(ctx)
	}, b.setInitials)
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
			// A delegation is browsed whole, whatever letter was chosen.
			b.d.initial, b.d.offset = "", 0
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
