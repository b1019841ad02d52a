package bundle

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"kiosk/data/vectorfile"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kiosk/assets/demokey"
	"kiosk/data/datatest"
	"kiosk/data/keys"
	"kiosk/data/strictjson"
)

var update = flag.Bool("update", false, "rewrite testdata/vectors.json from the code")

const vectorsPath = "testdata/vectors.json"

type vectorFile struct {
	About   []string    `json:"about"`
	Format  string      `json:"format"`
	Keys    []vectorKey `json:"keys"`
	Vectors []vector    `json:"vectors"`
}

// vectorKey is a published test key: the demo key (its private key is the
// file named) or a key made from a published seed.
type vectorKey struct {
	Name      string `json:"name"`
	KeyFile   string `json:"private_key_file,omitempty"`
	SeedFrom  string `json:"seed_from,omitempty"`
	Seed      string `json:"seed,omitempty"`
	PublicKey string `json:"public_key"`
	KeyID     string `json:"key_id"`
}

type vector struct {
	Name   string       `json:"name"`
	Note   string       `json:"note,omitempty"`
	Bundle string       `json:"bundle"`
	Reader vectorReader `json:"reader"`
	Want   vectorWant   `json:"want"`
}

// vectorReader is what the kiosk reading the bundle holds.
type vectorReader struct {
	Trusted   []string `json:"trusted"`
	EventID   string   `json:"event_id"`
	Installed int64    `json:"installed"`
	Now       string   `json:"now"`
}

type vectorWant struct {
	Error   string `json:"error"`
	Message string `json:"message"`
	// For an accepted bundle: what a reader takes from it.
	EventID string         `json:"event_id,omitempty"`
	Version int64          `json:"version,omitempty"`
	KeyID   string         `json:"key_id,omitempty"`
	SHA256  string         `json:"sha256,omitempty"`
	Counts  map[string]int `json:"counts,omitempty"`
}

// The second test key, made from a published seed.
var (
	vectorSeedB = sha256.Sum256([]byte("kiosk-bundle test key B"))
	vectorKeyB  = ed25519.NewKeyFromSeed(vectorSeedB[:])
)

