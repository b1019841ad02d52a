// Package ui is the kiosk's Fyne interface: one file per screen, a theme,
// and the bridge through which background work reaches widgets. It sees
// the data layer only through the interfaces of package data.
package ui

import (
	"kiosk/ui/rtl"

	"context"
	"log"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/data"
	"kiosk/data/checkin"
	"kiosk/data/usb"
	"kiosk/ui/i18n"
)

// Screen names a top-level screen of the kiosk.
type Screen int

// The kiosk's screens, in the order of the navigation bar.
const (
	ScreenHome Screen = iota
	ScreenProgramme
	ScreenDirectory
	ScreenCheckIn
	// ScreenResult shows the outcome of a scan; it is not in the
	// navigation bar and returns to the screen it came from by itself.
	ScreenResult
	// ScreenPIN asks for the staff PIN; ScreenStaff is staff mode.
	ScreenPIN
	ScreenStaff
	// ScreenMyDay shows a delegate's day by their badge; Home opens it.
	ScreenMyDay
	// ScreenBoard is the presence board, the resting screen of a kiosk
	// whose purpose is board (see board.go).
	ScreenBoard
)

// DefaultIdleAfter is how long the kiosk waits without input before it
// returns to Home and forgets what the last person searched for.
const DefaultIdleAfter = 60 * time.Second

// Deps is what the kiosk needs from the outside world.
type Deps struct {
	Programme data.Programme
	Directory data.Directory
	// Desk takes check-ins; nil on a kiosk without check-in.
	Desk CheckInDesk
	// Staff is staff mode's service; nil on a kiosk without staff mode.
	Staff StaffService
	// USBRoots are where USB sticks get mounted; usb.DefaultRoots when nil.
	USBRoots []string
	// Quit ends the kiosk; only staff mode can call it.
	Quit func()
	// Now is the kiosk's clock; time.Now when nil.
	Now func() time.Time
	// IdleAfter is the idle reset delay; DefaultIdleAfter when zero.
	IdleAfter time.Duration
	// Go runs background work; a new goroutine when nil. Tests run it
	// inline so that results are on screen when the call returns.
	Go func(func())
	// Installs reads the data's install counter, which changes with every
	// install by any process (kioskctl bundle import, say); the kiosk then
	// shows the new event. Nil: only staff mode's own installs are seen.
	Installs func(context.Context) (int64, error)
	// Notice is shown in the banner at start, e.g. after a recovery.
	Notice string
	// Sync is sync with the hub, shown in the header and staff mode; nil
	// on a kiosk built without sync.
	Sync SyncService
	// MyDay shows a delegate's day by their badge; nil hides "My day".
	MyDay MyDayService
	// Board reads the presence board; the Desk's when nil and the Desk
	// has one.
	Board BoardSource
	// Camera is the kiosk's own camera (camera.go); nil on a kiosk built
	// without one.
	Camera CameraService
}

