package ui

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"image/png"
	"io"
	"kiosk/ui/i18n"
	"kiosk/ui/rtl"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kiosk/data"
	"kiosk/data/bundle"
	"kiosk/data/datatest"
	"kiosk/data/hub"
	"kiosk/data/hubtls"
	"kiosk/data/source"
	"kiosk/data/store"
	kiosksync "kiosk/data/sync"
)

// hubFront is a real hub (data/hub on its own SQLite store) on loopback,
// which the test can take down: then every connection is dropped, as when
// the venue network is gone.
type hubFront struct {
	url   string
	pin   string // the fingerprint of the hub's key
	store *hub.SQLiteStore
	down  atomic.Bool
}

func (f *hubFront) count(t *testing.T) int64 {
	t.Helper()
	n, err := f.store.CheckInCount(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// syncedKiosk is a test kiosk with sync (off until a hub is set) and a
// real hub that enrols it, on the fixture event signed by the kiosk's
// event key.
func syncedKiosk(t *testing.T) (*testKiosk, *kiosksync.Link, *hubFront) {
	t.Helper()
	var link *kiosksync.Link
	k := newTestKioskWith(t, "test", func(tk *testKiosk, d *Deps) {
		link = kiosksync.NewLink(kiosksync.Config{Store: tk.store, Desk: tk.desk, Now: d.Now,
			PullEvery: 50 * time.Millisecond, MinBackoff: 10 * time.Millisecond, MaxBackoff: 50 * time.Millisecond})
		d.Sync = link
	})
	t.Cleanup(link.Close)
	ctx := context.Background()
	hs, err := hub.OpenSQLite(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { hs.Close() })
	h, err := hub.New(ctx, hs, hub.Options{Now: func() time.Time { return k.now }, Logger: log.New(io.Discard, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	if err := hs.Trust(ctx, k.key.Public().(ed25519.PublicKey)); err != nil {
		t.Fatal(err)
	}
	id, err := k.store.Identity(ctx)
	if err != nil {
		t.Fatal(err)
	}
	src := &source.Sources{Data: *datatest.Event(),
		KioskKeys: []source.KioskKey{{KioskID: id.KioskID, PublicKey: id.Public()}}}
	var buf bytes.Buffer
	if _, err := bundle.Build(&buf, src, k.key, bundle.BuildOptions{Version: 1, Created: k.now.Add(-24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.ImportBundle(ctx, buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	f := &hubFront{store: hs}
	inner := h.Handler()
	kp, err := hub.TLSKeyPair(ctx, hs, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if f.down.Load() {
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				conn.Close()
			}
			return
		}
		inner.ServeHTTP(w, r)
	}))
	srv.TLS = hubtls.ServerConfig(kp)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	f.url, f.pin = srv.URL, kp.Fingerprint
	return k, link, f
}

// until reads the state of sync again and again, as the kiosk does every
// few seconds, until cond holds; sync runs in the background.
func (k *testKiosk) until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(30 * time.Millisecond) {
		k.RefreshSync()
		if cond() {
			return
		}
	}
	t.Fatalf("after 10s, not %s: staff mode says %q, the header %q (shown %v)", what,
		k.Staff.SyncState.Text, k.Sync.Text.Text, k.Sync.box.Visible())
}

// setHub types a hub URL and the fingerprint of its key in staff mode
// and saves them.
func (k *testKiosk) setHub(url, pin string) {
	k.Staff.HubURL.SetText("")
	k.Staff.HubPin.SetText("")
	test.Type(k.Staff.HubURL, url)
	test.Type(k.Staff.HubPin, pin)
	test.Tap(k.Staff.SaveHub)
}

// With the hub down a check-in waits and everyone sees "Offline"; once
// the hub is back it is sent, and staff mode shows nothing waiting.
func TestStaffModeShowsWaitingThenSynced(t *testing.T) {
	k, link, hub := syncedKiosk(t)
	k.RefreshSync()
	if k.Sync.box.Visible() {
		t.Fatalf("the header shows %q with sync off", k.Sync.Text.Text)
	}
	k.openStaff(t, "2468")
	if !strings.Contains(k.Staff.SyncState.Text, "Sync is off") {
		t.Fatalf("sync off: %q", k.Staff.SyncState.Text)
	}
	hub.down.Store(true)
	k.setHub(hub.url, hub.pin)
	if !strings.Contains(k.Staff.Message.Text, "Syncing with "+hub.url) {
		t.Fatalf("after Save: %q", k.Staff.Message.Text)
	}
	test.Tap(k.Staff.Leave)
	k.CheckIn(k.badge(t, datatest.StockID, 1), data.MethodScan)
	if !strings.Contains(k.Result.Headline.Text, "Welcome") {
		t.Fatalf("the scan: %q", k.Result.Headline.Text)
	}
	k.openStaff(t, "2468")
	k.until(t, "offline with one waiting", func() bool {
		return strings.Contains(k.Staff.SyncState.Text, "Check-ins waiting: 1.") &&
			strings.Contains(k.Staff.SyncState.Text, "offline") && k.Sync.Text.Text == "Offline · 1 waiting" &&
			strings.Contains(k.Staff.SyncState.Text, "Last error at")
	})
	test.Tap(k.Staff.Leave)
	if k.Sync.Text.Text != "Offline" || !k.Sync.box.Visible() {
		t.Fatalf("the header outside staff mode: %q", k.Sync.Text.Text)
	}
	// The word is the delegate's language's.
	t.Cleanup(func() { _ = i18n.Set("en"); rtl.SetRightToLeft(false) })
	for lang, want := range map[string]string{"fr": "Hors ligne", "ar": rtl.Visual("غير متصل"), "en": "Offline"} {
		k.SetLanguage(lang)
		if k.Sync.Text.Text != want {
			t.Errorf("the header in %s: %q, want %q", lang, k.Sync.Text.Text, want)
		}
	}
	k.SetLanguage("en")
	hub.down.Store(false)
	k.openStaff(t, "2468")
	k.until(t, "online with nothing waiting", func() bool {
		return strings.Contains(k.Staff.SyncState.Text, "Check-ins waiting: 0.") &&
			strings.Contains(k.Staff.SyncState.Text, hub.url+": online") && k.Sync.Text.Text == "Online · 0 waiting"
	})
	if n := hub.count(t); n != 1 {
		t.Fatalf("the hub holds %d check-ins, want 1", n)
	}
	st, err := link.Status(context.Background())
	if err != nil || st.LastSync.IsZero() ||
		!strings.Contains(k.Staff.SyncState.Text, "Last sync: "+st.LastSync.In(venue).Format("Mon 2 Jan 15:04")) {
		t.Fatalf("last sync not in venue time: %q", k.Staff.SyncState.Text)
	}
}

// A check-in the hub rejects is listed in staff mode with the hub's
// reason, and stays on the kiosk.
func TestRejectedCheckInIsListedWithTheHubsReason(t *testing.T) {
	ctx := context.Background()
	k, _, hub := syncedKiosk(t)
	// A relayed check-in without its kiosk's signature: the hub cannot
	// believe it.
	forged := data.CheckIn{ID: "0123456789abcdef0123456789abcdef", EventID: "test-event", KioskID: "kiosk-0000beef",
		Seq: 1, DelegateID: datatest.StockID, BadgeSerial: 9, Purpose: data.PurposeArrival,
		ScannedAt: k.now.UTC(), HLC: k.now.UnixMilli() << 16, Method: data.MethodScan}
	key, _ := k.desk.PurposeKey(ctx)
	if in, err := k.store.AddCheckIns(ctx, []data.CheckIn{forged}, key, data.OriginExport); err != nil || in.Taken != 1 {
		t.Fatalf("%+v %v", in, err)
	}
	k.openStaff(t, "2468")
	if k.Staff.rejectedBox.Visible() {
		t.Fatal("a rejected list shown with none rejected")
	}
	k.setHub(hub.url, hub.pin)
	k.untilListed(t, 1, "Rejected by the hub: 1.")
	text := k.rejectedRow(0)
	if !strings.Contains(text, "kiosk-0000beef") || !strings.Contains(text, "unknown_kiosk") ||
		!k.Staff.rejectedBox.Visible() || !strings.Contains(k.Staff.SyncState.Text, "Rejected by the hub: 1.") {
		t.Fatalf("rejected row %q, state %q", text, k.Staff.SyncState.Text)
	}
	k.screenshot(t, "staff-sync-rejected")
	if n, _, _ := k.store.CheckInCount(ctx); n != 1 {
		t.Fatalf("the kiosk holds %d check-ins, want the rejected one kept", n)
	}
}

// A bad hub URL is refused with its reason and changes nothing: the
// kiosk goes on syncing with the hub it had.
func TestBadHubURLIsRefusedAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	k, link, hub := syncedKiosk(t)
	k.openStaff(t, "2468")
	k.setHub(hub.url, hub.pin)
	running := link.Client()
	for bad, why := range map[string]string{
		"10.0.0.2:8090":   "must start with https://",
		"ftp://hub":       "must start with https://",
		"http://":         "names no host",
		"http://hub/?a=1": "must have no query",
	} {
		k.setHub(bad, "")
		if !strings.Contains(k.Staff.Message.Text, "Hub not changed: hub URL \""+bad+"\"") ||
			!strings.Contains(k.Staff.Message.Text, why) {
			t.Fatalf("%q: %q", bad, k.Staff.Message.Text)
		}
		if u, _ := k.store.HubURL(ctx); u != hub.url || link.Client() != running {
			t.Fatalf("%q changed the hub to %q", bad, u)
		}
	}
	k.until(t, "online", func() bool { return k.Sync.Text.Text == "Online · 0 waiting" })
	// Empty turns sync off, and the indicator goes.
	k.setHub("", "")
	if link.Client() != nil || !strings.Contains(k.Staff.Message.Text, "Sync is off") || k.Sync.box.Visible() {
		t.Fatalf("empty URL: %q, header shown %v", k.Staff.Message.Text, k.Sync.box.Visible())
	}
}

// Staff mode shows the key an https hub is pinned to and where the pin
// comes from; an https hub with no fingerprint, a malformed fingerprint
// and plain http to another machine are refused with the reason and
// change nothing.
func TestStaffModeHubPin(t *testing.T) {
	ctx := context.Background()
	k, link, hub := syncedKiosk(t)
	k.openStaff(t, "2468")
	k.setHub(hub.url, strings.ToUpper(hub.pin))
	k.until(t, "online and pinned", func() bool {
		return strings.Contains(k.Staff.SyncState.Text, hub.pin+" is trusted (set here)") && k.Sync.Text.Text == "Online · 0 waiting"
	})
	running := link.Client()
	for _, c := range []struct{ url, pin, why string }{
		{hub.url, "", "no fingerprint"},
		{hub.url, "sha256:12", "64 hex digits"},
		{"http://192.0.2.7:8090", "", "--insecure-http"},
	} {
		k.setHub(c.url, c.pin)
		if msg := k.Staff.Message.Text; !strings.Contains(msg, "Hub not changed") || !strings.Contains(msg, c.why) {
			t.Fatalf("%s %q: %q", c.url, c.pin, msg)
		}
		if h, _ := k.store.Hub(ctx); h.URL != hub.url || h.Fingerprint != hub.pin || link.Client() != running {
			t.Fatalf("%s %q changed the hub to %+v", c.url, c.pin, h)
		}
	}
	k.screenshot(t, "staff-sync-pinned")
}

// screenshot saves the test window to KIOSK_TEST_SCREENSHOTS/name.png
// when that is set, to look at what a test drove.
func (k *testKiosk) screenshot(t *testing.T, name string) {
	t.Helper()
	dir := os.Getenv("KIOSK_TEST_SCREENSHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// The test canvas lays out again only on a resize.
	k.window.Resize(fyne.NewSize(1281, 800))
	k.window.Resize(fyne.NewSize(1280, 800))
	if err := png.Encode(f, k.window.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// A failure followed by a successful sync is shown as over; one after the
// last sync is not; a clock far off the hub's is flagged, a close one not.
func TestSyncSectionSaysWhatIsCurrent(t *testing.T) {
	k, _, _ := syncedKiosk(t)
	at := k.now
	k.Staff.showSync(kiosksync.Status{Hub: "http://hub:8090", Online: true, LastSync: at.Add(time.Minute),
		LastError: "hub /v1/pull: connection refused", ErrorAt: at, Offset: 2 * time.Second}, nil)
	text := k.Staff.SyncState.Text
	if !strings.Contains(text, "Last error (a sync succeeded since) at Mon 7 Nov 09:30:00: hub /v1/pull") ||
		!strings.Contains(k.Staff.SyncClock.Text, "+2 s") || k.Staff.SyncClock.Importance == widget.WarningImportance {
		t.Fatalf("%q / %q", text, k.Staff.SyncClock.Text)
	}
	k.Staff.showSync(kiosksync.Status{Hub: "http://hub:8090", LastSync: at, LastError: "refused",
		ErrorAt: at.Add(time.Minute), Offset: -(61*time.Minute + 5*time.Second)}, nil)
	if !strings.Contains(k.Staff.SyncState.Text, "Last error at Mon 7 Nov 09:31:00: refused") ||
		!strings.Contains(k.Staff.SyncClock.Text, "more than a minute") || !strings.Contains(k.Staff.SyncClock.Text, "-1 h 1 min") ||
		k.Staff.SyncClock.Importance != widget.WarningImportance {
		t.Fatalf("%q / %q", k.Staff.SyncState.Text, k.Staff.SyncClock.Text)
	}
}

// A check-in the hub sent and this kiosk refused (a forgery of an
// enrolled kiosk, say) is counted and listed in staff mode, apart from
// those the hub rejected.
func TestCheckInRefusedFromTheHubIsListed(t *testing.T) {
	ctx := context.Background()
	k, _, hub := syncedKiosk(t)
	forged := data.CheckIn{ID: "fedcba9876543210fedcba9876543210", EventID: "test-event", KioskID: "kiosk-0000beef",
		Seq: 7, DelegateID: datatest.StockID, Purpose: data.PurposeArrival, ScannedAt: k.now.UTC()}
	if err := k.store.RefuseFromHub(ctx, []store.Refusal{{CheckIn: forged,
		Reason: errors.New("relayed check-in is not genuine: its signature is not that of kiosk-0000beef's key")}}); err != nil {
		t.Fatal(err)
	}
	k.openStaff(t, "2468")
	k.setHub(hub.url, hub.pin)
	k.untilListed(t, 1, "Refused from the hub: 1.")
	text := k.rejectedRow(0)
	if !strings.Contains(text, "kiosk-0000beef") || !strings.Contains(text, "number 7") ||
		!strings.Contains(text, "Refused from the hub") || !strings.Contains(text, "not genuine") ||
		!strings.Contains(k.Staff.RejectedTitle.Text, "1 check-in refused from the hub") {
		t.Fatalf("row %q, title %q", text, k.Staff.RejectedTitle.Text)
	}
}

// untilListed waits until staff mode lists n check-ins under the sync
// section and its state says what.
func (k *testKiosk) untilListed(t *testing.T, n int, what string) {
	t.Helper()
	k.until(t, what, func() bool {
		return k.Staff.Rejected.Length() == n && strings.Contains(k.Staff.SyncState.Text, what)
	})
}

// rejectedRow is the text of row i of staff mode's list of rejected and
// refused check-ins.
func (k *testKiosk) rejectedRow(i int) string {
	row := k.Staff.Rejected.CreateItem()
	k.Staff.Rejected.UpdateItem(i, row)
	return row.(*widget.Label).Text
}
