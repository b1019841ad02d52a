package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/data"
	"kiosk/ui/i18n"
	"kiosk/ui/rtl"
)

// The kiosk's language: Home's buttons switch every screen at once, and
// the idle reset returns to the event's first working language. Each
// screen registers a hook that puts its texts in the new language and
// reloads what the data gives in it (session titles, country names).

// onLanguage registers a screen's hook, run after every switch.
func (k *Kiosk) onLanguage(f func()) { k.langHooks = append(k.langHooks, f) }

// SetLanguage shows the kiosk in language code (one of i18n.Languages);
// any other code is ignored.
func (k *Kiosk) SetLanguage(code string) {
	if code == i18n.Current() || i18n.Set(code) != nil {
		return
	}
	// The direction first: the hooks then word and order their texts for it.
	k.SetRightToLeft(i18n.IsRTL())
	layout := LayoutLatin
	if code == "ar" {
		layout = LayoutArabic
	}
	k.Keyboard.SetDefaultLayout(layout)
	for _, f := range k.langHooks {
		f()
	}
	// The header's clock names the day in the language too.
	k.Tick(k.deps.Now())
}

// Language is the language on screen.
func (k *Kiosk) Language() string { return i18n.Current() }

// newLanguageBar makes Home's four buttons, each with its language's own
// name, the current one highlighted.
func newLanguageBar(k *Kiosk) (*fyne.Container, map[string]*widget.Button) {
	buttons := map[string]*widget.Button{}
	var objs []fyne.CanvasObject
	for _, l := range i18n.Languages {
		b := widget.NewButton(l.Name, func() { k.Touch(); k.SetLanguage(l.Code) })
		if rtl.HasRTL(l.Name) {
			// The tick goes before the words, on their right (mirrorText
			// turns only the Latin-named buttons round).
			b.IconPlacement = widget.ButtonIconTrailingText
		}
		buttons[l.Code] = b
		objs = append(objs, b)
	}
	mark := func() {
		for code, b := range buttons {
			// A tick marks the current language as well as the colour.
			if code == i18n.Current() {
				b.Importance, b.Icon = widget.HighImportance, theme.ConfirmIcon()
			} else {
				b.Importance, b.Icon = widget.MediumImportance, nil
			}
			b.Refresh()
		}
	}
	mark()
	k.onLanguage(mark)
	return container.NewGridWithColumns(len(objs), objs...), buttons
}

// kindLabel is a session kind in the current language.
func kindLabel(kind data.SessionKind) string {
	key, ok := map[data.SessionKind]string{
		data.KindCeremony: "kind.ceremony", data.KindPlenary: "kind.plenary", data.KindElection: "kind.election",
		data.KindRegional: "kind.regional", data.KindSideMeeting: "kind.side_meeting", data.KindWorkshop: "kind.workshop",
		data.KindBreak: "kind.break", data.KindSocial: "kind.social",
	}[kind]
	if !ok {
		return kind.Label()
	}
	return i18n.T(key)
}

// roleLabel is a delegate's role in the current language.
func roleLabel(r data.Role) string {
	key, ok := map[data.Role]string{
		data.RoleHead: "role.head", data.RoleDelegate: "role.delegate",
		data.RoleObserver: "role.observer", data.RoleSpeaker: "role.speaker",
	}[r]
	if !ok {
		return r.Label()
	}
	return i18n.T(key)
}
