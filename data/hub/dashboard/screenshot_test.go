package dashboard

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kiosk/data"
	"kiosk/data/demo"
	"kiosk/data/syncproto"
)

// TestDashboardScreenshot draws the README's picture of the dashboard: the
// demo programme and delegates (signed with a test key, so kiosks wait
// for approval), three kiosks, a morning of check-ins with a quorum at
// the plenary and one badge checked in at two doors. It runs when
// DASHBOARD_SCREENSHOT names the PNG to write ("make screenshot").
func TestDashboardScreenshot(t *testing.T) {
	out := os.Getenv("DASHBOARD_SCREENSHOT")
	if out == "" {
		t.Skip("set DASHBOARD_SCREENSHOT=docs/dashboard.png to draw the README's picture")
	}
	ev, err := demo.Generate(demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := newRig(t, ev)
	r.setPassword()
	var plenary data.Session
	for _, s := range ev.Sessions {
		if s.Kind == data.KindPlenary && (plenary.ID == "" || strings.Contains(s.Title, "resolutions")) {
			plenary = s
		}
	}
	r.north.room, r.south.room = plenary.RoomID, plenary.RoomID
	day := plenary.Start.Add(-40 * time.Minute)

	// Arrivals at the north door for most delegates; the plenary door
	// takes the heads of delegation of 130 countries.
	var arrivals, atPlenary []data.CheckIn
	heads := map[string]bool{}
	for i, d := range ev.Delegates {
		if i%5 != 4 {
			arrivals = append(arrivals, r.north.checkIn(t, ev.Event.ID, d.ID, data.PurposeArrival, "", day.Add(time.Duration(i)*2*time.Second)))
		}
		if d.Role == data.RoleHead && !heads[d.CountryCode] && len(heads) < 130 {
			heads[d.CountryCode] = true
			atPlenary = append(atPlenary, r.south.checkIn(t, ev.Event.ID, d.ID, data.PurposePlenary, plenary.ID, plenary.Start.Add(time.Duration(i)*time.Second)))
		}
	}
	// One head checked in at the north door too while both were offline:
	// the later scan does not count.
	twice := atPlenary[3]
	late := r.north.checkIn(t, ev.Event.ID, twice.DelegateID, data.PurposePlenary, plenary.ID, twice.ScannedAt.Add(47*time.Second))
	r.push(r.north, &syncproto.KioskReport{BundleVersion: 1, Waiting: 0}, append(arrivals, late)...)
	r.south.skew = 3 * time.Minute // its clock is off: flagged
	r.push(r.south, &syncproto.KioskReport{BundleVersion: 1, Waiting: 12}, atPlenary...)
	r.knock(newTestKiosk(t, "visitor"))

	ctx := browserTab(t, 1440, 1000)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(r.srv.URL+"/login"),
		chromedp.WaitVisible(chromedp.ID("password")),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.ID("arrived")),
	); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes)", out, len(png))
}