// Kiosk is the whole kiosk interface. Screens are exported so tests can
// drive their widgets directly.
type Kiosk struct {
	deps  Deps
	event data.Event
	loc   *time.Location

	Home      *HomeScreen
	Programme *ProgrammeScreen
	Directory *DirectoryScreen
	CheckIns  *CheckInScreen
	Result    *ResultView
	PIN       *PINScreen
	Staff     *StaffScreen
	MyDay     *MyDayScreen
	Board     *BoardScreen

	current Screen
	body    *fyne.Container
	nav     map[Screen]*widget.Button
	navBar  fyne.CanvasObject
	// boardMode: the kiosk's purpose is board, which is then its Home.
	boardMode bool

	Title *canvas.Text
	Clock *canvas.Text
	// Header takes the taps that open staff mode.
	Header *tapArea
	// Sync is the header's sync indicator.
	Sync   *syncIndicator
	Banner *widget.Label
	banner *fyne.Container
	// Keyboard is the on-screen keyboard (keyboard.go).
	Keyboard *Keyboard

	content   fyne.CanvasObject
	lastInput time.Time
	// ctx is the kiosk's lifetime: Stop cancels it, and with it the
	// clock, the USB watcher and any background work still running.
	ctx    context.Context
	cancel context.CancelFunc
	// jobs are the goroutines Start and run began; Stop waits for them,
	// so nothing touches the store or the widgets after it returns.
	jobs    sync.WaitGroup
	scanner scanDetector
	sink    *keySink   // holds the keyboard focus when no field does; see focus.go
	cursor  *keyCursor // the keyboard cursor; see cursor.go
	views   map[Screen]screenView
	staff   bool        // in staff mode
	taps    []time.Time // recent taps on the header, to open staff mode
	// installs is the install counter last seen (0 before the first
	// reading), so that an install by another process is noticed.
	installs int64
	// syncReading is set while the state of sync is being read.
	syncReading bool
	syncAgain   bool // another reading was asked for during one
	// langHooks re-render the screens after a language switch; see
	// language.go.
	langHooks []func()
	// modeHooks redraw what follows the accessibility modes by itself;
	// see mode.go.
	modeHooks []func()
	// Modes are the large-text and high-contrast toggles.
	Modes modeButtons
	// navMarks underline the current screen's button (markChosen).
	navMarks map[Screen]*canvas.Rectangle
	// cam is the camera watched, if any (camera.go).
	cam cameraRun
}

// New builds the kiosk's interface. It must be called on the UI goroutine;
// it starts loading the event in the background.
func New(deps Deps) *Kiosk {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.IdleAfter <= 0 {
		deps.IdleAfter = DefaultIdleAfter
	}
	if deps.Go == nil {
		deps.Go = func(f func()) { go f() }
	}
	if b, ok := deps.Desk.(BoardSource); ok && deps.Board == nil {
		deps.Board = b
	}
	k := &Kiosk{deps: deps, loc: time.UTC, nav: map[Screen]*widget.Button{}, navMarks: map[Screen]*canvas.Rectangle{}}
	k.ctx, k.cancel = context.WithCancel(context.Background())
	k.cam.feed = newPreviewFeed()
	k.lastInput = deps.Now()
	k.MyDay = newMyDayScreen(k)
	k.Home = newHomeScreen(k)
	k.Programme = newProgrammeScreen(k)
	k.Directory = newDirectoryScreen(k)
	k.CheckIns = newCheckInScreen(k)
	k.Result = newResultView(k)
	k.PIN = newPINScreen(k)
	k.Staff = newStaffScreen(k)
	k.Board = newBoardScreen(k)
	k.content = k.build()
	k.views = k.screenViews()
	if deps.Notice != "" {
		k.setBanner(deps.Notice)
	}
	k.Show(ScreenHome)
	k.loadEvent()
	return k
}

// Content is the kiosk's root object, to set on a window.
func (k *Kiosk) Content() fyne.CanvasObject { return k.content }

