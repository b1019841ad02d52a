package sync

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	gosync "sync"
	"testing"

	"kiosk/data"
	"kiosk/data/checkincode"
	"kiosk/data/datatest"
	"kiosk/data/keys"
	"kiosk/data/syncproto"
)

// rogueHub answers pulls with whatever records it is given, as a hub (or
// anything answering as one) that forges check-ins would: by cursor, and
// from zero with "restart" when the kiosk's hub id is not its own.
type rogueHub struct {
	id string

	mu      gosync.Mutex
	recs    []syncproto.Record
	cursors []map[string]int64
}

func (h *rogueHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req syncproto.PullRequest
	if r.URL.Path != syncproto.PathPull || json.NewDecoder(r.Body).Decode(&req) != nil {
		http.Error(w, `{"code":"not_found","message":"no"}`, http.StatusNotFound)
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.cursors = append(h.cursors, req.Cursor)
	ans := syncproto.PullResponse{HubID: h.id, HubTime: venueNow.UnixMilli(), EventID: req.EventID,
		Restart: req.HubID != h.id, Cursor: map[string]int64{}, CheckIns: []syncproto.Record{}}
	for _, rec := range h.recs {
		if ans.Restart || rec.Seq > req.Cursor[rec.KioskID] {
			ans.CheckIns = append(ans.CheckIns, rec)
		}
		ans.Cursor[rec.KioskID] = max(ans.Cursor[rec.KioskID], rec.Seq)
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(ans)
}

// otherKiosk is a kiosk key pair and the check-ins it signs.
type otherKiosk struct {
	id   string
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
}

func newOtherKiosk(t testing.TB) otherKiosk {
	t.Helper()
	pub, priv, err := keys.Generate()
	if err != nil {
		t.Fatal(err)
	}
	return otherKiosk{id: keys.KioskID(pub), pub: pub, priv: priv}
}

// checkIn is check-in number seq of kiosk id (of delegate D<seq><id>),
// signed with signer's key when signer is not nil.
func checkIn(t testing.TB, id string, seq int64, signer ed25519.PrivateKey) data.CheckIn {
	t.Helper()
	sum := sha256.Sum256(fmt.Appendf(nil, "%s/%d", id, seq))
	c := data.CheckIn{ID: hex.EncodeToString(sum[:16]), EventID: "test-event",
		KioskID: id, Seq: seq, DelegateID: fmt.Sprintf("D%d", seq), BadgeSerial: uint32(seq), Purpose: data.PurposeArrival,
		ScannedAt: venueNow.UTC(), HLC: venueNow.UnixMilli()<<16 | seq, Method: data.MethodScan}
	if signer != nil {
		sig, err := checkincode.Sign("test-event", signer, c)
		if err != nil {
			t.Fatal(err)
		}
		c.Signature = sig
	}
	return c
}

// enrol installs the fixture event again on a kiosk, enrolling the kiosks
// given, as a bundle's kiosk_keys would.
func (k *kiosk) enrol(others ...otherKiosk) {
	k.t.Helper()
	ev := datatest.Event()
	for _, o := range others {
		ev.KioskKeys = append(ev.KioskKeys, data.KioskKey{KioskID: o.id, PublicKey: o.pub})
	}
	if err := k.store.Install(context.Background(), ev, datatest.Info(2), nil); err != nil {
		k.t.Fatal(err)
	}
}

// A hub cannot make a kiosk take in check-ins it did not get from the
// kiosks that took them: a pulled record of an enrolled kiosk must carry
// that kiosk's signature, exactly as one relayed in an export file. Those
// refused are kept for staff, counted, and not asked for again; the
// genuine ones, and those of kiosks this one has no key for (the hub
// vouches for them, as an export's writer does), are taken in.
func TestPulledCheckInsAreCheckedLikeRelayedOnes(t *testing.T) {
	ctx := context.Background()
	v, w, attacker := newOtherKiosk(t), newOtherKiosk(t), newOtherKiosk(t)
	genuine := checkIn(t, v.id, 1, v.priv)
	forged := checkIn(t, v.id, 2, attacker.priv)
	unsigned := checkIn(t, v.id, 3, nil)
	changed := checkIn(t, v.id, 4, v.priv)
	changed.DelegateID = "D999"
	vouched := checkIn(t, w.id, 1, w.priv)
	broken := syncproto.ToRecord(checkIn(t, w.id, 2, w.priv))
	broken.ScannedAt = "yesterday"
	hub := &rogueHub{id: "rogue-hub"}
	for _, c := range []data.CheckIn{genuine, forged, unsigned, changed, vouched} {
		hub.recs = append(hub.recs, syncproto.ToRecord(c))
	}
	hub.recs = append(hub.recs, broken)
	_, url := serve(t, hub)
	b := newKiosk(t, newEventKey(t), url)
	b.enrol(v)

	n, err := b.client.Pull(ctx)
	if err != nil {
		t.Fatalf("a pull with refused check-ins must still succeed: %v", err)
	}
	got := map[string]bool{}
	for _, c := range b.all() {
		got[c.ID] = true
	}
	if n != 2 || len(got) != 2 || !got[genuine.ID] || !got[vouched.ID] {
		t.Fatalf("took %d, holds %v; want only %s (genuine) and %s (hub-vouched)", n, got, genuine.ID, vouched.ID)
	}
	cur, err := b.store.PullCursor(ctx)
	if err != nil || cur.Seqs[v.id] != 4 || cur.Seqs[w.id] != 2 {
		t.Fatalf("cursor %+v (%v): it must move past the refused ones, or sync stalls on them", cur, err)
	}
	st := b.status()
	if st.RefusedFromHub != 4 || st.LastError != "" {
		t.Fatalf("status %+v: want 4 refused from the hub, and no error", st)
	}
	rej, err := b.client.cfg.Store.RejectedCheckIns(ctx)
	if err != nil || len(rej) != 4 {
		t.Fatalf("%d listed for staff (%v), want 4", len(rej), err)
	}
	reasons := map[string]string{}
	for _, r := range rej {
		if !r.FromHub {
			t.Errorf("%s is listed as rejected by the hub, it was refused from it", r.CheckIn.ID)
		}
		reasons[r.CheckIn.ID] = r.Reason
	}
	for id, want := range map[string]string{forged.ID: "signature", unsigned.ID: "without the signature",
		changed.ID: "signature", broken.ID: "scanned_at"} {
		if !strings.Contains(reasons[id], want) {
			t.Errorf("%s refused for %q, want a reason about %q", id, reasons[id], want)
		}
	}

	// The next pull does not ask for them again; a hub starting the
	// stream afresh sends them again and they are not counted twice.
	if _, err := b.client.Pull(ctx); err != nil {
		t.Fatal(err)
	}
	hub.mu.Lock()
	last := hub.cursors[len(hub.cursors)-1]
	hub.id = "rogue-hub-2"
	hub.mu.Unlock()
	if last[v.id] != 4 || last[w.id] != 2 {
		t.Fatalf("the second pull asked from %v", last)
	}
	if _, err := b.client.Pull(ctx); err != nil {
		t.Fatal(err)
	}
	if st := b.status(); st.RefusedFromHub != 4 || len(b.all()) != 2 {
		t.Fatalf("after a restart: %+v, %d check-ins", st, len(b.all()))
	}
}
