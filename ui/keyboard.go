package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/ui/i18n"
)

// The on-screen keyboard, for a kiosk with a touch screen and no keyboard.
//
// It opens when a search field is touched and types into that field. It
// lives in the window's own layout, not in an overlay: an overlay has its
// own keyboard focus, so opening one would take the focus from the field,
// and a physical keyboard or a badge scanner would no longer reach it. The
// field keeps the focus, and a tap on a key gives it back to the field
// should anything have taken it; so a badge scanned while the keyboard is
// open still goes through the field to the scanner detector (focus.go).
//
// Taps are typed into the field directly, never through the detector: a
// person tapping fast is not a scan, and a tap between a scanner's keys
// does not split its burst.

// KeyboardLayout names a set of letter keys.
type KeyboardLayout int

const (
	// LayoutLatin is QWERTY with a row of accented letters.
	LayoutLatin KeyboardLayout = iota
	// LayoutArabic is the Arabic alphabet, as on an Arabic keyboard.
	LayoutArabic
)

// keyboardRows are the letter rows of each layout; the digits and the
// bottom row are common to both. Letters are typed as shown: the search
// folds case and accents anyway, and an accented letter finds only the
// names with it when typed accented (see data.Fold).
var keyboardRows = map[KeyboardLayout][][]string{
	LayoutLatin: {
		{"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"},
		{"a", "s", "d", "f", "g", "h", "j", "k", "l", "'"},
		{"z", "x", "c", "v", "b", "n", "m", "-", ".", "/", ":"},
		{"é", "è", "ê", "ë", "à", "â", "ä", "á", "ã", "å", "ç", "ñ", "í", "ï", "ó", "ô", "ö", "ø", "ú", "ü", "ß"},
	},
	LayoutArabic: {
		{"ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح", "ج", "د"},
		{"ش", "س", "ي", "ب", "ل", "ا", "ت", "ن", "م", "ك", "ط"},
		{"ئ", "ء", "ؤ", "ر", "لا", "ى", "ة", "و", "ز", "ظ", "ذ"},
		{"أ", "إ", "آ"},
	},
}

var keyboardDigits = []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"}

// keySize is a key's size: far above the 9 mm (33 px at 1920x1080 on a
// 24-inch screen) a finger needs; accent keys are narrower, still above.
var (
	keySize       = fyne.NewSize(92, 50)
	accentKeySize = fyne.NewSize(72, 50)
)

// colourKeyboardTray is behind the keys: white keys stand out on it.
var colourKeyboardTray = color.NRGBA{R: 0xd5, G: 0xdb, B: 0xe4, A: 0xff}

// Keyboard is the on-screen keyboard.
type Keyboard struct {
	k       *Kiosk
	content *fyne.Container
	target  *searchEntry
	layout  KeyboardLayout
	// byDefault is the layout the kiosk's language asks for; an idle
	// reset goes back to it.
	byDefault KeyboardLayout
	// frame is the window's layout the keyboard is part of: it makes room
	// for the keyboard when it opens, and gives it back when it closes.
	frame *fyne.Container

	// Keys are the keys by the text they type, in the layout on show;
	// Backspace, Space, Close and Switch do what they say.
	Keys      map[string]*widget.Button
	Backspace *widget.Button
	Space     *widget.Button
	Close     *widget.Button
	Switch    *widget.Button
	Enter     *widget.Button
	// Shift types capitals until tapped again (badge codes by hand).
	Shift   *widget.Button
	shift   bool
	letters *fyne.Container
}

