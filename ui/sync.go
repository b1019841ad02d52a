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
	"kiosk/ui/i18n"
	"kiosk/ui/rtl"
)

// SyncService is what the kiosk needs of sync with the hub; see
// kiosksync.Link.
type SyncService interface {
	// Status is the state of sync; Hub is "" when sync is off.
	Status(ctx context.Context) (kiosksync.Status, error)
	// Rejected lists the check-ins the hub refused, kept on the kiosk.
	Rejected(ctx context.Context) ([]store.RejectedCheckIn, error)
	// SetHub syncs with a hub set by hand from now on (an empty URL goes
	// back to the bundle's hub, or with none turns sync off); a hub the
	// store or the transport rules refuse changes nothing.
	SetHub(ctx context.Context, set store.HubSetting) error
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
	i := &syncIndicator{Icon: widget.NewIcon(nil), Text: newText("", toneOnBrand, 20)}
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
	// The icons are drawn as the header's words are.
	// The word in the delegate's language; the waiting count is for
	// staff, whose screens are in English.
	word := i18n.T("sync.online")
	if st.Online {
		i.Icon.SetResource(onBand(theme.ConfirmIcon()))
	} else {
		i.Icon.SetResource(onBand(theme.WarningIcon()))
		word = i18n.T("sync.offline")
	}
	if forStaff {
		word += fmt.Sprintf(" · %d waiting", st.Waiting)
	}
	i.Text.Text = rtl.Visual(word)
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
	s.HubURL = newSearchEntry("https://hub-address:8090 (empty: the bundle's hub, or sync off)", s.k, nil)
	s.HubPin = newSearchEntry("sha256:… the hub's key (empty: the bundle's)", s.k, nil)
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
		container.NewBorder(nil, nil, caption("Hub URL"), nil, s.HubURL),
		container.NewBorder(nil, nil, caption("Key fingerprint"), s.SaveHub, s.HubPin),
		s.rejectedBox,
	)
}

// showSync draws the state of sync in staff mode; the hub URL field is
// filled once per visit, so that a reading never overwrites typing.
func (s *StaffScreen) showSync(st kiosksync.Status, rejected []store.RejectedCheckIn) {
	loc := s.k.loc
	if !s.hubShown {
		// Only what was set here: the bundle's values stay the bundle's
		// unless staff type them.
		s.hubShown = true
		s.HubURL.SetText(ifNot(st.HubFromBundle, st.Hub))
		s.HubPin.SetText(ifNot(st.PinFromBundle, st.Fingerprint))
	}
	var b strings.Builder
	if st.Hub == "" {
		b.WriteString("Sync is off: no hub set. Check-ins stay on this kiosk until a hub is set or they are exported.")
	} else {
		state := "offline: the hub cannot be reached; check-ins wait here and are sent when it answers"
		if st.Online {
			state = "online"
		}
		fmt.Fprintf(&b, "Hub %s%s: %s.\n%s", st.Hub, ifNot(!st.HubFromBundle, " (named by the event's bundle)"), state, pinLine(st))
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

// ifNot is s, or "" when cond holds.
func ifNot(cond bool, s string) string {
	if cond {
		return ""
	}
	return s
}

// pinLine says how the kiosk talks to its hub: the key an https hub must
// hold, and where that fingerprint comes from, or that plain http is not
// encrypted.
func pinLine(st kiosksync.Status) string {
	if st.Fingerprint == "" {
		if strings.HasPrefix(strings.ToLower(st.Hub), "http:") {
			return "Plain HTTP: not encrypted (allowed for a hub on this machine, or with --insecure-http)."
		}
		return "No key fingerprint: an https hub is not contacted without one."
	}
	from := "set here"
	if st.PinFromBundle {
		from = "from the event's bundle"
	}
	return fmt.Sprintf("Encrypted; only a hub holding the key %s is trusted (%s).", st.Fingerprint, from)
}

// saveHub sets the hub typed in staff mode. The store's own rule checks
// it first, so a bad one is refused at once with its reason; the
// transport rules (a fingerprint for https) are the link's, with the
// bundle's fingerprint.
func (s *StaffScreen) saveHub() {
	s.k.Touch()
	set := store.HubSetting{URL: strings.TrimSpace(s.HubURL.Text), Fingerprint: s.HubPin.Text}
	if _, err := store.CleanHubSetting(set); err != nil {
		s.say(badHubMessage(set.URL, err))
		return
	}
	run(s.k, queryTimeout, func(ctx context.Context) (kiosksync.Status, error) {
		if err := s.k.deps.Sync.SetHub(ctx, set); err != nil {
			return kiosksync.Status{}, err
		}
		return s.k.deps.Sync.Status(ctx)
	}, func(st kiosksync.Status) {
		switch {
		case st.Hub == "":
			s.say("Sync is off. Check-ins stay on this kiosk.")
		case st.HubFromBundle:
			s.say("Syncing with the event's hub " + st.Hub + " from now on.")
		default:
			s.say("Syncing with " + st.Hub + " from now on.")
		}
		s.hubShown = false
		s.k.RefreshSync()
	}, func(err error) { s.say(badHubMessage(set.URL, err)) })
}

// badHubMessage says why a typed hub URL was refused. An address without
// its scheme is the usual slip; the parser's own words for it ("first
// path segment cannot contain colon") would not help staff.
func badHubMessage(url string, err error) string {
	reason := err.Error()
	if url != "" && !strings.Contains(url, "://") {
		reason = fmt.Sprintf("hub URL %q must start with https://", url)
	}
	return "Hub not changed: " + strings.TrimSuffix(reason, ".") + ". Type the address and the key fingerprint the hub printed, " +
		"e.g. https://10.0.0.2:8090 and sha256:…"
}
