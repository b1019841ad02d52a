package hub

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"flag"
	"io"
	"kiosk/data/vectorfile"
	"net/http"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kiosk/data/keys"
	"kiosk/data/strictjson"
	"kiosk/data/syncproto"
)

var updateSyncVectors = flag.Bool("update", false, "rewrite ../syncproto/testdata/vectors.json from the code")

const syncVectorsPath = "../syncproto/testdata/vectors.json"

type syncVectorFile struct {
	About   []string        `json:"about"`
	Version string          `json:"protocol"`
	Keys    []syncVectorKey `json:"keys"`
	Hub     syncVectorHub   `json:"hub"`
	Vectors []syncVector    `json:"vectors"`
}

type syncVectorKey struct {
	Name      string `json:"name"`
	SeedFrom  string `json:"seed_from"`
	Seed      string `json:"seed"`
	PublicKey string `json:"public_key"`
	KeyID     string `json:"key_id"`
	KioskID   string `json:"kiosk_id"`
}

// syncVectorHub is the hub every vector starts from afresh.
type syncVectorHub struct {
	EventID  string   `json:"event_id"`
	Enrolled []string `json:"enrolled"` // names of the keys its bundle enrols in kiosk_keys
}

type syncVector struct {
	Name string `json:"name"`
	Note string `json:"note,omitempty"`
	// MaxPending, when set, is how many kiosks this vector's hub keeps
	// waiting for approval (syncproto.MaxPendingKiosks otherwise), so
	// that a vector shows 429 pending_full without 200 kiosks.
	MaxPending int            `json:"hub_max_pending,omitempty"`
	Exchanges  []syncExchange `json:"exchanges"`
}

// syncExchange is one request, sent when the hub's clock reads HubTime,
// and the answer it must get.
type syncExchange struct {
	HubTime int64       `json:"hub_time"`
	Request syncRequest `json:"request"`
	Want    syncWant    `json:"want"`
}

type syncRequest struct {
	Method  string      `json:"method"`
	Target  string      `json:"target"` // the path with its query, as in the request line
	Headers [][2]string `json:"headers"`
	Body    string      `json:"body"`
	// BodyPadding is how many spaces (U+0020) follow Body in the bytes
	// sent and signed: a body over the size limit without storing it.
	BodyPadding int `json:"body_padding,omitempty"`
	// SignedMessage is the message the signature was made over, for
	// reference (the request may have been changed since).
	SignedMessage string `json:"signed_message"`
}

type syncWant struct {
	Status  int    `json:"status"`
	Code    string `json:"code"`
	Message string `json:"message"`
	// Results are a push answer's verdicts on its check-ins, when it
	// carried any.
	Results []syncproto.PushResult `json:"results,omitempty"`
}

// bytes is the body as sent.
func (r syncRequest) bytes() []byte {
	return append([]byte(r.Body), bytes.Repeat([]byte{' '}, r.BodyPadding)...)
}

// syncTestKey is a published test key, made from its seed.
type syncTestKey struct {
	name, seedFrom string
	seed           [32]byte
	priv           ed25519.PrivateKey
	pub            ed25519.PublicKey
	id             string
}

func newSyncTestKey(name string) syncTestKey {
	from := "kiosk-sync test kiosk " + name
	k := syncTestKey{name: name, seedFrom: `SHA-256("` + from + `")`, seed: sha256.Sum256([]byte(from))}
	k.priv = ed25519.NewKeyFromSeed(k.seed[:])
	k.pub = k.priv.Public().(ed25519.PublicKey)
	k.id = keys.KioskID(k.pub)
	return k
}

var (
	syncKeyA = newSyncTestKey("A") // enrolled in the hub's bundle
	syncKeyC = newSyncTestKey("C") // enrolled nowhere
	syncKeyD = newSyncTestKey("D") // enrolled nowhere, the kiosk after C
	// syncNow is the hub's clock in most vectors.
	syncNow = time.Date(2016, 11, 8, 10, 15, 0, 0, time.UTC)
)

// The hub's event key and bundle, made once: only the enrolled kiosk
// matters to the vectors.
var (
	syncEventKey   = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, ed25519.SeedSize))
	syncBundleOnce sync.Once
	syncBundle     []byte
)

