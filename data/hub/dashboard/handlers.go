package dashboard

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"kiosk/data/bundle"
	"kiosk/data/hub"
	"kiosk/data/pinhash"
)

// maxBundle is the largest bundle an upload may carry: a kiosk's limit.
var maxBundle = bundle.DefaultLimits.BundleSize

type loginView struct {
	CSRF       string
	Problem    string
	NoPassword bool
	MinLength  int
}

// loginPage shows the login form. Its CSRF token is tied to a random
// login cookie, so that another site cannot sign a browser in as staff.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.showLogin(w, r, http.StatusOK, "")
}

func (s *Server) showLogin(w http.ResponseWriter, r *http.Request, status int, problem string) {
	has, err := HasPassword(r.Context(), s.hub.Store())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	nonce := randomHex(16)
	if c, err := r.Cookie(loginCookie); err == nil && len(c.Value) == 32 {
		nonce = c.Value
	}
	http.SetCookie(w, cookie(r, s.opts.Secure, loginCookie, nonce, s.opts.Now().Add(time.Hour)))
	s.render(w, status, "login", loginView{CSRF: s.auth.loginCSRF(nonce), Problem: problem, NoPassword: !has,
		MinLength: pinhash.MinPasswordLength})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if err := sameSite(r); err != nil {
		s.showLogin(w, r, http.StatusForbidden, err.Error())
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	c, err := r.Cookie(loginCookie)
	if err != nil || r.PostFormValue("csrf") != s.auth.loginCSRF(c.Value) {
		s.showLogin(w, r, http.StatusForbidden, "This login form is out of date or did not come from the dashboard; try again.")
		return
	}
	client, now := clientOf(r), s.opts.Now()
	if !s.auth.guard.allow(client, now) {
		s.showLogin(w, r, http.StatusTooManyRequests, fmt.Sprintf("Too many wrong passwords from this computer: wait %s and try again.", lockout))
		return
	}
	ok, err := s.auth.check(r.Context(), r.PostFormValue("password"))
	if errors.Is(err, ErrNoPassword) {
		s.showLogin(w, r, http.StatusForbidden, "No staff password is set yet.")
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.auth.guard.record(client, ok, now)
	if !ok {
		s.opts.Logger.Printf("dashboard: wrong staff password from %s", client)
		s.showLogin(w, r, http.StatusUnauthorized, "Wrong password.")
		return
	}
	value, until, err := s.auth.issue(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.SetCookie(w, cookie(r, s.opts.Secure, sessionCookie, value, until))
	http.SetCookie(w, cookie(r, s.opts.Secure, loginCookie, "", time.Time{}))
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// logout ends every session: sessions are not stored, so one cannot end
// alone. The page says so.
func (s *Server) logout(w http.ResponseWriter, r *http.Request, _ session) {
	if err := endSessions(r.Context(), s.hub.Store()); err != nil {
		s.fail(w, r, err)
		return
	}
	http.SetCookie(w, cookie(r, s.opts.Secure, sessionCookie, "", time.Time{}))
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, sess session) {
	s.showDashboard(w, r, sess, http.StatusOK, "", "")
}

func (s *Server) showDashboard(w http.ResponseWriter, r *http.Request, sess session, status int, notice, problem string) {
	v, err := s.view(r.Context(), sess)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v.Notice, v.Problem = notice, problem
	s.render(w, status, "dashboard", v)
}

// live is the part of the page that changes, for the page's script to
// put in place.
func (s *Server) live(w http.ResponseWriter, r *http.Request, sess session) {
	v, err := s.view(r.Context(), sess)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, http.StatusOK, "live", v)
}

func (s *Server) approve(w http.ResponseWriter, r *http.Request, sess session) {
	id := r.PostFormValue("kiosk")
	k, err := s.hub.Store().Kiosk(r.Context(), id)
	if errors.Is(err, hub.ErrNoKiosk) {
		s.showDashboard(w, r, sess, http.StatusNotFound, "", fmt.Sprintf("The hub has never seen a kiosk %q.", id))
		return
	}
	if err == nil && k.Status != hub.StatusApproved {
		err = s.hub.Store().Approve(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.opts.Logger.Printf("dashboard: kiosk %s approved by staff", id)
	http.Redirect(w, r, "/#kiosks", http.StatusSeeOther)
}

// upload installs a bundle the way "hub bundle import" does
// (hub.ImportBundle: the same checks as a kiosk's).
func (s *Server) upload(w http.ResponseWriter, r *http.Request, sess session) {
	f, hdr, err := r.FormFile("bundle")
	if err != nil {
		s.showDashboard(w, r, sess, http.StatusBadRequest, "", "Choose a bundle file (.kbundle) to upload.")
		return
	}
	defer f.Close()
	if hdr.Size > maxBundle {
		s.showDashboard(w, r, sess, http.StatusRequestEntityTooLarge, "", fmt.Sprintf("%s is larger than a bundle may be (%d MiB).", hdr.Filename, maxBundle>>20))
		return
	}
	raw, err := io.ReadAll(io.LimitReader(f, maxBundle+1))
	if err != nil || int64(len(raw)) > maxBundle {
		s.showDashboard(w, r, sess, http.StatusBadRequest, "", fmt.Sprintf("%s could not be read whole.", hdr.Filename))
		return
	}
	b, err := s.hub.ImportBundle(r.Context(), raw)
	if err != nil {
		s.showDashboard(w, r, sess, http.StatusBadRequest, "", fmt.Sprintf("%s was not installed: %v", hdr.Filename, err))
		return
	}
	s.opts.Logger.Printf("dashboard: bundle %s version %d installed by staff", b.Manifest.EventID, b.Manifest.Version)
	installed := fmt.Sprintf("Installed %s version %d (%d enrolled kiosks). Kiosks fetch it on their next sync.",
		b.Manifest.EventID, b.Manifest.Version, len(b.Sources.KioskKeys))
	// Installed either way; a bundle pinning another hub's key is shown
	// as a problem beside it, since its kiosks would refuse this hub.
	warning, err := s.hub.OtherPin(r.Context(), b)
	if err != nil {
		s.opts.Logger.Printf("dashboard: the hub's key could not be read to compare with the bundle's pin: %v", err)
		warning = "The hub's key could not be read to check the bundle's hub_fingerprint; see the hub's log."
	} else if warning != "" {
		warning = "Warning: " + warning + "."
	}
	s.showDashboard(w, r, sess, http.StatusOK, installed, warning)
}
