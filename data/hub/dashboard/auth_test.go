package dashboard

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kiosk/data/hub"
)

// Nothing but the login page and its style is served without a session:
// pages redirect to the login, the live part and the forms are refused.
func TestNoPageWithoutLogin(t *testing.T) {
	r := newRig(t, datatestEvent())
	r.setPassword()
	c := r.browser()
	for _, path := range []string{"/", "/checkins.csv", "/presence.csv"} {
		if p := r.get(c, path); p.status != http.StatusSeeOther || p.header.Get("Location") != "/login" {
			t.Errorf("GET %s without a session: %d %q", path, p.status, p.header.Get("Location"))
		}
	}
	if p := r.get(c, "/live"); p.status != http.StatusUnauthorized {
		t.Errorf("GET /live without a session: %d", p.status)
	}
	visitor := newTestKiosk(t, "visitor")
	r.knock(visitor)
	for _, path := range []string{"/kiosks/approve", "/bundle", "/logout"} {
		if p := r.post(c, path, url.Values{"kiosk": {visitor.id}}); p.status != http.StatusUnauthorized {
			t.Errorf("POST %s without a session: %d", path, p.status)
		}
	}
	if k, _ := r.store.Kiosk(context.Background(), visitor.id); k.Status != hub.StatusPending {
		t.Fatalf("a kiosk was approved without a session: %s", k.Status)
	}
	login := r.get(c, "/login")
	for h, want := range map[string]string{"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff"} {
		if got := login.header.Get(h); got != want {
			t.Errorf("%s: %q", h, got)
		}
	}
	if csp := login.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP %q", csp)
	}
	if p := r.get(c, "/static/style.css"); p.status != http.StatusOK {
		t.Errorf("style: %d", p.status)
	}
	// The protocol keeps its own answers under /v1/.
	if p := r.get(c, "/v1/nothing"); p.status != http.StatusNotFound || !strings.Contains(p.body, `"not_found"`) {
		t.Errorf("/v1/nothing: %d %s", p.status, p.body)
	}
}

func TestLoginNeedsAPasswordSet(t *testing.T) {
	r := newRig(t, datatestEvent())
	c := r.browser()
	p := r.get(c, "/login")
	if !strings.Contains(p.body, "hub passwd --data DIR") || strings.Contains(p.body, `type="password"`) {
		t.Fatalf("login page without a password: %s", p.body)
	}
	if p := r.post(c, "/login", url.Values{"password": {"anything at all"}}); p.status == http.StatusSeeOther {
		t.Fatal("signed in with no password set")
	}
}

func TestLogin(t *testing.T) {
	r := newRig(t, datatestEvent())
	r.setPassword()
	c := r.browser()
	if p := r.login(c, "wrong password!"); p.status != http.StatusUnauthorized || !strings.Contains(p.body, "Wrong password.") {
		t.Fatalf("wrong password: %d", p.status)
	}
	// A login form posted without the token its page carried (another
	// site's form) is refused whatever the password.
	if p := r.post(c, "/login", url.Values{"password": {testPassword}}); p.status != http.StatusForbidden {
		t.Fatalf("login without CSRF token: %d", p.status)
	}
	other := r.browser()
	token := csrfOf(t, r.get(other, "/login"))
	if p := r.post(c, "/login", url.Values{"csrf": {token}, "password": {testPassword}}); p.status != http.StatusForbidden {
		t.Fatalf("login with another browser's token: %d", p.status)
	}
	p := r.login(c, testPassword)
	if p.status != http.StatusOK || !strings.Contains(p.body, r.ev.Event.Name) {
		t.Fatalf("dashboard after login: %d %.200s", p.status, p.body)
	}
	u, _ := url.Parse(r.srv.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == sessionCookie {
			return
		}
	}
	t.Fatal("no session cookie")
}

