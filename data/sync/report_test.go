package sync

import (
	"context"
	"testing"

	"kiosk/data/datatest"
)

// A kiosk tells the hub its bundle version and how many check-ins wait
// on it, with every push and pull: what the staff dashboard shows.
func TestKioskReportsItselfToTheHub(t *testing.T) {
	hub, _, ks := venueWith(t, 1)
	a := ks[0]
	a.backlog(3)
	if _, err := a.client.Pull(context.Background()); err != nil {
		t.Fatal(err)
	}
	k, err := hub.store.Kiosk(context.Background(), a.id)
	if err != nil {
		t.Fatal(err)
	}
	if k.Report.BundleVersion != datatest.Info(1).Version || k.Report.Waiting != 3 || k.Report.At.IsZero() {
		t.Fatalf("after a pull with 3 waiting: %+v", k.Report)
	}
	syncOnce(t, a)
	if _, err := a.client.Pull(context.Background()); err != nil {
		t.Fatal(err)
	}
	if k, _ = hub.store.Kiosk(context.Background(), a.id); k.Report.Waiting != 0 {
		t.Fatalf("after sync: %+v", k.Report)
	}
}
