package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"

	"kiosk/data"
	"kiosk/data/export"
	"kiosk/data/keys"
	"kiosk/data/store"
	"kiosk/data/syncproto"
)

// maxPullRounds bounds one pull: a hub that keeps saying "more" without
// moving the cursor must not keep the kiosk in a loop.
const maxPullRounds = 10000

// pull asks for check-ins recorded elsewhere until the hub has no more;
// newHub says the hub was not the one the kiosk last pushed to.
func (c *Client) pull(ctx context.Context) (taken int, newHub bool, err error) {
	ev, err := c.cfg.Store.Event(ctx)
	if err != nil {
		return 0, false, err
	}
	var in intake
	if in.key, err = c.cfg.Desk.PurposeKey(ctx); err != nil {
		return 0, false, err
	}
	// The enrolled kiosks' keys, this one's with them: a pulled check-in
	// of any of them must carry its signature.
	if in.kiosks, err = c.cfg.Store.KioskKeys(ctx); err != nil {
		return 0, false, err
	}
	for range maxPullRounds {
		n, more, met, err := c.pullOnce(ctx, ev.ID, in)
		taken, newHub = taken+n, newHub || met
		if err != nil || !more {
			return taken, newHub, err
		}
	}
	return taken, newHub, fmt.Errorf("the hub kept answering \"more\" after %d pulls", maxPullRounds)
}

// intake is what filing pulled check-ins needs: the desk's rule for "the
// same check-in" and the keys their signatures are checked with.
type intake struct {
	key    func(data.CheckIn) string
	kiosks []data.KioskKey
}

// pullOnce asks for one answer's worth and files it: check-ins first,
// then the cursor, so that a crash between the two repeats a pull (the
// store knows check-ins by id) rather than skipping one.
func (c *Client) pullOnce(ctx context.Context, eventID string, in intake) (taken int, more, newHub bool, err error) {
	ans, err := c.askPull(ctx, eventID)
	if err != nil {
		return 0, false, false, err
	}
	if newHub, err = c.cfg.Store.MeetHub(ctx, ans.HubID); err != nil {
		return 0, false, false, err
	}
	taken, more, err = c.filePull(ctx, ans, eventID, in)
	return taken, more, newHub, err
}

// askPull sends the cursor and reads the answer; an answer that is not of
// this event or names no hub is the hub failing, and nothing of it is
// taken.
func (c *Client) askPull(ctx context.Context, eventID string) (syncproto.PullResponse, error) {
	var ans syncproto.PullResponse
	cur, err := c.cfg.Store.PullCursor(ctx)
	if err != nil {
		return ans, err
	}
	body, err := json.Marshal(syncproto.PullRequest{EventID: eventID, HubID: cur.HubID, Cursor: cur.Seqs, Kiosk: c.report(ctx, eventID)})
	if err != nil {
		return ans, err
	}
	if err := c.post(ctx, syncproto.PathPull, body, &ans); err != nil {
		return ans, err
	}
	switch {
	case ans.HubID == "":
		err = fmt.Errorf("the answer names no hub identity")
	case ans.EventID != "" && ans.EventID != eventID:
		err = fmt.Errorf("the answer is of event %q, this kiosk's is %q", ans.EventID, eventID)
	}
	if err != nil {
		return ans, &OfflineError{Path: syncproto.PathPull, Err: err}
	}
	return ans, nil
}

// filePull stores an answer's check-ins, keeps those refused for staff,
// then stores its cursor. A check-in refused for good (a forged
// signature, a broken record, another one here under its id or number)
// is not asked for again: the cursor moves past it, and sync goes on. One
// refused only for now (its clock reading too far ahead of this kiosk's)
// holds its kiosk's cursor before it (holdBack).
func (c *Client) filePull(ctx context.Context, ans syncproto.PullResponse, eventID string, in intake) (int, bool, error) {
	cur, err := c.cfg.Store.PullCursor(ctx)
	if err != nil {
		return 0, false, err
	}
	if ans.Restart {
		// The hub is not the one the cursor is of: forget the cursor
		// before anything, so that nothing of the new stream is skipped.
		if err := c.cfg.Store.ResetPullCursor(ctx); err != nil {
			return 0, false, err
		}
	}
	list, refused := checkRecords(ans.CheckIns, eventID, in.kiosks)
	added, err := c.cfg.Store.AddCheckIns(ctx, list, in.key, data.OriginHub)
	if err != nil {
		return 0, false, err
	}
	var later, never []store.Refusal
	for _, r := range append(refused, added.Refused...) {
		if errors.Is(r.Reason, data.ErrClockAhead) {
			later = append(later, r)
		} else {
			never = append(never, r)
		}
	}
	if err := c.cfg.Store.RefuseFromHub(ctx, never); err != nil {
		return added.Taken, false, err
	}
	next := store.PullCursor{HubID: ans.HubID, Seqs: holdBack(ans.Cursor, later)}
	if ans.Restart || len(ans.CheckIns) > 0 || cur.HubID != ans.HubID || !maps.Equal(cur.Seqs, next.Seqs) {
		if err := c.cfg.Store.SetPullCursor(ctx, next); err != nil {
			return added.Taken, false, err
		}
	}
	if len(later) > 0 {
		return added.Taken, false, fmt.Errorf("%d check-ins from the hub were not taken in, the first: %v", len(later), later[0])
	}
	return added.Taken, ans.More && len(ans.CheckIns) > 0, nil
}

// holdBack is the cursor an answer gives, kept before the first check-in
// of each kiosk that the store could not take yet (a clock reading too
// far ahead of this kiosk's): it is asked for again at the next pull
// rather than skipped for good. That kiosk's later check-ins wait with
// it; the others' go on.
func holdBack(cursor map[string]int64, refused []store.Refusal) map[string]int64 {
	next := maps.Clone(cursor)
	if next == nil {
		next = map[string]int64{}
	}
	for _, r := range refused {
		k := r.CheckIn.KioskID
		if at, ok := next[k]; !ok || r.CheckIn.Seq-1 < at {
			next[k] = r.CheckIn.Seq - 1
		}
	}
	return next
}

// checkRecords turns an answer's records into check-ins, each checked as
// one relayed in an export file is: the rules of a record
// (syncproto.Record.CheckIn), then, when the kiosk that took it is
// enrolled here, its own signature by that kiosk's key
// (export.CheckRelayed). The hub's own signature vouches for nothing (it
// has none), so a forged or changed check-in of an enrolled kiosk is
// refused; one of a kiosk this one holds no key for (approved on the hub
// only) is taken on the hub's word, as on an export writer's. The store's
// rules follow (store.AddCheckIns). The others come back refused, each
// with its reason.
func checkRecords(recs []syncproto.Record, eventID string, kiosks []data.KioskKey) ([]data.CheckIn, []store.Refusal) {
	// Each record is checked against the keys its kiosk id is made from
	// only, not every enrolled key (the same outcome, without hashing
	// every key again for every record).
	byID := map[string][]data.KioskKey{}
	for _, k := range kiosks {
		id := keys.KioskID(k.PublicKey)
		byID[id] = append(byID[id], k)
	}
	list := make([]data.CheckIn, 0, len(recs))
	var refused []store.Refusal
	for i, r := range recs {
		c, err := r.CheckIn(eventID)
		if err == nil {
			err = export.CheckRelayed(c, "", byID[c.KioskID])
		}
		if err != nil {
			refused = append(refused, store.Refusal{Index: i, CheckIn: c, Reason: err})
			continue
		}
		list = append(list, c)
	}
	return list, refused
}