func (k *Kiosk) build() fyne.CanvasObject {
	k.Header = newTapArea(k.headerTapped)
	k.Title = newText("", toneOnBrand, 28)
	k.Title.TextStyle = fyne.TextStyle{Bold: true}
	k.Clock = newText("", toneOnBrand, 28)
	k.Clock.Alignment = fyne.TextAlignTrailing
	k.Sync = newSyncIndicator()
	// The word follows the language; the count stays for staff only.
	k.onLanguage(func() { k.Sync.show(k.staff) })
	right := rtl.NewHBox(k.Sync.box, container.NewCenter(k.Clock))
	header := container.NewStack(
		newFill(toneBrand),
		k.Header,
		container.NewPadded(container.NewPadded(rtl.NewBorder(nil, nil, k.Title, right))),
	)

	k.Banner = widget.NewLabel("")
	k.Banner.Wrapping = fyne.TextWrapWord
	k.Banner.Importance = widget.WarningImportance
	dismiss := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { k.Touch(); k.setBanner("") })
	k.banner = rtl.NewBorder(nil, nil, nil, dismiss, k.Banner)
	k.banner.Hide()

	var buttons []fyne.CanvasObject
	for _, s := range []struct {
		screen Screen
		label  string
		icon   fyne.Resource
	}{
		{ScreenHome, "nav.home", theme.HomeIcon()},
		{ScreenProgramme, "nav.programme", theme.GridIcon()},
		{ScreenDirectory, "nav.directory", theme.AccountIcon()},
		{ScreenCheckIn, "nav.checkin", theme.ConfirmIcon()},
	} {
		if s.screen == ScreenCheckIn && k.deps.Desk == nil {
			continue
		}
		b := widget.NewButtonWithIcon(i18n.T(s.label), s.icon, func() { k.Touch(); k.Show(s.screen) })
		k.onLanguage(func() { b.SetText(i18n.T(s.label)) })
		k.nav[s.screen] = b
		cell, mark := underlined(b)
		k.navMarks[s.screen] = mark
		buttons = append(buttons, cell)
	}
	k.Modes = newModeButtons(k)
	// A board hides the screens' buttons (board.go), never the toggles.
	k.navBar = rtl.NewGridWithColumns(len(buttons), buttons...)
	navBar := container.NewPadded(container.New(&navLayout{k: k}, k.navBar, rtl.NewHBox(k.Modes.Large, k.Modes.Contrast)))

	k.body = container.NewStack()
	k.sink = newKeySink(k)
	k.Keyboard = newKeyboard(k)
	k.Keyboard.frame = container.NewBorder(container.NewVBox(header, k.banner), container.NewVBox(k.Keyboard.content, navBar), nil, nil, k.body)
	k.cursor = newKeyCursor(k)
	return container.NewStack(k.sink, k.Keyboard.frame, k.cursor.layer)
}

// Show switches to a screen.
func (k *Kiosk) Show(s Screen) {
	if s != ScreenStaff && s != ScreenPIN {
		// Going anywhere else leaves staff mode; the way back is the PIN.
		k.staff = false
	}
	k.current = s
	k.cameraShown(s)
	k.Keyboard.Hide()
	// The waiting count in the header is for staff only.
	k.Sync.show(k.staff)
	for screen, b := range k.nav {
		markChosen(b, k.navMarks[screen], screen == s)
	}
	view := k.views[s]
	k.body.Objects = []fyne.CanvasObject{view.content}
	k.body.Refresh()
	k.focus(view.field)
	k.cursor.shown(view.field)
}

// screenView is what a screen shows, and the field that takes the keyboard
// when it opens (nil for none).
type screenView struct {
	content fyne.CanvasObject
	field   fyne.Focusable
}

func (k *Kiosk) screenViews() map[Screen]screenView {
	return map[Screen]screenView{
		ScreenHome:      {k.Home.content, nil},
		ScreenProgramme: {k.Programme.content, k.Programme.Search},
		ScreenDirectory: {k.Directory.content, k.Directory.Search},
		ScreenCheckIn:   {k.CheckIns.content, k.CheckIns.Manual},
		ScreenResult:    {k.Result.content, nil},
		ScreenPIN:       {k.PIN.content, k.PIN.Entry},
		ScreenStaff:     {k.Staff.content, nil},
		ScreenMyDay:     {k.MyDay.content, nil},
		ScreenBoard:     {k.Board.content, nil},
	}
}

// focus puts the keyboard in a screen's field, so that a person can type
// straight away; on a screen without one the kiosk's key sink takes it.
func (k *Kiosk) focus(e fyne.Focusable) {
	c := fyne.CurrentApp().Driver().CanvasForObject(k.content)
	if c == nil {
		return
	}
	if e == nil {
		e = k.sink
	}
	c.Focus(e)
}

// Current is the screen on show.
func (k *Kiosk) Current() Screen { return k.current }

