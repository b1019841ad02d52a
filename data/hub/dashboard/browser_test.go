package dashboard

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kiosk/data"
	"kiosk/data/datatest"
	"kiosk/data/hub"
	"kiosk/data/syncproto"
)

// chromium is the path of Debian's chromium (the Makefile's DEBS install
// it). Missing, the test fails in CI and is skipped elsewhere.
func chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed: the dashboard's browser test needs it (apt-get install chromium; make deps)")
	}
	t.Skip("chromium is not installed (apt-get install chromium, or make deps): the dashboard is not tested in a browser")
	return ""
}

// browserTab starts a headless chromium of its own (a fresh profile, no
// network but loopback: no sync, no updates, no QUIC) and opens a tab.
func browserTab(t testing.TB, width, height int) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // chromium refuses to run as root with its sandbox
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(alloc)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	return ctx
}

// consoleProblems collects what the page writes to the console as an
// error or an exception (a script error, a refusal by the page's
// Content-Security-Policy, a missing file); the function returns them.
func consoleProblems(t testing.TB, ctx context.Context) func() []string {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var got []string
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			// The answer to a wrong password is a 401 page, as it should be.
			wrongPassword := strings.HasSuffix(m.URL, "/login") && strings.Contains(m.Text, "401")
			if (m.Type == chromedp.ConsoleError || m.IsException()) && !wrongPassword {
				mu.Lock()
				got = append(got, m.String()+" ("+m.URL+")")
				mu.Unlock()
			}
		}
	}()
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), got...)
	}
}

// waitText polls the page until the element's text is want.
func waitText(t testing.TB, ctx context.Context, sel, want string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var got string
	for time.Now().Before(deadline) {
		var err error
		got, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err == nil && strings.TrimSpace(got) == want {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s shows %q, want %q", sel, got, want)
}

// In a real browser: staff sign in, watch the totals change by themselves
// when kiosks push, and approve a pending kiosk.
func TestDashboardInBrowser(t *testing.T) {
	r := newRig(t, datatestEvent())
	r.setPassword()
	visitor := newTestKiosk(t, "visitor")
	r.knock(visitor)
	ctx := browserTab(t, 1280, 900)
	problems := consoleProblems(t, ctx)

	// Any page sends the browser to the login form first.
	if err := chromedp.Do(ctx, chromedp.Navigate(r.srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("password"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("password"), "not it at all"),
		chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.CSS(`p[role="alert"]`)),
	); err != nil {
		t.Fatal(err)
	}
	// The refusal's page is loaded afresh before the second try: typing
	// into the form while the browser was still swapping documents after
	// the first submit found a node that no longer existed.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(r.srv.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("password")),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.ID("arrived")),
	); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, "#arrived", "0")

	// Kiosks push; the open page follows without a reload.
	id, plenary := r.ev.Event.ID, datatest.CyberID
	r.push(r.north, &syncproto.KioskReport{BundleVersion: 1, Waiting: 2},
		r.north.checkIn(t, id, datatest.StockID, data.PurposePlenary, plenary, venue(t, 7, 11, 2)),
		r.north.checkIn(t, id, datatest.PastikaID, data.PurposePlenary, plenary, venue(t, 7, 11, 3)))
	waitText(t, ctx, "#arrived", "2")
	waitText(t, ctx, "#present", "2")
	r.push(r.south, nil, r.south.checkIn(t, id, datatest.KouassiID, data.PurposePlenary, plenary, venue(t, 7, 11, 4)))
	waitText(t, ctx, "#arrived", "3")
	waitText(t, ctx, "#present", "3")
	waitText(t, ctx, ".quorum .verdict", "Quorum reached")

	// Approve the pending kiosk with its button.
	button := `button[data-kiosk="` + visitor.id + `"]`
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(button)), chromedp.WaitNotPresent(chromedp.CSS(button))); err != nil {
		t.Fatal(err)
	}
	k, err := r.store.Kiosk(context.Background(), visitor.id)
	if err != nil || k.Status != hub.StatusApproved {
		t.Fatalf("after the click the kiosk is %s (%v)", k.Status, err)
	}
	for _, m := range problems() {
		t.Errorf("the page's console: %s", m)
	}
	// The approved kiosk now syncs.
	if status, body := r.call(visitor, syncproto.PathPull, syncproto.PullRequest{EventID: id}); status != 200 {
		t.Fatalf("approved kiosk's pull: %d %s", status, body)
	}
}
