package ui

import (
	"kiosk/ui/rtl"

	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"kiosk/data"
	"kiosk/ui/i18n"
)

// DirectoryScreen finds delegates as the user types and shows the fields
// each delegate agreed to show.
type DirectoryScreen struct {
	k       *Kiosk
	content fyne.CanvasObject

	Search  *searchEntry
	Country *scanSelect
	Count   *widget.Label
	List    *scanList
	Items   []data.DelegateSummary
	Total   int
	Detail  *DelegateView

	// Browse is browsing without typing: letters, pages, delegations.
	Browse *DirectoryBrowse

	countryCodes map[string]string // select label -> alpha-3
	country      string
	relabelling  bool // the filter's labels are changing language
	span         int  // the name index's range on show, -1 for none
	// keyboardOpen and singleRange decide what placeBars shows.
	keyboardOpen, singleRange bool
	offset                    int // of the page on show
	seq                       int
	selected                  string
	rows                      map[fyne.CanvasObject]*delegateRow
	body                      fyne.CanvasObject // the list and the detail
	countRow                  *fyne.Container   // the count and the pager
	spare                     *delegateRow      // measures rows (wrap.go)
}

func newDirectoryScreen(k *Kiosk) *DirectoryScreen {
	d := &DirectoryScreen{k: k, span: -1, countryCodes: map[string]string{}, rows: map[fyne.CanvasObject]*delegateRow{}}
	d.Search = newSearchEntry(i18n.T("directory.search"), k, func(string) { d.leaveRange(); d.reload() })
	d.Country = newScanSelect(k, []string{allCountries()}, func(label string) {
		k.Touch()
		if d.relabelling {
			return
		}
		d.country = d.countryCodes[label]
		d.leaveRange()
		d.reload()
	})
	d.Country.PlaceHolder = allCountries()
	d.Count = widget.NewLabel("")
	d.Count.Importance = widget.LowImportance
	// The line quotes the search, which can be long; it must not widen
	// the window.
	d.Count.Truncation = fyne.TextTruncateEllipsis
	d.List = newScanList(k,
		func() int { return len(d.Items) },
		d.newRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(d.Items) {
				d.updateRow(d.Items[i], o)
			}
		})
	d.List.OnSelected = func(i widget.ListItemID) {
		k.Touch()
		if i < len(d.Items) {
			d.showDetail(d.Items[i].ID)
		}
	}
	d.List.wrapRows(d.newSpareRow(), func(i int) (string, bool) {
		if i >= len(d.Items) {
			return "", false
		}
		name, about := delegateRowText(d.Items[i])
		return name + "\n" + about, true
	}, func(i int) { fillDelegateRow(d.spare, d.Items[i]) })
	d.Detail = newDelegateView(func(err error) { k.showError(i18n.T(txtContactCodeError), err) })
	d.Browse = newDirectoryBrowse(d)
	k.onLanguage(d.relabel)
	d.countRow = rtl.NewBorder(nil, nil, nil, d.Browse.pager, d.Count)
	top := container.NewVBox(rtl.NewBorder(nil, nil, nil, rtl.NewHBox(d.Browse.Countries, d.Country), d.Search),
		d.Browse.bar, d.countRow)
	d.body = rtl.NewGridWithColumns(2, container.NewStack(compact(d.List), d.Browse.pane), card(d.Detail.content))
	d.content = container.NewPadded(container.NewBorder(top, nil, nil, nil,
		container.NewStack(d.body, d.Browse.namesPane)))
	return d
}

// typing hides the tabs of names and the pager while the on-screen
// keyboard is open, and shows them again when it closes.
func (d *DirectoryScreen) typing(on bool) {
	d.keyboardOpen = on
	d.placeBars()
}

// placeBars shows the tabs and the pager line as the screen needs them:
// neither while the on-screen keyboard is open, and no pager for a range
// that one screen shows whole (its tab says what it is, and the line's
// height goes to the names).
func (d *DirectoryScreen) placeBars() {
	pager := !d.keyboardOpen && !d.singleRange
	changed := d.Browse.bar.Visible() == d.keyboardOpen || d.countRow.Visible() != pager
	showIf(d.Browse.bar, !d.keyboardOpen)
	showIf(d.countRow, pager)
	if changed && d.content != nil {
		d.content.Refresh()
	}
}

