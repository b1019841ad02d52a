package syncproto

import (
	"encoding/json"
	"fmt"
	"time"
)

// The paths the hub serves.
const (
	PathPush   = "/v1/push"
	PathPull   = "/v1/pull"
	PathBundle = "/v1/bundle"
	PathHealth = "/v1/health"
)

// Limits both sides agree on.
const (
	// MaxBody is the largest request body the hub reads; a larger one is
	// answered 413 before anything is parsed.
	MaxBody = 4 << 20
	// MaxPushRecords is the most check-ins one push may carry; a record
	// is about 400 bytes of JSON, so a full batch stays well under MaxBody.
	MaxPushRecords = 2000
	// MaxPullRecords is the most check-ins one pull answer carries; the
	// answer then says More.
	MaxPullRecords = 2000
	// ClockWindow is how far a request's time may be from the hub's clock.
	// It bounds how long the hub must remember nonces.
	ClockWindow = 5 * time.Minute
	// FlagOffset is the clock offset above which the hub flags a kiosk for
	// staff: its check-ins' scan times are then not to be trusted.
	FlagOffset = time.Minute
	// MaxPendingKiosks is the most kiosks the hub keeps waiting for staff
	// approval. Anyone on the venue network can make key pairs, and each
	// would become a kiosk row: beyond this, a kiosk the hub does not know
	// is refused (CodePendingFull) and nothing is recorded. Kiosks
	// enrolled in the bundle never wait, whatever the count.
	MaxPendingKiosks = 200
)

// The status of one pushed check-in.
const (
	StatusStored    = "stored"    // new on the hub, committed
	StatusDuplicate = "duplicate" // the hub already had it, identical: counts as success
	StatusRejected  = "rejected"  // refused for good; Reason says why
)

// The codes of an error answer (ErrorBody.Code).
const (
	CodeMissingAuth   = "missing_auth"   // 401: a signature header is missing
	CodeBadAuth       = "bad_auth"       // 401: a signature header is not in its form
	CodeUnknownKiosk  = "unknown_kiosk"  // 401: no key is known for the kiosk id
	CodeBadSignature  = "bad_signature"  // 401: the signature does not match
	CodeStaleTime     = "stale_time"     // 401: time outside ClockWindow; resign with HubTime
	CodeReplayedNonce = "replayed_nonce" // 401: the nonce was used within the window
	CodePending       = "pending"        // 403: the kiosk waits for staff approval
	CodePendingFull   = "pending_full"   // 429: MaxPendingKiosks wait already; a new kiosk is not recorded
	CodeTooLarge      = "too_large"      // 413: the body is over MaxBody
	CodeMalformed     = "malformed"      // 400: the body is not the request's JSON form
	CodeWrongEvent    = "wrong_event"    // 409: the request is for another event than the hub's
	CodeNoBundle      = "no_bundle"      // 503: the hub has no bundle installed yet
	CodeNotFound      = "not_found"      // 404
	CodeInternal      = "internal"       // 500: retry later
)

// The rejection reasons of a pushed check-in (PushResult.Reason starts
// with one, then says more).
const (
	ReasonInvalid      = "invalid"       // breaks the rules of a check-in record
	ReasonConflict     = "conflict"      // the hub holds another check-in under its id or kiosk number
	ReasonUnknownKiosk = "unknown_kiosk" // no key is known for the kiosk that took it
	ReasonBadSignature = "bad_signature" // its own signature is missing or not its kiosk's
)

// ErrorBody is the JSON body of every refusal.
type ErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// HubTime is the hub's clock in Unix milliseconds, so that a kiosk
	// whose clock is off can measure the offset and sign again.
	HubTime int64 `json:"hub_time"`
}

// PushRequest is the body of POST /v1/push: check-ins of one event, the
// kiosk's own and relayed ones.
type PushRequest struct {
	EventID  string       `json:"event_id"`
	CheckIns []Record     `json:"checkins"`
	Kiosk    *KioskReport `json:"kiosk,omitempty"`
}

