package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// searchEntry is a one-line entry that tells the kiosk about every key, so
// that typing counts as activity for the idle timer, and that has a button
// to clear it with one tap.
type searchEntry struct {
	widget.Entry
	onInput func()
}

var _ fyne.Widget = (*searchEntry)(nil)

func newSearchEntry(placeholder string, onInput func(), onChanged func(string)) *searchEntry {
	e := &searchEntry{onInput: onInput}
	e.ExtendBaseWidget(e)
	e.PlaceHolder = placeholder
	e.OnChanged = onChanged
	e.ActionItem = widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() {
		e.onInput()
		e.SetText("")
	})
	return e
}

func (e *searchEntry) TypedRune(r rune) {
	e.onInput()
	e.Entry.TypedRune(r)
}

func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	e.onInput()
	e.Entry.TypedKey(k)
}
