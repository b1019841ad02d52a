package dashboard

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"kiosk/data/hub"
)

// view is everything a page shows.
type view struct {
	totals
	NoEvent          bool
	EventName        string
	EventID          string
	BundleVersion    int64
	HubID            string
	Updated          string
	CSRF             string
	RefreshMS        int64
	Notice, Problem  string
	Kiosks           []kioskRow
	Pending, Flagged int
	Online           int
}

type kioskRow struct {
	ID, Name, Status, LastSeen, Offset, Bundle, Waiting, Reported string
	Held                                                          int64
	Pending, Flagged, Online, OldBundle, NeverSeen                bool
}

// online is how recently a kiosk must have synced to count as online: it
// pulls every second or so while it is.
const online = 30 * time.Second

func (s *Server) view(ctx context.Context, sess session) (view, error) {
	now := s.opts.Now()
	v := view{CSRF: s.auth.csrf(sess), HubID: s.hub.Store().HubID(), RefreshMS: s.opts.Refresh.Milliseconds()}
	e, t, err := s.current(ctx)
	if err != nil {
		return v, err
	}
	ks, err := s.hub.Store().Kiosks(ctx)
	if err != nil {
		return v, err
	}
	if e == nil {
		v.NoEvent, v.Updated = true, now.Format("15:04:05")
		v.Kiosks = kioskRows(&event{labels: map[string]string{}, loc: time.Local}, ks, now)
	} else {
		v.totals = e.totals(t, now)
		v.EventName, v.EventID, v.BundleVersion = e.data.Event.Name, e.data.Event.ID, e.version
		v.Updated = now.In(e.loc).Format("15:04:05")
		v.Kiosks = kioskRows(e, ks, now)
	}
	for _, k := range v.Kiosks {
		v.Pending += b2i(k.Pending)
		v.Flagged += b2i(k.Flagged)
		v.Online += b2i(k.Online)
	}
	return v, nil
}

// current is the installed event and its tally, made again only when the
// bundle or the number of check-ins changed since the last page.
func (s *Server) current(ctx context.Context) (*event, *tally, error) {
	st := s.hub.Store()
	n, err := st.CheckInCount(ctx) // before the bundle and the list: a check-in arriving in between shows next time
	if err != nil {
		return nil, nil, err
	}
	b, err := st.Bundle(ctx)
	if err != nil || b == nil {
		return nil, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ev == nil || s.ev.sha != b.SHA256 {
		e, err := readEvent(b)
		if err != nil {
			return nil, nil, err
		}
		s.ev, s.tally = e, nil
	}
	key := b.SHA256 + "/" + strconv.FormatInt(n, 10)
	if s.tally == nil || s.tallyKey != key {
		list, err := st.CheckIns(ctx, b.EventID)
		if err != nil {
			return nil, nil, err
		}
		s.tally, s.tallyKey = count(s.ev, list), key
	}
	return s.ev, s.tally, nil
}

// kioskRows are the kiosks the hub has seen, then the bundle's enrolled
// kiosks that never synced.
func kioskRows(e *event, ks []hub.Kiosk, now time.Time) []kioskRow {
	var out []kioskRow
	seen := map[string]bool{}
	for _, k := range ks {
		seen[k.ID] = true
		r := kioskRow{ID: k.ID, Name: e.kioskName(k.ID), Status: string(k.Status), LastSeen: ago(now, k.LastSeen),
			Offset: offset(k.Offset), Held: k.Gapless, Pending: k.Status == hub.StatusPending, Flagged: k.Flagged,
			Online: now.Sub(k.LastSeen) < online, Bundle: "—", Waiting: "—", Reported: "never"}
		if _, ok := e.labels[k.ID]; ok {
			r.Status = "enrolled"
		}
		if !k.Report.At.IsZero() {
			r.Bundle = strconv.FormatInt(k.Report.BundleVersion, 10)
			r.Waiting = strconv.FormatInt(k.Report.Waiting, 10)
			r.Reported = ago(now, k.Report.At)
			r.OldBundle = e.version > 0 && k.Report.BundleVersion < e.version
		}
		out = append(out, r)
	}
	for _, id := range e.enrolled {
		if !seen[id] {
			out = append(out, kioskRow{ID: id, Name: e.kioskName(id), Status: "enrolled", LastSeen: "never", Offset: "—",
				Bundle: "—", Waiting: "—", Reported: "never", NeverSeen: true})
		}
	}
	// Those waiting for staff first, then by name.
	slices.SortStableFunc(out, func(a, b kioskRow) int {
		return cmp.Or(-cmp.Compare(b2i(a.Pending), b2i(b.Pending)), cmp.Compare(a.Name, b.Name))
	})
	return out
}

// offset writes a kiosk's clock offset as staff read it: how far ahead or
// behind the hub, in the largest unit that says it.
func offset(d time.Duration) string {
	dir := "ahead"
	if d < 0 {
		d, dir = -d, "behind"
	}
	d = d.Round(time.Second)
	switch {
	case d < time.Second:
		return "in step"
	case d < time.Minute:
		return fmt.Sprintf("%d s %s", int(d.Seconds()), dir)
	case d < time.Hour:
		return fmt.Sprintf("%d min %d s %s", int(d.Minutes()), int(d.Seconds())%60, dir)
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h %d min %s", int(d.Hours()), int(d.Minutes())%60, dir)
	}
	return fmt.Sprintf("%d days %s", int(d.Hours()/24), dir)
}
