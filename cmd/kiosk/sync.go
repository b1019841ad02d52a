package main

import (
	"context"
	"log"
	"sync"

	"kiosk/data"
	"kiosk/data/checkin"
	kiosksync "kiosk/data/sync"
)

// startSync keeps the hub flag in the data folder (an empty --hub= turns
// sync off) and starts syncing in the background with the kiosk's
// lifetime, if a hub is set. The desk reads the store, so check-ins
// pulled from the hub count for "already checked in" with nothing more.
func (w *wired) startSync(o options) error {
	ctx := context.Background()
	if o.hubSet {
		if err := w.store.SetHubURL(ctx, o.hub); err != nil {
			return err
		}
	}
	url, err := w.store.HubURL(ctx)
	if err != nil || url == "" {
		return err
	}
	c, err := kiosksync.New(kiosksync.Config{Store: w.store, Desk: w.desk, HubURL: url, Now: w.now})
	if err != nil {
		return err
	}
	runCtx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		c.Run(runCtx)
	}()
	w.sync = c
	w.stopSync = func() {
		cancel()
		wg.Wait()
	}
	log.Printf("kiosk: syncing with %s", url)
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
	if w.stopSync != nil {
		w.stopSync()
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
