package ui

import (
	"image/color"
	"math"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"

	"kiosk/ui/rtl"
)

// The keyboard cursor: every control of every screen within reach of a
// keyboard alone, without handing the keyboard focus to a control.
//
// Fyne's own Tab moves the focus to the next focusable widget, and a
// focused button or list ignores a badge scanned then (focus.go). So the
// focus stays in the key sink or a search field, both of which show the
// scanner every key first, and Tab moves a drawn cursor instead: a thick
// ring over one control. Enter or Space works the control under it, as a
// tap would; an Enter that ends a scan is the scan's, never the cursor's.
//
// The controls are found on the screen as it is, every time a key asks:
// visible, enabled buttons and other tappable widgets, search fields,
// drop-downs and lists, in reading order (top to bottom, then in the
// direction of the language, so mirrored in Arabic). Screens need not
// list them, and a page turned or a language switched is seen at once.
//
// Keys go where the ring is: on a search field the field takes the focus
// and typing goes into it; elsewhere the key sink has the focus, and
// typing reaches the scanner only.

// Colours of the ring: a dark outline with a light one inside it, so that
// it shows on the light screens and on dark buttons alike, and by its
// thickness rather than by a colour alone.
var (
	colourRingOuter = color.NRGBA{R: 0x11, G: 0x11, B: 0x11, A: 0xff}
	colourRingInner = color.NRGBA{R: 0xff, G: 0xc8, B: 0x00, A: 0xff}
)

const (
	ringOuterWidth = 4
	ringInnerWidth = 3
	ringGap        = 2 // between the control and the ring
)

// keyCursor is the kiosk's keyboard cursor.
type keyCursor struct {
	k     *Kiosk
	layer *fyne.Container // over the whole window: holds the ring
	outer *canvas.Rectangle
	inner *canvas.Rectangle

	target fyne.CanvasObject // the control under the ring, nil while hidden
	row    int               // the row of a list under the ring
	last   box               // where the ring was, to stay near it when the control goes
	shift  bool              // Shift is held (Tab arrives without it)
	// redraws counts the ring's placings again for one move (redrawSoon).
	redraws int
	// activating is set while the cursor works a control: the control's
	// handler counts as a key, not a touch that hides the cursor.
	activating bool
}

func newKeyCursor(k *Kiosk) *keyCursor {
	c := &keyCursor{k: k}
	c.outer = canvas.NewRectangle(color.Transparent)
	c.outer.StrokeColor, c.outer.StrokeWidth = colourRingOuter, ringOuterWidth
	c.outer.CornerRadius = 8
	c.inner = canvas.NewRectangle(color.Transparent)
	c.inner.StrokeColor, c.inner.StrokeWidth = colourRingInner, ringInnerWidth
	c.inner.CornerRadius = 6
	c.layer = container.NewWithoutLayout(c.outer, c.inner)
	c.layer.Hide()
	return c
}

// box is a rectangle in window coordinates.
type box struct{ pos, size fyne.Position }

func (b box) centre() fyne.Position {
	return fyne.NewPos(b.pos.X+b.size.X/2, b.pos.Y+b.size.Y/2)
}

func (b box) right() float32  { return b.pos.X + b.size.X }
func (b box) bottom() float32 { return b.pos.Y + b.size.Y }

// stop is a control the cursor can be on.
type stop struct {
	obj    fyne.CanvasObject
	at     box
	scroll *container.Scroll // the innermost scroll it is in, nil for none
	view   box               // where that scroll is
	inBody bool              // part of the screen rather than the header or bars
}

// CursorShown reports whether the keyboard cursor is on show.
func (k *Kiosk) CursorShown() bool { return k.cursor.Visible() }

// Visible reports whether the cursor is on show.
func (c *keyCursor) Visible() bool { return c != nil && c.target != nil }

// hide takes the cursor off the screen until the next Tab.
func (c *keyCursor) hide() {
	if c == nil {
		return
	}
	c.target = nil
	c.layer.Hide()
}