// generateVectors builds the published vectors with the attack corpus's
// tools from the demo key, which anyone may use, and key B. The outcome
// of each is written down here by name, not taken from Read; the message
// is Read's, so that a change of wording shows in review.
func generateVectors(t *testing.T) vectorFile {
	k := newAttackKit(t)
	demo := demokey.Private()
	demoPub, pubB := demokey.Public(), vectorKeyB.Public().(ed25519.PublicKey)
	b64 := base64.StdEncoding.EncodeToString
	reader := func() vectorReader {
		return vectorReader{Trusted: []string{b64(demoPub)}, EventID: "test-event", Installed: 1, Now: attackNow.Format(time.RFC3339)}
	}
	good := k.validBundle(t, demo, 2)
	forge := func() *forgery { return k.forge(t, demo, 2) }
	var vs []vector
	add := func(name, note string, bundle []byte, r vectorReader, want string) {
		vs = append(vs, vector{Name: name, Note: note, Bundle: b64(bundle), Reader: r, Want: vectorWant{Error: want}})
	}
	valid := func(name, note string, bundle []byte, r vectorReader) { add(name, note, bundle, r, "") }
	refused := func(name, note string, bundle []byte, want Reason) { add(name, note, bundle, reader(), string(want)) }

	valid("valid", "Version 2 of the test event as kioskctl bundle build writes it, signed with the demo key.", good, reader())
	f := forge()
	f.sigText = []byte(signatureText(t, f))
	valid("valid-signature-without-line-end", "manifest.sig may end with one LF or with none.", f.bytes(t), reader())
	valid("valid-zip-bookkeeping-changed", "The entries in reverse order, with other times, modes, comments and extra fields: none of it is signed.",
		reversedWithOtherBookkeeping(t, good), reader())
	valid("valid-local-header-differs", "The local header of rooms.csv says rooms.xyz; readers take names from the central directory.",
		localNameChanged(t, good, "rooms.csv", "rooms.xyz"), reader())
	f = forge()
	f.editJSON = func(b []byte) []byte { return append(b, '\n') }
	valid("valid-manifest-line-end", "White space after the manifest's object is JSON; the signature covers it.", f.bytes(t), reader())
	f = k.forge(t, vectorKeyB, 2)
	f.m.NextKey = b64(demoPub)
	r := reader()
	r.Trusted = []string{b64(demoPub), b64(pubB)}
	valid("valid-key-b-hands-over", "Signed with key B, which the reader trusts besides the demo key; next_key names the key trusted from then on.", f.bytes(t), r)
	r = reader()
	r.EventID, r.Installed = "", 0
	valid("valid-first-install", "A kiosk with no event installed takes any event's bundle signed by a key it trusts.", good, r)

	refused("not-a-zip", "", []byte("Conference programme, final version\n"), NotABundle)
	refused("empty-file", "", []byte{}, NotABundle)
	refused("truncated", "The valid bundle cut in half.", good[:len(good)/2], NotABundle)
	f = forge()
	f.replace(stored("delegates.csv", f.body(t, "delegates.csv")), false, FileEntry{})
	refused("table-stored", "delegates.csv stored without compression.", f.bytes(t), NotABundle)
	refused("manifest-deflated", "", rezip(t, forge().bytes(t), ManifestName, 8), NotABundle)
	f = forge()
	for i := 0; len(f.entries)+2 < 40; i++ {
		f.entries = append(f.entries, deflated(fmt.Sprintf("extra%02d.csv", i), []byte("id\n")))
	}
	refused("too-many-entries", "40 entries; at most 32.", f.bytes(t), TooLarge)
	f = forge()
	f.add(deflated("../event.csv", f.body(t, "event.csv")))
	refused("entry-name-outside", "", f.bytes(t), BadEntryName)
	f = forge()
	link := deflated("revoked.csv", []byte("../../../etc/passwd"))
	link.hdr.SetMode(os.ModeSymlink | 0o777)
	f.replace(link, true, fileEntry("revoked.csv", link.body))
	refused("symlink-entry", "", f.bytes(t), LinkEntry)
	f = forge()
	f.entries = append(f.entries, deflated("rooms.csv", f.body(t, "rooms.csv")))
	refused("duplicate-entry", "rooms.csv twice in the central directory.", f.bytes(t), DuplicateEntry)
	f = forge()
	f.drop("rooms.csv")
	refused("listed-file-missing", "", f.bytes(t), MissingFile)
	f = forge()
	f.entries = append(f.entries, deflated("notes.txt", []byte("not in the manifest\n")))
	refused("unlisted-entry", "An entry the signed manifest does not list.", f.bytes(t), UnlistedFile)
	f = forge()
	f.m.Files[slices.IndexFunc(f.m.Files, func(e FileEntry) bool { return e.Name == "rooms.csv" })].Size++
	refused("size-differs-from-manifest", "The manifest gives rooms.csv one byte more than the entry holds.", f.bytes(t), SizeMismatch)
	f = forge()
	body := f.body(t, "rooms.csv")
	f.replace(deflated("rooms.csv", flipByte(body, len(body)/2)), false, FileEntry{})
	refused("hash-differs-from-manifest", "A byte of rooms.csv changed; the manifest's sha256 is the original's.", f.bytes(t), HashMismatch)
	f = forge()
	f.noSig = true
	refused("no-signature", "", f.bytes(t), NoSignature)
	f = forge()
	sig := ed25519.Sign(demo, f.manifestJSON(t))
	f.sigText = []byte(b64(flipByte(sig, 10)) + "\n")
	refused("signature-altered", "", f.bytes(t), BadSignature)
	f = forge()
	f.freeze(t)
	f.m.Version = 9
	refused("manifest-altered-after-signing", "version 2 made 9.", f.bytes(t), BadSignature)
	for _, c := range []struct{ name, text string }{
		{"signature-crlf", "%s\r\n"}, {"signature-two-lines", "%.44s\n"}, {"signature-spaces", " %s\n"}, {"signature-two-line-feeds", "%s\n\n"},
	} {
		f = forge()
		s := signatureText(t, f)
		text := fmt.Sprintf(c.text, s)
		if c.name == "signature-two-lines" {
			text += s[44:] + "\n"
		}
		f.sigText = []byte(text)
		refused(c.name, "", f.bytes(t), BadSignature)
	}
	refused("untrusted-key", "Signed with key B, which the reader does not trust.", k.validBundle(t, vectorKeyB, 2), UntrustedKey)
	for _, name := range []string{"created", "counts"} {
		f = withMembers(t, forge(), func(m map[string]json.RawMessage) { delete(m, name) })
		refused("manifest-without-"+name, "", f.bytes(t), BadManifest)
	}
	f = withMembers(t, forge(), func(m map[string]json.RawMessage) {
		var files []map[string]json.RawMessage
		if err := json.Unmarshal(m["files"], &files); err != nil {
			t.Fatal(err)
		}
		for _, e := range files {
			if string(e["name"]) == `"rooms.csv"` {
				delete(e, "size")
			}
		}
		m["files"], _ = json.Marshal(files)
	})
	refused("manifest-file-without-size", "rooms.csv's entry in files has no size: refused as a manifest that breaks its form, not read as size 0.", f.bytes(t), BadManifest)
	f = forge()
	f.editJSON = func(b []byte) []byte { return mustReplace(t, b, `"event_id"`, `"EVENT_ID"`) }
	refused("manifest-member-in-capitals", "", f.bytes(t), BadManifest)
	f = forge()
	f.editJSON = func(b []byte) []byte { return mustReplace(t, b, `"version": 2,`, `"version": 2, "version": 9,`) }
	refused("manifest-member-twice", "", f.bytes(t), BadManifest)
	f = withMembers(t, forge(), func(m map[string]json.RawMessage) { m["next_key"] = json.RawMessage("null") })
	refused("manifest-null", "", f.bytes(t), BadManifest)
	f = forge()
	f.editJSON = func(b []byte) []byte { return append(b, "\n{}"...) }
	refused("manifest-second-object", "", f.bytes(t), BadManifest)
	f = forge()
	f.editJSON = func(b []byte) []byte { return mustReplace(t, b, "{\n", "{\n  \"install_anyway\": true,\n") }
	refused("manifest-unknown-member", "", f.bytes(t), BadManifest)
	f = forge()
	f.m.Format = "kiosk-bundle/2"
	refused("manifest-other-format", "", f.bytes(t), BadManifest)
	f = withMembers(t, forge(), func(m map[string]json.RawMessage) { m["created"] = json.RawMessage(`"2016-10-01T02:00:00+02:00"`) })
	refused("manifest-time-not-utc", "The right instant, written with an offset.", f.bytes(t), BadManifest)
	f = forge()
	f.m.KeyID = keys.ID(pubB)
	refused("manifest-key-id-not-signer-key", "", f.bytes(t), BadManifest)
	f = forge()
	f.m.Counts["delegates"]++
	refused("manifest-count-wrong", "counts.delegates one more than delegates.csv's rows.", f.bytes(t), BadManifest)
	f = forge()
	f.m.Files[0].SHA256 = strings.ToUpper(f.m.Files[0].SHA256)
	refused("manifest-sha256-capitals", "", f.bytes(t), BadManifest)
	f = forge()
	f.add(deflated("notes.txt", []byte("remember the coffee\n")))
	refused("manifest-lists-other-file", "", f.bytes(t), BadManifest)
	other := datatest.Event()
	other.Event.ID = "another-event"
	refused("other-event", "", buildEvent(t, other, demo, 2, attackCreated, attackExpires), OtherEvent)
	r = reader()
	r.Installed = 3
	add("rollback", "", good, r, string(Rollback))
	r = reader()
	r.Installed = 2
	add("same-version", "", good, r, string(SameVersion))
	r = reader()
	r.Now = attackExpires.Add(time.Second).Format(time.RFC3339)
	add("expired", "", good, r, string(Expired))
	f = forge()
	f.set("delegates.csv", append([]byte("\uFEFF"), f.body(t, "delegates.csv")...))
	refused("table-byte-order-mark", "", f.bytes(t), BadData)
	f = forge()
	_, sessions := setCell(t, f.body(t, "sessions.csv"), datatest.CyberID, "room", "R9")
	f.set("sessions.csv", sessions)
	refused("data-unknown-room", "", f.bytes(t), BadData)

	// The message of each is the reader's, the outcome the one named above.
	for i := range vs {
		v := &vs[i]
		got, err := readVector(t, *v)
		var r *Refusal
		switch {
		case v.Want.Error == "" && err != nil:
			t.Fatalf("%s: refused: %v", v.Name, err)
		case v.Want.Error == "":
			v.Want.EventID, v.Want.Version, v.Want.KeyID = got.Manifest.EventID, got.Manifest.Version, keys.ID(got.Signer)
			v.Want.SHA256, v.Want.Counts = got.SHA256, got.Manifest.Counts
		case !errors.As(err, &r) || string(r.Reason) != v.Want.Error:
			t.Fatalf("%s: got %v, want %s", v.Name, err, v.Want.Error)
		default:
			v.Want.Message = r.Msg
		}
	}
	return vectorFile{
		About: []string{
			"Test vectors for kiosk bundles, format kiosk-bundle/1 (docs/bundle-format.md).",
			"The keys are published test keys and protect nothing: the demo key (its private key is in the file named) and key B (its seed is here).",
			"'bundle' is the whole bundle file in standard base64.",
			"'reader' is the kiosk reading it: the event keys it trusts (base64 of the 32-byte Ed25519 public keys), the event it serves",
			"(empty: none installed, any event is taken), the version installed (a bundle must be above it; 0: none) and its clock.",
			"'want': error is the refusal's reason (docs/bundle-format.md, 'Refusals') and message the kiosk's wording of it;",
			"or error is empty and the rest is what the reader takes: the event, version, signer's key id, the file's SHA-256 and the counts.",
			"An implementation must refuse every invalid vector with the same reason; the message is ours, for reference.",
			"Regenerate with: go test ./data/bundle -run TestVectorsUpToDate -update",
		},
		Format: Format,
		Keys: []vectorKey{
			{Name: "demo", KeyFile: "assets/demokey/DEMO-ONLY-event.key", PublicKey: b64(demoPub), KeyID: keys.ID(demoPub)},
			{Name: "B", SeedFrom: `SHA-256("kiosk-bundle test key B")`, Seed: hex.EncodeToString(vectorSeedB[:]), PublicKey: b64(pubB), KeyID: keys.ID(pubB)},
		},
		Vectors: vs,
	}
}

