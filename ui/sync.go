package ui

import (
	"context"
	"fmt"
	"image/color"
	"log"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/data/store"
	kiosksync "kiosk/data/sync"
)

// SyncService is what the kiosk needs of sync with the hub; see
// kiosksync.Link.
type SyncService interface {
	// Status is the state of sync; Hub is "" when sync is off.
	Status(ctx context.Context) (kiosksync.Status, error)
	// Rejected lists the check-ins the hub refused, kept on the kiosk.
	Rejected(ctx context.Context) ([]store.RejectedCheckIn, error)
	// SetHub syncs with another hub from now on ("" turns sync off); a
	// URL the store refuses changes nothing.
	SetHub(ctx context.Context, url string) error
}

// SyncEvery is how often the header and staff mode read the state of
// sync: often enough to follow a network coming and going.
const SyncEvery = 3 * time.Second

// maxClockOffset is how far the kiosk's clock may be from the hub's before
// staff mode flags it, as the hub's dashboard does.
const maxClockOffset = time.Minute

// syncIndicator is the header's line about sync: nothing with sync off,
// else an icon and a word (never colour alone), and for staff the number
// of check-ins waiting.
type syncIndicator struct {
	Icon *widget.Icon
	Text *canvas.Text
	box  *fyne.Container

	status kiosksync.Status
	known  bool // status was read at least once
}

func newSyncIndicator() *syncIndicator {
	i := &syncIndicator{Icon: widget.NewIcon(nil), Text: canvas.NewText("", colourOnBrand)}
	i.Text.TextSize = 20
	i.box = container.NewHBox(i.Icon, container.NewCenter(i.Text))
	i.box.Hide()
	return i
}

// show draws the last status read; staff also see what waits.
func (i *syncIndicator) show(forStaff bool) {
	st := i.status
	if !i.known || st.Hub == "" {
		i.box.Hide()
		return
	}
	// The icons are drawn in the background colour: light on the dark
	// header band.
	if st.Online {
		i.Icon.SetResource(theme.NewInvertedThemedResource(theme.ConfirmIcon()))
		i.Text.Text = "Online"
	} else {
		i.Icon.SetResource(theme.NewInvertedThemedResource(theme.WarningIcon()))
		i.Text.Text = "Offline"
	}
	if forStaff {
		i.Text.Text += fmt.Sprintf(" · %d waiting", st.Waiting)
	}
	i.Text.Refresh()
	i.box.Show()
}

// RefreshSync reads the state of sync off the UI goroutine and shows it
// in the header and, when staff mode is open, in staff mode with the list
// of rejected check-ins. A read still running is not doubled.
func (k *Kiosk) RefreshSync() {
	if k.deps.Sync == nil {
		return
	}
	if k.syncReading {
		// Staff mode may have opened since it began: read again after.
		k.syncAgain = true
		return
	}
	k.syncReading = true
	withStaff := k.staff
	type loaded struct {
		status   kiosksync.Status
		rejected []store.RejectedCheckIn
	}
	run(k, queryTimeout, func(ctx context.Context) (loaded, error) {
		st, err := k.deps.Sync.Status(ctx)
		if err != nil || !withStaff {
			return loaded{status: st}, err
		}
		rej, err := k.deps.Sync.Rejected(ctx)
		return loaded{st, rej}, err
	}, func(l loaded) {
		k.Sync.status, k.Sync.known = l.status, true
		k.Sync.show(k.staff)
		if withStaff && k.staff {
			k.Staff.showSync(l.status, l.rejected)
		}
		k.syncDone()
	}, func(err error) {
		// The next reading tries again; staff see why meanwhile.
		log.Printf("reading the sync status: %v", err)
		if withStaff && k.staff {
			k.Staff.SyncState.SetText("Reading the sync status failed: " + err.Error())
		}
		k.syncDone()
	})
}

// syncDone ends a reading, and begins the one asked for meanwhile, once
// the outcome of this one is shown.
func (k *Kiosk) syncDone() {
	k.syncReading = false
	if k.syncAgain {
		k.syncAgain = false
		fyne.Do(k.RefreshSync)
	}
}

// followSync reads the state of sync every SyncEvery until ctx ends.
func (k *Kiosk) followSync(ctx context.Context) {
	fyne.Do(k.RefreshSync)
	every(ctx, SyncEvery, func() { fyne.Do(k.RefreshSync) })
}

