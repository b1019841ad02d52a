package hub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"kiosk/data"
	"kiosk/data/strictjson"
	"kiosk/data/syncproto"
)

// HandlerWith serves the protocol's endpoints under /v1/, and everything
// else with ui (the staff dashboard), so that one address serves both.
func (h *Hub) HandlerWith(ui http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(syncproto.PathHealth, h.only(http.MethodGet, h.health))
	mux.HandleFunc(syncproto.PathPush, h.only(http.MethodPost, h.signed(parsePush, h.push)))
	mux.HandleFunc(syncproto.PathPull, h.only(http.MethodPost, h.signed(parsePull, h.pull)))
	mux.HandleFunc(syncproto.PathBundle, h.only(http.MethodGet, h.signed(nil, h.bundle)))
	notFound := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.refuse(w, http.StatusNotFound, syncproto.CodeNotFound, fmt.Sprintf("no such endpoint: %s", r.URL.Path))
	})
	mux.Handle("/v1/", notFound)
	if ui == nil {
		ui = notFound
	}
	mux.Handle("/", ui)
	return mux
}

// Handler serves the protocol's endpoints, and answers any other path as
// an unknown endpoint.
func (h *Hub) Handler() http.Handler { return h.HandlerWith(nil) }

// only refuses every method but one, in the protocol's error form.
func (h *Hub) only(method string, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != method {
			w.Header().Set("Allow", method)
			h.refuse(w, http.StatusMethodNotAllowed, syncproto.CodeMalformed, fmt.Sprintf("%s takes %s, not %s", r.URL.Path, method, r.Method))
			return
		}
		next(w, r)
	}
}

// request is a signed request that passed every check of its signature.
type request struct {
	kiosk Kiosk
	body  []byte
	// in is the body as parse read it; nil for a request without one.
	in any
}

// parser reads a signed request's body into its form, and what the kiosk
// reports of itself in it; it changes nothing.
type parser func(body []byte) (in any, report *syncproto.KioskReport, err error)

func parsePush(body []byte) (any, *syncproto.KioskReport, error) {
	var p syncproto.PushRequest
	err := decodeStrict(body, &p)
	return &p, p.Kiosk, checkReport(p.Kiosk, err)
}

func parsePull(body []byte) (any, *syncproto.KioskReport, error) {
	var p syncproto.PullRequest
	err := decodeStrict(body, &p)
	return &p, p.Kiosk, checkReport(p.Kiosk, err)
}

// checkReport refuses a report that breaks its rule, once the body parsed.
func checkReport(r *syncproto.KioskReport, err error) error {
	if err == nil {
		if err = r.Check(); err != nil {
			err = refusal(http.StatusBadRequest, syncproto.CodeMalformed, "%v", err)
		}
	}
	return err
}

// apiError is a refusal on its way to the kiosk.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return e.message }

func refusal(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, message: fmt.Sprintf(format, args...)}
}

// signed reads the body (at most MaxBody) and admits the request (see
// admit) before next sees it. The body is parsed once its signature is
// known good and before the visit is recorded, so that what the kiosk
// reports of itself is recorded with it.
func (h *Hub) signed(parse parser, next func(ctx context.Context, req request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := readBody(w, r)
		if err == nil {
			var req request
			req, err = h.admit(r, body, parse)
			if err == nil {
				var answer any
				if answer, err = next(r.Context(), req); err == nil {
					h.answer(w, http.StatusOK, answer)
					return
				}
			}
		}
		h.fail(w, r, err)
	}
}

func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.ContentLength > syncproto.MaxBody {
		return nil, refusal(http.StatusRequestEntityTooLarge, syncproto.CodeTooLarge,
			"the body is %d bytes, the limit is %d", r.ContentLength, syncproto.MaxBody)
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, syncproto.MaxBody))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, refusal(http.StatusRequestEntityTooLarge, syncproto.CodeTooLarge, "the body is over the limit of %d bytes", syncproto.MaxBody)
	}
	if err != nil {
		return nil, refusal(http.StatusBadRequest, syncproto.CodeMalformed, "the body could not be read: %v", err)
	}
	return b, nil
}

func (h *Hub) fail(w http.ResponseWriter, r *http.Request, err error) {
	var e *apiError
	if errors.As(err, &e) {
		h.refuse(w, e.status, e.code, e.message)
		return
	}
	// The kiosk retries later; the reason stays in the hub's log.
	h.log.Printf("%s %s from %s: %v", r.Method, r.URL.Path, r.Header.Get(syncproto.HeaderKioskID), err)
	h.refuse(w, http.StatusInternalServerError, syncproto.CodeInternal, "the hub could not answer; try again later")
}

func (h *Hub) refuse(w http.ResponseWriter, status int, code, message string) {
	h.answer(w, status, syncproto.ErrorBody{Code: code, Message: message, HubTime: h.now().UnixMilli()})
}

