package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"kiosk/data"
	"kiosk/data/store"
	"kiosk/data/syncproto"
)

// push sends batches until nothing waits, or until a batch moves nothing
// on (the hub answered for none of it): sending it again at once would
// only repeat the answer.
func (c *Client) push(ctx context.Context) (int, error) {
	ev, err := c.cfg.Store.Event(ctx)
	if err != nil {
		return 0, err
	}
	id, err := c.cfg.Store.Identity(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	for {
		list, err := c.cfg.Store.PendingCheckIns(ctx, ev.ID, c.cfg.Batch)
		if err != nil || len(list) == 0 {
			return total, err
		}
		n, err := c.pushBatch(ctx, ev.ID, id, list)
		total += n
		if err != nil {
			return total, err
		}
		if n == 0 {
			return total, fmt.Errorf("the hub answered for none of %d check-ins sent; they stay queued", len(list))
		}
	}
}

// pushBatch sends one batch and keeps the hub's answer; it returns how
// many of the batch the hub answered for (stored, duplicate or rejected).
func (c *Client) pushBatch(ctx context.Context, eventID string, id store.Identity, list []data.CheckIn) (int, error) {
	recs, err := signOwn(eventID, id, list)
	if err != nil {
		return 0, err
	}
	body, err := json.Marshal(syncproto.PushRequest{EventID: eventID, CheckIns: recs, Kiosk: c.report(ctx, eventID)})
	if err != nil {
		return 0, err
	}
	var ans syncproto.PushResponse
	if err := c.post(ctx, syncproto.PathPush, body, &ans); err != nil {
		return 0, err
	}
	if ans.HubID == "" {
		return 0, &OfflineError{Path: syncproto.PathPush, Err: errors.New("the answer names no hub identity")}
	}
	res := pushResult(ans, list)
	if err := c.cfg.Store.RecordPush(ctx, res); err != nil {
		return 0, err
	}
	return len(res.Done) + len(res.Rejected), nil
}

// pushResult is what the kiosk keeps of an answer: verdicts on check-ins
// of the batch only, and only the three statuses the protocol has (any
// other leaves the check-in queued).
func pushResult(ans syncproto.PushResponse, sent []data.CheckIn) store.PushResult {
	inBatch := make(map[string]bool, len(sent))
	for _, c := range sent {
		inBatch[c.ID] = true
	}
	res := store.PushResult{HubID: ans.HubID, Acked: ans.Acked, Rejected: map[string]string{}}
	for _, r := range ans.Results {
		if !inBatch[r.ID] {
			continue
		}
		switch r.Status {
		case syncproto.StatusStored, syncproto.StatusDuplicate:
			res.Done = append(res.Done, r.ID)
		case syncproto.StatusRejected:
			res.Rejected[r.ID] = r.Reason
		}
	}
	return res
}