// Touch records input: the idle timer starts again.
// A touch hides the keyboard cursor.
func (k *Kiosk) Touch() {
	k.lastInput = k.deps.Now()
	k.cursor.touched()
}

// CheckIdle resets the kiosk when nobody has touched it for IdleAfter:
// back to Home, with every search and detail cleared so that the next
// person does not see what the last one looked for.
func (k *Kiosk) CheckIdle(now time.Time) bool {
	if now.Sub(k.lastInput) < k.deps.IdleAfter {
		return false
	}
	k.Reset()
	k.lastInput = now
	return true
}

// Reset clears every screen and shows Home. It also ends staff mode:
// a kiosk left alone must not stay open to whoever comes next.
func (k *Kiosk) Reset() { k.resetTo(i18n.Default()) }

// resetTo is Reset ending in language lang: one switch of language, not
// two, when the kiosk is reset into another language than its default.
func (k *Kiosk) resetTo(lang string) {
	k.staff = false
	k.cursor.hide()
	k.closeOverlays()
	k.Programme.reset()
	k.Directory.reset()
	k.CheckIns.reset()
	k.SetLanguage(lang)
	// The next person starts in the normal modes too.
	k.SetLargeText(false)
	k.SetHighContrast(false)
	k.MyDay.reset()
	k.Keyboard.reset()
	k.Show(k.home())
}

// Tick brings the clock and the time-dependent parts of Home up to date.
func (k *Kiosk) Tick(now time.Time) {
	local := now.In(k.loc)
	k.Clock.Text = rtl.Visual(i18n.ShortDate(local) + local.Format(" 2006  15:04 MST"))
	k.Clock.Refresh()
	k.Home.tick(now)
	if k.current == ScreenResult {
		k.Result.tick(now)
	}
}

// Start begins the clock, the idle timer and the USB watcher; Stop ends
// them. Tests drive Tick, CheckIdle and the stick list themselves instead.
// A kiosk is started once.
func (k *Kiosk) Start() {
	ctx := k.ctx
	if k.deps.Staff != nil {
		roots := k.deps.USBRoots
		if roots == nil {
			roots = usb.DefaultRoots()
		}
		k.jobs.Go(func() {
			usb.Watch(ctx, roots, usb.DefaultInterval, func(sticks []usb.Stick) {
				fyne.Do(func() { k.Staff.setSticks(sticks) })
			})
		})
	}
	k.jobs.Go(func() { k.tickEverySecond(ctx) })
	if k.deps.Sync != nil {
		k.jobs.Go(func() { k.followSync(ctx) })
	}
	k.StartCamera()
}

// tickEverySecond runs the clock and the idle timer until ctx ends.
func (k *Kiosk) tickEverySecond(ctx context.Context) {
	every(ctx, time.Second, func() {
		now := k.deps.Now()
		fyne.Do(func() {
			k.Tick(now)
			k.CheckIdle(now)
		})
		k.FollowInstalls(ctx)
	})
}

// every calls f every d, off the UI goroutine, until ctx ends.
func every(ctx context.Context, d time.Duration, f func()) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			f()
		}
	}
}

// FollowInstalls shows a new event when the data was installed again
// under the running kiosk, by whatever process. It reads the counter on
// the calling goroutine (never the UI's) and hands a change to the UI
// goroutine; the first reading only sets the mark.
func (k *Kiosk) FollowInstalls(ctx context.Context) {
	if k.deps.Installs == nil {
		return
	}
	n, err := k.deps.Installs(ctx)
	if err != nil {
		// The next tick tries again; a scan or search will say what is
		// wrong with the data far more clearly than this poll could.
		return
	}
	fyne.Do(func() {
		seen := k.installs
		k.installs = n
		if seen != 0 && seen != n {
			k.reloadEvent()
		}
	})
}

// stopWait bounds how long Stop waits for background work; work that
// ignores its cancelled context (a stuck disk) must not keep the kiosk
// from closing.
const stopWait = 5 * time.Second