// MarshalJSON writes no check-ins as [], not null: the hub refuses null
// (docs/sync-protocol.md), and a kiosk's batch may be empty.
func (p PushRequest) MarshalJSON() ([]byte, error) {
	type plain PushRequest
	if p.CheckIns == nil {
		p.CheckIns = []Record{}
	}
	return json.Marshal(plain(p))
}

// KioskReport is what a kiosk says of itself in a push or a pull, for the
// staff dashboard: it is optional, and changes nothing the hub decides.
type KioskReport struct {
	// BundleVersion is the version of the bundle the kiosk has installed.
	BundleVersion int64 `json:"bundle_version"`
	// Waiting is how many check-ins the kiosk holds that the hub has not
	// acknowledged yet (before this request).
	Waiting int64 `json:"waiting"`
}

// Check is the rule of a report, as kiosks write it: neither figure is
// negative. A nil report (none sent) passes.
func (r *KioskReport) Check() error {
	if r != nil && (r.BundleVersion < 0 || r.Waiting < 0) {
		return fmt.Errorf("kiosk report: bundle_version %d and waiting %d must not be negative", r.BundleVersion, r.Waiting)
	}
	return nil
}

// PushResult is the hub's verdict on one pushed check-in, in the order of
// the request.
type PushResult struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
}

// PushResponse is the answer to a push.
type PushResponse struct {
	HubID   string `json:"hub_id"`
	HubTime int64  `json:"hub_time"`
	// Acked is the highest sequence number n of the pushing kiosk such that
	// the hub holds all of its check-ins 1..n: the only mark the kiosk may
	// advance its acknowledged position to.
	Acked   int64        `json:"acked"`
	Results []PushResult `json:"results"`
}

// MarshalJSON writes no results as [], not null: the kiosk reads the
// hub's answers as strictly as the hub reads its requests.
func (p PushResponse) MarshalJSON() ([]byte, error) {
	type plain PushResponse
	if p.Results == nil {
		p.Results = []PushResult{}
	}
	return json.Marshal(plain(p))
}

// PullRequest is the body of POST /v1/pull.
type PullRequest struct {
	EventID string `json:"event_id"`
	// HubID is the hub identity the cursor belongs to; empty on a kiosk's
	// first pull.
	HubID string `json:"hub_id"`
	// Cursor is, per kiosk id, the highest sequence number already
	// received from the hub.
	Cursor map[string]int64 `json:"cursor"`
	// Kiosk is what the kiosk says of itself, as in a push.
	Kiosk *KioskReport `json:"kiosk,omitempty"`
}

// MarshalJSON writes no cursor, a kiosk's first pull, as {}, not null:
// the hub refuses null (docs/sync-protocol.md).
func (p PullRequest) MarshalJSON() ([]byte, error) {
	type plain PullRequest
	if p.Cursor == nil {
		p.Cursor = map[string]int64{}
	}
	return json.Marshal(plain(p))
}

// PullResponse is the answer to a pull: check-ins of other kiosks after
// the cursor, in order of kiosk id then sequence number.
type PullResponse struct {
	HubID   string `json:"hub_id"`
	HubTime int64  `json:"hub_time"`
	// Restart says the request's HubID was not this hub's: the answer
	// starts from zero and Cursor replaces the kiosk's cursor whole.
	Restart  bool             `json:"restart"`
	EventID  string           `json:"event_id"`
	CheckIns []Record         `json:"checkins"`
	Cursor   map[string]int64 `json:"cursor"`
	More     bool             `json:"more"`
}

// MarshalJSON writes nothing new as [] and an empty cursor as {}, not
// null, for the kiosk's strict reader.
func (p PullResponse) MarshalJSON() ([]byte, error) {
	type plain PullResponse
	if p.CheckIns == nil {
		p.CheckIns = []Record{}
	}
	if p.Cursor == nil {
		p.Cursor = map[string]int64{}
	}
	return json.Marshal(plain(p))
}

// HealthResponse is the answer to GET /v1/health (no signature needed).
type HealthResponse struct {
	OK            bool   `json:"ok"`
	HubID         string `json:"hub_id"`
	HubTime       int64  `json:"hub_time"`
	EventID       string `json:"event_id"`
	BundleVersion int64  `json:"bundle_version"`
}
