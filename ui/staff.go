package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/data"
	"kiosk/data/bundle"
	"kiosk/data/checkin"
	"kiosk/data/importer"
	"kiosk/data/qrimage"
	"kiosk/data/staff"
	"kiosk/data/store"
	"kiosk/data/usb"
)

// StaffService is what staff mode needs from the data layer; see package
// staff.
type StaffService interface {
	Status(ctx context.Context) (staff.Status, error)
	Rooms(ctx context.Context) ([]data.Room, error)
	SetConfig(ctx context.Context, c checkin.Config) error
	Inspect(path string) (*bundle.Manifest, error)
	ImportFile(ctx context.Context, path string, opts importer.Options) (*importer.Result, error)
	Export(ctx context.Context, dir string, sinceLast bool) (staff.Exported, error)
	ImportCheckIns(ctx context.Context, path string) (staff.TakenIn, error)
	PINSet(ctx context.Context) (bool, error)
	CheckPIN(ctx context.Context, pin string) (staff.Attempt, error)
	SetPIN(ctx context.Context, pin string) error
}

// importTimeout bounds an import: 100,000 delegates take a few seconds.
const importTimeout = 5 * time.Minute

// StaffScreen is staff mode: the kiosk's state, its check-in settings,
// bundles offered by USB sticks, check-in export, and the way out.
type StaffScreen struct {
	k       *Kiosk
	content fyne.CanvasObject

	Installed *widget.Label
	Kiosk     *widget.Label
	CheckIns  *widget.Label
	Purpose   *scanSelect
	Room      *scanSelect
	Apply     *widget.Button
	Enrol     *canvas.Image
	EnrolText *widget.Label
	CopyEnrol *widget.Button
	Sticks    *fyne.Container
	Progress  *widget.ProgressBar
	Message   *widget.Label
	Confirm   *fyne.Container // a question with its answers, hidden when none
	Leave     *widget.Button
	Quit      *widget.Button

	// Sync with the hub (sync.go); hidden on a kiosk without sync.
	SyncState     *widget.Label
	SyncClock     *widget.Label
	HubURL        *searchEntry
	HubPin        *searchEntry // the fingerprint of the hub's key
	SaveHub       *widget.Button
	RejectedTitle *widget.Label
	Rejected      *widget.List
	rejectedBox   *fyne.Container
	rejected      []store.RejectedCheckIn
	hubShown      bool // the hub fields were filled on this visit

	// The kiosk's own camera (staff_camera.go); nil on a kiosk without.
	CameraState  *widget.Label
	CameraDevice *searchEntry
	SaveCamera   *widget.Button

	rooms  map[string]string // select label -> room id
	busy   bool
	status staff.Status
}

