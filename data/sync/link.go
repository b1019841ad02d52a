package sync

import (
	"context"
	"log"
	gosync "sync"
	"sync/atomic"
	"time"

	"kiosk/data/hubtls"
	"kiosk/data/store"
)

// HubCheckEvery is how often a running kiosk reads which hub to sync
// with, to follow a bundle installed meanwhile (from a stick or from the
// hub) that names another hub or key.
const HubCheckEvery = 2 * time.Second

// Link is sync as a running kiosk holds it: a Client for the hub kept in
// the store (set by hand, or named by the installed bundle), replaced by
// a new one when that changes, so that a new hub takes effect without
// restarting the kiosk.
type Link struct {
	cfg   Config // every field but HubURL and HubFingerprint
	every time.Duration

	// change orders hub changes (SetHub, Refresh); mu orders swaps. cur
	// is read without either, so that a status or a notification never
	// waits for a change to finish.
	change gosync.Mutex
	mu     gosync.Mutex
	cur    atomic.Pointer[linked]
	stop   func()
	watch  func()
}

// linked is the hub a link uses, or why it uses none.
type linked struct {
	hub    store.Hub
	client *Client // nil: sync is off, or the hub is refused
	// refused says why the stored hub is not contacted (no fingerprint
	// for https, plain http to another machine without the flag).
	refused   string
	refusedAt time.Time
}

// NewLink makes a link on cfg (its HubURL and HubFingerprint are ignored:
// the store's are used); it syncs nothing until Start.
func NewLink(cfg Config) *Link {
	cfg.HubURL, cfg.HubFingerprint = "", ""
	return &Link{cfg: cfg, every: HubCheckEvery}
}

// Start begins syncing with the hub kept in the store, if there is one,
// and follows changes to it until Close. A stored hub the transport rules
// refuse is not an error: the kiosk runs, and Status says why it does not
// sync.
func (l *Link) Start(ctx context.Context) error {
	if err := l.Refresh(ctx); err != nil {
		return err
	}
	wctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(l.every)
		defer t.Stop()
		for {
			select {
			case <-wctx.Done():
				return
			case <-t.C:
				// A store that cannot be read now is read again next tick.
				_ = l.Refresh(wctx)
			}
		}
	}()
	l.watch = func() { cancel(); <-done }
	return nil
}

// Refresh reads the hub from the store and, when it is not the one in
// use, syncs with it from now on.
func (l *Link) Refresh(ctx context.Context) error {
	l.change.Lock()
	defer l.change.Unlock()
	h, err := l.cfg.Store.Hub(ctx)
	if err != nil {
		return err
	}
	if cur := l.cur.Load(); cur != nil && cur.hub == h {
		return nil
	}
	l.use(h)
	return nil
}

// SetHub keeps a hub set by hand and syncs with it from now on; an empty
// URL goes back to the bundle's hub, and with none turns sync off. A hub
// the store or the transport rules refuse (with the bundle's fingerprint
// if none is given) changes nothing.
func (l *Link) SetHub(ctx context.Context, set store.HubSetting) error {
	l.change.Lock()
	defer l.change.Unlock()
	set, err := store.CleanHubSetting(set)
	if err != nil {
		return err
	}
	_, bundle, err := l.cfg.Store.HubSettings(ctx)
	if err != nil {
		return err
	}
	h := store.ResolveHub(set, bundle)
	if h.URL != "" {
		if err := l.endpoint(h).Check(); err != nil {
			return err
		}
	}
	if err := l.cfg.Store.SetHub(ctx, set); err != nil {
		return err
	}
	l.use(h)
	return nil
}

func (l *Link) endpoint(h store.Hub) hubtls.Endpoint {
	return hubtls.Endpoint{URL: h.URL, Fingerprint: h.Fingerprint, InsecureHTTP: l.cfg.InsecureHTTP}
}

// use syncs with h from now on: a new client, or none when h has no URL
// or is refused.
func (l *Link) use(h store.Hub) {
	next := &linked{hub: h}
	if h.URL != "" {
		cfg := l.cfg
		cfg.HubURL, cfg.HubFingerprint = h.URL, h.Fingerprint
		c, err := New(cfg)
		if err != nil {
			next.refused, next.refusedAt = err.Error(), l.now()
			log.Printf("sync: not syncing: %v", err)
		}
		next.client = c
	}
	l.swap(next)
}

func (l *Link) now() time.Time {
	if l.cfg.Now != nil {
		return l.cfg.Now()
	}
	return l.cfg.Store.Now()
}

// swap stops the running client, if any, and starts next, if not nil.
// The old client is stopped before the new one starts: two clients must
// not push the same batch at once.
func (l *Link) swap(to *linked) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stop != nil {
		l.stop()
	}
	if old := l.cur.Load(); old != nil && old.client != nil {
		// Its connections go to the hub, or the key, no longer used.
		old.client.http.CloseIdleConnections()
	}
	l.cur.Store(to)
	l.stop = nil
	if to == nil || to.client == nil {
		return
	}
	next := to.client
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
func (l *Link) Client() *Client {
	if cur := l.cur.Load(); cur != nil {
		return cur.client
	}
	return nil
}

// Notify asks the running client for a push soon; nothing when sync is
// off. It never blocks.
func (l *Link) Notify() {
	if c := l.Client(); c != nil {
		c.Notify()
	}
}

// Status is the running client's status, saying where its hub and pin
// come from; with sync off, what the store holds, with Hub "", or with
// the hub refused, its URL and why as the last error.
func (l *Link) Status(ctx context.Context) (Status, error) {
	cur := l.cur.Load()
	if cur == nil {
		return storedStatus(ctx, l.cfg.Store)
	}
	var st Status
	var err error
	if cur.client != nil {
		st, err = cur.client.Status(ctx)
	} else {
		st, err = storedStatus(ctx, l.cfg.Store)
		if cur.refused != "" {
			st.Hub, st.LastError, st.ErrorAt = cur.hub.URL, cur.refused, cur.refusedAt
		}
	}
	if st.Hub != "" {
		st.HubFromBundle = cur.hub.URLFromBundle
		st.PinFromBundle = cur.hub.PinFromBundle && st.Fingerprint != ""
	}
	return st, err
}

// Rejected lists the check-ins the hub refused, kept on the kiosk; they
// stay listed whatever hub is set, or none.
func (l *Link) Rejected(ctx context.Context) ([]store.RejectedCheckIn, error) {
	return l.cfg.Store.RejectedCheckIns(ctx)
}

// Close stops syncing and following the store's hub.
func (l *Link) Close() {
	if l.watch != nil {
		l.watch()
		l.watch = nil
	}
	l.swap(nil)
}