// touched hides the cursor on a touch or click: the ring would point at
// something else than what the person is doing.
func (c *keyCursor) touched() {
	if c != nil && !c.activating {
		c.hide()
	}
}

// setShift follows the Shift keys, which Fyne does not pass with Tab.
func (c *keyCursor) setShift(ev *fyne.KeyEvent, down bool) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		c.shift = down
	}
}

// stops lists the controls on screen in reading order.
func (c *keyCursor) stops() []stop {
	var out []stop
	c.walk(c.k.Keyboard.frame, fyne.Position{}, stop{}, &out)
	return out
}

// walk adds the controls under o, whose parent is at `at`; in says what
// holds o (its scroll, whether it is in the screen's body).
func (c *keyCursor) walk(o fyne.CanvasObject, at fyne.Position, in stop, out *[]stop) {
	if o == nil || !o.Visible() {
		return
	}
	at = at.Add(o.Position())
	here := box{at, fyne.NewPos(o.Size().Width, o.Size().Height)}
	if o == c.k.body {
		in.inBody = true
	}
	if isStop(o) {
		in.obj, in.at = o, here
		*out = append(*out, in)
		return
	}
	children, scroll := childrenOf(o)
	if scroll != nil {
		in.scroll, in.view = scroll, here
	}
	for _, ch := range readingOrder(children) {
		c.walk(ch, at, in, out)
	}
}

// childrenOf is what the cursor looks into: containers, scrolls and theme
// overrides, never a widget's own parts (a field's clear button). scroll
// is o when o scrolls.
func childrenOf(o fyne.CanvasObject) (children []fyne.CanvasObject, scroll *container.Scroll) {
	switch v := o.(type) {
	case *fyne.Container:
		return v.Objects, nil
	case *container.Scroll:
		return []fyne.CanvasObject{v.Content}, v
	case *container.ThemeOverride:
		return []fyne.CanvasObject{v.Content}, nil
	}
	return nil, nil
}

// isStop reports whether the cursor can be on o.
func isStop(o fyne.CanvasObject) bool {
	if s := o.Size(); s.Width <= 0 || s.Height <= 0 {
		return false
	}
	switch v := o.(type) {
	case *tapArea:
		return false // the header's hidden way to staff mode: Ctrl+Shift+S
	case *scanList:
		return v.Length() > 0
	case *scanSelect:
		return !v.Disabled() && len(v.Options) > 0
	case fyne.Disableable:
		if v.Disabled() {
			return false
		}
	}
	_, ok := o.(fyne.Tappable)
	return ok
}

// readingOrder sorts siblings into lines, top to bottom, and each line in
// the direction of the language. An object starts a new line when its top
// is below the middle of the line's first object.
func readingOrder(objs []fyne.CanvasObject) []fyne.CanvasObject {
	s := make([]fyne.CanvasObject, 0, len(objs))
	for _, o := range objs {
		if o != nil && o.Visible() {
			s = append(s, o)
		}
	}
	sort.SliceStable(s, func(i, j int) bool { return s[i].Position().Y < s[j].Position().Y })
	rightToLeft := rtl.RightToLeft()
	for i := 0; i < len(s); {
		first := s[i]
		end := i + 1
		for end < len(s) && s[end].Position().Y < first.Position().Y+first.Size().Height/2 {
			end++
		}
		line := s[i:end]
		sort.SliceStable(line, func(a, b int) bool {
			if rightToLeft {
				return line[a].Position().X+line[a].Size().Width > line[b].Position().X+line[b].Size().Width
			}
			return line[a].Position().X < line[b].Position().X
		})
		i = end
	}
	return s
}

// find is the index of the cursor's control among stops, -1 when it is
// not on screen.
func (c *keyCursor) find(stops []stop) int {
	for i, s := range stops {
		if s.obj == c.target {
			return i
		}
	}
	return -1
}

