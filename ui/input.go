package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// searchEntry is a one-line entry that shows every key to the kiosk
// first: typing counts as activity for the idle timer, and a badge scanned
// while the entry has the focus is taken as a check-in instead of being
// typed into the search.
type searchEntry struct {
	widget.Entry
	keys keyWatcher
}

// keyWatcher is told about keys before an entry handles them.
type keyWatcher interface {
	Touch()
	// keyed records a key as activity, as Touch does a tap.
	keyed()
	rune(r rune)
	// enter reports whether Enter ended a scan, which it then handles,
	// and the scanned text.
	enter() (text string, scanned bool)
	// cursorKey and cursorSpace let the keyboard cursor take a key first
	// (cursor.go); field is the focused field, nil for the key sink.
	cursorKey(ev *fyne.KeyEvent, field *searchEntry) bool
	cursorSpace(field *searchEntry) bool
	// shiftKey follows the Shift keys.
	shiftKey(ev *fyne.KeyEvent, down bool)
}

var _ fyne.Widget = (*searchEntry)(nil)

func newSearchEntry(placeholder string, keys keyWatcher, onChanged func(string)) *searchEntry {
	e := &searchEntry{keys: keys}
	e.ExtendBaseWidget(e)
	e.PlaceHolder = placeholder
	e.OnChanged = onChanged
	e.ActionItem = widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() {
		e.keys.Touch()
		e.SetText("")
	})
	return e
}

func (e *searchEntry) TypedRune(r rune) {
	e.keys.keyed()
	if r == ' ' && e.keys.cursorSpace(e) {
		return
	}
	e.keys.rune(r)
	e.Entry.TypedRune(r)
}

// AcceptsTab keeps Tab in the field, so that it cannot move the focus to
// a widget that ignores scans (see focus.go); Tab moves the keyboard
// cursor instead.
func (e *searchEntry) AcceptsTab() bool { return true }

func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	e.keys.keyed()
	if isEnter(k) {
		if text, ok := e.keys.enter(); ok {
			// The scan was typed into this field; take it back out.
			e.SetText(strings.Replace(e.Text, text, "", 1))
			return
		}
	}
	if e.keys.cursorKey(k, e) || k.Name == fyne.KeyTab {
		return
	}
	e.Entry.TypedKey(k)
}

// KeyDown and KeyUp follow Shift for Shift+Tab.
func (e *searchEntry) KeyDown(k *fyne.KeyEvent) {
	e.keys.shiftKey(k, true)
	e.Entry.KeyDown(k)
}

func (e *searchEntry) KeyUp(k *fyne.KeyEvent) {
	e.keys.shiftKey(k, false)
	e.Entry.KeyUp(k)
}
