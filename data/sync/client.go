// Package sync is the kiosk's side of sync with the hub: it pushes the
// check-ins taken or relayed here, and pulls those recorded elsewhere, in
// the background. The protocol is package syncproto's
// (docs/sync-protocol.md).
//
// Nothing an answer says ever deletes or skips a check-in: a network error
// or a 5xx is retried with backoff, a refusal of a whole request keeps
// everything and is reported, a check-in the hub refuses stays on the
// kiosk (listed for staff, not sent again), and the acknowledged mark
// moves only to what the hub answered.
package sync

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"kiosk/data/strictjson"
	"net/http"
	"strconv"
	"strings"
	gosync "sync"
	"sync/atomic"
	"time"

	"kiosk/data"
	"kiosk/data/checkin"
	"kiosk/data/checkincode"
	"kiosk/data/hubtls"
	"kiosk/data/store"
	"kiosk/data/syncproto"
)

// Defaults of Config.
const (
	DefaultBatch      = 500
	DefaultPullEvery  = time.Second
	DefaultMinBackoff = 500 * time.Millisecond
	DefaultMaxBackoff = 30 * time.Second
	DefaultTimeout    = 15 * time.Second
	// maxAnswer bounds what the kiosk reads of one answer: a full pull
	// answer is under a megabyte.
	maxAnswer = 32 << 20
)

// Config is what a Client needs.
type Config struct {
	Store  *store.Store
	Desk   *checkin.Desk // its rule for "the same check-in" files pulled ones
	HubURL string        // https://host:port, or http:// to this machine; no trailing path
	// HubFingerprint pins an https hub's key (hubtls.Fingerprint): the
	// client talks to no other.
	HubFingerprint string
	// InsecureHTTP allows plain http to a hub on another machine.
	InsecureHTTP bool
	// Now is the kiosk's clock; the store's if nil.
	Now                    func() time.Time
	Batch                  int           // check-ins per push, DefaultBatch if 0
	PullEvery              time.Duration // DefaultPullEvery if 0
	MinBackoff, MaxBackoff time.Duration // DefaultMinBackoff, DefaultMaxBackoff if 0
}

// Client syncs one kiosk's store with a hub.
type Client struct {
	cfg    Config
	http   *http.Client // pinned for https (hubtls.Endpoint)
	notify chan struct{}
	// offset is the hub's clock minus the kiosk's, in nanoseconds, as last
	// measured: requests are signed with the kiosk's clock plus it.
	offset atomic.Int64

	mu     gosync.Mutex
	online bool
	lastOK time.Time
	errMsg string
	errAt  time.Time
	// syncMu keeps one push or pull at a time: Run and a caller of
	// SyncOnce must not send the same batch twice at once.
	syncMu gosync.Mutex
	// signer signs requests when set (Upload); else the store's identity.
	signer *store.Identity
	// refusedBundle is the hub's bundle version the last install refused.
	refusedBundle atomic.Int64
}

// identity is who the client signs requests as.
func (c *Client) identity(ctx context.Context) (store.Identity, error) {
	if c.signer != nil {
		return *c.signer, nil
	}
	return c.cfg.Store.Identity(ctx)
}

// New makes a client; it does nothing until Run or SyncOnce.
func New(cfg Config) (*Client, error) {
	if cfg.Store == nil || cfg.Desk == nil {
		return nil, errors.New("sync needs the kiosk's store and desk")
	}
	hc, err := cfg.endpoint().HTTPClient(DefaultTimeout)
	if err != nil {
		return nil, err
	}
	if cfg.Now == nil {
		cfg.Now = cfg.Store.Now
	}
	cfg.Batch = orDefault(cfg.Batch, DefaultBatch)
	cfg.Batch = min(cfg.Batch, syncproto.MaxPushRecords)
	cfg.PullEvery = orDefault(cfg.PullEvery, DefaultPullEvery)
	cfg.MinBackoff = orDefault(cfg.MinBackoff, DefaultMinBackoff)
	cfg.MaxBackoff = orDefault(cfg.MaxBackoff, DefaultMaxBackoff)
	return &Client{cfg: cfg, http: hc, notify: make(chan struct{}, 1)}, nil
}