// step moves the cursor to the next control (back: the previous one); a
// hidden cursor appears on the focused field, or on the first control.
func (c *keyCursor) step(back bool) {
	stops := c.stops()
	if len(stops) == 0 {
		return
	}
	i := c.find(stops)
	switch {
	case c.target == nil:
		i = c.start(stops, back)
	case i < 0:
		i = nearest(stops, c.last)
	case back:
		i = (i - 1 + len(stops)) % len(stops)
	default:
		i = (i + 1) % len(stops)
	}
	c.moveTo(stops[i].obj, 0)
}

// start is where a cursor appears: on the field that has the keys, or on
// the screen's first (back: last) control.
func (c *keyCursor) start(stops []stop, back bool) int {
	if f := c.k.focusedField(); f != nil {
		for i, s := range stops {
			if s.obj == fyne.CanvasObject(f) {
				return i
			}
		}
	}
	if back {
		return len(stops) - 1
	}
	return firstInBody(stops)
}

func firstInBody(stops []stop) int {
	for i, s := range stops {
		if s.inBody {
			return i
		}
	}
	return 0
}

// nearest is the stop closest to b.
func nearest(stops []stop, b box) int {
	best, dist := 0, float32(math.MaxFloat32)
	for i, s := range stops {
		d := s.at.centre().Subtract(b.centre())
		if n := d.X*d.X + d.Y*d.Y; n < dist {
			best, dist = i, n
		}
	}
	return best
}

// arrow moves the cursor by an arrow key: a row at a time in a list, to
// the nearest control in that direction elsewhere.
func (c *keyCursor) arrow(key fyne.KeyName) {
	stops := c.stops()
	i := c.find(stops)
	if i < 0 {
		c.step(false)
		return
	}
	if l, ok := c.target.(*scanList); ok {
		switch {
		case key == fyne.KeyDown && c.row < l.Length()-1:
			c.moveTo(l, c.row+1)
			return
		case key == fyne.KeyUp && c.row > 0:
			c.moveTo(l, c.row-1)
			return
		}
	}
	if s, ok := c.target.(*scanSelect); ok && (key == fyne.KeyUp || key == fyne.KeyDown) {
		c.choose(s, key == fyne.KeyUp)
		return
	}
	from, _ := c.boxOf(stops[i])
	if j := towards(stops, i, from, key); j >= 0 {
		row := 0
		if l, ok := stops[j].obj.(*scanList); ok && key == fyne.KeyUp {
			row = l.Length() - 1 // into a list from below: its last row
		}
		c.moveTo(stops[j].obj, row)
	}
}

// towards is the stop nearest to from in the arrow's direction, -1 for
// none: the distance along the arrow counts, and thrice the distance
// across it. Left and Right keep to from's row while it has a control
// that way (the next key of the on-screen keyboard, not one of the row
// below, which is set off by half a key).
func towards(stops []stop, skip int, from box, key fyne.KeyName) int {
	best, score := -1, float32(math.MaxFloat32)
	fc := from.centre()
	for i, s := range stops {
		if i == skip {
			continue
		}
		sc := s.at.centre()
		var along, across float32
		switch key {
		case fyne.KeyRight:
			along, across = sc.X-fc.X, gap(s.at.pos.Y, s.at.bottom(), from.pos.Y, from.bottom())
		case fyne.KeyLeft:
			along, across = fc.X-sc.X, gap(s.at.pos.Y, s.at.bottom(), from.pos.Y, from.bottom())
		case fyne.KeyDown:
			along, across = sc.Y-fc.Y, gap(s.at.pos.X, s.at.right(), from.pos.X, from.right())
		case fyne.KeyUp:
			along, across = fc.Y-sc.Y, gap(s.at.pos.X, s.at.right(), from.pos.X, from.right())
		}
		if along <= 1 {
			continue
		}
		n := along + 3*across
		if across > 0 && (key == fyne.KeyLeft || key == fyne.KeyRight) {
			n += offLine // after every control on the row, however far
		}
		if n < score {
			best, score = i, n
		}
	}
	return best
}

