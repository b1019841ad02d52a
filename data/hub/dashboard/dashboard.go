// Package dashboard is the staff dashboard the hub serves at /: live
// totals (delegates by country and role, member countries at the plenary
// and the quorum, attendance per session), the kiosks and their state,
// conflicting check-ins, CSV downloads and bundle upload. Every page and
// download needs the staff password (set with "hub passwd"); every form
// carries a CSRF token.
//
// It reads the hub's state only through hub.Store, and keeps its own
// (the password's hash, the session key) in the store's settings, so
// that several hub processes on one store serve one dashboard.
package dashboard

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"kiosk/data/hub"
)

//go:embed web
var web embed.FS

var pages = template.Must(template.New("").ParseFS(web, "web/*.html"))

// Options configure a Server.
type Options struct {
	Now    func() time.Time // time.Now when nil
	Logger *log.Logger      // log.Default when nil
	// Secure marks cookies Secure even on a request that did not come
	// over TLS here (a TLS proxy in front); a request over TLS always is.
	Secure bool
	// Refresh is how often an open page asks for new totals; 2 s when 0.
	Refresh time.Duration
}

// Server serves the dashboard.
type Server struct {
	hub  *hub.Hub
	opts Options
	auth *auth
	mux  *http.ServeMux

	mu    sync.Mutex
	ev    *event
	tally *tally
	// tallyKey is the bundle and check-in count the tally was made for.
	tallyKey string
}

// New makes the dashboard of h. It makes the session key on first use.
func New(ctx context.Context, h *hub.Hub, opts Options) (*Server, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = log.Default()
	}
	if opts.Refresh <= 0 {
		opts.Refresh = 2 * time.Second
	}
	a, err := newAuth(ctx, h.Store(), opts.Now)
	if err != nil {
		return nil, fmt.Errorf("the dashboard's session key: %w", err)
	}
	s := &Server{hub: h, opts: opts, auth: a, mux: http.NewServeMux()}
	static, _ := fs.Sub(web, "web")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.mux.HandleFunc("GET /login", s.loginPage)
	s.mux.HandleFunc("POST /login", s.login)
	s.mux.HandleFunc("POST /logout", s.staff(s.logout))
	s.mux.HandleFunc("GET /{$}", s.staff(s.dashboard))
	s.mux.HandleFunc("GET /live", s.staff(s.live))
	s.mux.HandleFunc("GET /checkins.csv", s.staff(s.checkInsCSV))
	s.mux.HandleFunc("GET /presence.csv", s.staff(s.presenceCSV))
	s.mux.HandleFunc("POST /kiosks/approve", s.staff(s.approve))
	s.mux.HandleFunc("POST /bundle", s.staff(s.upload))
	return s, nil
}

// ServeHTTP serves the dashboard with headers that keep its pages in
// their own window: no framing, no script but its own file, no sniffing.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "+
		"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if !strings.HasPrefix(r.URL.Path, "/static/") {
		h.Set("Cache-Control", "no-store")
	}
	if r.TLS != nil {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	s.mux.ServeHTTP(w, r)
}

// staff lets a request through only with a valid session, and a POST only
// with the session's CSRF token and from this site.
func (s *Server) staff(next func(http.ResponseWriter, *http.Request, session)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sess, ok := s.auth.session(r)
		switch {
		case !ok && r.Method == http.MethodGet && r.URL.Path != "/live":
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		case !ok:
			http.Error(w, "Sign in first: your session is over or was never started.", http.StatusUnauthorized)
			return
		}
		if r.Method == http.MethodPost {
			if err := sameSite(r); err != nil {
				http.Error(w, err.Error(), http.StatusForbidden)
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, maxForm(r))
			if r.PostFormValue("csrf") != s.auth.csrf(sess) {
				http.Error(w, "This form is out of date or did not come from the dashboard; reload the page and try again.", http.StatusForbidden)
				return
			}
		}
		next(w, r, sess)
	}
}

// maxForm bounds a form's body: a bundle upload may be as large as a
// bundle, anything else is a few fields.
func maxForm(r *http.Request) int64 {
	if r.URL.Path == "/bundle" {
		return maxBundle + 1<<20
	}
	return 64 << 10
}

// sameSite refuses a POST a browser says another site started. The CSRF
// token is the defence; this one costs nothing and says why in words.
func sameSite(r *http.Request) error {
	if site := r.Header.Get("Sec-Fetch-Site"); site == "cross-site" || site == "same-site" {
		return errors.New("this form was sent from another site; open the dashboard itself and try again")
	}
	if o := r.Header.Get("Origin"); o != "" && o != "null" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return fmt.Errorf("this form was sent from %s, not from the dashboard at %s", o, r.Host)
		}
	}
	return nil
}

func (s *Server) render(w http.ResponseWriter, status int, name string, v any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := pages.ExecuteTemplate(w, name, v); err != nil {
		s.opts.Logger.Printf("dashboard: %s: %v", name, err)
	}
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	s.opts.Logger.Printf("dashboard: %s %s: %v", r.Method, r.URL.Path, err)
	http.Error(w, "The hub could not answer this; try again. The reason is in the hub's log.", http.StatusInternalServerError)
}
