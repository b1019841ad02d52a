package main

import (
	"context"
	"io"
	"log"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiosk/data/checkincode"
	"kiosk/data/export"
	"kiosk/data/hub"
	"kiosk/data/hubtls"
	"kiosk/data/kioskdir"
	"kiosk/data/store"
)

// demoHub is a real hub on the demo event, on loopback over HTTPS with its
// own key; it returns the hub's store, URL and key fingerprint.
func demoHub(t *testing.T) (*hub.SQLiteStore, string, string) {
	t.Helper()
	ctx := context.Background()
	s, err := hub.OpenSQLite(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	h, err := hub.New(ctx, s, hub.Options{Logger: log.New(io.Discard, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.InstallDemo(ctx); err != nil {
		t.Fatal(err)
	}
	kp, err := hub.TLSKeyPair(ctx, s, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(h.Handler())
	srv.TLS = hubtls.ServerConfig(kp)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return s, srv.URL, kp.Fingerprint
}

// exportOwn writes the kiosk's own check-ins to an export file, signed as
// staff mode's export signs them.
func exportOwn(t *testing.T, dir string) string {
	t.Helper()
	ctx := context.Background()
	o, err := kioskdir.Open(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Store.Close()
	id, _ := o.Store.Identity(ctx)
	list, err := o.Store.CheckIns(ctx, store.CheckInFilter{KioskID: id.KioskID})
	if err != nil || len(list) == 0 {
		t.Fatalf("%d check-ins %v", len(list), err)
	}
	for i := range list {
		if list[i].Signature, err = checkincode.Sign(demoEventID, id.Key, list[i]); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), export.FileName(id.KioskID, time.Now()))
	if err := export.Write(path, demoEventID, id.Key, id.KioskID, list, time.Now()); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCheckInsPushUploadsOnce(t *testing.T) {
	hubStore, url, pin := demoHub(t)
	dir, _ := demoKioskWithCheckIn(t)
	file := exportOwn(t, dir)
	code, out, errb := mergeRun("checkins", "push", file, file, "--hub", url, "--hub-fingerprint", pin, "--data", dir)
	if code != 0 || !strings.Contains(out, "1 check-in of event interpol-ga85-2016") || !strings.Contains(out, "1 stored, 0 already there, 0 rejected") {
		t.Fatalf("first push: %d %q %q", code, out, errb)
	}
	code, out, errb = mergeRun("checkins", "push", "--hub", url, "--data", dir, "--hub-fingerprint", pin, file)
	if code != 0 || !strings.Contains(out, "0 stored, 1 already there, 0 rejected") {
		t.Fatalf("second push: %d %q %q", code, out, errb)
	}
	if n, _ := hubStore.CheckInCount(context.Background()); n != 1 {
		t.Fatalf("the hub holds %d check-ins", n)
	}
}

func TestCheckInsPushRefusesBeforeSending(t *testing.T) {
	hubStore, url, pin := demoHub(t)
	dir, _ := demoKioskWithCheckIn(t)
	bad := filepath.Join(t.TempDir(), "checkins-x.kcheckins")
	writeFile(t, bad, []byte(`{"format":"kiosk-checkins/1","payload":"e30=","signature":"AAAA"}`))
	code, _, errb := mergeRun("checkins", "push", exportOwn(t, dir), bad, "--hub", url, "--hub-fingerprint", pin, "--data", dir)
	if code == 0 || !strings.Contains(errb, bad) || !strings.Contains(errb, "nothing sent") {
		t.Fatalf("a bad file: %d %q", code, errb)
	}
	if n, _ := hubStore.CheckInCount(context.Background()); n != 0 {
		t.Fatalf("the hub holds %d check-ins after a refused file", n)
	}
	for _, args := range [][]string{{"checkins", "push", "--hub", url, "--data", dir}, {"checkins", "push", "f", "--data", dir}} {
		if code, _, _ := mergeRun(args...); code == 0 {
			t.Fatalf("%v was taken", args)
		}
	}
	code, _, errb = mergeRun("checkins", "push", exportOwn(t, dir), "--hub", "10.0.0.1:8090", "--data", dir)
	if code == 0 || !strings.Contains(errb, "hub URL") {
		t.Fatalf("a hub URL without scheme: %d %q", code, errb)
	}
}

// TestCheckInsPushPinned: a hub whose key is not the one given gets
// nothing; an https hub with no fingerprint and plain http to another
// machine are refused before anything is sent; with no --hub, the hub and
// pin kept in the kiosk's folder are used.
func TestCheckInsPushPinned(t *testing.T) {
	ctx := context.Background()
	hubStore, url, pin := demoHub(t)
	_, _, otherPin := demoHub(t)
	dir, _ := demoKioskWithCheckIn(t)
	file := exportOwn(t, dir)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--hub", url, "--hub-fingerprint", otherPin}, "not the pinned " + otherPin},
		{[]string{"--hub", url}, "no fingerprint"},
		{[]string{"--hub", url, "--hub-fingerprint", "sha256:00"}, "64 hex digits"},
		{[]string{"--hub", "http://192.0.2.7:8090"}, "--insecure-http"},
		{nil, "no hub"},
	} {
		code, _, errb := mergeRun(append([]string{"checkins", "push", file, "--data", dir}, c.args...)...)
		if code == 0 || !strings.Contains(errb, c.want) {
			t.Fatalf("%q: exit %d, %q, want %q", c.args, code, errb, c.want)
		}
	}
	if n, _ := hubStore.CheckInCount(ctx); n != 0 {
		t.Fatalf("the hub holds %d check-ins after refusals", n)
	}
	o, err := kioskdir.Open(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = o.Store.SetHub(ctx, store.HubSetting{URL: url, Fingerprint: pin})
	o.Store.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, errb := mergeRun("checkins", "push", file, "--data", dir)
	if code != 0 || !strings.Contains(out, "1 stored") {
		t.Fatalf("push to the kiosk's own hub: %d %q %q", code, out, errb)
	}
}
