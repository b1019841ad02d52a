package sync

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"

	"kiosk/data"
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
	key, err := c.cfg.Desk.PurposeKey(ctx)
	if err != nil {
		return 0, false, err
	}
	for range maxPullRounds {
		n, more, met, err := c.pullOnce(ctx, ev.ID, key)
		taken, newHub = taken+n, newHub || met
		if err != nil || !more {
			return taken, newHub, err
		}
	}
	return taken, newHub, fmt.Errorf("the hub kept answering \"more\" after %d pulls", maxPullRounds)
}

// pullOnce asks for one answer's worth and files it: check-ins first,
// then the cursor, so that a crash between the two repeats a pull (the
// store knows check-ins by id) rather than skipping one.
func (c *Client) pullOnce(ctx context.Context, eventID string, key func(data.CheckIn) string) (taken int, more, newHub bool, err error) {
	ans, list, err := c.askPull(ctx, eventID)
	if err != nil {
		return 0, false, false, err
	}
	if newHub, err = c.cfg.Store.MeetHub(ctx, ans.HubID); err != nil {
		return 0, false, false, err
	}
	taken, more, err = c.filePull(ctx, ans, list, key)
	return taken, more, newHub, err
}

// askPull sends the cursor and reads the answer.
func (c *Client) askPull(ctx context.Context, eventID string) (syncproto.PullResponse, []data.CheckIn, error) {
	var ans syncproto.PullResponse
	cur, err := c.cfg.Store.PullCursor(ctx)
	if err != nil {
		return ans, nil, err
	}
	body, err := json.Marshal(syncproto.PullRequest{EventID: eventID, HubID: cur.HubID, Cursor: cur.Seqs, Kiosk: c.report(ctx, eventID)})
	if err != nil {
		return ans, nil, err
	}
	if err := c.post(ctx, syncproto.PathPull, body, &ans); err != nil {
		return ans, nil, err
	}
	list, err := checkAnswer(ans, eventID)
	if err != nil {
		return ans, nil, &OfflineError{Path: syncproto.PathPull, Err: err}
	}
	return ans, list, nil
}

// filePull stores an answer's check-ins, then its cursor.
func (c *Client) filePull(ctx context.Context, ans syncproto.PullResponse, list []data.CheckIn, key func(data.CheckIn) string) (int, bool, error) {
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
	in, err := c.cfg.Store.AddCheckIns(ctx, list, key, data.OriginHub)
	if err != nil {
		return 0, false, err
	}
	next := store.PullCursor{HubID: ans.HubID, Seqs: holdBack(ans.Cursor, in.Refused)}
	if ans.Restart || len(list) > 0 || cur.HubID != ans.HubID || !maps.Equal(cur.Seqs, next.Seqs) {
		if err := c.cfg.Store.SetPullCursor(ctx, next); err != nil {
			return in.Taken, false, err
		}
	}
	if len(in.Refused) > 0 {
		return in.Taken, false, fmt.Errorf("%d check-ins from the hub were not taken in, the first: %v", len(in.Refused), in.Refused[0])
	}
	return in.Taken, ans.More && len(list) > 0, nil
}

// holdBack is the cursor an answer gives, kept before the first check-in
// of each kiosk that the store did not take (a clock reading too far
// ahead of this kiosk's, say): it is asked for again at the next pull
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

// checkAnswer turns an answer's records into check-ins; an answer that is
// not of this event, names no hub or holds an unreadable record is the
// hub failing, and nothing of it is taken.
func checkAnswer(ans syncproto.PullResponse, eventID string) ([]data.CheckIn, error) {
	if ans.HubID == "" {
		return nil, fmt.Errorf("the answer names no hub identity")
	}
	if ans.EventID != "" && ans.EventID != eventID {
		return nil, fmt.Errorf("the answer is of event %q, this kiosk's is %q", ans.EventID, eventID)
	}
	list := make([]data.CheckIn, 0, len(ans.CheckIns))
	for i, r := range ans.CheckIns {
		ci, err := r.CheckIn(eventID)
		if err != nil {
			return nil, fmt.Errorf("check-in %d of the answer (id %q, %s number %d): %v", i+1, r.ID, r.KioskID, r.Seq, err)
		}
		list = append(list, ci)
	}
	return list, nil
}