// answer writes a JSON answer. Every answer carries the hub's clock, so
// that a kiosk measures its offset on each exchange.
func (h *Hub) answer(w http.ResponseWriter, status int, v any) {
	w.Header().Set(syncproto.HeaderHubTime, strconv.FormatInt(h.now().UnixMilli(), 10))
	if raw, ok := v.(bundleAnswer); ok {
		w.Header().Set("Content-Type", "application/zip")
		w.Header().Set(syncproto.HeaderBundleVersion, strconv.FormatInt(raw.version, 10))
		w.WriteHeader(status)
		w.Write(raw.bytes)
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"code":"internal","message":"the answer could not be written"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

func (h *Hub) health(w http.ResponseWriter, r *http.Request) {
	if err := h.freshFacts(r.Context()); err != nil {
		h.log.Printf("reading the installed bundle: %v", err)
	}
	f := h.facts.Load()
	h.answer(w, http.StatusOK, syncproto.HealthResponse{OK: true, HubID: h.store.HubID(), HubTime: h.now().UnixMilli(),
		EventID: f.eventID, BundleVersion: f.version})
}

// decodeStrict reads a body as exports are read (strictjson.DecodeAll):
// exactly one JSON value of v's form, in UTF-8, every member spelt
// exactly, once, never null, none unknown and none left out but the
// optional kiosk report. A kiosk speaking another version of the protocol
// hears which member is wrong rather than losing or guessing fields.
func decodeStrict(body []byte, v any) error {
	if err := strictjson.DecodeAll(body, v); err != nil {
		return refusal(http.StatusBadRequest, syncproto.CodeMalformed, "the body is not the request's JSON form: %v", err)
	}
	return nil
}

func (h *Hub) push(ctx context.Context, req request) (any, error) {
	p := *req.in.(*syncproto.PushRequest)
	if !data.ValidID(p.EventID) {
		return nil, refusal(http.StatusBadRequest, syncproto.CodeMalformed, "event_id %q is not a valid id", p.EventID)
	}
	if len(p.CheckIns) > syncproto.MaxPushRecords {
		return nil, refusal(http.StatusRequestEntityTooLarge, syncproto.CodeTooLarge,
			"%d check-ins in one push, the limit is %d", len(p.CheckIns), syncproto.MaxPushRecords)
	}
	results, acked, err := h.ingest(ctx, req.kiosk.ID, p)
	if err != nil {
		return nil, err
	}
	return syncproto.PushResponse{HubID: h.store.HubID(), HubTime: h.now().UnixMilli(), Acked: acked, Results: results}, nil
}

// ingest checks every record, then stores the good ones in one
// transaction; the answer has one result per record, in order.
func (h *Hub) ingest(ctx context.Context, pusher string, p syncproto.PushRequest) ([]syncproto.PushResult, int64, error) {
	keys, err := h.recordKeys(ctx)
	if err != nil {
		return nil, 0, err
	}
	results := make([]syncproto.PushResult, len(p.CheckIns))
	checked := checkRecords(p.CheckIns, p.EventID, keys)
	good := make([]data.CheckIn, 0, len(p.CheckIns))
	at := make([]int, 0, len(p.CheckIns))
	for i, r := range p.CheckIns {
		results[i].ID = r.ID
		if reason := checked[i].reason; reason != "" {
			results[i].Status, results[i].Reason = syncproto.StatusRejected, reason
			continue
		}
		good, at = append(good, checked[i].c), append(at, i)
	}
	outcomes, acked, err := h.store.Ingest(ctx, pusher, good, h.now())
	if err != nil {
		return nil, 0, err
	}
	for j, o := range outcomes {
		r := &results[at[j]]
		switch o {
		case Stored:
			r.Status = syncproto.StatusStored
		case Duplicate:
			r.Status = syncproto.StatusDuplicate
		default:
			r.Status = syncproto.StatusRejected
			r.Reason = fmt.Sprintf("%s: the hub holds another check-in under id %s or %s number %d",
				syncproto.ReasonConflict, good[j].ID, good[j].KioskID, good[j].Seq)
		}
	}
	return results, acked, nil
}

func (h *Hub) pull(ctx context.Context, req request) (any, error) {
	p := req.in.(*syncproto.PullRequest)
	f := h.facts.Load()
	if f.eventID == "" {
		return nil, refusal(http.StatusServiceUnavailable, syncproto.CodeNoBundle, "the hub has no event installed yet")
	}
	if p.EventID != f.eventID {
		return nil, refusal(http.StatusConflict, syncproto.CodeWrongEvent, "the hub serves event %q, not %q", f.eventID, p.EventID)
	}
	restart := p.HubID != h.store.HubID()
	cursor := p.Cursor
	if restart {
		// A cursor of another hub (or of none) means nothing here: the
		// kiosk gets everything again and de-duplicates by id.
		cursor = nil
	}
	page, err := h.store.Pull(ctx, PullQuery{EventID: f.eventID, Exclude: req.kiosk.ID, Cursor: cursor, Limit: h.pullLimit})
	if err != nil {
		return nil, err
	}
	recs := make([]syncproto.Record, len(page.CheckIns))
	for i, c := range page.CheckIns {
		recs[i] = syncproto.ToRecord(c)
	}
	return syncproto.PullResponse{HubID: h.store.HubID(), HubTime: h.now().UnixMilli(), Restart: restart, EventID: f.eventID,
		CheckIns: recs, Cursor: page.Cursor, More: page.More}, nil
}

// bundleAnswer marks the bundle's bytes, which are written as they are.
type bundleAnswer struct {
	bytes   []byte
	version int64
}

func (h *Hub) bundle(ctx context.Context, req request) (any, error) {
	b, err := h.store.Bundle(ctx)
	if err != nil {
		return nil, err
	}
	if b == nil {
		return nil, refusal(http.StatusServiceUnavailable, syncproto.CodeNoBundle, "the hub has no event installed yet")
	}
	return bundleAnswer{bytes: b.Bytes, version: b.Version}, nil
}
