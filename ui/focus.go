package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Who holds the keyboard focus decides whether a scan is taken.
//
// Fyne's desktop driver hands every key to the focused widget of the top
// layer, and to the canvas's key handlers (see Attach) only when nothing
// has the focus (internal/driver/glfw/window.go, processCharInput and
// processKeyPressed, Fyne v2.7.1). It has no hook that sees keys before
// the focused widget, and no way to learn that the focus moved. A widget
// that takes the focus and ignores characters, such as a list after a
// tap, swallows a badge scanned at that moment.
//
// So the kiosk keeps the focus to itself: whatever holds it shows every
// key to the scanner first.
//   - Text fields are searchEntry: a scan typed into one is taken out again.
//   - Otherwise the keySink holds the focus: an invisible widget that feeds
//     the scanner (a screen without a field focuses it).
//   - Lists and drop-downs take the focus when tapped (Fyne does that on
//     the desktop); scanList and scanSelect hand it straight on to the sink.
//   - The menu of an open drop-down is Fyne's own and lives in an overlay
//     the sink is not part of; scanSelect takes the focus from it, so keys
//     fall through to the canvas handlers, which feed the scanner too. A
//     scan closes the menu (CheckIn).
//   - Everything that holds the focus keeps Tab, so that Tab never moves
//     the focus on to a button, which would ignore the scan. Tab moves
//     the kiosk's own keyboard cursor instead (cursor.go).
// Wrapping every widget's keys instead would leave out the widgets Fyne
// builds itself (the drop-down's menu), and a focused list or menu would
// still act on the scanner's Enter.

// keySink holds the keyboard focus when no text field does.
type keySink struct {
	widget.BaseWidget
	keys keyWatcher
}

var (
	_ fyne.Focusable  = (*keySink)(nil)
	_ fyne.Tabbable   = (*keySink)(nil)
	_ desktop.Keyable = (*keySink)(nil)
)

func newKeySink(keys keyWatcher) *keySink {
	s := &keySink{keys: keys}
	s.ExtendBaseWidget(s)
	return s
}

func (s *keySink) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(&fyne.Container{})
}

func (s *keySink) FocusGained() {}
func (s *keySink) FocusLost()   {}

// AcceptsTab keeps Tab here: see the comment at the top of this file.
func (s *keySink) AcceptsTab() bool { return true }

func (s *keySink) TypedRune(r rune) {
	s.keys.keyed()
	if r == ' ' && s.keys.cursorSpace(nil) {
		return
	}
	s.keys.rune(r)
}

// TypedKey ends a scan with Enter; an Enter that ends none, and the keys
// that move the keyboard cursor, go to the cursor.
func (s *keySink) TypedKey(ev *fyne.KeyEvent) {
	s.keys.keyed()
	if isEnter(ev) {
		if _, scanned := s.keys.enter(nil); scanned {
			return
		}
	}
	s.keys.cursorKey(ev, nil)
}

// KeyDown and KeyUp follow Shift for Shift+Tab.
func (s *keySink) KeyDown(ev *fyne.KeyEvent) { s.keys.shiftKey(ev, true) }
func (s *keySink) KeyUp(ev *fyne.KeyEvent)   { s.keys.shiftKey(ev, false) }

func isEnter(ev *fyne.KeyEvent) bool { return ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter }

// scanList is a list that does not keep the keyboard focus a tap gives it.
type scanList struct {
	widget.List
	k *Kiosk
	// wrap sizes rows to their wrapped text (wrap.go); nil keeps them
	// at the template's height.
	wrap *rowWrap
	// rows are the row objects the list made, with the item each shows
	// last, so that the keyboard cursor can find a row (cursor.go).
	rows map[fyne.CanvasObject]widget.ListItemID
}

func newScanList(k *Kiosk, length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *scanList {
	l := &scanList{k: k, rows: map[fyne.CanvasObject]widget.ListItemID{}}
	l.Length, l.CreateItem = length, create
	l.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		l.rows[o] = i
		update(i, o)
	}
	l.ExtendBaseWidget(l)
	return l
}

// FocusGained hands the focus on to the kiosk. (In Fyne's desktop driver
// a tap on a row of an extended list does not focus it at all, since the
// row asks for the canvas of the inner widget.List, which the driver does
// not know; the test driver and Tab still focus it.)
func (l *scanList) FocusGained() { l.k.holdKeys() }

// scanSelect is a drop-down that keeps the keyboard focus neither itself
// nor in its open menu.
type scanSelect struct {
	widget.Select
	k *Kiosk
}

func newScanSelect(k *Kiosk, options []string, changed func(string)) *scanSelect {
	s := &scanSelect{k: k}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

// FocusGained hands the focus on to the kiosk.
func (s *scanSelect) FocusGained() { s.k.holdKeys() }

// Tapped opens the menu, then takes the focus from it (see the top of
// this file): the menu still works by touch.
func (s *scanSelect) Tapped(ev *fyne.PointEvent) {
	s.Select.Tapped(ev)
	if c := fyne.CurrentApp().Driver().CanvasForObject(s); c != nil && c.Overlays().Top() != nil {
		c.Unfocus()
	}
}

// holdKeys gives the keyboard focus to the kiosk's key sink.
func (k *Kiosk) holdKeys() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(k.content); c != nil {
		c.Focus(k.sink)
	}
}

// closeOverlays closes an open drop-down or pop-up: it would otherwise
// outlive the screen it belongs to.
func (k *Kiosk) closeOverlays() {
	c := fyne.CurrentApp().Driver().CanvasForObject(k.content)
	if c == nil {
		return
	}
	for c.Overlays().Top() != nil {
		c.Overlays().Remove(c.Overlays().Top())
	}
}