const syncNonce = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"

// signedAs is a request signed as a kiosk signs it: key signs the
// message of method, target, body, kiosk id, time and nonce; withKey
// sends the public key too.
func signedAs(key syncTestKey, id, method, target, body string, at time.Time, nonce string, withKey bool) syncRequest {
	return signedPadded(key, id, method, target, body, 0, at, nonce, withKey)
}

// signedPadded is signedAs for the body followed by padding spaces.
func signedPadded(key syncTestKey, id, method, target, body string, padding int, at time.Time, nonce string, withKey bool) syncRequest {
	r := syncRequest{Method: method, Target: target, Body: body, BodyPadding: padding}
	body = string(r.bytes())
	ms := at.UnixMilli()
	msg := syncproto.Message(method, target, []byte(body), id, ms, nonce)
	h := [][2]string{{syncproto.HeaderKioskID, id}}
	if withKey {
		h = append(h, [2]string{syncproto.HeaderKioskKey, base64.StdEncoding.EncodeToString(key.pub)})
	}
	h = append(h, [2]string{syncproto.HeaderTime, strconv.FormatInt(ms, 10)}, [2]string{syncproto.HeaderNonce, nonce},
		[2]string{syncproto.HeaderSignature, base64.StdEncoding.EncodeToString(ed25519.Sign(key.priv, msg))})
	if body != "" {
		h = append(h, [2]string{"Content-Type", "application/json"})
	}
	r.Headers, r.SignedMessage = h, string(msg)
	return r
}

func (r syncRequest) header(name string) string {
	for _, h := range r.Headers {
		if h[0] == name {
			return h[1]
		}
	}
	return ""
}

// with is r with header name set to value ("" removes it).
func (r syncRequest) with(name, value string) syncRequest {
	var h [][2]string
	for _, x := range r.Headers {
		if x[0] != name {
			h = append(h, x)
		} else if value != "" {
			h = append(h, [2]string{name, value})
		}
	}
	r.Headers = h
	return r
}