func newKeyboard(k *Kiosk) *Keyboard {
	kb := &Keyboard{k: k, letters: container.NewVBox()}
	kb.Backspace = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { kb.backspace() })
	kb.Space = widget.NewButton(textKeyboardSpace, func() { kb.typeText(" ") })
	kb.Close = widget.NewButtonWithIcon(textKeyboardClose, theme.MenuDropDownIcon(), func() { k.Touch(); kb.Hide() })
	kb.Shift = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { k.Touch(); kb.setShift(!kb.shift) })
	kb.Enter = widget.NewButtonWithIcon(textKeyboardEnter, theme.ConfirmIcon(), func() { kb.enter() })
	kb.Switch = widget.NewButton(textKeyboardArabic, func() {
		k.Touch()
		if kb.layout == LayoutArabic {
			kb.SetLayout(LayoutLatin)
		} else {
			kb.SetLayout(LayoutArabic)
		}
	})
	digits := kb.row(keyboardDigits, keySize)
	bottom := container.New(&keyRow{widths: []float32{120, 160, 560, 160, 160, 260}, height: keySize.Height},
		kb.Shift, kb.Switch, kb.Space, kb.Backspace, kb.Enter, kb.Close)
	// A darker tray sets the keys apart from the screen above them.
	tray := newFill(toneTray)
	kb.content = container.NewStack(tray, container.NewPadded(container.NewVBox(digits, kb.letters, bottom)))
	kb.SetLayout(LayoutLatin)
	kb.content.Hide()
	relabel := func() {
		kb.Space.SetText(i18n.T(textKeyboardSpace))
		kb.Close.SetText(i18n.T(textKeyboardClose))
		kb.Enter.SetText(i18n.T(textKeyboardEnter))
	}
	relabel()
	k.onLanguage(relabel)
	return kb
}

// row makes a centred row of keys that type their text.
func (kb *Keyboard) row(keys []string, size fyne.Size) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, t := range keys {
		b := widget.NewButton(t, func() { kb.typeText(kb.cased(t)) })
		if kb.Keys == nil {
			kb.Keys = map[string]*widget.Button{}
		}
		kb.Keys[t] = b
		objs = append(objs, b)
	}
	widths := make([]float32, len(objs))
	for i := range widths {
		widths[i] = size.Width
	}
	return container.New(&keyRow{widths: widths, height: size.Height}, objs...)
}

// keyRow lays a row of keys out centred at their widths where the window
// has room, and narrower, all in proportion, where it has not: the keys
// are sized for a 1920-pixel screen, and at 1280 pixels a row of them
// would push the window wider than the screen. They never get narrower
// than keyMinScale of their width, which keeps a letter key above 9 mm.
type keyRow struct {
	widths []float32
	height float32
}

// keyMinScale: a 92-pixel key is 41 pixels at the least, 11 mm.
const keyMinScale = 0.45

func (r *keyRow) natural() (sum, gaps float32) {
	for _, w := range r.widths {
		sum += w
	}
	return sum, theme.Padding() * float32(len(r.widths)-1)
}

func (r *keyRow) MinSize([]fyne.CanvasObject) fyne.Size {
	sum, gaps := r.natural()
	return fyne.NewSize(sum*keyMinScale+gaps, r.height)
}

func (r *keyRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	sum, gaps := r.natural()
	scale := min(1, max(keyMinScale, (size.Width-gaps)/sum))
	x := (size.Width - sum*scale - gaps) / 2
	for i, o := range objs {
		w := r.widths[i] * scale
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, r.height))
		x += w + theme.Padding()
	}
}

// SetLayout shows a layout's letter keys. The kiosk's language decides
// the default (Arabic for Arabic); the switch key changes it by hand.
func (kb *Keyboard) SetLayout(l KeyboardLayout) {
	rows, ok := keyboardRows[l]
	if !ok {
		return
	}
	kb.layout = l
	keys := map[string]*widget.Button{}
	for _, t := range keyboardDigits {
		keys[t] = kb.Keys[t]
	}
	kb.Keys = keys
	kb.letters.Objects = nil
	for i, r := range rows {
		size := keySize
		if i == len(rows)-1 && l == LayoutLatin {
			size = accentKeySize
		}
		kb.letters.Objects = append(kb.letters.Objects, kb.row(r, size))
	}
	kb.letters.Refresh()
	kb.relayout()
	kb.setShift(false)
	enable(kb.Shift, l == LayoutLatin) // Arabic has no capitals
	if l == LayoutArabic {
		kb.Switch.SetText(textKeyboardLatin)
	} else {
		kb.Switch.SetText(textKeyboardArabic)
	}
}

// cased is a key's text as Shift has it.
func (kb *Keyboard) cased(t string) string {
	if kb.shift {
		return strings.ToUpper(t)
	}
	return t
}

// setShift turns capitals on or off, and shows them on the keys.
func (kb *Keyboard) setShift(on bool) {
	kb.shift = on
	for t, b := range kb.Keys {
		if c := kb.cased(t); b.Text != c {
			b.SetText(c)
		}
	}
	imp := widget.MediumImportance
	if on {
		imp = widget.HighImportance
	}
	if kb.Shift.Importance != imp {
		kb.Shift.Importance = imp
		kb.Shift.Refresh()
	}
}