// Stop ends what Start began and cancels background work, then waits for
// it, up to stopWait. A second Stop does nothing more.
func (k *Kiosk) Stop() {
	k.cancel()
	done := make(chan struct{})
	go func() { k.jobs.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(stopWait):
		log.Printf("kiosk: background work still running %v after Stop", stopWait)
	}
}

func (k *Kiosk) loadEvent() {
	type loaded struct {
		event data.Event
		loc   *time.Location
		days  []data.Day
	}
	load(k, i18n.T("load.event"), func(ctx context.Context) (loaded, error) {
		e, err := k.deps.Programme.Event(ctx)
		if err != nil {
			return loaded{}, err
		}
		loc, err := e.Location()
		if err != nil {
			return loaded{}, err
		}
		days, err := e.Days()
		return loaded{e, loc, days}, err
	}, func(l loaded) {
		k.event, k.loc = l.event, l.loc
		k.Title.Text = rtl.Visual(l.event.Name)
		if l.event.ShortName != "" {
			k.Title.Text = rtl.Visual(l.event.ShortName)
		}
		k.Title.Refresh()
		k.Home.setEvent(l.event, l.days)
		k.Programme.setDays(l.days, k.deps.Now().In(l.loc))
		k.Directory.loadCountries()
		k.CheckIns.loadConfig()
		k.Tick(k.deps.Now())
		// The event's first working language is the kiosk's default,
		// shown now and after every idle reset.
		i18n.SetDefault(i18n.DefaultFor(l.event.Languages))
		k.SetLanguage(i18n.Default())
	})
}

// Attach listens to the window's keys that reach no widget, so that a
// badge scanned while nothing holds the focus (an open drop-down's menu
// gave it up) is still taken; focus.go says who holds it otherwise.
func (k *Kiosk) Attach(w fyne.Window) {
	c := w.Canvas()
	c.SetOnTypedRune(k.sink.TypedRune)
	c.SetOnTypedKey(k.sink.TypedKey)
	if dc, ok := c.(desktop.Canvas); ok {
		// Shift, for Shift+Tab (cursor.go).
		dc.SetOnKeyDown(k.sink.KeyDown)
		dc.SetOnKeyUp(k.sink.KeyUp)
	}
	// The keys go to the screen's holder from the start, as after every
	// Show: with nothing focused, the driver spends Tab on focusing.
	if f := k.views[k.current].field; f != nil {
		c.Focus(f)
	} else {
		c.Focus(k.sink)
	}
	// Staff mode from the keyboard; on a touch screen, five quick taps on
	// the header.
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift},
		func(fyne.Shortcut) { k.Touch(); k.OpenStaff() })
	// Outside staff mode a delegate cannot close the kiosk: the window's
	// close button, Alt+F4 and the like do nothing.
	w.SetCloseIntercept(k.CloseRequested)
}

// CloseRequested is what closing the window does: nothing, unless staff
// mode is open.
func (k *Kiosk) CloseRequested() {
	if k.staff {
		k.quit()
	}
}

// quit ends the kiosk, from staff mode only.
func (k *Kiosk) quit() {
	if k.staff && k.deps.Quit != nil {
		k.deps.Quit()
	}
}

// headerTapped counts taps on the header: five within three seconds open
// the staff PIN.
func (k *Kiosk) headerTapped() {
	now := k.deps.Now()
	k.Touch()
	var recent []time.Time
	for _, t := range k.taps {
		if now.Sub(t) < 3*time.Second {
			recent = append(recent, t)
		}
	}
	k.taps = append(recent, now)
	if len(k.taps) >= 5 {
		k.taps = nil
		k.OpenStaff()
	}
}

// OpenStaff asks for the staff PIN.
func (k *Kiosk) OpenStaff() {
	if k.deps.Staff == nil || k.staff {
		return
	}
	k.PIN.open()
	k.Show(ScreenPIN)
}

// InStaffMode reports whether staff mode is open.
func (k *Kiosk) InStaffMode() bool { return k.staff }