// showIf shows o when on, and hides it otherwise.
func showIf(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// leaveRange goes back to the whole list from its first page: a search
// or a delegation is of the whole directory, not of a range.
func (d *DirectoryScreen) leaveRange() {
	d.offset = 0
	if d.span >= 0 {
		d.span = -1
		d.Browse.closeNames()
		d.Browse.highlight()
	}
}

// allCountries is the country filter's "no filter" choice.
func allCountries() string { return i18n.T("directory.all_countries") }

// relabel puts the screen in the current language: the filter's country
// names and the list come from the data again, in the new language, with
// the same country still chosen.
func (d *DirectoryScreen) relabel() {
	d.Search.SetPlaceHolder(i18n.T("directory.search"))
	d.Country.PlaceHolder = allCountries()
	d.Detail.relabel()
	d.loadCountryNames()
	if d.selected != "" {
		d.showDetail(d.selected)
	}
}

// loadCountries reads what browsing needs of a newly loaded event: the
// name index's ranges and the delegations.
func (d *DirectoryScreen) loadCountries() {
	d.Browse.loadRanges()
	d.loadCountryNames()
}

// loadCountryNames fills the country filter with the countries that have
// listed delegates, named in the current language; the name index's
// ranges do not change with it.
func (d *DirectoryScreen) loadCountryNames() {
	load(d.k, i18n.T("load.countries"), func(ctx context.Context) ([]data.CountryCount, error) {
		return d.k.deps.Directory.DelegationCountries(ctx)
	}, func(cs []data.CountryCount) {
		opts := []string{allCountries()}
		d.countryCodes = map[string]string{allCountries(): ""}
		chosen := ""
		for _, c := range cs {
			label := fmt.Sprintf("%s (%s)", c.Name, i18n.Number(c.Delegates))
			opts = append(opts, label)
			d.countryCodes[label] = c.Code
			if c.Code == d.country {
				chosen = label
			}
		}
		d.Country.SetOptions(opts)
		// The same country stays chosen, named in the new language.
		d.relabelling = true
		if chosen != "" {
			d.Country.SetSelected(chosen)
		} else {
			d.country = ""
			d.Country.ClearSelected()
		}
		d.relabelling = false
		d.Browse.setCountries(cs)
		d.reload()
	})
}

// SelectCountry filters by a country code, "" for all.
func (d *DirectoryScreen) SelectCountry(code string) {
	for label, c := range d.countryCodes {
		if c == code {
			d.Country.SetSelected(label)
			return
		}
	}
}

// reload runs the query for what is typed now; an answer to an older
// keystroke that arrives late is dropped.
func (d *DirectoryScreen) reload() {
	d.seq++
	seq := d.seq
	q := data.DirectoryQuery{Text: d.Search.Text, Country: d.country, Limit: directoryPageSize, Offset: d.offset}
	var span *nameRange
	if d.span >= 0 && d.span < len(d.Browse.ranges) {
		span = &d.Browse.ranges[d.span]
		q.Offset = span.Start + d.offset
		q.Limit = min(rangeSize, span.End-q.Offset)
	}
	load(d.k, i18n.T("load.directory"), func(ctx context.Context) (data.DirectoryPage, error) {
		return d.k.deps.Directory.SearchDelegates(ctx, q)
	}, func(page data.DirectoryPage) {
		if seq != d.seq {
			return
		}
		d.Items, d.Total = page.Delegates, page.Total
		line := countLine(q, page)
		if span != nil {
			// The range is a part of the whole list: its own count.
			d.Total = span.End - span.Start
			line = span.Label + "  ·  " + countLine(data.DirectoryQuery{Offset: d.offset},
				data.DirectoryPage{Total: d.Total, Delegates: page.Delegates})
			d.Browse.showNames(page.Delegates)
		}
		d.Count.SetText(rtl.Visual(line))
		d.Browse.paged(d.Total)
		// A range on one screen needs no pager; its tab says what it is,
		// and the line's height goes to the names.
		d.singleRange = span != nil && d.Total <= rangeSize
		d.placeBars()
		d.List.UnselectAll()
		d.List.fitRows()
		d.List.Refresh()
		d.List.ScrollToTop()
	})
}

func countLine(q data.DirectoryQuery, page data.DirectoryPage) string {
	switch {
	case page.Total == 0 && q.Text != "":
		return i18n.T("directory.no_match", i18n.Args{"Query": q.Text})
	case page.Total == 0:
		return i18n.T("directory.none")
	case page.Total > len(page.Delegates):
		return i18n.T(textPageShowing, i18n.Args{"First": i18n.Number(q.Offset + 1),
			"Last": i18n.Number(q.Offset + len(page.Delegates)), "Total": i18n.N("directory.count", page.Total)})
	}
	return i18n.N("directory.count", page.Total)
}

func (d *DirectoryScreen) showDetail(id string) {
	d.selected = id
	load(d.k, i18n.T("load.delegate"), func(ctx context.Context) (data.DelegateDetail, error) {
		return d.k.deps.Directory.Delegate(ctx, id)
	}, func(det data.DelegateDetail) {
		if d.selected == det.ID {
			d.Detail.show(det)
		}
	})
}

func (d *DirectoryScreen) reset() {
	d.Search.SetText("")
	d.country = ""
	d.span, d.offset = -1, 0
	d.Browse.closeCountries()
	d.Browse.closeNames()
	d.Browse.highlight()
	d.Country.ClearSelected()
	d.selected = ""
	d.Detail.clear()
	d.List.UnselectAll()
	d.reload()
}

// delegateRow is one recycled line of the delegate list.
type delegateRow struct {
	name  *rtl.Label
	about *rtl.Label
}

// newSpareRow makes the row that measures the others.
func (d *DirectoryScreen) newSpareRow() fyne.CanvasObject {
	row := d.newRow()
	d.spare = d.rows[row]
	delete(d.rows, row)
	return row
}

func (d *DirectoryScreen) newRow() fyne.CanvasObject {
	r := &delegateRow{name: bidiLabel("Name"), about: bidiLabel("Country")}
	r.name.TextStyle = fyne.TextStyle{Bold: true}
	r.about.Importance = widget.LowImportance
	wrapText(&r.name.Truncation, &r.name.Wrapping)
	wrapText(&r.about.Truncation, &r.about.Wrapping)
	row := container.NewVBox(r.name, r.about)
	d.rows[row] = r
	return row
}

func (d *DirectoryScreen) updateRow(s data.DelegateSummary, o fyne.CanvasObject) {
	r := d.rows[o]
	if r == nil {
		return
	}
	fillDelegateRow(r, s)
}

func fillDelegateRow(r *delegateRow, s data.DelegateSummary) {
	name, about := delegateRowText(s)
	r.name.SetText(name)
	r.about.SetText(about)
}

// delegateRowText is a row's two lines.
func delegateRowText(s data.DelegateSummary) (name, about string) {
	name = s.Name
	if s.Honorific != "" {
		name = s.Honorific + " " + name
	}
	about = s.CountryName + "  ·  " + roleLabel(s.Role)
	if s.Organisation != "" {
		about += "  ·  " + s.Organisation
	}
	return name, about
}

// DelegateView is a delegate's public profile.
type DelegateView struct {
	content      fyne.CanvasObject
	Initials     *canvas.Text
	Name         *rtl.Label
	Role         *widget.Label
	Country      *rtl.Label
	Title        *widget.Label
	Organisation *widget.Label
	Contact      *contactCard
	hint         *widget.Label
	body         *fyne.Container
	titleCaption *widget.Label
	orgCaption   *widget.Label
	countryLabel *widget.Label
}

func newDelegateView(onError func(error)) *DelegateView {
	v := &DelegateView{Contact: newContactCard(onError)}
	v.Initials = newText("", toneOnChosen, 40)
	v.Initials.TextStyle = fyne.TextStyle{Bold: true}
	v.Initials.Alignment = fyne.TextAlignCenter
	disc := newDisc(tonePrimary)
	avatar := container.New(rtl.Mirror(layout.NewGridWrapLayout(fyne.NewSize(110, 110))), container.NewStack(disc, container.NewCenter(v.Initials)))
	v.Name = bidiSubheading("")
	v.Role = widget.NewLabel("")
	v.Role.TextStyle = fyne.TextStyle{Bold: true}
	v.Country = bidiLabel("")
	v.Title = widget.NewLabel("")
	v.Title.Wrapping = fyne.TextWrapWord
	v.Organisation = widget.NewLabel("")
	v.Organisation.Wrapping = fyne.TextWrapWord
	v.hint = widget.NewLabel("")
	v.hint.Importance = widget.LowImportance
	v.hint.Wrapping = fyne.TextWrapWord
	v.titleCaption = caption("")
	v.orgCaption = caption("")
	v.countryLabel = caption("")
	v.relabel()
	// The contact code stands beside the profile, where it is on screen
	// without scrolling, when the pane is wide enough for both.
	v.body = container.New(rtl.Mirror(&besideOrBelow{minMain: 260}), container.NewVBox(container.NewPadded(avatar), v.Name, v.Role,
		container.New(rtl.Mirror(layout.NewFormLayout()), v.countryLabel, v.Country,
			v.titleCaption, v.Title, v.orgCaption, v.Organisation), v.Contact.content), v.Contact.QR.box)
	v.content = container.NewStack(container.NewVScroll(v.body), v.hint)
	v.clear()
	return v
}

// relabel puts the captions in the current language.
func (v *DelegateView) relabel() {
	v.hint.SetText(i18n.T("directory.choose"))
	v.titleCaption.SetText(i18n.T("directory.position"))
	v.orgCaption.SetText(i18n.T("directory.organisation"))
	v.countryLabel.SetText(i18n.T("directory.country"))
	v.Contact.relabel()
}

func (v *DelegateView) show(d data.DelegateDetail) {
	v.Initials.Text = d.Initials()
	v.Initials.Refresh()
	v.Name.SetText(d.FullName())
	v.Role.SetText(roleLabel(d.Role))
	v.Country.SetText(d.CountryName)
	// Empty when the delegate did not consent: the store already removed
	// it, and the line goes with its caption.
	showField(v.titleCaption, v.Title, d.Title)
	showField(v.orgCaption, v.Organisation, d.Organisation)
	v.Contact.show(d)
	v.hint.Hide()
	v.body.Show()
	// The contact part may have come or gone: lay the detail out again.
	v.content.Refresh()
}

func (v *DelegateView) clear() {
	v.Initials.Text = ""
	for _, l := range []interface{ SetText(string) }{v.Name, v.Role, v.Country, v.Title, v.Organisation} {
		l.SetText("")
	}
	v.Contact.clear()
	v.body.Hide()
	v.hint.Show()
}

// besideOrBelow puts its second object (the contact code) beside the
// first (the profile) when both fit side by side with the profile at
// least minMain wide, and below it otherwise: at 1280 pixels the code
// beside would squeeze the name to a few letters a line.
type besideOrBelow struct {
	minMain float32
	width   float32 // the width last laid out at, for MinSize
}

func (l *besideOrBelow) beside(side fyne.CanvasObject, width float32) bool {
	return side.Visible() && width >= l.minMain+side.MinSize().Width
}

func (l *besideOrBelow) MinSize(objects []fyne.CanvasObject) fyne.Size {
	main, side := objects[0].MinSize(), objects[1]
	if !side.Visible() {
		return main
	}
	s := side.MinSize()
	if l.beside(side, l.width) {
		return fyne.NewSize(main.Width+s.Width, max(main.Height, s.Height))
	}
	return fyne.NewSize(max(main.Width, s.Width), main.Height+s.Height)
}

func (l *besideOrBelow) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	main, side := objects[0], objects[1]
	if !l.beside(side, size.Width) {
		main.Move(fyne.NewPos(0, 0))
		main.Resize(fyne.NewSize(size.Width, main.MinSize().Height))
		h := main.MinSize().Height // at its new width
		main.Resize(fyne.NewSize(size.Width, h))
		side.Move(fyne.NewPos(0, h))
		side.Resize(fyne.NewSize(size.Width, side.MinSize().Height))
		return
	}
	w := side.MinSize().Width
	main.Move(fyne.NewPos(0, 0))
	main.Resize(fyne.NewSize(size.Width-w, size.Height))
	side.Move(fyne.NewPos(size.Width-w, 0))
	side.Resize(fyne.NewSize(w, size.Height))
}