func newStaffScreen(k *Kiosk) *StaffScreen {
	s := &StaffScreen{k: k, rooms: map[string]string{}}
	s.Installed = widget.NewLabel("")
	s.Installed.Wrapping = fyne.TextWrapWord
	s.Kiosk = widget.NewLabel("")
	s.Kiosk.Wrapping = fyne.TextWrapWord
	s.CheckIns = widget.NewLabel("")
	s.CheckIns.Wrapping = fyne.TextWrapWord
	var purposes []string
	for _, p := range data.KioskPurposes {
		purposes = append(purposes, p.Label())
	}
	s.Purpose = newScanSelect(k, purposes, func(string) { k.Touch() })
	s.Room = newScanSelect(k, nil, func(string) { k.Touch() })
	s.Room.PlaceHolder = "(no room)"
	s.Apply = widget.NewButtonWithIcon("Apply", theme.ConfirmIcon(), s.applyConfig)
	s.Enrol = canvas.NewImageFromImage(image.NewGray(image.Rect(0, 0, 1, 1)))
	s.Enrol.FillMode = canvas.ImageFillContain
	s.Enrol.ScaleMode = canvas.ImageScalePixels
	s.Enrol.SetMinSize(fyne.NewSize(240, 240))
	s.EnrolText = widget.NewLabel("")
	s.EnrolText.Wrapping = fyne.TextWrapBreak
	// Not a selectable label: pressing one takes the keyboard focus and
	// ignores the keys, so a badge scanned then would be lost (focus.go).
	// The button copies the line instead.
	s.CopyEnrol = widget.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), func() {
		k.Touch()
		fyne.CurrentApp().Clipboard().SetContent(s.EnrolText.Text)
	})
	s.Sticks = container.NewVBox()
	s.Progress = widget.NewProgressBar()
	s.Progress.Hide()
	s.Message = widget.NewLabel("")
	s.Message.Wrapping = fyne.TextWrapWord
	s.Message.TextStyle = fyne.TextStyle{Bold: true}
	s.Confirm = container.NewVBox()
	s.Confirm.Hide()
	s.Leave = widget.NewButtonWithIcon("Leave staff mode", theme.LogoutIcon(), func() { k.Touch(); k.leaveStaff() })
	s.Leave.Importance = widget.HighImportance
	s.Quit = widget.NewButtonWithIcon("Quit the kiosk", theme.CancelIcon(), func() { k.quit() })
	s.Quit.Importance = widget.DangerImportance

	config := container.New(layout.NewFormLayout(),
		caption("Check-ins for"), s.Purpose, caption("Room"), s.Room, layout.NewSpacer(), s.Apply)
	left := container.NewVBox(
		subheading("Installed data"), s.Installed,
		subheading("This kiosk"), s.Kiosk, config, s.CheckIns,
	)
	if k.deps.Camera != nil {
		left.Add(s.buildCamera())
	}
	left.Add(container.NewVBox(subheading("USB sticks"), s.Sticks))
	right := container.NewVBox()
	if k.deps.Sync != nil {
		right.Add(s.buildSync())
	}
	right.Add(container.NewVBox(
		subheading("Enrol this kiosk"),
		widget.NewLabel("Scan or copy into the bundle's kiosk_keys: kiosk_id,public_key"),
		container.NewCenter(s.Enrol), container.NewBorder(nil, nil, nil, s.CopyEnrol, s.EnrolText),
	))
	title := heading("Staff mode")
	title.Wrapping = fyne.TextWrapOff
	top := container.NewBorder(nil, nil, title, container.NewHBox(s.Quit, s.Leave))
	feedback := container.NewVBox(s.Progress, s.Message, s.Confirm)
	body := container.NewGridWithColumns(2, container.NewVScroll(left), container.NewVScroll(right))
	s.content = container.NewPadded(container.NewBorder(container.NewVBox(top, feedback), nil, nil, nil, body))
	s.setSticks(nil)
	return s
}

// refresh reloads the kiosk's status.
func (s *StaffScreen) refresh() {
	type loaded struct {
		st    staff.Status
		rooms []data.Room
		qr    image.Image
	}
	work(s, "Reading the kiosk's status", queryTimeout, func(ctx context.Context) (loaded, error) {
		st, err := s.k.deps.Staff.Status(ctx)
		if err != nil {
			return loaded{}, err
		}
		rooms, err := s.k.deps.Staff.Rooms(ctx)
		if err != nil {
			return loaded{}, err
		}
		qr, _, err := qrimage.Image(st.Enrolment, 480)
		return loaded{st, rooms, qr}, err
	}, func(l loaded) {
		s.status = l.st
		st := l.st
		s.Installed.SetText(fmt.Sprintf("%s\nBundle version %d, made %s, signed by key %s; expires %s.\n%d delegates listed, %d sessions.",
			st.Event.Name, st.Bundle.Version, st.Bundle.Created.Format("2 Jan 2006 15:04 MST"), st.Bundle.SignerKey,
			st.Bundle.Expires.Format("2 Jan 2006"), st.Delegates, st.Sessions))
		s.Kiosk.SetText(fmt.Sprintf("Kiosk %s\nKey fingerprint %s\nTrusted event keys: %s",
			st.KioskID, st.Fingerprint, strings.Join(st.TrustedKeys, ", ")))
		export := "never"
		if !st.LastExport.IsZero() {
			export = st.LastExport.Format("Mon 2 Jan 15:04")
		}
		held := fmt.Sprintf("Check-ins held: %d (taken here and received). Waiting for sync: %d.\nLast sync: %s. Last export: %s.",
			st.CheckIns, st.Queued, st.LastSync, export)
		if s.k.deps.Sync != nil {
			// Sync has its own section, kept up to date.
			held = fmt.Sprintf("Check-ins held: %d (taken here and received). Last export: %s.", st.CheckIns, export)
		}
		s.CheckIns.SetText(held)
		s.Purpose.SetSelected(st.Config.Purpose.Label())
		opts := []string{}
		s.rooms = map[string]string{}
		selected := ""
		for _, r := range l.rooms {
			label := r.Name + " (" + r.ID + ")"
			opts = append(opts, label)
			s.rooms[label] = r.ID
			if r.ID == st.Config.RoomID {
				selected = label
			}
		}
		s.Room.SetOptions(opts)
		if selected != "" {
			s.Room.SetSelected(selected)
		} else {
			s.Room.ClearSelected()
		}
		s.Enrol.Image = l.qr
		s.Enrol.Refresh()
		s.EnrolText.SetText(st.Enrolment)
	})
}

