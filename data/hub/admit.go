package hub

import (
	"context"
	"crypto/ed25519"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"time"

	"kiosk/data/keys"
	"kiosk/data/syncproto"
)

// admit checks a request's signature, in the order that costs least and
// changes nothing until the signature is known good: the headers, the
// time, the kiosk's key, the signature; then parse reads the body (a
// malformed one is refused and changes nothing); then the store uses up
// the nonce and records the visit with the kiosk's report, and a kiosk
// that waits for approval is refused.
func (h *Hub) admit(r *http.Request, body []byte, parse parser) (request, error) {
	ctx := r.Context()
	if err := h.freshFacts(ctx); err != nil {
		return request{}, err
	}
	a, err := syncproto.ParseAuth(r.Header)
	if errors.Is(err, syncproto.ErrMissingAuth) {
		return request{}, refusal(http.StatusUnauthorized, syncproto.CodeMissingAuth, "%v", err)
	}
	if err != nil {
		return request{}, refusal(http.StatusUnauthorized, syncproto.CodeBadAuth, "%v", err)
	}
	now := h.now()
	if err := a.CheckTime(now); err != nil {
		return request{}, refusal(http.StatusUnauthorized, syncproto.CodeStaleTime, "%v; sign again with the hub's time", err)
	}
	pub, approve, fresh, err := h.keyOf(ctx, a)
	if err != nil {
		return request{}, err
	}
	if err := a.Verify(r.Method, r.URL.RequestURI(), body, pub); err != nil {
		return request{}, refusal(http.StatusUnauthorized, syncproto.CodeBadSignature, "%v", err)
	}
	reserved := fresh && !approve
	if reserved {
		// A kiosk the hub never saw would wait for approval: only while
		// there is room.
		if err := h.pending.reserve(ctx, h, a.KioskID, now); err != nil {
			return request{}, err
		}
	}
	var in any
	v := h.visit(a, r.Header, now, approve)
	v.PublicKey = pub
	if parse != nil {
		var report *syncproto.KioskReport
		if in, report, err = parse(body); err != nil {
			// Nothing is recorded, so the place is free again: else a
			// stream of malformed bodies under new keys would fill them.
			if reserved {
				h.pending.release()
			}
			return request{}, err
		}
		if report != nil {
			v.Report = &KioskReport{BundleVersion: report.BundleVersion, Waiting: report.Waiting, At: now}
		}
	}
	k, err := h.store.Admit(ctx, v)
	if err != nil && reserved {
		h.pending.release()
	}
	if errors.Is(err, ErrReplayed) {
		return request{}, refusal(http.StatusUnauthorized, syncproto.CodeReplayedNonce, "%v", err)
	}
	if err != nil {
		return request{}, err
	}
	if k.Status != StatusApproved {
		if k.FirstSeen.Equal(k.LastSeen) {
			h.log.Printf("kiosk %s (key fingerprint %s) asks to sync; to let it: hub kiosks approve %s", k.ID, keys.Fingerprint(k.PublicKey), k.ID)
		}
		return request{}, refusal(http.StatusForbidden, syncproto.CodePending,
			"kiosk %s waits for staff approval on the hub (hub kiosks approve %s)", k.ID, k.ID)
	}
	return request{kiosk: k, body: body, in: in}, nil
}

// keyOf is the key a request must be signed with, whether the kiosk is
// approved by this request (enrolled in the bundle, or new on the demo
// event), and whether the hub never saw it (fresh).
func (h *Hub) keyOf(ctx context.Context, a syncproto.Auth) (pub ed25519.PublicKey, approve, fresh bool, err error) {
	pub, enrolled, stored, err := h.knownKey(ctx, a.KioskID)
	switch {
	case err != nil:
		return nil, false, false, err
	case pub != nil:
		return pub, enrolled, false, nil
	case stored == nil && (a.Key == nil || syncproto.KioskIDFor(a.Key) != a.KioskID):
		// A kiosk the hub never saw introduces itself with its key; the
		// key must be the one its id is made from.
		return nil, false, false, refusal(http.StatusUnauthorized, syncproto.CodeUnknownKiosk,
			"kiosk %s is not enrolled in the event's bundle and sent no key its id is made from", a.KioskID)
	}
	return a.Key, h.facts.Load().demo, true, nil
}