// offLine puts the controls off the row after those on it.
const offLine = 1e6

// gap is the distance between two spans, 0 when they overlap.
func gap(a0, a1, b0, b1 float32) float32 {
	switch {
	case a1 < b0:
		return b0 - a1
	case b1 < a0:
		return a0 - b1
	}
	return 0
}

// moveTo puts the cursor on o (row: the row of a list), brings it into
// view, and gives the keys to it when it is a field.
func (c *keyCursor) moveTo(o fyne.CanvasObject, row int) {
	c.target, c.row, c.redraws = o, row, 0
	if l, ok := o.(*scanList); ok {
		c.row = max(0, min(row, l.Length()-1))
		l.ScrollTo(c.row)
	}
	c.follow()
	c.place()
}

// follow gives the keyboard focus to the field under the cursor, and back
// to the key sink when the cursor leaves a field: keys go where the ring is.
func (c *keyCursor) follow() {
	cv := fyne.CurrentApp().Driver().CanvasForObject(c.k.content)
	if cv == nil {
		return
	}
	if e, ok := c.target.(*searchEntry); ok {
		if cv.Focused() != fyne.Focusable(e) {
			cv.Focus(e)
		}
		return
	}
	if _, ok := cv.Focused().(*searchEntry); ok {
		cv.Focus(c.k.sink)
	}
}

// place draws the ring around the cursor's control, scrolling it into view.
func (c *keyCursor) place() {
	if c.target == nil {
		c.layer.Hide()
		return
	}
	stops := c.stops()
	i := c.find(stops)
	if i < 0 {
		c.layer.Hide()
		return
	}
	if s := stops[i]; s.scroll != nil && scrollInto(s.scroll, s.at, s.view) {
		stops = c.stops()
		if i = c.find(stops); i < 0 {
			return
		}
	}
	b, drawn := c.boxOf(stops[i])
	if !drawn {
		c.redrawSoon()
	}
	c.last = b
	// The ring stays inside the window: a control at its edge (or
	// beyond it, in a window too small for the screen) keeps a ring
	// whose outer sides are cut rather than drawn off screen.
	window := c.k.content.Size()
	ring := func(r *canvas.Rectangle, out float32) {
		x0, y0 := max(0, b.pos.X-out), max(0, b.pos.Y-out)
		x1, y1 := min(window.Width, b.right()+out), min(window.Height, b.bottom()+out)
		r.Move(fyne.NewPos(x0, y0))
		r.Resize(fyne.NewSize(max(0, x1-x0), max(0, y1-y0)))
	}
	ring(c.outer, ringGap+ringInnerWidth+ringOuterWidth)
	ring(c.inner, ringGap+ringInnerWidth)
	c.layer.Show()
	c.layer.Refresh()
}

// scrollInto scrolls s so that b shows in view, s's place in the window;
// it reports whether it scrolled.
func scrollInto(s *container.Scroll, b, view box) bool {
	if view.size.Y <= 0 {
		return false
	}
	off := s.Offset
	margin := float32(ringGap + ringInnerWidth + ringOuterWidth)
	switch {
	case b.pos.Y-margin < view.pos.Y, b.size.Y+2*margin > view.size.Y:
		// Above the view, or taller than it: its top shows.
		off.Y -= view.pos.Y - (b.pos.Y - margin)
	case b.bottom()+margin > view.bottom():
		off.Y += b.bottom() + margin - view.bottom()
	default:
		return false
	}
	maxY := s.Content.Size().Height - s.Size().Height
	off.Y = max(0, min(off.Y, maxY))
	if off == s.Offset {
		return false
	}
	s.ScrollToOffset(off)
	return true
}