// buildSync makes staff mode's sync section.
func (s *StaffScreen) buildSync() fyne.CanvasObject {
	s.SyncState = widget.NewLabel("")
	s.SyncState.Wrapping = fyne.TextWrapWord
	s.SyncClock = widget.NewLabel("")
	s.SyncClock.Wrapping = fyne.TextWrapWord
	s.HubURL = newSearchEntry("http://hub-address:8090 (empty: sync off)", s.k, nil)
	s.SaveHub = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), s.saveHub)
	s.Rejected = widget.NewList(func() int { return len(s.rejected) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Wrapping = fyne.TextWrapWord
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(s.rejected) {
				o.(*widget.Label).SetText(s.rejectedLine(s.rejected[i]))
			}
		})
	s.Rejected.OnSelected = func(widget.ListItemID) { s.k.Touch(); s.Rejected.UnselectAll() }
	s.RejectedTitle = widget.NewLabel("")
	// A list in a scrolled column needs a height of its own.
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(0, 200))
	s.rejectedBox = container.NewVBox(s.RejectedTitle, container.NewStack(room, s.Rejected))
	s.rejectedBox.Hide()
	return container.NewVBox(
		subheading("Sync with the hub"), s.SyncState, s.SyncClock,
		container.NewBorder(nil, nil, caption("Hub URL"), s.SaveHub, s.HubURL),
		s.rejectedBox,
	)
}

// showSync draws the state of sync in staff mode; the hub URL field is
// filled once per visit, so that a reading never overwrites typing.
func (s *StaffScreen) showSync(st kiosksync.Status, rejected []store.RejectedCheckIn) {
	loc := s.k.loc
	if !s.hubShown {
		s.hubShown = true
		s.HubURL.SetText(st.Hub)
	}
	var b strings.Builder
	if st.Hub == "" {
		b.WriteString("Sync is off: no hub set. Check-ins stay on this kiosk until a hub is set or they are exported.")
	} else {
		state := "offline: the hub cannot be reached; check-ins wait here and are sent when it answers"
		if st.Online {
			state = "online"
		}
		fmt.Fprintf(&b, "Hub %s: %s.", st.Hub, state)
	}
	fmt.Fprintf(&b, "\nCheck-ins waiting: %d. Rejected by the hub: %d.", st.Waiting, st.Rejected)
	if st.RefusedFromHub > 0 {
		fmt.Fprintf(&b, " Refused from the hub: %d.", st.RefusedFromHub)
	}
	last := "never"
	if !st.LastSync.IsZero() {
		last = st.LastSync.In(loc).Format("Mon 2 Jan 15:04:05")
	}
	fmt.Fprintf(&b, "\nLast sync: %s.", last)
	if st.LastError != "" {
		// A failure kept from before a restart stays until the next one;
		// a sync since says it is over.
		since := ""
		if st.LastSync.After(st.ErrorAt) {
			since = " (a sync succeeded since)"
		}
		fmt.Fprintf(&b, "\nLast error%s at %s: %s", since, st.ErrorAt.In(loc).Format("Mon 2 Jan 15:04:05"), st.LastError)
	}
	s.SyncState.SetText(b.String())
	s.showOffset(st)
	s.rejected = rejected
	s.RejectedTitle.SetText(rejectedTitle(rejected))
	if len(rejected) == 0 {
		s.rejectedBox.Hide()
	} else {
		s.rejectedBox.Show()
	}
	s.Rejected.Refresh()
}

// showOffset says how far this kiosk's clock is from the hub's, flagged
// beyond maxClockOffset: scan times are the kiosk's own.
func (s *StaffScreen) showOffset(st kiosksync.Status) {
	if st.Hub == "" {
		s.SyncClock.SetText("")
		s.SyncClock.Hide()
		return
	}
	s.SyncClock.Show()
	s.SyncClock.Importance = widget.MediumImportance
	// A measured offset is never exactly zero (the hub's time comes in
	// milliseconds); zero while offline means not measured yet.
	if st.Offset == 0 && !st.Online {
		s.SyncClock.SetText("Clock offset to the hub: not measured yet (the hub has not answered since the kiosk started).")
		return
	}
	off := st.Offset.Round(time.Second)
	text := fmt.Sprintf("Clock offset to the hub: %s (the hub's clock minus this kiosk's).", signed(off))
	if off > maxClockOffset || off < -maxClockOffset {
		text = "Warning: this kiosk's clock is more than a minute off the hub's (" + signed(off) +
			"). Scan times are taken from this kiosk's clock: set it right."
		s.SyncClock.Importance = widget.WarningImportance
	}
	s.SyncClock.SetText(text)
}