// SetDefaultLayout is the layout for the kiosk's language, to call when
// the language changes (LayoutArabic for Arabic, LayoutLatin otherwise): it
// shows now, and again after an idle reset.
func (kb *Keyboard) SetDefaultLayout(l KeyboardLayout) {
	if _, ok := keyboardRows[l]; !ok {
		return
	}
	kb.byDefault = l
	kb.SetLayout(l)
}

// reset closes the keyboard and brings back the default layout.
func (kb *Keyboard) reset() {
	kb.Hide()
	if kb.layout != kb.byDefault {
		kb.SetLayout(kb.byDefault)
	}
}

// Layout is the layout on show.
func (kb *Keyboard) Layout() KeyboardLayout { return kb.layout }

// Visible reports whether the keyboard is open.
func (kb *Keyboard) Visible() bool { return kb.content.Visible() }

// Target is the field the keyboard types into, nil when closed.
func (kb *Keyboard) Target() *searchEntry { return kb.target }

// open shows the keyboard for a field.
func (kb *Keyboard) open(e *searchEntry) {
	kb.target = e
	if !kb.content.Visible() {
		kb.content.Show()
		kb.relayout()
	}
}

func (kb *Keyboard) relayout() {
	kb.k.fitKeyboard(kb.content.Visible())
	if kb.frame != nil {
		kb.frame.Refresh()
	}
}

// fitKeyboard makes room for the on-screen keyboard. While it is open
// the Directory's touch browsing (the tabs of names and the pager) and the
// Programme's day tabs step aside, since typing replaces them (a search
// spans every day), and on a window too short for the
// keyboard under a screen (1280x800) the navigation bar does too: the
// keyboard's own Close brings it back. Otherwise the window would grow
// past the screen to the content's height.
func (k *Kiosk) fitKeyboard(open bool) {
	if k.content == nil {
		return // still being built, the keyboard not yet hidden
	}
	if k.Directory != nil {
		k.Directory.typing(open)
	}
	if k.Programme != nil && k.Programme.dayBar != nil {
		showIf(k.Programme.dayBar, !open)
	}
	if k.navBar == nil {
		return
	}
	k.navBar.Show()
	c := fyne.CurrentApp().Driver().CanvasForObject(k.content)
	if open && c != nil && k.content.MinSize().Height > c.Size().Height {
		k.navBar.Hide()
	}
}

// Hide closes the keyboard; the field keeps what was typed.
func (kb *Keyboard) Hide() {
	kb.target = nil
	if kb.content.Visible() {
		kb.content.Hide()
		kb.relayout()
	}
}

// typeText types a key's text at the field's cursor.
func (kb *Keyboard) typeText(t string) {
	kb.k.Touch()
	e := kb.target
	if e == nil {
		return
	}
	kb.refocus()
	for _, r := range t {
		e.Entry.TypedRune(r)
	}
}

func (kb *Keyboard) backspace() {
	kb.k.Touch()
	if kb.target == nil {
		return
	}
	kb.refocus()
	kb.target.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
}

// enter submits the field (a badge code typed by hand, a hub address in
// staff mode) and closes the keyboard: the search fields search as they
// are typed into, so Enter there only means done.
func (kb *Keyboard) enter() {
	kb.k.Touch()
	e := kb.target
	if e == nil {
		return
	}
	kb.Hide()
	if e.OnSubmitted != nil {
		e.OnSubmitted(e.Text)
	}
}

// refocus gives the keyboard focus back to the field, so that a physical
// keyboard and the scanner reach it after a tap elsewhere.
func (kb *Keyboard) refocus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(kb.target); c != nil && c.Focused() != fyne.Focusable(kb.target) {
		c.Focus(kb.target)
	}
}

// Tapped is a touch on a search field: the field takes the focus, and the
// on-screen keyboard opens for it.
func (e *searchEntry) Tapped(ev *fyne.PointEvent) {
	e.Entry.Tapped(ev)
	e.moveCaretToEnd()
	if o, ok := e.keys.(interface{ openKeyboard(*searchEntry) }); ok {
		o.openKeyboard(e)
	}
}

func (k *Kiosk) openKeyboard(e *searchEntry) {
	if e == k.PIN.Entry {
		return // the PIN screen has its own keypad
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && c.Focused() != fyne.Focusable(e) {
		c.Focus(e)
	}
	k.Keyboard.open(e)
}
