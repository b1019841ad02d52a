package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"kiosk/data"
	"kiosk/data/hubtls"
	"kiosk/data/store"
	"kiosk/data/syncproto"
)

// uploadAttempts is how often Upload sends a batch the hub could not
// answer (network error, 5xx) before it gives up and says so: a command
// run by staff must end, unlike a kiosk's background sync.
const uploadAttempts = 5

// UploadConfig is what Upload needs: the hub, and the kiosk identity the
// requests are signed with (one the hub knows).
type UploadConfig struct {
	// The hub, under the rules of Config: an https hub only with its
	// fingerprint, plain http only to this machine unless InsecureHTTP.
	HubURL         string
	HubFingerprint string
	InsecureHTTP   bool
	Identity       store.Identity
	Batch          int           // DefaultBatch if 0
	Backoff        time.Duration // first wait after a failed attempt, DefaultMinBackoff if 0
}

// UploadRejection is a check-in the hub refused, with its reason.
type UploadRejection struct {
	CheckIn data.CheckIn
	Reason  string
}

// UploadReport is what the hub answered, check-in by check-in.
type UploadReport struct {
	Stored, Duplicate int
	Rejected          []UploadRejection
}

// Upload pushes check-ins of an event (read from export files, say, each
// carrying its kiosk's signature) to the hub, in batches. It keeps
// nothing: the report says what the hub stored, already had, or refused
// and why. The error is a batch the hub refused as a whole or could not
// answer; the report then covers the batches before it.
func Upload(ctx context.Context, cfg UploadConfig, eventID string, list []data.CheckIn) (UploadReport, error) {
	ccfg := Config{HubURL: cfg.HubURL, HubFingerprint: cfg.HubFingerprint, InsecureHTTP: cfg.InsecureHTTP, Now: time.Now,
		MinBackoff: orDefault(cfg.Backoff, DefaultMinBackoff), MaxBackoff: DefaultMaxBackoff}
	hc, err := ccfg.endpoint().HTTPClient(DefaultTimeout)
	if err != nil {
		return UploadReport{}, err
	}
	id := cfg.Identity
	c := &Client{cfg: ccfg, http: hc, signer: &id}
	batch := min(orDefault(cfg.Batch, DefaultBatch), syncproto.MaxPushRecords)
	var rep UploadReport
	for start := 0; start < len(list); start += batch {
		part := list[start:min(start+batch, len(list))]
		ans, err := c.uploadBatch(ctx, eventID, part)
		if err != nil {
			return rep, fmt.Errorf("check-ins %d to %d of %d: %w", start+1, start+len(part), len(list), err)
		}
		rep.add(ans, part)
	}
	return rep, nil
}

// uploadBatch sends one batch, again after a network error or a 5xx.
func (c *Client) uploadBatch(ctx context.Context, eventID string, part []data.CheckIn) (syncproto.PushResponse, error) {
	recs := make([]syncproto.Record, len(part))
	for i, ci := range part {
		recs[i] = syncproto.ToRecord(ci)
	}
	body, err := json.Marshal(syncproto.PushRequest{EventID: eventID, CheckIns: recs})
	if err != nil {
		return syncproto.PushResponse{}, err
	}
	b := backoff{min: c.cfg.MinBackoff, max: c.cfg.MaxBackoff}
	for attempt := 1; ; attempt++ {
		var ans syncproto.PushResponse
		err := c.post(ctx, syncproto.PathPush, body, &ans)
		// A hub of another key stays one: asking again is pointless.
		var pinErr *hubtls.PinError
		if err == nil || !isOffline(err) || errors.As(err, &pinErr) || attempt == uploadAttempts {
			return ans, err
		}
		select {
		case <-ctx.Done():
			return ans, errors.Join(err, ctx.Err())
		case <-time.After(b.next()):
		}
	}
}

func (r *UploadReport) add(ans syncproto.PushResponse, part []data.CheckIn) {
	byID := make(map[string]data.CheckIn, len(part))
	for _, c := range part {
		byID[c.ID] = c
	}
	for _, res := range ans.Results {
		c, ok := byID[res.ID]
		if !ok {
			continue
		}
		switch res.Status {
		case syncproto.StatusStored:
			r.Stored++
		case syncproto.StatusDuplicate:
			r.Duplicate++
		default:
			r.Rejected = append(r.Rejected, UploadRejection{CheckIn: c, Reason: res.Reason})
		}
	}
}