// generateSyncVectors writes down the requests and, by name, the answer
// each must get; the message is the hub's, taken when the vector is run.
func generateSyncVectors(t *testing.T) syncVectorFile {
	const push, pushBody = syncproto.PathPush, `{"event_id":"test-event","checkins":[]}`
	pullBody := `{"event_id":"test-event","hub_id":"","cursor":{}}`
	a := func(at time.Time) syncRequest {
		return signedAs(syncKeyA, syncKeyA.id, "POST", push, pushBody, at, syncNonce, true)
	}
	valid := a(syncNow)
	ok := syncWant{Status: 200}
	refused := func(status int, code string) syncWant { return syncWant{Status: status, Code: code} }
	one := func(name, note string, r syncRequest, w syncWant) syncVector {
		return syncVector{Name: name, Note: note, Exchanges: []syncExchange{{HubTime: syncNow.UnixMilli(), Request: r, Want: w}}}
	}
	const min5 = syncproto.ClockWindow
	ms := time.Millisecond
	sig := valid.header(syncproto.HeaderSignature)
	if !strings.ContainsAny(sig, "+/") {
		t.Fatal("the valid request's signature has neither + nor /, which base64url spells otherwise; pick another nonce")
	}
	rawSig, _ := base64.StdEncoding.DecodeString(sig)

	vs := []syncVector{
		one("valid-push", "Kiosk A, enrolled in the hub's bundle, pushes no check-ins.", valid, ok),
		one("valid-pull", "", signedAs(syncKeyA, syncKeyA.id, "POST", syncproto.PathPull, pullBody, syncNow, syncNonce, true), ok),
		one("valid-get-bundle", "The body is empty: its SHA-256 is that of no bytes.",
			signedAs(syncKeyA, syncKeyA.id, "GET", syncproto.PathBundle, "", syncNow, syncNonce, true), ok),
		one("valid-with-query", "The query is part of the signed path.",
			signedAs(syncKeyA, syncKeyA.id, "POST", push+"?batch=7", pushBody, syncNow, syncNonce, true), ok),
		one("valid-without-key-header", "An enrolled kiosk need not send X-Kiosk-Key.", valid.with(syncproto.HeaderKioskKey, ""), ok),
		one("valid-5-minutes-behind", "The window's edge is inside it.", a(syncNow.Add(-min5)), ok),
		one("valid-5-minutes-ahead", "", a(syncNow.Add(min5)), ok),
		one("valid-clock-correction-not-signed", "X-Kiosk-Clock-Correction is added after signing; it only informs the hub.",
			valid.with(syncproto.HeaderClockCorrection, "120000"), ok),
		{Name: "valid-same-body-new-nonce", Note: "The same push again with a new nonce is a new request.", Exchanges: []syncExchange{
			{HubTime: syncNow.UnixMilli(), Request: valid, Want: ok},
			{HubTime: syncNow.Add(time.Second).UnixMilli(), Request: signedAs(syncKeyA, syncKeyA.id, "POST", push, pushBody, syncNow.Add(time.Second), strings.Repeat("a1", 16), true), Want: ok}}},
		one("new-kiosk-waits", "Kiosk C, enrolled nowhere, introduces itself with its key: recorded, then waits for staff approval.",
			signedAs(syncKeyC, syncKeyC.id, "POST", push, pushBody, syncNow, syncNonce, true), refused(403, syncproto.CodePending)),

		one("missing-signature", "", valid.with(syncproto.HeaderSignature, ""), refused(401, syncproto.CodeMissingAuth)),
		one("missing-time", "", valid.with(syncproto.HeaderTime, ""), refused(401, syncproto.CodeMissingAuth)),
		one("missing-nonce", "", valid.with(syncproto.HeaderNonce, ""), refused(401, syncproto.CodeMissingAuth)),
		one("missing-kiosk-id", "", valid.with(syncproto.HeaderKioskID, ""), refused(401, syncproto.CodeMissingAuth)),

		one("kiosk-id-not-made-from-a-key", "", valid.with(syncproto.HeaderKioskID, "front-desk"), refused(401, syncproto.CodeBadAuth)),
		one("kiosk-id-in-capitals", "", valid.with(syncproto.HeaderKioskID, "kiosk-"+strings.ToUpper(syncKeyA.id[6:])), refused(401, syncproto.CodeBadAuth)),
		one("time-leading-zero", "", valid.with(syncproto.HeaderTime, "0"+valid.header(syncproto.HeaderTime)), refused(401, syncproto.CodeBadAuth)),
		one("time-with-plus", "", valid.with(syncproto.HeaderTime, "+"+valid.header(syncproto.HeaderTime)), refused(401, syncproto.CodeBadAuth)),
		one("time-with-fraction", "", valid.with(syncproto.HeaderTime, valid.header(syncproto.HeaderTime)+".5"), refused(401, syncproto.CodeBadAuth)),
		one("time-rfc3339", "", valid.with(syncproto.HeaderTime, syncNow.Format(time.RFC3339)), refused(401, syncproto.CodeBadAuth)),
		one("nonce-in-capitals", "", valid.with(syncproto.HeaderNonce, strings.ToUpper(syncNonce)), refused(401, syncproto.CodeBadAuth)),
		one("nonce-15-bytes", "", valid.with(syncproto.HeaderNonce, syncNonce[:30]), refused(401, syncproto.CodeBadAuth)),
		one("signature-without-padding", "", valid.with(syncproto.HeaderSignature, strings.TrimRight(sig, "=")), refused(401, syncproto.CodeBadAuth)),
		one("signature-url-alphabet", "base64url is not base64.",
			valid.with(syncproto.HeaderSignature, strings.NewReplacer("+", "-", "/", "_").Replace(sig)), refused(401, syncproto.CodeBadAuth)),
		one("signature-63-bytes", "", valid.with(syncproto.HeaderSignature, base64.StdEncoding.EncodeToString(rawSig[:63])), refused(401, syncproto.CodeBadAuth)),
		one("key-header-31-bytes", "", valid.with(syncproto.HeaderKioskKey, base64.StdEncoding.EncodeToString(syncKeyA.pub[:31])), refused(401, syncproto.CodeBadAuth)),
		one("time-header-twice", "Both headers hold the signed time.", func() syncRequest {
			r := valid
			r.Headers = append(r.Headers, [2]string{syncproto.HeaderTime, valid.header(syncproto.HeaderTime)})
			return r
		}(), refused(401, syncproto.CodeBadAuth)),

		one("time-5-minutes-and-1-ms-behind", "", a(syncNow.Add(-min5-ms)), refused(401, syncproto.CodeStaleTime)),
		one("time-5-minutes-and-1-ms-ahead", "", a(syncNow.Add(min5+ms)), refused(401, syncproto.CodeStaleTime)),
		one("time-in-seconds", "Unix seconds read as milliseconds are in January 1970.", func() syncRequest {
			r := valid.with(syncproto.HeaderTime, strconv.FormatInt(syncNow.Unix(), 10))
			return r
		}(), refused(401, syncproto.CodeStaleTime)),
		one("stale-time-comes-before-the-signature", "Both the time and the signature are wrong; the time is checked first.",
			a(syncNow.Add(time.Hour)).with(syncproto.HeaderNonce, strings.Repeat("b2", 16)), refused(401, syncproto.CodeStaleTime)),

		one("unknown-kiosk-without-key", "Kiosk C sends no key, and the hub knows none for it.",
			signedAs(syncKeyC, syncKeyC.id, "POST", push, pushBody, syncNow, syncNonce, false), refused(401, syncproto.CodeUnknownKiosk)),
		one("unknown-kiosk-key-of-another-id", "Kiosk C's id with kiosk A's key: the id is not made from the key.",
			signedAs(syncKeyA, syncKeyC.id, "POST", push, pushBody, syncNow, syncNonce, true), refused(401, syncproto.CodeUnknownKiosk)),

		one("wrong-key", "Kiosk A's id, signed with kiosk C's key, no key header.",
			signedAs(syncKeyC, syncKeyA.id, "POST", push, pushBody, syncNow, syncNonce, false), refused(401, syncproto.CodeBadSignature)),
		one("enrolled-id-other-key-header", "Kiosk A's id with kiosk C's key and signature: an enrolled kiosk's key is the bundle's, not the header's.",
			signedAs(syncKeyC, syncKeyA.id, "POST", push, pushBody, syncNow, syncNonce, true), refused(401, syncproto.CodeBadSignature)),
		one("body-altered", "event_id changed after signing.", func() syncRequest {
			r := valid
			r.Body = strings.Replace(r.Body, "test-event", "test-evenT", 1)
			return r
		}(), refused(401, syncproto.CodeBadSignature)),
		one("path-altered", "Signed for /v1/pull, sent to /v1/push.", func() syncRequest {
			r := signedAs(syncKeyA, syncKeyA.id, "POST", syncproto.PathPull, pushBody, syncNow, syncNonce, true)
			r.Target = push
			return r
		}(), refused(401, syncproto.CodeBadSignature)),
		one("query-altered", "", func() syncRequest {
			r := signedAs(syncKeyA, syncKeyA.id, "POST", push+"?batch=7", pushBody, syncNow, syncNonce, true)
			r.Target = push + "?batch=8"
			return r
		}(), refused(401, syncproto.CodeBadSignature)),
		one("time-altered", "X-Kiosk-Time moved by one millisecond after signing.",
			valid.with(syncproto.HeaderTime, strconv.FormatInt(syncNow.UnixMilli()+1, 10)), refused(401, syncproto.CodeBadSignature)),
		one("nonce-altered", "", valid.with(syncproto.HeaderNonce, strings.Repeat("c3", 16)), refused(401, syncproto.CodeBadSignature)),

		{Name: "replayed", Note: "The same request again a second later.", Exchanges: []syncExchange{
			{HubTime: syncNow.UnixMilli(), Request: valid, Want: ok},
			{HubTime: syncNow.Add(time.Second).UnixMilli(), Request: valid, Want: refused(401, syncproto.CodeReplayedNonce)}}},
		{Name: "replayed-after-the-window", Note: "The same request again after the window: its time refuses it.", Exchanges: []syncExchange{
			{HubTime: syncNow.UnixMilli(), Request: valid, Want: ok},
			{HubTime: syncNow.Add(min5 + ms).UnixMilli(), Request: valid, Want: refused(401, syncproto.CodeStaleTime)}}},

		{Name: "pending-full", Note: "This hub keeps at most one kiosk waiting: C waits, D is refused and not recorded.", MaxPending: 1,
			Exchanges: []syncExchange{
				{HubTime: syncNow.UnixMilli(), Request: signedAs(syncKeyC, syncKeyC.id, "POST", push, pushBody, syncNow, syncNonce, true), Want: refused(403, syncproto.CodePending)},
				{HubTime: syncNow.UnixMilli(), Request: signedAs(syncKeyD, syncKeyD.id, "POST", push, pushBody, syncNow, syncNonce, true), Want: refused(429, syncproto.CodePendingFull)}}},
		{Name: "malformed-body-takes-no-place", Note: "This hub keeps at most one kiosk waiting. C's body is malformed: refused, it takes no place, and D waits.", MaxPending: 1,
			Exchanges: []syncExchange{
				{HubTime: syncNow.UnixMilli(), Request: signedAs(syncKeyC, syncKeyC.id, "POST", push, `{"event_id":"test-event","checkins":null}`, syncNow, syncNonce, true), Want: refused(400, syncproto.CodeMalformed)},
				{HubTime: syncNow.UnixMilli(), Request: signedAs(syncKeyD, syncKeyD.id, "POST", push, pushBody, syncNow, syncNonce, true), Want: refused(403, syncproto.CodePending)}}},
		one("valid-body-at-the-limit", "Spaces after the JSON value make the body exactly 4 MiB, the most the hub reads.",
			signedPadded(syncKeyA, syncKeyA.id, "POST", push, pushBody, syncproto.MaxBody-len(pushBody), syncNow, syncNonce, true), ok),
		one("body-over-the-limit", "One byte more than 4 MiB: refused before the signature is looked at.",
			signedPadded(syncKeyA, syncKeyA.id, "POST", push, pushBody, syncproto.MaxBody-len(pushBody)+1, syncNow, syncNonce, true), refused(413, syncproto.CodeTooLarge)),
	}
	// Bodies signed as sent but not in the request's form: 400 malformed,
	// the message naming the member. Each reads as a valid body to a
	// reader with encoding/json's defaults.
	rec := syncproto.Record{ID: "0123456789abcdef0123456789abcdef", KioskID: syncKeyA.id, Seq: 1, DelegateID: "D000001", BadgeSerial: 1,
		Purpose: "plenary", ScannedAt: "2016-11-08T10:14:00.000Z", HLC: 1, Method: "qr"}
	recJSON, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	withRecord := func(edit func(string) string) string {
		return `{"event_id":"test-event","checkins":[` + edit(string(recJSON)) + `]}`
	}
	replace := func(old, new string) func(string) string {
		return func(s string) string {
			if !strings.Contains(s, old) {
				t.Fatalf("%s has no %s", s, old)
			}
			return strings.Replace(s, old, new, 1)
		}
	}
	for _, b := range []struct{ name, note, target, body string }{
		{"push-member-twice", "", push, `{"event_id":"test-event","event_id":"other-event","checkins":[]}`},
		{"push-member-in-capitals", "Member names are case-sensitive.", push, `{"EVENT_ID":"test-event","checkins":[]}`},
		{"push-checkins-null", "No check-ins are written [].", push, `{"event_id":"test-event","checkins":null}`},
		{"push-checkins-missing", "", push, `{"event_id":"test-event"}`},
		{"push-unknown-member", "", push, `{"event_id":"test-event","checkins":[],"batch":7}`},
		{"push-kiosk-null", "The report is left out when there is none.", push, `{"event_id":"test-event","checkins":[],"kiosk":null}`},
		{"push-second-value", "", push, pushBody + `{}`},
		{"push-record-member-missing", "A record has every member; here hlc is left out.", push, withRecord(replace(`"hlc":1,`, ``))},
		{"push-record-member-in-capitals", "", push, withRecord(replace(`"seq"`, `"SEQ"`))},
		{"push-record-scanned-at-a-number", "scanned_at is a string; here Unix milliseconds.", push, withRecord(replace(`"2016-11-08T10:14:00.000Z"`, `1478599940000`))},
		{"pull-cursor-null", "A first pull's cursor is {}.", syncproto.PathPull, `{"event_id":"test-event","hub_id":"","cursor":null}`},
		{"pull-cursor-kiosk-twice", "", syncproto.PathPull, `{"event_id":"test-event","hub_id":"","cursor":{"` + syncKeyC.id + `":1,"` + syncKeyC.id + `":2}}`},
		{"pull-hub-id-missing", "", syncproto.PathPull, `{"event_id":"test-event","cursor":{}}`},
	} {
		vs = append(vs, one(b.name, b.note, signedAs(syncKeyA, syncKeyA.id, "POST", b.target, b.body, syncNow, syncNonce, true), refused(400, syncproto.CodeMalformed)))
	}
	// A time in the wrong form inside a well-formed record: the body is
	// in its form, so the answer is 200, and that record is rejected.
	badTime := ok
	badTime.Results = []syncproto.PushResult{{ID: rec.ID, Status: syncproto.StatusRejected}}
	vs = append(vs, one("push-record-scanned-at-without-milliseconds", "The body is well formed; the record breaks a record's rules and is rejected as invalid.",
		signedAs(syncKeyA, syncKeyA.id, "POST", push, withRecord(replace(`10:14:00.000Z`, `10:14:00Z`)), syncNow, syncNonce, true), badTime))
	// The message of each refusal is the hub's, written down from a run.
	for i := range vs {
		answers := runSyncVector(t, vs[i])
		for j := range vs[i].Exchanges {
			w := &vs[i].Exchanges[j].Want
			if answers[j].Status != w.Status || answers[j].Code != w.Code || len(answers[j].Results) != len(w.Results) {
				t.Fatalf("%s, request %d: the hub answers %d %s (%s) %+v, want %d %s %+v", vs[i].Name, j+1,
					answers[j].Status, answers[j].Code, answers[j].Message, answers[j].Results, w.Status, w.Code, w.Results)
			}
			for k, r := range w.Results {
				if got := answers[j].Results[k]; got.ID != r.ID || got.Status != r.Status {
					t.Fatalf("%s, request %d: check-in %d is %+v, want %+v", vs[i].Name, j+1, k+1, got, r)
				}
			}
			w.Message, w.Results = answers[j].Message, answers[j].Results
		}
	}
	key := func(k syncTestKey) syncVectorKey {
		return syncVectorKey{Name: k.name, SeedFrom: k.seedFrom, Seed: hex.EncodeToString(k.seed[:]),
			PublicKey: base64.StdEncoding.EncodeToString(k.pub), KeyID: keys.ID(k.pub), KioskID: k.id}
	}
	return syncVectorFile{
		About: []string{
			"Test vectors for the signed requests of the kiosk sync protocol, version 1 (docs/sync-protocol.md).",
			"The keys are published test keys (Ed25519 seeds) and protect nothing. 'hub' is the hub each vector starts from:",
			"its event, and the kiosks its bundle enrols (kiosk_keys); it has recorded no other kiosk and seen no nonce.",
			"Send each exchange's request in order, with the hub's clock at hub_time (Unix milliseconds): method, target",
			"(the path with its query), headers in the order given, body as the exact bytes of the UTF-8 string.",
			"'want' is the answer: the HTTP status, and for a refusal the error body's code and the hub's message (ours, for reference).",
			"'signed_message' is the message the signature was made over, before any change the vector made to the request.",
			"Regenerate with: go test ./data/hub -run TestSyncVectorsUpToDate -update",
		},
		Version: "kiosk-sync-v1",
		Keys:    []syncVectorKey{key(syncKeyA), key(syncKeyC), key(syncKeyD)},
		Hub:     syncVectorHub{EventID: testEvent, Enrolled: []string{syncKeyA.name}},
		Vectors: vs,
	}
}

