package syncproto

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/checkincode"
)

var update = flag.Bool("update", false, "rewrite testdata/example.md")

// exampleExchange builds the worked example of docs/sync-protocol.md from
// fixed keys, time and nonce: a push, its signed message, the answer, a
// pull and its answer, and a refusal. Every byte comes from this package,
// so the document cannot drift from the code.
func exampleExchange(t *testing.T) string {
	t.Helper()
	seed := bytes.Repeat([]byte{7}, ed25519.SeedSize)
	key := ed25519.NewKeyFromSeed(seed)
	pub := key.Public().(ed25519.PublicKey)
	kiosk := KioskIDFor(pub)
	const event = "interpol-ga85-2016"
	scanned := time.Date(2016, 11, 8, 2, 14, 58, 120e6, time.UTC)
	c := data.CheckIn{ID: "5f0c3a7e9b2d4c61a8e0f1d2c3b4a596", EventID: event, KioskID: kiosk, Seq: 42, DelegateID: "D000117",
		BadgeSerial: 117, Purpose: data.PurposePlenary, SessionID: "GA-S01", RoomID: "R-PLENARY", ScannedAt: scanned,
		HLC: scanned.UnixMilli() << 16, Method: data.MethodScan}
	sig, err := checkincode.Sign(event, key, c)
	if err != nil {
		t.Fatal(err)
	}
	c.Signature = sig
	body, _ := json.Marshal(PushRequest{EventID: event, CheckIns: []Record{ToRecord(c)}})
	now := time.Date(2016, 11, 8, 2, 15, 0, 0, time.UTC)
	nonce := "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
	req, _ := http.NewRequest("POST", "http://127.0.0.1:8090"+PathPush, bytes.NewReader(body))
	if err := signWithNonce(req, body, kiosk, key, now, nonce); err != nil {
		t.Fatal(err)
	}
	// The example is genuine: the hub's checks accept the request and
	// the check-in it carries.
	if err := verify(req, body, pub, now); err != nil {
		t.Fatal(err)
	}
	if rc, err := ToRecord(c).CheckIn(event); err != nil || !checkincode.Genuine(event, pub, rc) {
		t.Fatalf("the example check-in does not verify: %v", err)
	}
	SetClockCorrection(req, 0)
	req.Header.Set("Content-Type", "application/json")

	var b strings.Builder
	section := func(title, lang, text string) { fmt.Fprintf(&b, "%s\n\n```%s\n%s\n```\n\n", title, lang, text) }
	section("The request (the body is sent as one line, exactly these bytes):", "http", requestText(req, body))
	msg := Message("POST", PathPush, body, kiosk, now.UnixMilli(), nonce)
	section("The message the kiosk signed (lines end with a line feed; the last has none):", "text", string(msg))
	hubTime := now.Add(1500 * time.Millisecond).UnixMilli()
	section("The hub's answer (200):", "json", indent(t, PushResponse{HubID: "9c1d5e0a7b3f4c2e8d6a1b0f5e4d3c2b",
		HubTime: hubTime, Acked: 42, Results: []PushResult{{ID: c.ID, Status: StatusStored}}}))
	section("The same push sent again (the answer was lost, say):", "json", indent(t, PushResponse{HubID: "9c1d5e0a7b3f4c2e8d6a1b0f5e4d3c2b",
		HubTime: hubTime + 2000, Acked: 42, Results: []PushResult{{ID: c.ID, Status: StatusDuplicate}}}))
	section("Another kiosk's pull (`POST /v1/pull`, signed the same way):", "json", indent(t, PullRequest{EventID: event,
		HubID: "9c1d5e0a7b3f4c2e8d6a1b0f5e4d3c2b", Cursor: map[string]int64{kiosk: 41}}))
	section("Its answer:", "json", indent(t, PullResponse{HubID: "9c1d5e0a7b3f4c2e8d6a1b0f5e4d3c2b", HubTime: hubTime + 3000,
		EventID: event, CheckIns: []Record{ToRecord(c)}, Cursor: map[string]int64{kiosk: 42}}))
	section("A refusal: the kiosk's clock a day ahead (401, and the header X-Hub-Time):", "json", indent(t, ErrorBody{Code: CodeStaleTime,
		Message: (Auth{TimeMs: now.Add(24 * time.Hour).UnixMilli()}).CheckTime(now).Error() + "; sign again with the hub's time",
		HubTime: now.UnixMilli()}))
	return b.String()
}

func requestText(req *http.Request, body []byte) string {
	var lines []string
	for name := range req.Header {
		lines = append(lines, name+": "+req.Header.Get(name))
	}
	sort.Strings(lines)
	return fmt.Sprintf("%s %s HTTP/1.1\nHost: %s\n%s\n\n%s", req.Method, req.URL.RequestURI(), req.URL.Host, strings.Join(lines, "\n"), body)
}

func indent(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestWorkedExample keeps testdata/example.md and the example in
// docs/sync-protocol.md equal to what the code makes (go test -update
// rewrites the testdata file; the document is then updated by hand).
func TestWorkedExample(t *testing.T) {
	got := exampleExchange(t)
	const file = "testdata/example.md"
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Fatalf("the worked example changed; run go test ./data/syncproto -run WorkedExample -update and copy it into docs/sync-protocol.md\n%s", got)
	}
	doc, err := os.ReadFile("../../docs/sync-protocol.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), got) {
		t.Fatal("docs/sync-protocol.md does not hold testdata/example.md verbatim")
	}
}