// signed writes an offset for people: "+3 s", "-2 min 5 s", "+3675 days
// 10 h", the largest units only.
func signed(d time.Duration) string {
	sign := "+"
	if d < 0 {
		sign, d = "-", -d
	}
	day := 24 * time.Hour
	switch {
	case d >= 2*day:
		return fmt.Sprintf("%s%d days %d h", sign, d/day, (d%day)/time.Hour)
	case d >= time.Hour:
		return fmt.Sprintf("%s%d h %d min", sign, d/time.Hour, (d%time.Hour)/time.Minute)
	case d >= time.Minute:
		return fmt.Sprintf("%s%d min %d s", sign, d/time.Minute, (d%time.Minute)/time.Second)
	}
	return fmt.Sprintf("%s%d s", sign, d/time.Second)
}

// rejectedTitle heads the list: check-ins the hub rejected, then those it
// sent that this kiosk refused.
func rejectedTitle(list []store.RejectedCheckIn) string {
	fromHub := 0
	for _, r := range list {
		if r.FromHub {
			fromHub++
		}
	}
	var parts []string
	if n := len(list) - fromHub; n > 0 {
		parts = append(parts, plural(n, "check-in", "check-ins")+" rejected by the hub (kept on this kiosk, not sent again)")
	}
	if fromHub > 0 {
		parts = append(parts, plural(fromHub, "check-in", "check-ins")+
			" refused from the hub (not taken in: forged, changed or clashing; not asked for again)")
	}
	return strings.Join(parts, "; ") + ":"
}

// rejectedLine describes one rejected check-in with the hub's reason, or
// one refused from the hub with this kiosk's.
func (s *StaffScreen) rejectedLine(r store.RejectedCheckIn) string {
	c := r.CheckIn
	if r.FromHub {
		return fmt.Sprintf("Refused from the hub %s · delegate %s · %s number %d\nReason: %s",
			r.RejectedAt.In(s.k.loc).Format("Mon 2 Jan 15:04"), c.DelegateID, c.KioskID, c.Seq, r.Reason)
	}
	return fmt.Sprintf("%s · delegate %s · %s · scanned %s at %s (number %d)\nHub's reason: %s",
		r.RejectedAt.In(s.k.loc).Format("Mon 2 Jan 15:04"), c.DelegateID, c.Purpose.Label(),
		c.ScannedAt.In(s.k.loc).Format("Mon 2 Jan 15:04"), c.KioskID, c.Seq, r.Reason)
}

// saveHub sets the hub URL typed in staff mode. The store's own rule
// checks it first, so a bad one is refused at once with its reason.
func (s *StaffScreen) saveHub() {
	s.k.Touch()
	url := strings.TrimSpace(s.HubURL.Text)
	if url != "" {
		if err := store.CheckHubURL(url); err != nil {
			s.say(badHubMessage(url, err))
			return
		}
	}
	work(s, "Changing the hub", queryTimeout, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, s.k.deps.Sync.SetHub(ctx, url)
	}, func(struct{}) {
		if url == "" {
			s.say("Sync is off. Check-ins stay on this kiosk.")
		} else {
			s.say("Syncing with " + url + " from now on.")
		}
		s.hubShown = false
		s.k.RefreshSync()
	})
}

// badHubMessage says why a typed hub URL was refused. An address without
// its scheme is the usual slip; the parser's own words for it ("first
// path segment cannot contain colon") would not help staff.
func badHubMessage(url string, err error) string {
	reason := err.Error()
	if !strings.Contains(url, "://") {
		reason = fmt.Sprintf("hub URL %q must start with http:// or https://", url)
	}
	return "Hub not changed: " + reason + ". Type the address the hub printed, e.g. http://10.0.0.2:8090."
}