func (s *StaffScreen) applyConfig() {
	s.k.Touch()
	cfg := checkin.Config{RoomID: s.rooms[s.Room.Selected]}
	for _, p := range data.KioskPurposes {
		if p.Label() == s.Purpose.Selected {
			cfg.Purpose = p
		}
	}
	work(s, "Changing the check-in settings", queryTimeout, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, s.k.deps.Staff.SetConfig(ctx, cfg)
	}, func(struct{}) {
		s.say("Check-in settings changed.")
		s.refresh()
		s.k.CheckIns.loadConfig()
	})
}

// say shows a message in staff mode.
func (s *StaffScreen) say(msg string) { s.Message.SetText(msg) }

// setSticks shows the sticks the watcher found, with what their bundles
// hold. Reading the bundles' manifests is USB work: it happens off the UI
// goroutine, and the list is drawn when it is done.
func (s *StaffScreen) setSticks(sticks []usb.Stick) {
	work(s, "Reading the USB sticks", queryTimeout, func(context.Context) (map[string]string, error) {
		about := map[string]string{}
		for _, st := range sticks {
			for _, f := range st.Bundles {
				about[f.Path] = s.describeBundle(f)
			}
		}
		return about, nil
	}, func(about map[string]string) { s.showSticks(sticks, about) })
}

// describeBundle says what a bundle file on a stick holds.
func (s *StaffScreen) describeBundle(f usb.File) string {
	m, err := s.k.deps.Staff.Inspect(f.Path)
	if err != nil {
		return fmt.Sprintf("%s  ·  %d KB  ·  cannot be read: %v", f.Name, (f.Size+1023)/1024, err)
	}
	return fmt.Sprintf("%s  ·  event %s, version %d, made %s", f.Name, m.EventID, m.Version, m.Created.Format("2 Jan 2006 15:04"))
}

// showSticks draws the sticks and their bundles, described by about.
func (s *StaffScreen) showSticks(sticks []usb.Stick, about map[string]string) {
	s.Sticks.Objects = nil
	if len(sticks) == 0 {
		l := widget.NewLabel("No USB stick found. Plug one in; it shows here within a few seconds.")
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.LowImportance
		s.Sticks.Objects = append(s.Sticks.Objects, l)
	}
	for _, st := range sticks {
		name := widget.NewLabel(st.Name() + "  (" + st.Path + ")")
		name.TextStyle = fyne.TextStyle{Bold: true}
		s.Sticks.Objects = append(s.Sticks.Objects, name)
		if len(st.Bundles) == 0 {
			l := widget.NewLabel("No bundle (.kbundle) on this stick.")
			l.Importance = widget.LowImportance
			s.Sticks.Objects = append(s.Sticks.Objects, l)
		}
		for _, f := range st.Bundles {
			s.Sticks.Objects = append(s.Sticks.Objects, s.bundleRow(f.Path, about[f.Path]))
		}
		for _, f := range st.Exports {
			s.Sticks.Objects = append(s.Sticks.Objects, s.exportRow(f))
		}
		if st.Writable {
			dir := st.Path
			newOnes := widget.NewButtonWithIcon("Export new check-ins", theme.UploadIcon(), func() { s.export(dir, true) })
			all := widget.NewButtonWithIcon("Export all check-ins", theme.UploadIcon(), func() { s.export(dir, false) })
			s.Sticks.Objects = append(s.Sticks.Objects, container.NewHBox(newOnes, all))
		} else {
			l := widget.NewLabel("This stick is read-only: check-ins cannot be exported to it.")
			l.Importance = widget.LowImportance
			s.Sticks.Objects = append(s.Sticks.Objects, l)
		}
	}
	s.Sticks.Refresh()
}

