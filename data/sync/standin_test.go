package sync

import (
	"encoding/json"
	"io"
	"net/http"
	"sort"
	gosync "sync"
	"time"

	"kiosk/data/syncproto"
)

// standIn is a hub built from package syncproto alone, for the client's
// own tests of what a hub may answer. The real hub's tests are in
// hub_test.go.
type standIn struct {
	mu     gosync.Mutex
	hubID  string
	now    func() time.Time
	byKio  map[string]map[int64]syncproto.Record
	ids    map[string]bool
	nonces map[string]bool
	pushes int
}

func newStandIn(hubID string) *standIn {
	return &standIn{hubID: hubID, now: time.Now, byKio: map[string]map[int64]syncproto.Record{},
		ids: map[string]bool{}, nonces: map[string]bool{}}
}

func (h *standIn) fail(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set(syncproto.HeaderHubTime, jsonInt(h.now().UnixMilli()))
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(syncproto.ErrorBody{Code: code, Message: msg, HubTime: h.now().UnixMilli()})
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }

func (h *standIn) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	body, _ := io.ReadAll(io.LimitReader(r.Body, syncproto.MaxBody))
	a, err := syncproto.ParseAuth(r.Header)
	if err != nil {
		h.fail(w, 401, syncproto.CodeBadAuth, err.Error())
		return
	}
	if err := a.CheckTime(h.now()); err != nil {
		h.fail(w, 401, syncproto.CodeStaleTime, err.Error())
		return
	}
	if a.Key == nil || syncproto.KioskIDFor(a.Key) != a.KioskID || a.Verify(r.Method, r.URL.RequestURI(), body, a.Key) != nil {
		h.fail(w, 401, syncproto.CodeBadSignature, "bad signature")
		return
	}
	if h.nonces[a.Nonce] {
		h.fail(w, 401, syncproto.CodeReplayedNonce, "nonce used")
		return
	}
	h.nonces[a.Nonce] = true
	w.Header().Set(syncproto.HeaderHubTime, jsonInt(h.now().UnixMilli()))
	switch r.URL.Path {
	case syncproto.PathPush:
		h.push(w, a.KioskID, body)
	case syncproto.PathPull:
		h.pull(w, a.KioskID, body)
	default:
		h.fail(w, 404, syncproto.CodeNotFound, "no such path")
	}
}

func (h *standIn) push(w http.ResponseWriter, kiosk string, body []byte) {
	var req syncproto.PushRequest
	if err := json.Unmarshal(body, &req); err != nil {
		h.fail(w, 400, syncproto.CodeMalformed, err.Error())
		return
	}
	h.pushes++
	ans := syncproto.PushResponse{HubID: h.hubID, HubTime: h.now().UnixMilli()}
	for _, rec := range req.CheckIns {
		res := syncproto.PushResult{ID: rec.ID, Status: syncproto.StatusStored}
		switch {
		case rec.Signature == "":
			// The stand-in checks no key, only that there is a signature.
			res.Status, res.Reason = syncproto.StatusRejected, syncproto.ReasonBadSignature+": no signature"
		case h.ids[rec.ID]:
			res.Status = syncproto.StatusDuplicate
		default:
			if h.byKio[rec.KioskID] == nil {
				h.byKio[rec.KioskID] = map[int64]syncproto.Record{}
			}
			h.byKio[rec.KioskID][rec.Seq] = rec
			h.ids[rec.ID] = true
		}
		ans.Results = append(ans.Results, res)
	}
	ans.Acked = h.gapless(kiosk)
	json.NewEncoder(w).Encode(ans)
}

func (h *standIn) gapless(kiosk string) int64 {
	n := int64(0)
	for h.byKio[kiosk][n+1].ID != "" {
		n++
	}
	return n
}

func (h *standIn) pull(w http.ResponseWriter, kiosk string, body []byte) {
	var req syncproto.PullRequest
	if err := json.Unmarshal(body, &req); err != nil {
		h.fail(w, 400, syncproto.CodeMalformed, err.Error())
		return
	}
	ans := syncproto.PullResponse{HubID: h.hubID, HubTime: h.now().UnixMilli(), EventID: req.EventID,
		Cursor: map[string]int64{}}
	cursor := req.Cursor
	if req.HubID != h.hubID {
		ans.Restart, cursor = true, nil
	}
	var kiosks []string
	for k := range h.byKio {
		kiosks = append(kiosks, k)
	}
	sort.Strings(kiosks)
	for _, k := range kiosks {
		ans.Cursor[k] = cursor[k]
		if k == kiosk {
			continue
		}
		for s := cursor[k] + 1; s <= h.gapless(k); s++ {
			if len(ans.CheckIns) == syncproto.MaxPullRecords {
				ans.More = true
				break
			}
			ans.CheckIns = append(ans.CheckIns, h.byKio[k][s])
			ans.Cursor[k] = s
		}
	}
	json.NewEncoder(w).Encode(ans)
}

func (h *standIn) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.ids)
}
