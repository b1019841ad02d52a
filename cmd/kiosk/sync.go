package main

import (
	"context"
	"log"

	"kiosk/data"
	"kiosk/data/checkin"
	kiosksync "kiosk/data/sync"
)

// startSync keeps the hub flag in the data folder (an empty --hub= turns
// sync off) and starts syncing in the background with the kiosk's
// lifetime, if a hub is set; staff mode can set another hub later. The
// desk reads the store, so check-ins pulled from the hub count for
// "already checked in" with nothing more.
func (w *wired) startSync(o options) error {
	ctx := context.Background()
	if o.hubSet {
		if err := w.store.SetHubURL(ctx, o.hub); err != nil {
			return err
		}
	}
	w.sync = kiosksync.NewLink(kiosksync.Config{Store: w.store, Desk: w.desk, Now: w.now})
	if err := w.sync.Start(ctx); err != nil {
		return err
	}
	if url, _ := w.store.HubURL(ctx); url != "" {
		log.Printf("kiosk: syncing with %s", url)
	}
	return nil
}

// notify asks for a push after a check-in; nothing without a hub.
func (w *wired) notify() {
	if w.sync != nil {
		w.sync.Notify()
	}
}

// close stops sync, then closes the store it writes to.
func (w *wired) close() {
	if w.sync != nil {
		w.sync.Close()
	}
	w.opened.Store.Close()
}

// notifyingDesk is the desk as the screens use it: a scan that recorded
// or received a check-in asks sync to push it at once.
type notifyingDesk struct {
	*checkin.Desk
	notify func()
}

func (d notifyingDesk) Scan(ctx context.Context, raw string, method data.Method) (checkin.Outcome, error) {
	o, err := d.Desk.Scan(ctx, raw, method)
	if err == nil && (o.Status == checkin.Welcome || o.Status == checkin.Received) {
		d.notify()
	}
	return o, err
}