// bundleRow offers one bundle file for installing.
func (s *StaffScreen) bundleRow(path, about string) fyne.CanvasObject {
	l := widget.NewLabel(about)
	l.Wrapping = fyne.TextWrapWord
	install := widget.NewButtonWithIcon("Install", theme.DownloadIcon(), func() { s.install(path, importer.Options{}) })
	install.Importance = widget.HighImportance
	return container.NewBorder(nil, nil, nil, install, l)
}

// exportRow offers another kiosk's check-in export for taking in.
func (s *StaffScreen) exportRow(f usb.File) fyne.CanvasObject {
	l := widget.NewLabel(fmt.Sprintf("%s  ·  check-ins exported by a kiosk", f.Name))
	l.Wrapping = fyne.TextWrapWord
	path := f.Path
	take := widget.NewButtonWithIcon("Take in", theme.DownloadIcon(), func() {
		s.k.Touch()
		work(s, "Taking in check-ins", queryTimeout, func(ctx context.Context) (staff.TakenIn, error) {
			return s.k.deps.Staff.ImportCheckIns(ctx, path)
		}, func(t staff.TakenIn) {
			s.say(takenInMessage(t))
			s.refresh()
		})
	})
	return container.NewBorder(nil, nil, nil, take, l)
}

// takenInMessage says what taking in an export did, record by record: how
// many were new, known, refused, and why the first refusals were.
func takenInMessage(t staff.TakenIn) string {
	msg := fmt.Sprintf("%s in the file from %s: %d new here, %d already known, %d refused.",
		plural(t.Count, "check-in", "check-ins"), t.From, t.Added, t.Known, len(t.Refused))
	const shown = 3
	for i, r := range t.Refused {
		if i == shown {
			msg += fmt.Sprintf("\n… and %d more refused.", len(t.Refused)-shown)
			break
		}
		msg += "\nRefused: " + r
	}
	return msg
}

// Install installs a bundle file as the Install button of a stick does.
func (s *StaffScreen) Install(path string) { s.install(path, importer.Options{}) }

// install imports a bundle in the background with a progress bar; the
// kiosk stays usable meanwhile.
func (s *StaffScreen) install(path string, opts importer.Options) {
	s.k.Touch()
	if s.busy {
		s.say("Please wait: another import or export is running.")
		return
	}
	s.busy = true
	s.hideConfirm()
	s.Progress.SetValue(0)
	s.Progress.Show()
	s.say("Checking " + path + "…")
	var last time.Time
	opts.Progress = func(phase importer.Phase, done, total int) {
		// Coalesce: a progress bar needs a few updates a second, not one
		// per thousand rows.
		if time.Since(last) < 100*time.Millisecond && done != total {
			return
		}
		last = time.Now()
		fyne.Do(func() {
			// Progress counts as activity: staff mode must not time out
			// in the middle of a long import.
			s.k.Touch()
			if total > 0 {
				s.Progress.SetValue(float64(done) / float64(total))
			}
			s.say(string(phase) + "…")
		})
	}
	run(s.k, importTimeout, func(ctx context.Context) (*importer.Result, error) {
		return s.k.deps.Staff.ImportFile(ctx, path, opts)
	}, func(res *importer.Result) {
		s.finished()
		prev := ""
		if res.Previous != nil {
			prev = fmt.Sprintf(" (was %s version %d)", res.Previous.EventID, res.Previous.Version)
		}
		msg := fmt.Sprintf("Installed %s version %d%s. Check-ins recorded before are kept.",
			res.Manifest.EventID, res.Manifest.Version, prev)
		if res.KeptAgain {
			msg = fmt.Sprintf("%s version %d is installed already; it is now kept in the data folder, "+
				"so a damaged database can be restored from it.", res.Manifest.EventID, res.Manifest.Version)
		}
		if res.NotKept != nil {
			msg += fmt.Sprintf(" But the bundle could not be kept in the data folder (%v), so a damaged "+
				"database could not be restored from it: free the folder and install it again.", res.NotKept)
		}
		s.say(msg)
		s.refresh()
		s.k.reloadEvent()
	}, func(err error) {
		s.finished()
		s.importFailed(path, opts, err)
	})
}