// endpoint is the hub as the transport rules see it.
func (cfg Config) endpoint() hubtls.Endpoint {
	return hubtls.Endpoint{URL: cfg.HubURL, Fingerprint: cfg.HubFingerprint, InsecureHTTP: cfg.InsecureHTTP}
}

func orDefault[T int | time.Duration](v, d T) T {
	if v <= 0 {
		return d
	}
	return v
}

// Notify asks for a push soon: the desk calls it after a check-in. It
// never blocks.
func (c *Client) Notify() {
	select {
	case c.notify <- struct{}{}:
	default:
	}
}

// Offset is the hub's clock minus the kiosk's, as last measured.
func (c *Client) Offset() time.Duration { return time.Duration(c.offset.Load()) }

// Run syncs until ctx ends: a push and a pull every PullEvery, at once
// after Notify, and after a failure again with exponential backoff and
// jitter.
func (c *Client) Run(ctx context.Context) {
	var b backoff
	b.min, b.max = c.cfg.MinBackoff, c.cfg.MaxBackoff
	for round := 0; ; round++ {
		wait := c.cfg.PullEvery
		if round%BundleEvery == 0 {
			// A refusal is kept for Status; sync goes on either way.
			_, _ = c.UpdateBundle(ctx)
		}
		if err := c.SyncOnce(ctx); err != nil {
			wait = b.next()
		} else {
			b.reset()
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-c.notify:
			t.Stop()
		case <-t.C:
		}
	}
}

// SyncOnce pushes everything waiting, then pulls everything new. The
// error is the first failure; it is also kept for Status.
func (c *Client) SyncOnce(ctx context.Context) error {
	c.syncMu.Lock()
	defer c.syncMu.Unlock()
	_, err := c.push(ctx)
	if err == nil {
		var newHub bool
		if _, newHub, err = c.pull(ctx); err == nil && newHub {
			// A replaced hub: what it acknowledged before is gone.
			_, err = c.push(ctx)
		}
	}
	c.noteResult(ctx, err)
	return err
}

// Push sends everything waiting, batch by batch; it returns how many
// check-ins the hub answered for.
func (c *Client) Push(ctx context.Context) (int, error) {
	c.syncMu.Lock()
	defer c.syncMu.Unlock()
	n, err := c.push(ctx)
	c.noteResult(ctx, err)
	return n, err
}

// Pull fetches everything recorded elsewhere since the cursor; it returns
// how many check-ins were new here.
func (c *Client) Pull(ctx context.Context) (int, error) {
	c.syncMu.Lock()
	defer c.syncMu.Unlock()
	n, _, err := c.pull(ctx)
	c.noteResult(ctx, err)
	return n, err
}

// noteResult keeps the outcome for Status, and a failure in the store so
// that staff mode shows it after a restart too. A success clears a kept
// failure; a run of successes writes nothing.
func (c *Client) noteResult(ctx context.Context, err error) {
	now := c.cfg.Now()
	c.mu.Lock()
	// An error kept in the store by an earlier run counts as one this run
	// had, until this run's first success clears it.
	hadErr := c.errMsg != "" || c.lastOK.IsZero()
	// Online says whether the hub answered; a failure of the kiosk's own
	// store says nothing about it.
	var he *HubError
	switch {
	case err == nil, errors.As(err, &he):
		c.online = true
	case isOffline(err):
		c.online = false
	}
	if err == nil {
		c.lastOK, c.errMsg = now, ""
	} else if ctx.Err() == nil {
		c.errMsg, c.errAt = err.Error(), now
	}
	msg := c.errMsg
	c.mu.Unlock()
	if ctx.Err() != nil || (err == nil && !hadErr) {
		return
	}
	// Best effort: a store that cannot keep the message still syncs.
	_ = c.cfg.Store.SetSyncError(ctx, msg)
}