// readVector reads a vector's bundle as its reader says.
func readVector(t *testing.T, v vector) (*Bundle, error) {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(v.Bundle)
	if err != nil {
		t.Fatalf("%s: bundle is not base64", v.Name)
	}
	now, err := time.Parse(time.RFC3339, v.Reader.Now)
	if err != nil {
		t.Fatalf("%s: %v", v.Name, err)
	}
	pol := Policy{EventID: v.Reader.EventID, Installed: v.Reader.Installed, Now: now}
	for _, s := range v.Reader.Trusted {
		k, err := base64.StdEncoding.DecodeString(s)
		if err != nil || len(k) != ed25519.PublicKeySize {
			t.Fatalf("%s: trusted key %q", v.Name, s)
		}
		pol.Trusted = append(pol.Trusted, k)
	}
	return Read(raw, pol)
}

// TestVectorsUpToDate fails when a code change alters a published vector.
func TestVectorsUpToDate(t *testing.T) {
	vectorfile.UpToDate(t, vectorsPath, vectorfile.Marshal(t, generateVectors(t)), *update, "go test ./data/bundle -run TestVectorsUpToDate -update")
}

// TestVectors reads the file on its own terms, as another implementation
// would, through the kiosk's reader.
func TestVectors(t *testing.T) {
	raw, err := os.ReadFile(vectorsPath)
	if err != nil {
		t.Fatal(err)
	}
	var f vectorFile
	if err := strictjson.Decode(raw, &f); err != nil {
		t.Fatal(err)
	}
	for _, k := range f.Keys {
		var pub ed25519.PublicKey
		switch {
		case k.KeyFile != "":
			priv, err := keys.ReadPrivateFile(filepath.Join("..", "..", k.KeyFile))
			if err != nil {
				t.Fatal(err)
			}
			pub = priv.Public().(ed25519.PublicKey)
		default:
			seed, err := hex.DecodeString(k.Seed)
			if err != nil || len(seed) != ed25519.SeedSize {
				t.Fatalf("key %s: bad seed", k.Name)
			}
			pub = ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey)
		}
		if base64.StdEncoding.EncodeToString(pub) != k.PublicKey || keys.ID(pub) != k.KeyID {
			t.Errorf("key %s: the private key does not give the public key or id listed", k.Name)
		}
	}
	reasons := map[string]bool{}
	names := map[string]bool{}
	for _, v := range f.Vectors {
		t.Run(v.Name, func(t *testing.T) {
			if names[v.Name] {
				t.Fatal("duplicate name")
			}
			names[v.Name] = true
			reasons[v.Want.Error] = true
			got, err := readVector(t, v)
			if v.Want.Error == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				w := v.Want
				if got.Manifest.EventID != w.EventID || got.Manifest.Version != w.Version || keys.ID(got.Signer) != w.KeyID ||
					got.SHA256 != w.SHA256 || fmt.Sprint(got.Manifest.Counts) != fmt.Sprint(w.Counts) {
					t.Errorf("read %+v signed by %s, want %+v", got.Manifest, keys.ID(got.Signer), w)
				}
				return
			}
			var r *Refusal
			if !errors.As(err, &r) {
				t.Fatalf("accepted (%v), want %s", err, v.Want.Error)
			}
			if string(r.Reason) != v.Want.Error || r.Msg != v.Want.Message {
				t.Errorf("refused %s %q, want %s %q", r.Reason, r.Msg, v.Want.Error, v.Want.Message)
			}
		})
	}
	// Every reason the reader gives has a vector; retired-key and demo-key
	// are the kiosk's rules of trust (data/importer), not the reader's.
	for _, want := range []Reason{NotABundle, TooLarge, BadEntryName, LinkEntry, DuplicateEntry, MissingFile, UnlistedFile,
		SizeMismatch, HashMismatch, NoSignature, BadSignature, UntrustedKey, BadManifest, OtherEvent, Rollback, SameVersion, Expired, BadData} {
		if !reasons[string(want)] {
			t.Errorf("no vector refused as %s", want)
		}
	}
	if !reasons[""] {
		t.Error("no valid vector")
	}
}