// boxOf is where the ring goes for a stop: the row under the cursor in a
// list, the whole control otherwise. Of the row objects last given that
// row, the one most in view is taken: one the list put aside is in no
// tree and has no position, or lies outside the list. drawn is false for
// a row not drawn yet, which has no position either: the ring is around
// the list until it is.
func (c *keyCursor) boxOf(s stop) (b box, drawn bool) {
	l, ok := s.obj.(*scanList)
	if !ok || s.obj != c.target {
		return s.at, true
	}
	d := fyne.CurrentApp().Driver()
	best, shown := s.at, float32(0)
	for o, i := range l.rows {
		pos := d.AbsolutePositionForObject(o)
		if i != c.row || pos.IsZero() {
			continue
		}
		top := max(s.at.pos.Y, pos.Y)
		bottom := min(s.at.bottom(), pos.Y+o.Size().Height)
		if bottom-top > shown {
			best, shown = box{fyne.NewPos(s.at.pos.X, top), fyne.NewPos(s.at.size.X, bottom-top)}, bottom-top
		}
	}
	return best, shown > 0
}

// redrawDelay is a few frames: the window has drawn a row scrolled into
// view by then, and the desktop driver knows where it is.
const redrawDelay = 50 * time.Millisecond

// redrawSoon places the ring again once the window has drawn, a few
// times at most for one move.
func (c *keyCursor) redrawSoon() {
	if c.redraws >= 5 {
		return
	}
	c.redraws++
	time.AfterFunc(redrawDelay, func() { fyne.Do(c.place) })
}

// activate works the control under the cursor as a tap would: a button
// is tapped, a list's row chosen, a field given the keys, a drop-down's
// next choice taken.
func (c *keyCursor) activate() {
	stops := c.stops()
	if c.find(stops) < 0 {
		return
	}
	c.activating = true
	defer func() { c.activating = false }()
	switch v := c.target.(type) {
	case *scanList:
		v.UnselectAll()
		v.Select(c.row)
	case *searchEntry:
		c.follow()
	case *scanSelect:
		c.choose(v, false)
	case fyne.Tappable:
		v.Tapped(&fyne.PointEvent{})
	}
	c.settle()
}

// choose takes the drop-down's next choice (back: the one before), its
// menu staying closed: the menu cannot have the keys (focus.go).
func (c *keyCursor) choose(s *scanSelect, back bool) {
	n := len(s.Options)
	if n == 0 {
		return
	}
	i := s.SelectedIndex()
	switch {
	case back && i <= 0:
		i = n - 1
	case back:
		i--
	default:
		i = (i + 1) % n
	}
	was := c.activating
	c.activating = true // its handler's Touch is not a touch
	s.SetSelectedIndex(i)
	c.activating = was
	c.place()
}

// settle keeps the cursor on screen after what it did: on its control
// when that is still there, else on the control nearest to where it was.
func (c *keyCursor) settle() {
	if c.target == nil {
		return
	}
	stops := c.stops()
	if len(stops) == 0 {
		c.hide()
		return
	}
	if c.find(stops) < 0 {
		c.target, c.row = stops[nearest(stops, c.last)].obj, 0
	}
	if l, ok := c.target.(*scanList); ok {
		c.row = max(0, min(c.row, l.Length()-1))
	}
	c.redraws = 0
	c.follow()
	c.place()
}

// shown follows a change of screen: the cursor goes to the screen's
// field, or stays on its control when that is still on show (a button
// of the navigation bar), or goes to the screen's first control.
func (c *keyCursor) shown(field fyne.Focusable) {
	if !c.Visible() {
		return
	}
	stops := c.stops()
	if len(stops) == 0 {
		c.hide()
		return
	}
	if o, ok := field.(fyne.CanvasObject); ok {
		c.target = o
	} else if c.find(stops) < 0 {
		c.target = stops[firstInBody(stops)].obj
	}
	c.row, c.redraws = 0, 0
	c.follow()
	c.place()
}