// Status is what staff mode shows of sync.
type Status struct {
	Hub string
	// Fingerprint is the pinned key of an https hub; the From fields say
	// the URL and the pin are the installed bundle's, not set by hand.
	Fingerprint                  string
	HubFromBundle, PinFromBundle bool
	Online                       bool // the last exchange reached the hub
	Waiting                      int  // check-ins still to push
	Rejected                     int  // check-ins the hub refused, kept here
	// RefusedFromHub counts the check-ins the hub sent that this kiosk
	// refused (a forged signature, say): listed for staff, not asked for
	// again.
	RefusedFromHub int
	LastSync       time.Time
	LastError      string
	ErrorAt        time.Time
	Offset         time.Duration // hub clock minus kiosk clock
}

// Status reads the state of sync.
func (c *Client) Status(ctx context.Context) (Status, error) {
	out, err := storedStatus(ctx, c.cfg.Store)
	if err != nil {
		return Status{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	out.Hub, out.Online, out.Offset = c.cfg.HubURL, c.online, c.Offset()
	if strings.HasPrefix(strings.ToLower(c.cfg.HubURL), "https:") {
		out.Fingerprint = c.cfg.HubFingerprint
	}
	if c.lastOK.After(out.LastSync) {
		out.LastSync = c.lastOK
	}
	if c.errMsg != "" || !c.errAt.IsZero() {
		out.LastError, out.ErrorAt = c.errMsg, c.errAt
	}
	return out, nil
}

// storedStatus is what the store holds of sync for the installed event:
// what a client adds to it is only what it saw itself.
func storedStatus(ctx context.Context, s *store.Store) (Status, error) {
	ev, err := s.Event(ctx)
	if err != nil {
		return Status{}, err
	}
	st, err := s.SyncStatus(ctx, ev.ID)
	if err != nil {
		return Status{}, err
	}
	return Status{Waiting: st.Waiting, Rejected: st.Rejected, RefusedFromHub: st.RefusedFromHub, LastSync: st.LastSync,
		LastError: st.LastError, ErrorAt: st.ErrorAt}, nil
}

// report is what the kiosk says of itself in a request, for the hub's
// dashboard: its bundle version and how many check-ins wait to be pushed.
// It costs two small reads, and a failure to read it costs the request
// nothing: the report is left out.
func (c *Client) report(ctx context.Context, eventID string) *syncproto.KioskReport {
	b, err := c.cfg.Store.Bundle(ctx)
	if err != nil {
		return nil
	}
	st, err := c.cfg.Store.SyncStatus(ctx, eventID)
	if err != nil {
		return nil
	}
	return &syncproto.KioskReport{BundleVersion: b.Version, Waiting: int64(st.Waiting)}
}

// HubError is a hub's refusal of a whole request (a 4xx other than a
// stale time): nothing was changed on either side, and the kiosk keeps
// everything for a later try.
type HubError struct {
	Path    string
	Status  int
	Code    string
	Message string
}

func (e *HubError) Error() string {
	return fmt.Sprintf("the hub refused %s (HTTP %d, %s): %s", e.Path, e.Status, e.Code, e.Message)
}

// OfflineError is a failure to reach the hub or a failure of the hub
// itself (5xx): retried with backoff.
type OfflineError struct {
	Path string
	Err  error
}

func (e *OfflineError) Error() string { return fmt.Sprintf("hub %s: %v", e.Path, e.Err) }
func (e *OfflineError) Unwrap() error { return e.Err }

func isOffline(err error) bool {
	var o *OfflineError
	return errors.As(err, &o)
}

// post sends a signed request and decodes the answer into out. A 401
// stale_time is signed again once with the clock offset the refusal
// gave.
func (c *Client) post(ctx context.Context, path string, body []byte, out any) error {
	err := c.postOnce(ctx, path, body, out)
	var he *HubError
	if errors.As(err, &he) && he.Code == syncproto.CodeStaleTime {
		err = c.postOnce(ctx, path, body, out)
	}
	return err
}

func (c *Client) postOnce(ctx context.Context, path string, body []byte, out any) error {
	status, b, err := c.roundTrip(ctx, http.MethodPost, path, body, maxAnswer)
	if err != nil {
		return err
	}
	return c.decodeAnswer(path, status, b, out)
}

// roundTrip sends a signed request and reads at most limit bytes of the
// answer, measuring the clock offset from it.
func (c *Client) roundTrip(ctx context.Context, method, path string, body []byte, limit int64) (int, []byte, error) {
	id, err := c.identity(ctx)
	if err != nil {
		return 0, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, method, c.cfg.HubURL+path, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	if len(body) > 0 {
		req.Header.Set("Content-Type", "application/json")
	}
	if err := syncproto.SignRequest(req, body, id.KioskID, id.Key, c.cfg.Now().Add(c.Offset())); err != nil {
		return 0, nil, err
	}
	// The hub flags a kiosk by its own clock, not the corrected one.
	syncproto.SetClockCorrection(req, c.Offset())
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, &OfflineError{Path: path, Err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	if err != nil {
		return 0, nil, &OfflineError{Path: path, Err: fmt.Errorf("reading the answer: %w", err)}
	}
	c.measureOffset(resp.Header.Get(syncproto.HeaderHubTime))
	return resp.StatusCode, b, nil
}

func (c *Client) decodeAnswer(path string, status int, b []byte, out any) error {
	if status >= 500 {
		return &OfflineError{Path: path, Err: fmt.Errorf("HTTP %d: %s", status, snippet(b))}
	}
	if status != http.StatusOK {
		var eb syncproto.ErrorBody
		if json.Unmarshal(b, &eb) != nil || eb.Code == "" {
			return &HubError{Path: path, Status: status, Code: "unknown", Message: snippet(b)}
		}
		if eb.HubTime > 0 {
			c.measureOffset(strconv.FormatInt(eb.HubTime, 10))
		}
		return &HubError{Path: path, Status: status, Code: eb.Code, Message: eb.Message}
	}
	// The hub's answer is read as strictly as the hub reads the kiosk's
	// requests (sync-protocol.md, "Request bodies"): one reader of the
	// protocol's JSON, whichever side it enters.
	if err := strictjson.DecodeAll(b, out); err != nil {
		// A 200 the kiosk cannot read is the hub failing: retry later.
		return &OfflineError{Path: path, Err: fmt.Errorf("the answer is not the expected JSON: %v", err)}
	}
	return nil
}

// measureOffset keeps the hub's clock minus the kiosk's from the hub's
// time in Unix milliseconds; a missing or unreadable value changes
// nothing.
func (c *Client) measureOffset(hubTime string) {
	ms, err := strconv.ParseInt(hubTime, 10, 64)
	if err != nil || ms <= 0 {
		return
	}
	c.offset.Store(int64(time.UnixMilli(ms).Sub(c.cfg.Now())))
}

func snippet(b []byte) string {
	const n = 200
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}

// signOwn signs the kiosk's own check-ins, which the store keeps unsigned
// (see store.RecordCheckIn); relayed ones carry their kiosk's signature.
func signOwn(eventID string, id store.Identity, list []data.CheckIn) ([]syncproto.Record, error) {
	recs := make([]syncproto.Record, len(list))
	for i, ci := range list {
		if ci.KioskID == id.KioskID && len(ci.Signature) == 0 {
			sig, err := checkincode.Sign(eventID, id.Key, ci)
			if err != nil {
				return nil, fmt.Errorf("signing check-in %s (number %d): %w", ci.ID, ci.Seq, err)
			}
			ci.Signature = sig
		}
		recs[i] = syncproto.ToRecord(ci)
	}
	return recs, nil
}