func (k *Kiosk) enterStaff() {
	k.staff = true
	k.Staff.say("")
	k.Staff.refresh()
	k.Staff.hubShown = false
	k.Staff.fillCamera()
	k.Show(ScreenStaff)
	k.RefreshSync()
}

func (k *Kiosk) leaveStaff() {
	k.staff = false
	k.Show(k.home())
}

// reloadEvent shows a newly installed event everywhere.
func (k *Kiosk) reloadEvent() {
	k.Home.lastMinute = -1
	k.Programme.reset()
	k.Directory.reset()
	k.loadEvent()
}

// rune feeds the scanner detector.
func (k *Kiosk) rune(r rune) { k.scanner.typed(r, k.deps.Now()) }

// enter ends a burst of keys; a scan is checked in.
func (k *Kiosk) enter(field *searchEntry) (string, bool) {
	text, ok := k.scanner.enter(k.deps.Now(), field == nil)
	if ok {
		k.scanned(text)
	}
	return text, ok
}

// scanned takes a code read by the scanner or the camera: one path, so
// both are verified, shown and refused alike.
func (k *Kiosk) scanned(text string) {
	if k.current == ScreenMyDay && k.deps.MyDay != nil {
		// On My day a badge shows its holder's day: no check-in.
		k.MyDay.Scan(text)
		return
	}
	k.CheckIn(text, data.MethodScan)
}

// CheckIn takes a badge (or check-in code): the result screen shows at
// once that it arrived, then what became of it. The desk works off the UI
// goroutine.
func (k *Kiosk) CheckIn(raw string, method data.Method) {
	if k.deps.Desk == nil {
		k.setBanner(i18n.T("checkin.unavailable"))
		return
	}
	// A drop-down left open would cover the result.
	k.closeOverlays()
	back := k.current
	if back == ScreenResult {
		back = k.Result.back
	}
	k.Result.checking(back)
	k.Show(ScreenResult)
	seq := k.Result.seq
	run(k, queryTimeout, func(ctx context.Context) (checkin.Outcome, error) {
		return k.deps.Desk.Scan(ctx, raw, method)
	}, func(o checkin.Outcome) {
		if seq == k.Result.seq {
			k.Result.show(o)
		}
	}, func(err error) {
		log.Printf("check-in: %v", err)
		if seq == k.Result.seq {
			k.Result.failed(err)
		}
	})
}

// showError puts a problem in the banner; a kiosk never crashes in front
// of a delegate, it says what went wrong and carries on.
func (k *Kiosk) showError(what string, err error) {
	log.Printf("%s: %v", what, err)
	k.setBanner(humanError(what, err))
}

func (k *Kiosk) setBanner(msg string) {
	k.Banner.SetText(msg)
	if msg == "" {
		k.banner.Hide()
	} else {
		k.banner.Show()
	}
}

// heading makes a large bold label: a subheading at the heading's size.
func heading(text string) *widget.Label {
	l := subheading(text)
	l.SizeName = theme.SizeNameHeadingText
	return l
}

// subheading makes a medium bold label.
func subheading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameSubHeadingText
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.Wrapping = fyne.TextWrapWord
	return l
}

// card puts content on a white rounded panel.
func card(content fyne.CanvasObject) fyne.CanvasObject {
	// Outlined in high contrast, where a card is near black on black.
	bg := paintFillOutlined(canvas.NewRectangle(nil), toneCard, toneBorder)
	bg.StrokeWidth = 2
	bg.CornerRadius = 12
	if content == nil {
		return bg
	}
	return container.NewStack(bg, container.NewPadded(content))
}

// caption is the muted name of a field in a detail view.
func caption(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	return l
}

// showField shows a captioned value, or hides both when there is none.
func showField(caption, value *widget.Label, text string) {
	value.SetText(text)
	if text == "" {
		caption.Hide()
		value.Hide()
		return
	}
	caption.Show()
	value.Show()
}