// key handles the keys that move or use the cursor, before the focus
// holder (the key sink, or field: a search field) sees them; it reports
// whether it took the key. Enter reaches it only when it ended no scan.
func (c *keyCursor) key(ev *fyne.KeyEvent, field *searchEntry) bool {
	onField := field != nil && c.target == fyne.CanvasObject(field)
	switch ev.Name {
	case fyne.KeyTab:
		c.step(c.shift)
		return true
	case fyne.KeyEscape:
		c.k.back()
		c.settle()
		return true
	case fyne.KeyUp, fyne.KeyDown:
		if !c.Visible() {
			return false
		}
		c.arrow(ev.Name)
		return true
	case fyne.KeyLeft, fyne.KeyRight:
		if !c.Visible() || onField {
			return false // the field's own caret keys
		}
		c.arrow(ev.Name)
		return true
	case fyne.KeyReturn, fyne.KeyEnter:
		if !c.Visible() {
			return false
		}
		if onField {
			if field.OnSubmitted != nil {
				return false // the field's own Enter: a code, a PIN
			}
			// A search field searches as it is typed into: Enter opens
			// or closes the on-screen keyboard, as a touch on it does.
			c.k.toggleKeyboard(field)
			return true
		}
		c.activate()
		return true
	}
	return false
}

// space takes a Space typed while the cursor is on a control other than
// the focused field: it works the control. One typed in the middle of a
// burst belongs to a scan and is left to the scanner.
func (c *keyCursor) space(field *searchEntry) bool {
	if !c.Visible() || (field != nil && c.target == fyne.CanvasObject(field)) || c.k.scanner.inBurst(c.k.deps.Now()) {
		return false
	}
	c.activate()
	return true
}

// focusedField is the search field that has the keys, nil for none.
func (k *Kiosk) focusedField() *searchEntry {
	cv := fyne.CurrentApp().Driver().CanvasForObject(k.content)
	if cv == nil {
		return nil
	}
	e, _ := cv.Focused().(*searchEntry)
	return e
}

// toggleKeyboard opens the on-screen keyboard for a field, or closes it.
func (k *Kiosk) toggleKeyboard(e *searchEntry) {
	if k.Keyboard.Visible() && k.Keyboard.Target() == e {
		k.Keyboard.Hide()
		return
	}
	k.openKeyboard(e)
}

// back is Escape: it closes what is open (a drop-down, the on-screen
// keyboard, the delegation grid, a detail), or goes back a screen: the
// result and the PIN screens to where they came from, the others to Home.
// Staff mode is left by its own button only.
func (k *Kiosk) back() {
	cv := fyne.CurrentApp().Driver().CanvasForObject(k.content)
	switch {
	case cv != nil && cv.Overlays().Top() != nil:
		k.closeOverlays()
	case k.Keyboard.Visible():
		k.Keyboard.Hide()
	case k.current == ScreenDirectory && k.Directory.Browse.CountriesOpen():
		k.Directory.Browse.closeCountries()
	case k.current == ScreenDirectory && k.Directory.selected != "":
		k.Directory.closeDetail()
	case k.current == ScreenProgramme && k.Programme.selected != "":
		k.Programme.closeDetail()
	case k.current == ScreenResult:
		k.Result.close()
	case k.current == ScreenPIN:
		k.leaveStaff()
	case k.current == ScreenStaff:
	case k.current != k.home():
		k.Show(k.home())
	}
}

// closeDetail goes back from a session to the list.
func (p *ProgrammeScreen) closeDetail() {
	p.selected = ""
	p.Detail.clear()
	p.List.UnselectAll()
}

// closeDetail goes back from a delegate to the list.
func (d *DirectoryScreen) closeDetail() {
	d.selected = ""
	d.Detail.clear()
	d.List.UnselectAll()
}

// The kiosk's side of keyWatcher for the cursor.

func (k *Kiosk) keyed() { k.lastInput = k.deps.Now() }

func (k *Kiosk) cursorKey(ev *fyne.KeyEvent, field *searchEntry) bool { return k.cursor.key(ev, field) }

func (k *Kiosk) cursorSpace(field *searchEntry) bool { return k.cursor.space(field) }

func (k *Kiosk) shiftKey(ev *fyne.KeyEvent, down bool) { k.cursor.setShift(ev, down) }
