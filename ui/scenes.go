package ui

import (
	"kiosk/data"
)

// Scene is a state of the kiosk worth a picture: the README's screenshots
// (kiosk --screenshots) and the golden tests play the same scenes, so
// that what the README shows is what the tests hold still.
type Scene struct {
	Name  string
	Steps []SceneStep
}

// SceneStep is one move of a scene, made on the UI goroutine; Ready (nil:
// at once) says when the background work it started is on screen, which
// on the real driver takes a while and in tests is immediate.
type SceneStep struct {
	Do    func(k *Kiosk, c SceneCast)
	Ready func(k *Kiosk) bool
}

// SceneCast is what the scenes show of an event: the demo event's for the
// screenshots, the test fixture's for the goldens.
type SceneCast struct {
	// Session is the id of a session opened in the Programme.
	Session string
	// Search finds one delegate who shares contact details.
	Search string
	// Badge is a valid badge: checked in (welcome, then already checked
	// in) and shown in My day.
	Badge string
}

// NotABadge is what the refused scene scans: text no badge can be.
const NotABadge = "HELLO-WORLD"

// Mode is a way the kiosk can be shown (normal, large text, high
// contrast): the scenes are pictured and held in goldens in every mode.
type Mode struct {
	Name string
	Set  func(k *Kiosk) // nil: nothing to switch
}

// Modes are the kiosk's display modes, normal first; a new mode is one
// line here, and the screenshots and the golden matrix take it up.
// For example {Name: "large-text", Set: func(k *Kiosk) { k.SetLargeText(true) }}.
var Modes = []Mode{
	{Name: "normal"},
	{Name: "large-text", Set: func(k *Kiosk) { k.SetLargeText(true) }},
	{Name: "high-contrast", Set: func(k *Kiosk) { k.SetHighContrast(true) }},
}

// ModeNamed is the mode of that name, false if there is none.
func ModeNamed(name string) (Mode, bool) {
	for _, m := range Modes {
		if m.Name == name {
			return m, true
		}
	}
	return Mode{}, false
}

// Scenes are the kiosk's main screens, in the order a delegate meets them.
// A scene starts from Home in the language and mode it is shown in; the
// board is last because it turns the kiosk into a board.
var Scenes = []Scene{
	{Name: "home", Steps: []SceneStep{{Do: func(k *Kiosk, _ SceneCast) { k.Show(ScreenHome) }, Ready: homeReady}}},
	{Name: "programme", Steps: []SceneStep{
		{Do: func(k *Kiosk, c SceneCast) { k.Programme.Open(c.Session) }, Ready: sessionReady},
		{Do: func(k *Kiosk, _ SceneCast) { k.Programme.Detail.Calendar.toggle() }},
	}},
	{Name: "directory", Steps: []SceneStep{{Do: func(k *Kiosk, _ SceneCast) {
		k.Show(ScreenDirectory)
		k.Directory.Browse.openCountries()
	}, Ready: directoryReady}}},
	{Name: "delegate", Steps: []SceneStep{
		{Do: func(k *Kiosk, c SceneCast) {
			k.Show(ScreenDirectory)
			k.Directory.Search.SetText(c.Search)
		}, Ready: func(k *Kiosk) bool { return len(k.Directory.Items) == 1 }},
		{Do: func(k *Kiosk, _ SceneCast) { k.Directory.List.Select(0) },
			Ready: func(k *Kiosk) bool { return k.Directory.Detail.Contact.Visible() }},
	}},
	{Name: "keyboard", Steps: []SceneStep{{Do: func(k *Kiosk, _ SceneCast) {
		k.Show(ScreenDirectory)
		k.openKeyboard(k.Directory.Search)
	}, Ready: directoryReady}}},
	{Name: "checkin", Steps: []SceneStep{{Do: func(k *Kiosk, _ SceneCast) { k.Show(ScreenCheckIn) }}}},
	{Name: "welcome", Steps: []SceneStep{checkIn(func(c SceneCast) string { return c.Badge })}},
	{Name: "already", Steps: []SceneStep{
		checkIn(func(c SceneCast) string { return c.Badge }),
		checkIn(func(c SceneCast) string { return c.Badge }),
	}},
	{Name: "refused", Steps: []SceneStep{checkIn(func(SceneCast) string { return NotABadge })}},
	{Name: "myday", Steps: []SceneStep{{Do: func(k *Kiosk, c SceneCast) {
		k.Show(ScreenMyDay)
		k.MyDay.Scan(c.Badge)
	}, Ready: func(k *Kiosk) bool { return len(k.MyDay.Plan.Sessions) > 0 }}}},
	{Name: "board", Steps: []SceneStep{{Do: func(k *Kiosk, _ SceneCast) { k.setBoardMode(true) },
		Ready: func(k *Kiosk) bool { return k.Board.shown != "" }}}},
}

// checkIn is a scene's scan of a badge at the check-in screen, ready when
// the result is on screen.
func checkIn(code func(SceneCast) string) SceneStep {
	return SceneStep{Do: func(k *Kiosk, c SceneCast) {
		k.Show(ScreenCheckIn)
		k.CheckIn(code(c), data.MethodScan)
	}, Ready: func(k *Kiosk) bool { return k.current == ScreenResult && k.Result.Outcome != nil }}
}

func homeReady(k *Kiosk) bool { return k.Home.EventName.Text != "" }

func sessionReady(k *Kiosk) bool { return k.Programme.Detail.Title.Text != "" }

func directoryReady(k *Kiosk) bool { return k.Directory.Total > 0 }

// SceneNamed is the scene of that name, false if there is none.
func SceneNamed(name string) (Scene, bool) {
	for _, s := range Scenes {
		if s.Name == name {
			return s, true
		}
	}
	return Scene{}, false
}

// Begin readies the kiosk for a scene: every screen cleared, Home shown,
// in the language and mode given, on the UI goroutine.
func (k *Kiosk) Begin(lang string, m Mode) {
	k.resetTo(lang)
	if m.Set != nil {
		m.Set(k)
	}
}