func TestSessionCookieFlags(t *testing.T) {
	r := newRig(t, datatestEvent(), func(o *Options) { o.Secure = true })
	r.setPassword()
	c := r.browser()
	form := r.get(c, "/login")
	resp, err := c.PostForm(r.srv.URL+"/login", url.Values{"csrf": {csrfOf(t, form)}, "password": {testPassword}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, ck := range resp.Cookies() {
		if ck.Name == sessionCookie && (!ck.HttpOnly || !ck.Secure || ck.SameSite != http.SameSiteStrictMode) {
			t.Fatalf("session cookie %+v", ck)
		}
	}
}

// After five wrong passwords a client waits, even with the right one.
func TestLoginGuessesAreLimited(t *testing.T) {
	r := newRig(t, datatestEvent())
	r.setPassword()
	c := r.browser()
	for range maxFailures {
		r.login(c, "not the password")
	}
	if p := r.login(c, testPassword); p.status != http.StatusTooManyRequests || !strings.Contains(p.body, "wait") {
		t.Fatalf("sixth try: %d", p.status)
	}
}

// Sessions are signed, not stored: another dashboard on the same store
// (another hub process) accepts them; signing out and a new password end
// them everywhere; a changed cookie is refused.
func TestSessionsAcrossProcessesAndTheirEnd(t *testing.T) {
	r := newRig(t, datatestEvent())
	r.setPassword()
	c := r.browser()
	r.login(c, testPassword)
	second, err := New(context.Background(), r.hub, Options{Logger: r.dash.opts.Logger})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(r.srv.URL)
	var value string
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == sessionCookie {
			value = ck.Value
		}
	}
	req := func(v string) *http.Request {
		q, _ := http.NewRequest(http.MethodGet, r.srv.URL+"/live", nil)
		q.AddCookie(&http.Cookie{Name: sessionCookie, Value: v})
		return q
	}
	if _, ok := second.auth.session(req(value)); !ok {
		t.Fatal("another process on the store refused the session")
	}
	if _, ok := second.auth.session(req(value[:len(value)-2] + "xx")); ok {
		t.Fatal("a changed session cookie was accepted")
	}
	// Signing out ends the session here and in the other process.
	page := r.get(c, "/")
	if p := r.post(c, "/logout", url.Values{"csrf": {csrfOf(t, page)}}); p.status != http.StatusSeeOther {
		t.Fatalf("logout: %d", p.status)
	}
	if _, ok := second.auth.session(req(value)); ok {
		t.Fatal("a session outlived signing out")
	}
	r.login(c, testPassword)
	if p := r.get(c, "/"); p.status != http.StatusOK {
		t.Fatalf("after signing in again: %d", p.status)
	}
	if err := SetPassword(context.Background(), r.store, "another good password"); err != nil {
		t.Fatal(err)
	}
	if p := r.get(c, "/"); p.status != http.StatusSeeOther {
		t.Fatalf("a session outlived the password change: %d", p.status)
	}
	if p := r.login(c, testPassword); p.status != http.StatusUnauthorized {
		t.Fatalf("the old password still works: %d", p.status)
	}
	if err := SetPassword(context.Background(), r.store, "short"); err == nil {
		t.Fatal("a short password was set")
	}
}

// Every form wants its session's CSRF token and a request from the
// dashboard's own site; a refused one changes nothing.
func TestFormsWantTheirToken(t *testing.T) {
	r := newRig(t, datatestEvent())
	r.setPassword()
	visitor := newTestKiosk(t, "visitor")
	r.knock(visitor)
	c := r.browser()
	page := r.login(c, testPassword)
	if !strings.Contains(page.body, `data-kiosk="`+visitor.id+`"`) {
		t.Fatalf("the pending kiosk has no approve button")
	}
	if p := r.post(c, "/kiosks/approve", url.Values{"kiosk": {visitor.id}}); p.status != http.StatusForbidden {
		t.Fatalf("approve without token: %d", p.status)
	}
	if p := r.post(c, "/kiosks/approve", url.Values{"kiosk": {visitor.id}, "csrf": {"forged"}}); p.status != http.StatusForbidden {
		t.Fatalf("approve with a forged token: %d", p.status)
	}
	form := url.Values{"kiosk": {visitor.id}, "csrf": {csrfOf(t, page)}}
	q, _ := http.NewRequest(http.MethodPost, r.srv.URL+"/kiosks/approve", strings.NewReader(form.Encode()))
	q.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	q.Header.Set("Origin", "http://attacker.example")
	resp, err := c.Do(q)
	if err != nil {
		t.Fatal(err)
	}
	if p := read(t, resp); p.status != http.StatusForbidden || !strings.Contains(p.body, "attacker.example") {
		t.Fatalf("approve from another origin: %d %s", p.status, p.body)
	}
	if k, _ := r.store.Kiosk(context.Background(), visitor.id); k.Status != hub.StatusPending {
		t.Fatal("a refused form approved the kiosk")
	}
	if p := r.post(c, "/kiosks/approve", url.Values{"kiosk": {"kiosk-nobody"}, "csrf": {csrfOf(t, page)}}); p.status != http.StatusNotFound ||
		!strings.Contains(p.body, "never seen") {
		t.Fatalf("approve an unknown kiosk: %d", p.status)
	}
	if p := r.post(c, "/kiosks/approve", form); p.status != http.StatusSeeOther {
		t.Fatalf("approve: %d %s", p.status, p.body)
	}
	if k, _ := r.store.Kiosk(context.Background(), visitor.id); k.Status != hub.StatusApproved {
		t.Fatal("the kiosk was not approved")
	}
}
