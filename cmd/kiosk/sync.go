package main

import (
	"context"
	"log"
	"strings"

	"kiosk/data"
	"kiosk/data/checkin"
	"kiosk/data/store"
	kiosksync "kiosk/data/sync"
)

// startSync keeps the hub flags in the data folder (an empty --hub=
// goes back to the bundle's hub, if any) and starts syncing in the
// background with the kiosk's lifetime, if there is a hub; staff mode can
// set another hub later, and a new bundle naming another is followed. A
// hub given by flag that the transport rules refuse stops the start: staff
// just typed it. The desk reads the store, so check-ins pulled from the
// hub count for "already checked in" with nothing more.
func (w *wired) startSync(o options) error {
	ctx := context.Background()
	w.sync = kiosksync.NewLink(kiosksync.Config{Store: w.store, Desk: w.desk, Now: w.now, InsecureHTTP: o.insecure})
	if o.hubSet {
		if err := w.sync.SetHub(ctx, store.HubSetting{URL: o.hub, Fingerprint: o.hubPin}); err != nil {
			return err
		}
	}
	if err := w.sync.Start(ctx); err != nil {
		return err
	}
	if st, _ := w.sync.Status(ctx); st.Hub != "" && st.LastError == "" {
		log.Printf("kiosk: syncing with %s%s", st.Hub, pinNote(st))
	}
	return nil
}

// pinNote says which key an https hub is pinned to, and where the hub
// and the pin come from.
func pinNote(st kiosksync.Status) string {
	var parts []string
	if st.HubFromBundle {
		parts = append(parts, "named by the bundle")
	}
	if st.Fingerprint != "" {
		from := ""
		if st.PinFromBundle {
			from = ", the bundle's"
		}
		parts = append(parts, "key "+st.Fingerprint+from)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
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