// runSyncVector sends a vector's requests to a fresh hub, as the file
// describes it, and returns its answers.
func runSyncVector(t *testing.T, v syncVector) []syncWant {
	t.Helper()
	// The hub's clock, set by this goroutine, read by the server's.
	var now atomic.Int64
	f := &fixture{t: t, dir: t.TempDir(), where: t.TempDir(), clock: &clock{}, eventKey: syncEventKey}
	f.open(func(o *Options) { o.Now = func() time.Time { return time.UnixMilli(now.Load()).UTC() } })
	defer f.close()
	ctx := context.Background()
	if err := f.store.Trust(ctx, syncEventKey.Public().(ed25519.PublicKey)); err != nil {
		t.Fatal(err)
	}
	now.Store(syncNow.UnixMilli())
	syncBundleOnce.Do(func() {
		enrolled := &testKiosk{id: syncKeyA.id, key: syncKeyA.priv, pub: syncKeyA.pub}
		syncBundle = f.bundle(1, enrolled)
	})
	if _, err := f.hub.ImportBundle(ctx, syncBundle); err != nil {
		t.Fatal(err)
	}
	f.hub.pending.max = v.MaxPending
	var answers []syncWant
	for _, x := range v.Exchanges {
		now.Store(x.HubTime)
		req, err := http.NewRequest(x.Request.Method, f.url+x.Request.Target, bytes.NewReader(x.Request.bytes()))
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range x.Request.Headers {
			req.Header.Add(h[0], h[1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got := syncWant{Status: resp.StatusCode}
		if resp.StatusCode == http.StatusOK && strings.HasPrefix(x.Request.Target, syncproto.PathPush) {
			var p syncproto.PushResponse
			if err := json.Unmarshal(body, &p); err != nil {
				t.Fatalf("%s: the push answer is not a push answer: %s", v.Name, body)
			}
			if len(p.Results) > 0 {
				got.Results = p.Results
			}
		}
		if resp.StatusCode != http.StatusOK {
			var e syncproto.ErrorBody
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatalf("%s: answer %d is not an error body: %s", v.Name, resp.StatusCode, body)
			}
			got.Code, got.Message = e.Code, e.Message
		}
		answers = append(answers, got)
	}
	return answers
}

// TestSyncVectorsUpToDate fails when a code change alters a published
// vector.
func TestSyncVectorsUpToDate(t *testing.T) {
	vectorfile.UpToDate(t, syncVectorsPath, vectorfile.Marshal(t, generateSyncVectors(t)), *updateSyncVectors, "go test ./data/hub -run TestSyncVectorsUpToDate -update")
}

// TestSyncVectors sends every published vector to a real hub, as another
// implementation's kiosk would, and wants the answers written there.
func TestSyncVectors(t *testing.T) {
	raw, err := os.ReadFile(syncVectorsPath)
	if err != nil {
		t.Fatal(err)
	}
	var f syncVectorFile
	if err := strictjson.Decode(raw, &f); err != nil {
		t.Fatal(err)
	}
	for _, k := range f.Keys {
		seed, err := hex.DecodeString(k.Seed)
		if err != nil || len(seed) != ed25519.SeedSize {
			t.Fatalf("key %s: bad seed", k.Name)
		}
		pub := ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey)
		if base64.StdEncoding.EncodeToString(pub) != k.PublicKey || keys.ID(pub) != k.KeyID || keys.KioskID(pub) != k.KioskID {
			t.Errorf("key %s: the seed does not give the key, key id or kiosk id listed", k.Name)
		}
	}
	codes := map[string]bool{}
	for _, v := range f.Vectors {
		for _, x := range v.Exchanges {
			codes[x.Want.Code] = true
		}
	}
	for _, v := range f.Vectors {
		t.Run(v.Name, func(t *testing.T) {
			t.Parallel()
			got := runSyncVector(t, v)
			for i, x := range v.Exchanges {
				if !reflect.DeepEqual(got[i], x.Want) {
					t.Errorf("request %d: answered %+v, want %+v", i+1, got[i], x.Want)
				}
			}
		})
	}
	for _, c := range []string{"", syncproto.CodeMissingAuth, syncproto.CodeBadAuth, syncproto.CodeStaleTime, syncproto.CodeUnknownKiosk,
		syncproto.CodeBadSignature, syncproto.CodeReplayedNonce, syncproto.CodePending, syncproto.CodePendingFull,
		syncproto.CodeTooLarge, syncproto.CodeMalformed} {
		if !codes[c] {
			t.Errorf("no vector answered %q", c)
		}
	}
}
