package dashboard

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"kiosk/data/hub"
	"kiosk/data/pinhash"
)

// The settings the dashboard keeps in the hub's store, so that every hub
// process on one store accepts the others' sessions.
const (
	settingPassword   = "dashboard.password"   // the staff password's argon2id hash
	settingKey        = "dashboard.key"        // signs sessions and CSRF tokens
	settingGeneration = "dashboard.generation" // a session of another generation is over
)

// Cookies and their lifetimes.
const (
	sessionCookie = "hub_session"
	loginCookie   = "hub_login" // ties the login form's CSRF token to the browser
	sessionLife   = 12 * time.Hour
)

// ErrNoPassword says the dashboard has no staff password yet.
var ErrNoPassword = errors.New("no staff password is set: run \"hub passwd --data DIR\" on the hub's machine")

// SetPassword sets the staff password (see pinhash.ValidPassword) and
// ends every session, in this process and every other on the store.
func SetPassword(ctx context.Context, s hub.Store, pw string) error {
	h, err := pinhash.HashPassword(pw)
	if err != nil {
		return err
	}
	if err := s.SetSetting(ctx, settingPassword, []byte(h)); err != nil {
		return err
	}
	return endSessions(ctx, s)
}

// HasPassword says whether a staff password is set on the store.
func HasPassword(ctx context.Context, s hub.Store) (bool, error) {
	_, ok, err := s.Setting(ctx, settingPassword)
	return ok, err
}

// endSessions starts a new session generation: every session cookie
// issued before names the old one and is refused from now on.
func endSessions(ctx context.Context, s hub.Store) error {
	return s.SetSetting(ctx, settingGeneration, []byte(randomHex(16)))
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("no randomness: " + err.Error()) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b)
}

// auth issues and checks sessions and CSRF tokens. Sessions are
// stateless: a cookie holds the generation, the expiry and a random
// session id, signed with the store's key; the CSRF token of a form is
// the key's MAC of the session id (or, on the login form, of the login
// cookie), so a page of another site can neither read nor forge it.
type auth struct {
	store hub.Store
	key   []byte
	now   func() time.Time
	// guard slows down password guessing; see allow.
	guard guard
}

type session struct {
	id string
}

func newAuth(ctx context.Context, s hub.Store, now func() time.Time) (*auth, error) {
	key, err := s.SettingOnce(ctx, settingKey, []byte(randomHex(32)))
	if err != nil {
		return nil, err
	}
	return &auth{store: s, key: key, now: now, guard: guard{failures: map[string]*failures{}, slots: make(chan struct{}, 2)}}, nil
}

func (a *auth) mac(parts ...string) string {
	m := hmac.New(sha256.New, a.key)
	m.Write([]byte(strings.Join(parts, "\x00")))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (a *auth) generation(ctx context.Context) (string, error) {
	g, _, err := a.store.Setting(ctx, settingGeneration)
	return string(g), err
}

// issue makes a new session's cookie value.
func (a *auth) issue(ctx context.Context) (string, time.Time, error) {
	gen, err := a.generation(ctx)
	if err != nil {
		return "", time.Time{}, err
	}
	until := a.now().Add(sessionLife)
	payload := strings.Join([]string{"v1", gen, strconv.FormatInt(until.Unix(), 10), randomHex(16)}, "|")
	enc := base64.RawURLEncoding.EncodeToString([]byte(payload))
	return enc + "." + a.mac("session", enc), until, nil
}

// session checks the request's session cookie: signed by the key, not
// expired, of the current generation.
func (a *auth) session(r *http.Request) (session, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return session{}, false
	}
	enc, mac, ok := strings.Cut(c.Value, ".")
	if !ok || !hmac.Equal([]byte(mac), []byte(a.mac("session", enc))) {
		return session{}, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil {
		return session{}, false
	}
	f := strings.Split(string(raw), "|")
	if len(f) != 4 || f[0] != "v1" {
		return session{}, false
	}
	until, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil || a.now().Unix() >= until {
		return session{}, false
	}
	gen, err := a.generation(r.Context())
	if err != nil || gen != f[1] {
		return session{}, false
	}
	return session{id: f[3]}, true
}

func (a *auth) csrf(s session) string { return a.mac("csrf", s.id) }

func (a *auth) loginCSRF(nonce string) string { return a.mac("login", nonce) }

// cookie makes a dashboard cookie: never readable by scripts, never sent
// by a request another site starts, and over TLS only when the page came
// over TLS.
func cookie(r *http.Request, secure bool, name, value string, until time.Time) *http.Cookie {
	c := &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: secure || r.TLS != nil}
	if until.IsZero() {
		c.MaxAge = -1
	} else {
		c.Expires = until
	}
	return c
}

// guard limits password guesses: each client address gets maxFailures
// wrong passwords per lockout, then waits; and at most cap(slots) hashes
// run at once, so a flood of logins cannot take the machine's memory
// (each check takes 64 MiB).
type guard struct {
	mu       sync.Mutex
	failures map[string]*failures
	slots    chan struct{}
}

type failures struct {
	n     int
	since time.Time
}

const (
	maxFailures = 5
	lockout     = time.Minute
)

func clientOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// allow says whether the client may try a password now.
func (g *guard) allow(client string, now time.Time) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	f := g.failures[client]
	if f == nil || now.Sub(f.since) >= lockout {
		return true
	}
	return f.n < maxFailures
}

func (g *guard) record(client string, ok bool, now time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if ok {
		delete(g.failures, client)
		return
	}
	if len(g.failures) > 10000 {
		for c, f := range g.failures {
			if now.Sub(f.since) >= lockout {
				delete(g.failures, c)
			}
		}
	}
	f := g.failures[client]
	if f == nil || now.Sub(f.since) >= lockout {
		f = &failures{since: now}
		g.failures[client] = f
	}
	f.n++
}

// check compares a password with the stored hash, one of cap(slots) at a
// time.
func (a *auth) check(ctx context.Context, pw string) (bool, error) {
	h, ok, err := a.store.Setting(ctx, settingPassword)
	if err != nil {
		return false, err
	}
	if !ok {
		return false, ErrNoPassword
	}
	if len(pw) > pinhash.MaxPasswordLength {
		return false, nil
	}
	select {
	case a.guard.slots <- struct{}{}:
	case <-ctx.Done():
		return false, ctx.Err()
	}
	defer func() { <-a.guard.slots }()
	return pinhash.Matches(string(h), pw), nil
}
