package sync

import (
	"context"
	"strings"
	gosync "sync"
	"sync/atomic"

	"kiosk/data/store"
)

// Link is sync as a running kiosk holds it: a Client for the hub kept in
// the store, replaced by a new one when staff set another hub, so that a
// new hub takes effect without restarting the kiosk.
type Link struct {
	cfg Config // every field but HubURL

	// mu orders hub changes; client is read without it, so that a
	// status or a notification never waits for a change to finish.
	mu     gosync.Mutex
	client atomic.Pointer[Client]
	stop   func()
}

// NewLink makes a link on cfg (its HubURL is ignored: the store's is
// used); it syncs nothing until Start.
func NewLink(cfg Config) *Link {
	cfg.HubURL = ""
	return &Link{cfg: cfg}
}

// Start begins syncing with the hub kept in the store, if there is one.
func (l *Link) Start(ctx context.Context) error {
	url, err := l.cfg.Store.HubURL(ctx)
	if err != nil || url == "" {
		return err
	}
	c, err := l.newClient(url)
	if err != nil {
		return err
	}
	l.swap(c)
	return nil
}

// SetHub keeps a new hub URL in the store and syncs with it from now on;
// "" turns sync off. A URL the store would refuse changes nothing.
func (l *Link) SetHub(ctx context.Context, raw string) error {
	raw = strings.TrimRight(strings.TrimSpace(raw), "/")
	var next *Client
	if raw != "" {
		c, err := l.newClient(raw)
		if err != nil {
			return err
		}
		next = c
	}
	if err := l.cfg.Store.SetHubURL(ctx, raw); err != nil {
		return err
	}
	l.swap(next)
	return nil
}

func (l *Link) newClient(url string) (*Client, error) {
	cfg := l.cfg
	cfg.HubURL = url
	return New(cfg)
}

// swap stops the running client, if any, and starts next, if not nil.
// The old client is stopped before the new one starts: two clients must
// not push the same batch at once.
func (l *Link) swap(next *Client) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stop != nil {
		l.stop()
	}
	l.client.Store(next)
	l.stop = nil
	if next == nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		next.Run(ctx)
	}()
	l.stop = func() {
		cancel()
		<-done
	}
}

// Client is the running client, nil when sync is off.
func (l *Link) Client() *Client { return l.client.Load() }

// Notify asks the running client for a push soon; nothing when sync is
// off. It never blocks.
func (l *Link) Notify() {
	if c := l.Client(); c != nil {
		c.Notify()
	}
}

// Status is the running client's status; with sync off, what the store
// holds, with Hub "".
func (l *Link) Status(ctx context.Context) (Status, error) {
	if c := l.Client(); c != nil {
		return c.Status(ctx)
	}
	return storedStatus(ctx, l.cfg.Store)
}

// Rejected lists the check-ins the hub refused, kept on the kiosk; they
// stay listed whatever hub is set, or none.
func (l *Link) Rejected(ctx context.Context) ([]store.RejectedCheckIn, error) {
	return l.cfg.Store.RejectedCheckIns(ctx)
}

// Close stops syncing.
func (l *Link) Close() { l.swap(nil) }
