package staff

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"kiosk/data"
	"kiosk/data/checkin"
	"kiosk/data/datatest"
	"kiosk/data/store"
)

// resign rewrites the check-ins of an export file as change says and
// signs it again with the exporting kiosk's real key: what an enrolled
// kiosk that is broken or dishonest can put on a stick.
func resign(t *testing.T, path string, key ed25519.PrivateKey, change func([]map[string]any) []map[string]any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var env struct {
		Format    string `json:"format"`
		Payload   string `json:"payload"`
		Signature string `json:"signature"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		t.Fatal(err)
	}
	pb, _ := base64.StdEncoding.DecodeString(env.Payload)
	var p map[string]any
	dec := json.NewDecoder(strings.NewReader(string(pb)))
	dec.UseNumber()
	if err := dec.Decode(&p); err != nil {
		t.Fatal(err)
	}
	var recs []map[string]any
	for _, r := range p["checkins"].([]any) {
		recs = append(recs, r.(map[string]any))
	}
	p["checkins"] = change(recs)
	// The writer's member order, public_key before checkins: encoding a
	// map sorts the names, which puts checkins first.
	var out strings.Builder
	out.WriteString("{")
	for i, name := range []string{"event_id", "kiosk_id", "public_key", "created", "checkins"} {
		v, _ := json.Marshal(p[name])
		if i > 0 {
			out.WriteString(",")
		}
		out.WriteString(`"` + name + `":` + string(v))
	}
	out.WriteString("}")
	pb = []byte(out.String())
	env.Payload = base64.StdEncoding.EncodeToString(pb)
	env.Signature = base64.StdEncoding.EncodeToString(ed25519.Sign(key, append([]byte("kiosk-checkins-export-v1\x00"), pb...)))
	b, _ = json.Marshal(env)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyRecord(r map[string]any, id string, fields map[string]any) map[string]any {
	c := map[string]any{}
	for k, v := range r {
		c[k] = v
	}
	c["id"] = id
	for k, v := range fields {
		c[k] = v
	}
	return c
}

// An enrolled kiosk's export that carries records claiming the receiving
// kiosk's id (with the largest number, or one ahead of its own, without
// the receiver's signature), a clock far ahead, or another's (kiosk,
// number) is taken in record by record:
// the good ones are taken, each bad one refused with its reason, and the
// receiving kiosk keeps numbering its own check-ins 1, 2… and scanning.
func TestTakeInRefusesBadRecordsOneByOne(t *testing.T) {
	ctx := context.Background()
	ex, idA, b, issB := exportToEnrolledKiosk(t)
	stB, _ := b.Status(ctx)
	resign(t, ex.Path, idA.Key, func(recs []map[string]any) []map[string]any {
		good := recs[0]
		return append(recs,
			copyRecord(good, strings.Repeat("a", 32), map[string]any{"kiosk_id": stB.KioskID, "seq": json.Number("9223372036854775807")}),
			copyRecord(good, strings.Repeat("b", 32), map[string]any{"kiosk_id": stB.KioskID, "seq": 1000}),
			// A's own, unsigned: the file's signature vouches for them (a
			// copy of good's signature would no longer be A's).
			copyRecord(good, strings.Repeat("c", 32), map[string]any{"seq": 3, "hlc": int64(1) << 62, "signature": ""}),
			copyRecord(good, strings.Repeat("d", 32), map[string]any{"seq": 4, "hlc": json.Number("9223372036854775807"), "signature": ""}),
			copyRecord(good, strings.Repeat("e", 32), map[string]any{"signature": ""}), // A's number 1 again, under another id
		)
	})

	got, err := b.ImportCheckIns(ctx, ex.Path)
	if err != nil {
		t.Fatalf("take in: %v", err)
	}
	if got.Count != 7 || got.Added != 2 || got.Known != 0 || len(got.Refused) != 5 {
		t.Fatalf("take in: %+v", got)
	}
	// Each bad record is named by its id, with its own reason.
	wantRefusals(t, got.Refused, map[string]string{"a": "sequence number 9223372036854775807 is not between 1 and 4294967295",
		"b": "not that of " + stB.KioskID + "'s key", "c": "too far ahead", "d": "too far ahead", "e": "number 1 is both"})
	// Taken again: the good ones are known, the bad ones refused again.
	if again, err := b.ImportCheckIns(ctx, ex.Path); err != nil || again.Added != 0 || again.Known != 2 || len(again.Refused) != 5 {
		t.Fatalf("second take in: %+v %v", again, err)
	}
	// B's own numbering and clock are untouched: its next scan is number 1.
	o, err := b.Desk.Scan(ctx, issB.token(t, datatest.NguyenID), data.MethodScan)
	if err != nil || o.Status != checkin.Welcome || o.CheckIn.Seq != 1 || o.CheckIn.HLC >= int64(1)<<62 {
		t.Fatalf("scan at B after the take-in: %+v %v", o.CheckIn, err)
	}
	if _, err := b.Export(ctx, t.TempDir(), false); err != nil {
		t.Fatalf("B's export after the take-in: %v", err)
	}
}

// wantRefusals checks that for each id letter (the id is 32 of it) one of
// the refusals names that id and says what is wanted.
func wantRefusals(t *testing.T, refused []string, want map[string]string) {
	t.Helper()
	for id, msg := range want {
		found := false
		for _, r := range refused {
			found = found || strings.Contains(r, strings.Repeat(id, 32)) && strings.Contains(r, msg)
		}
		if !found {
			t.Errorf("no refusal of %s… saying %q in %q", id, msg, refused)
		}
	}
}

// exportToEnrolledKiosk is kiosk A's export of two check-ins, A's identity,
// and a kiosk B that has A enrolled, with its badge issuer.
func exportToEnrolledKiosk(t *testing.T) (Exported, store.Identity, *Service, *badgeIssuer) {
	t.Helper()
	ctx := context.Background()
	a, _, iss := service(t)
	a.Desk.Scan(ctx, iss.token(t, datatest.StockID), data.MethodScan)
	a.Desk.Scan(ctx, iss.token(t, datatest.KouassiID), data.MethodScan)
	ex, err := a.Export(ctx, t.TempDir(), false)
	if err != nil {
		t.Fatal(err)
	}
	idA, err := a.Store.Identity(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, _, issB := service(t)
	d := datatest.Event()
	d.KioskKeys = []data.KioskKey{{KioskID: "kiosk-a", PublicKey: idA.Public()}}
	if err := b.Store.Install(ctx, d, datatest.Info(2), nil); err != nil {
		t.Fatal(err)
	}
	return ex, idA, b, issB
}
