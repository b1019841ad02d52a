// Package hub is the sync hub: the server kiosks push their check-ins to
// and pull the other kiosks' check-ins from, with the store that keeps its
// state. The protocol is in package syncproto and docs/sync-protocol.md.
//
// The hub reuses the kiosk's domain and formats (data, checkincode, the
// export record, bundle, keys) but none of the kiosk's storage or
// services: its state is its own, behind the Store interface.
package hub

import (
	"context"
	"crypto/ed25519"
	"errors"
	"time"

	"kiosk/data"
)

// Store is the hub's state. Every method is safe for concurrent use, and
// every write is one transaction, so that several hub processes could
// share one store. SQLiteStore is the implementation for one machine;
// PostgresStore the one for events that outgrow one machine, shared by
// several hub processes. Both run the same tests, and nothing here hands
// out a connection, a transaction or SQL.
type Store interface {
	// HubID is the hub's epoch: random, made when the store is created and
	// never changed, so that a kiosk's pull cursor is tied to one store.
	HubID() string

	// Trusted lists the event keys bundles may be signed with.
	Trusted(ctx context.Context) ([]ed25519.PublicKey, error)
	// Trust adds an event key (nothing if it is there).
	Trust(ctx context.Context, pub ed25519.PublicKey) error

	// Bundle is the installed bundle, nil if there is none.
	Bundle(ctx context.Context) (*InstalledBundle, error)
	// InstallBundle replaces the installed bundle, in one transaction,
	// unless the installed one is of the same event and not older
	// (ErrNotNewer): two concurrent installs cannot go backwards.
	InstallBundle(ctx context.Context, b InstalledBundle) error

	// Kiosk is the kiosk with that id; ErrNoKiosk if the hub never saw it.
	Kiosk(ctx context.Context, id string) (Kiosk, error)
	// Kiosks lists every kiosk the hub has seen, by id.
	Kiosks(ctx context.Context) ([]Kiosk, error)
	// Admit records a verified request: it uses up the nonce (ErrReplayed
	// if it was used before), records a kiosk seen for the first time with
	// v.Status, raises a pending kiosk to approved when v.Status says so,
	// and keeps when it was seen and its clock offset. It returns the
	// kiosk as stored.
	Admit(ctx context.Context, v Visit) (Kiosk, error)
	// Approve makes a pending kiosk approved; ErrNoKiosk if unknown.
	Approve(ctx context.Context, id string) error
	// ForgetPending removes a kiosk that waits for approval (a stranger's
	// key, say), freeing its place; ErrNoKiosk if no pending kiosk has
	// that id. Approved kiosks are never forgotten: their check-ins stay.
	ForgetPending(ctx context.Context, id string) error
	// NewIdentity gives the store a new random hub id and returns it: a
	// store restored from a backup then makes every kiosk start its pull
	// again and push everything, instead of trusting cursors and marks
	// that may be ahead of what the backup holds. Hub processes on the
	// store must be restarted.
	NewIdentity(ctx context.Context) (string, error)

	// Ingest stores verified check-ins in one transaction: each once by id
	// (a copy identical to the stored one is a duplicate, anything else
	// under a stored id or kiosk number is a conflict), then advances the
	// gapless marks. It returns one outcome per check-in, in order, and
	// the gapless mark of the kiosk pusher.
	Ingest(ctx context.Context, pusher string, list []data.CheckIn, received time.Time) ([]IngestOutcome, int64, error)
	// Pull reads check-ins of q.EventID taken at kiosks other than
	// q.Exclude, after q.Cursor and at or below each kiosk's gapless mark.
	Pull(ctx context.Context, q PullQuery) (PullPage, error)
	// CheckInCount is how many check-ins the hub holds, of every event.
	CheckInCount(ctx context.Context) (int64, error)
	// CheckIns lists every check-in of eventID the hub holds, with when
	// and through which kiosk each arrived, in order of kiosk id then
	// sequence number: what the dashboard counts and downloads.
	CheckIns(ctx context.Context, eventID string) ([]HeldCheckIn, error)

	// Setting reads a hub setting (the staff password's hash, the session
	// key, the TLS key pair); ok is false when it was never set. Settings
	// live in the store, so that every hub process on one store agrees.
	Setting(ctx context.Context, name string) (value []byte, ok bool, err error)
	// SetSetting writes a setting, replacing any value.
	SetSetting(ctx context.Context, name string, value []byte) error
	// SettingOnce stores value under name unless a value is stored, and
	// returns the stored one: hub processes starting together on one
	// store agree on one key made by whichever came first.
	SettingOnce(ctx context.Context, name string, value []byte) ([]byte, error)

	Close() error
}

