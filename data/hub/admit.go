package hub

import (
	"context"
	"crypto/ed25519"
	"errors"
	"net/http"
	"strconv"
	"time"

	"kiosk/data/keys"
	"kiosk/data/syncproto"
)

// admit checks a request's signature, in the order that costs least and
// changes nothing until the signature is known good: the headers, the
// time, the kiosk's key, the signature; then the store uses up the nonce
// and records the visit, and a kiosk that waits for approval is refused.
func (h *Hub) admit(r *http.Request, body []byte) (request, error) {
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
	pub, approve, err := h.keyOf(ctx, a)
	if err != nil {
		return request{}, err
	}
	if err := a.Verify(r.Method, r.URL.RequestURI(), body, pub); err != nil {
		return request{}, refusal(http.StatusUnauthorized, syncproto.CodeBadSignature, "%v", err)
	}
	v := h.visit(a, r.Header, now, approve)
	v.PublicKey = pub
	k, err := h.store.Admit(ctx, v)
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
	return request{kiosk: k, body: body}, nil
}

// keyOf is the key a request must be signed with, and whether the kiosk
// is approved by this request: enrolled in the bundle, or new on the demo
// event.
func (h *Hub) keyOf(ctx context.Context, a syncproto.Auth) (ed25519.PublicKey, bool, error) {
	pub, enrolled, stored, err := h.knownKey(ctx, a.KioskID)
	switch {
	case err != nil:
		return nil, false, err
	case pub != nil:
		return pub, enrolled, nil
	case stored == nil && (a.Key == nil || syncproto.KioskIDFor(a.Key) != a.KioskID):
		// A kiosk the hub never saw introduces itself with its key; the
		// key must be the one its id is made from.
		return nil, false, refusal(http.StatusUnauthorized, syncproto.CodeUnknownKiosk,
			"kiosk %s is not enrolled in the event's bundle and sent no key its id is made from", a.KioskID)
	}
	return a.Key, h.facts.Load().demo, nil
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