// finished ends a long import or export on screen.
func (s *StaffScreen) finished() {
	s.busy = false
	s.Progress.Hide()
	s.k.Touch()
}

// importFailed says why a bundle was refused, and asks staff when they
// can fix it by deciding: trusting a new key, replacing the event.
func (s *StaffScreen) importFailed(path string, opts importer.Options, err error) {
	var u *importer.UntrustedError
	var r *bundle.Refusal
	switch {
	case errors.As(err, &u) && !s.status.FirstEventKey:
		s.say("Not installed, nothing changed: " + err.Error() + ". This kiosk already has its event key; " +
			"a new key is taken only from a bundle signed with the current one (key handover).")
	case errors.As(err, &u) && u.Key != nil && opts.Trust == nil:
		s.say("Not installed: " + err.Error())
		s.ask(fmt.Sprintf("This bundle is signed by a key this kiosk does not trust yet.\nIts fingerprint is\n\n    %s\n\n"+
			"Compare it, group by group, with the fingerprint \"kioskctl keygen\" printed for the event key. "+
			"Trust it only if every group matches.", u.Fingerprint),
			"Fingerprints match: trust and install", func() {
				opts.Trust = u.Key
				s.install(path, opts)
			})
	case errors.As(err, &r) && r.Reason == bundle.OtherEvent && !opts.ReplaceEvent:
		s.say("Not installed: " + err.Error())
		s.ask("This bundle is for another event than the one on this kiosk. Installing it replaces the event; "+
			"the check-ins recorded so far are kept.", "Replace the event", func() {
			opts.ReplaceEvent = true
			s.install(path, opts)
		})
	default:
		s.say("Not installed, nothing changed: " + err.Error())
	}
}

// ask shows a question with one answer that acts and one that cancels.
func (s *StaffScreen) ask(question, yes string, do func()) {
	q := widget.NewLabel(question)
	q.Wrapping = fyne.TextWrapWord
	ok := widget.NewButtonWithIcon(yes, theme.ConfirmIcon(), func() { s.k.Touch(); s.hideConfirm(); do() })
	ok.Importance = widget.WarningImportance
	no := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { s.k.Touch(); s.hideConfirm(); s.say("Cancelled.") })
	s.Confirm.Objects = []fyne.CanvasObject{card(container.NewVBox(q, container.NewHBox(ok, no)))}
	s.Confirm.Show()
	s.Confirm.Refresh()
}

func (s *StaffScreen) hideConfirm() {
	s.Confirm.Objects = nil
	s.Confirm.Hide()
}

// export writes check-ins onto a stick in the background.
func (s *StaffScreen) export(dir string, sinceLast bool) {
	s.k.Touch()
	if s.busy {
		s.say("Please wait: another import or export is running.")
		return
	}
	s.busy = true
	s.say("Exporting check-ins to " + dir + "…")
	run(s.k, queryTimeout, func(ctx context.Context) (staff.Exported, error) {
		return s.k.deps.Staff.Export(ctx, dir, sinceLast)
	}, func(e staff.Exported) {
		s.finished()
		s.say(fmt.Sprintf("Exported %s to %s. It is safe to remove the stick.", plural(e.Count, "check-in", "check-ins"), e.Path))
		s.refresh()
	}, func(err error) {
		s.finished()
		if errors.Is(err, staff.ErrNothingToExport) {
			s.say("Nothing to export: no check-ins since the last export.")
			return
		}
		s.say("Exporting check-ins failed: " + err.Error())
	})
}

// work is run for staff mode: a failure is said in staff mode's message
// line, where staff are looking, rather than in the public banner.
func work[T any](s *StaffScreen, what string, timeout time.Duration, do func(context.Context) (T, error), done func(T)) {
	run(s.k, timeout, do, done, func(err error) { s.say(what + " failed: " + err.Error()) })
}