// The errors a Store returns besides those of its database.
var (
	ErrNoKiosk  = errors.New("no such kiosk")
	ErrReplayed = errors.New("the request's nonce was used before")
	ErrNotNewer = errors.New("the installed bundle is not older")
)

// KioskStatus is whether a kiosk may sync.
type KioskStatus string

// The statuses of a kiosk.
const (
	StatusPending  KioskStatus = "pending"
	StatusApproved KioskStatus = "approved"
)

// Kiosk is a kiosk as the hub knows it.
type Kiosk struct {
	ID        string
	PublicKey ed25519.PublicKey
	Status    KioskStatus
	FirstSeen time.Time
	LastSeen  time.Time
	// Offset is the kiosk's own clock minus the hub's, as last measured;
	// Flagged when that is more than syncproto.FlagOffset either way.
	Offset  time.Duration
	Flagged bool
	// Gapless is the highest n such that the hub holds the kiosk's
	// check-ins 1..n.
	Gapless int64
	// Report is what the kiosk last said of itself; zero if it never did.
	Report KioskReport
}

// KioskReport is what a kiosk says of itself when it syncs, for staff:
// it changes nothing the hub decides.
type KioskReport struct {
	BundleVersion int64 // the version of the bundle it has installed
	Waiting       int64 // its check-ins not yet acknowledged by the hub
	At            time.Time
}

// HeldCheckIn is a check-in as the hub holds it.
type HeldCheckIn struct {
	data.CheckIn
	Received time.Time // the hub's clock when it was stored
	PushedBy string    // the kiosk whose push brought it
}

// Visit is a verified request, as Admit records it.
type Visit struct {
	KioskID   string
	PublicKey ed25519.PublicKey
	Status    KioskStatus // for a kiosk seen the first time; approved also raises a pending one
	Nonce     string
	// NonceUntil is when the nonce may be forgotten: after it, a request
	// with it is refused for its time anyway.
	NonceUntil time.Time
	Seen       time.Time
	Offset     time.Duration
	Flagged    bool
	// Report, when not nil, replaces the kiosk's stored report.
	Report *KioskReport
}

// InstalledBundle is the bundle the hub serves, with the facts it uses.
type InstalledBundle struct {
	Bytes     []byte
	EventID   string
	Version   int64
	SHA256    string
	Signer    ed25519.PublicKey
	Installed time.Time
	// KioskKeys are the bundle's enrolled kiosks, each with its key: they
	// sync without approval.
	KioskKeys []data.KioskKey
}

// IngestOutcome is what Ingest did with one check-in.
type IngestOutcome int

// The outcomes of Ingest.
const (
	Stored IngestOutcome = iota
	Duplicate
	Conflict
)

// PullQuery asks Store.Pull for a page.
type PullQuery struct {
	EventID string
	Exclude string
	Cursor  map[string]int64
	Limit   int
}

// PullPage is one answer of Store.Pull.
type PullPage struct {
	CheckIns []data.CheckIn
	// Cursor is, for every kiosk the hub holds check-ins of but Exclude,
	// the position after this page.
	Cursor map[string]int64
	More   bool
}