// How the hub keeps count of the kiosks waiting for approval: counted
// from the store at most once a minute (hub kiosks approve, another
// process, lowers the count meanwhile), or sooner when the count says
// full, and raised by each kiosk it records as pending in between.
const (
	pendingRecount     = time.Minute
	pendingRecountFull = 5 * time.Second
	// pendingLogEvery spaces out the log line about refused kiosks: an
	// attacker's stream of key pairs must not fill the hub's log either.
	pendingLogEvery = time.Minute
)

// pendingGate bounds the kiosks waiting for approval
// (syncproto.MaxPendingKiosks). It counts them through Store.Kiosks, so
// that every Store implementation bounds them alike; the count is an
// estimate between recounts (several hub processes on one store each
// raise their own), never off by more than what one minute brings.
type pendingGate struct {
	max int // syncproto.MaxPendingKiosks when 0

	mu      sync.Mutex
	n       int       // pending kiosks as last counted, with those recorded since
	counted time.Time // when n was counted; zero: never
	logged  time.Time // when a refusal was last logged
}

// reserve takes a place for a kiosk about to be recorded as pending, or
// refuses it (429 pending_full) when every place is taken.
func (g *pendingGate) reserve(ctx context.Context, h *Hub, kioskID string, now time.Time) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	limit := g.max
	if limit <= 0 {
		limit = syncproto.MaxPendingKiosks
	}
	age := now.Sub(g.counted)
	if g.counted.IsZero() || age >= pendingRecount || age < 0 || (g.n >= limit && age >= pendingRecountFull) {
		ks, err := h.store.Kiosks(ctx)
		if err != nil {
			return err
		}
		g.n, g.counted = 0, now
		for _, k := range ks {
			if k.Status == StatusPending {
				g.n++
			}
		}
	}
	if g.n >= limit {
		if g.logged.IsZero() || now.Sub(g.logged) >= pendingLogEvery {
			g.logged = now
			h.log.Printf("refusing kiosks the hub does not know (%s, first %s): %d kiosks already wait for approval, the most it keeps; "+
				"approve the genuine ones (hub kiosks approve ID) or enrol new kiosks in the event's bundle; said again in a minute at most",
				syncproto.CodePendingFull, kioskID, g.n)
		}
		return refusal(http.StatusTooManyRequests, syncproto.CodePendingFull,
			"kiosk %s is not recorded: %d kiosks are already waiting for approval on the hub, the most it keeps; "+
				"ask staff to enrol this kiosk in the event's bundle or to approve waiting ones, then try again", kioskID, g.n)
	}
	g.n++
	return nil
}

// release gives back a place reserved for a kiosk that was not recorded.
func (g *pendingGate) release() {
	g.mu.Lock()
	g.n = max(g.n-1, 0)
	g.mu.Unlock()
}

// visit is what the store records of an admitted request. The kiosk's
// own clock is its signed time less the correction it says it applied
// (syncproto.HeaderClockCorrection): the signed time alone is corrected
// already and would hide a kiosk whose clock is a day off.
func (h *Hub) visit(a syncproto.Auth, hdr http.Header, now time.Time, approve bool) Visit {
	status := StatusPending
	if approve {
		status = StatusApproved
	}
	offset := a.Offset(now)
	if c, err := strconv.ParseInt(hdr.Get(syncproto.HeaderClockCorrection), 10, 64); err == nil {
		offset -= time.Duration(c) * time.Millisecond
	}
	return Visit{KioskID: a.KioskID, Status: status, Nonce: a.Nonce, NonceUntil: a.Time().Add(syncproto.ClockWindow),
		Seen: now, Offset: offset, Flagged: offset.Abs() > syncproto.FlagOffset}
}
