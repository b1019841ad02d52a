package bundle

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"kiosk/assets"
)

// strictCase is a bundle that differs from a valid one by one thing the
// document forbids (want set) or allows (want empty).
type strictCase struct {
	name   string
	bundle []byte
	want   Reason
	msg    []string // what the refusal's message must say
}

// withMembers rewrites the manifest as a JSON object after edit changed
// its members; the bundle is signed again, so only the manifest rules can
// refuse it.
func withMembers(t *testing.T, f *forgery, edit func(m map[string]json.RawMessage)) *forgery {
	t.Helper()
	f.editJSON = func(b []byte) []byte {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		edit(m)
		out, err := json.MarshalIndent(m, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	return f
}

func signatureText(t *testing.T, f *forgery) string {
	t.Helper()
	return base64.StdEncoding.EncodeToString(ed25519.Sign(f.key, f.manifestJSON(t)))
}

// TestStrictReader holds the reader to every rule docs/bundle-format.md
// states, one case per rule, with the message staff see.
func TestStrictReader(t *testing.T) {
	k := newAttackKit(t)
	var cases []strictCase
	add := func(c ...strictCase) { cases = append(cases, c...) }
	forge := func() *forgery { return k.forge(t, k.priv, 2) }

	// manifest.sig: the base64 text, at most one LF after it.
	for _, c := range []struct {
		name string
		text func(sig string) string
		want Reason
		msg  []string
	}{
		{"signature/one trailing LF, as Build writes it", func(s string) string { return s + "\n" }, "", nil},
		{"signature/no line end", func(s string) string { return s }, "", nil},
		{"signature/CRLF", func(s string) string { return s + "\r\n" }, BadSignature, []string{SignatureName, "carriage return"}},
		{"signature/two LFs", func(s string) string { return s + "\n\n" }, BadSignature, []string{SignatureName, "one line"}},
		{"signature/leading space", func(s string) string { return " " + s + "\n" }, BadSignature, []string{SignatureName, "space"}},
		{"signature/trailing tab", func(s string) string { return s + "\t\n" }, BadSignature, []string{SignatureName, "space"}},
		{"signature/split over two lines", func(s string) string { return s[:44] + "\n" + s[44:] + "\n" }, BadSignature, []string{SignatureName, "one line"}},
		{"signature/no padding", func(s string) string { return strings.TrimRight(s, "=") + "\n" }, BadSignature, []string{SignatureName, "88"}},
		{"signature/URL-safe alphabet", func(s string) string {
			return strings.NewReplacer("+", "-", "/", "_").Replace(s) + "\n"
		}, BadSignature, []string{SignatureName, "88"}},
	} {
		f := forge()
		if c.name == "signature/URL-safe alphabet" {
			// Make sure the signature has a character the two alphabets spell apart.
			for !strings.ContainsAny(signatureText(t, f), "+/") {
				f.m.Version++
			}
		}
		f.sigText = []byte(c.text(signatureText(t, f)))
		add(strictCase{c.name, f.bytes(t), c.want, c.msg})
	}

	// Every manifest member but next_key is required.
	for _, name := range []string{"format", "event_id", "version", "created", "expires", "key_id", "signer_key", "counts", "files"} {
		f := withMembers(t, forge(), func(m map[string]json.RawMessage) { delete(m, name) })
		add(strictCase{"manifest/no " + name, f.bytes(t), BadManifest, []string{ManifestName, `"` + name + `"`, "is missing"}})
	}
	// JSON as the document writes it: names spelt exactly, once, no null,
	// one object.
	f := forge()
	f.editJSON = func(b []byte) []byte { return mustReplace(t, b, `"event_id"`, `"EVENT_ID"`) }
	add(strictCase{"json/member name in capitals", f.bytes(t), BadManifest, []string{ManifestName, `"EVENT_ID"`}})
	f = forge()
	f.editJSON = func(b []byte) []byte { return mustReplace(t, b, `"version": 2,`, `"version": 2, "version": 9,`) }
	add(strictCase{"json/member twice", f.bytes(t), BadManifest, []string{ManifestName, `"version"`, "twice"}})
	f = withMembers(t, forge(), func(m map[string]json.RawMessage) { m["next_key"] = json.RawMessage("null") })
	add(strictCase{"json/null", f.bytes(t), BadManifest, []string{ManifestName, `"next_key"`, "null"}})
	f = forge()
	f.editJSON = func(b []byte) []byte { return append(b, "\n{}"...) }
	add(strictCase{"json/a second object after the manifest", f.bytes(t), BadManifest, []string{ManifestName, "more after"}})
	f = forge()
	f.editJSON = func(b []byte) []byte { return append(b, "\n"...) }
	add(strictCase{"json/a line end after the manifest", f.bytes(t), "", nil})

	// Member values.
	member := func(name, value string) *forgery {
		return withMembers(t, forge(), func(m map[string]json.RawMessage) { m[name] = json.RawMessage(value) })
	}
	add(strictCase{"value/created with an offset", member("created", `"2016-10-01T02:00:00+02:00"`).bytes(t), BadManifest,
		[]string{`"created"`, "2016-10-01T02:00:00+02:00", "UTC"}},
		strictCase{"value/expires with milliseconds", member("expires", `"2017-10-01T00:00:00.000Z"`).bytes(t), BadManifest,
			[]string{`"expires"`, "2017-10-01T00:00:00.000Z"}},
		strictCase{"value/expires before created", member("expires", `"2016-09-30T00:00:00Z"`).bytes(t), BadManifest,
			[]string{`"expires"`, `"created"`}},
		strictCase{"value/version 0", member("version", `0`).bytes(t), BadManifest, []string{`"version"`}},
		strictCase{"value/version 2.0", member("version", `2.0`).bytes(t), BadManifest, []string{`"version"`}},
		strictCase{"value/event id breaking the id rule", member("event_id", `"test event"`).bytes(t), BadManifest,
			[]string{`"event_id"`, `"test event"`}},
		strictCase{"value/next_key empty", member("next_key", `""`).bytes(t), BadManifest, []string{`"next_key"`}},
		strictCase{"value/signer_key split by a line feed", member("signer_key", func() string {
			s := base64.StdEncoding.EncodeToString(k.pub)
			return `"` + s[:20] + `\n` + s[20:] + `"`
		}()).bytes(t), BadManifest, []string{`"signer_key"`}},
	)
	f = forge()
	f.m.Files[0].SHA256 = strings.ToUpper(f.m.Files[0].SHA256)
	add(strictCase{"value/sha256 in capitals", f.bytes(t), BadManifest, []string{f.m.Files[0].Name, "sha256", "lower-case"}})
	f = forge()
	f.add(deflated("notes.txt", []byte("remember the coffee\n")))
	add(strictCase{"value/a file that is not a table", f.bytes(t), BadManifest, []string{`"notes.txt"`, "delegates.csv"}})
	f = forge()
	f.set("Rooms.CSV", f.body(t, "rooms.csv"))
	f.drop("rooms.csv")
	f.m.Files = deleteFileEntry(f.m.Files, "rooms.csv")
	add(strictCase{"value/a table's name in capitals", f.bytes(t), BadManifest, []string{`"Rooms.CSV"`}})

	// counts: one per table, each the rows of its file.
	f = forge()
	f.m.Counts["delegates"]++
	add(strictCase{"counts/one delegate too many", f.bytes(t), BadManifest,
		[]string{"counts.delegates", "7", "delegates.csv", "6 rows"}})
	f = forge()
	delete(f.m.Counts, "rooms")
	add(strictCase{"counts/rooms missing", f.bytes(t), BadManifest, []string{"counts", `"rooms"`}})
	f = forge()
	f.m.Counts["badges"] = 3
	add(strictCase{"counts/unknown table", f.bytes(t), BadManifest, []string{"counts", `"badges"`}})

	// Compression: the manifest and signature stored, the tables deflated.
	f = forge()
	f.replace(stored("delegates.csv", f.body(t, "delegates.csv")), false, FileEntry{})
	add(strictCase{"method/delegates.csv stored", f.bytes(t), NotABundle, []string{`"delegates.csv"`, "deflate", "method 0"}})
	f = forge()
	add(strictCase{"method/manifest.json deflated", rezip(t, f.bytes(t), ManifestName, zip.Deflate), NotABundle,
		[]string{`"manifest.json"`, "stored", "method 8"}})
	f = forge()
	add(strictCase{"method/manifest.sig deflated", rezip(t, f.bytes(t), SignatureName, zip.Deflate), NotABundle,
		[]string{`"manifest.sig"`, "stored"}})

	f = forge()
	enc := deflated("rooms.csv", f.body(t, "rooms.csv"))
	enc.hdr.Flags |= 0x1
	f.replace(enc, false, FileEntry{})
	add(strictCase{"method/rooms.csv marked encrypted", f.bytes(t), NotABundle, []string{`"rooms.csv"`, "encrypted"}})

	// CSV files carry no byte-order mark.
	f = forge()
	f.set("delegates.csv", append([]byte("\uFEFF"), f.body(t, "delegates.csv")...))
	add(strictCase{"csv/byte-order mark", f.bytes(t), BadData, []string{"delegates.csv", "byte-order mark"}})

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pol := Policy{Trusted: []ed25519.PublicKey{k.pub}, Now: attackNow}
			_, err := Read(c.bundle, pol)
			if c.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var r *Refusal
			if !errors.As(err, &r) {
				t.Fatalf("accepted (%v), want refusal %s", err, c.want)
			}
			if r.Reason != c.want {
				t.Errorf("refused as %s, want %s: %s", r.Reason, c.want, r.Msg)
			}
			checkMessage(t, r, c.msg, nil)
		})
	}
}

// rezip writes bundle again with entry name compressed by method, every
// other entry as it was.
func rezip(t *testing.T, bundle []byte, name string, method uint16) []byte {
	entries := zipEntries(t, bundle)
	for i := range entries {
		if entries[i].hdr.Name == name {
			entries[i].hdr.Method = method
		}
	}
	return writeZip(t, entries)
}

// zipEntries takes bundle apart into entries that writeZip puts back.
func zipEntries(t *testing.T, bundle []byte) []zipEntry {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(bundle), int64(len(bundle)))
	if err != nil {
		t.Fatal(err)
	}
	var entries []zipEntry
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(rc)
		rc.Close()
		entries = append(entries, zipEntry{hdr: zip.FileHeader{Name: zf.Name, Method: zf.Method, Modified: attackCreated}, body: buf.Bytes()})
	}
	return entries
}

// reversedWithOtherBookkeeping is bundle written again in the reverse
// order, with other times, modes, comments and extra fields: everything
// of the zip the signature does not cover.
func reversedWithOtherBookkeeping(t *testing.T, bundle []byte) []byte {
	t.Helper()
	entries := zipEntries(t, bundle)
	slices.Reverse(entries)
	for i := range entries {
		h := &entries[i].hdr
		h.Modified = attackCreated.AddDate(0, 0, i*37)
		h.Comment = "not signed"
		h.Extra = []byte{0xfe, 0xca, 2, 0, 'h', 'i'}
		h.SetMode(0o600)
	}
	return writeZip(t, entries)
}

// localNameChanged is bundle with the local header of entry name naming
// newName (of the same length) and another time; the central directory is
// left as it was.
func localNameChanged(t *testing.T, bundle []byte, name, newName string) []byte {
	t.Helper()
	out := bytes.Clone(bundle)
	n := 0
	for i := 0; i+30 < len(out); i++ {
		if string(out[i:i+4]) != "PK\x03\x04" {
			continue
		}
		nameLen := int(out[i+26]) | int(out[i+27])<<8
		if string(out[i+30:i+30+nameLen]) == name {
			copy(out[i+30:], newName)
			out[i+10] ^= 0xff // the time
			n++
		}
	}
	if n != 1 || len(name) != len(newName) {
		t.Fatalf("found %d local headers of %s", n, name)
	}
	return out
}

// TestWhatTheSignatureCovers: the signature covers manifest.json's bytes
// and through them every listed file's name, size and content, nothing of
// the zip's bookkeeping. A bundle written again with other times, another
// entry order, extra fields, a comment or local headers that disagree with
// the central directory is the same bundle; an entry the manifest does not
// list is refused.
func TestWhatTheSignatureCovers(t *testing.T) {
	k := newAttackKit(t)
	good := k.validBundle(t, k.priv, 2)
	pol := Policy{Trusted: []ed25519.PublicKey{k.pub}, Now: attackNow}
	want, err := Read(good, pol)
	if err != nil {
		t.Fatal(err)
	}
	same := func(name string, b []byte) {
		t.Helper()
		got, err := Read(b, pol)
		if err != nil {
			t.Fatalf("%s: refused: %v", name, err)
		}
		if got.Manifest.Version != want.Manifest.Version || len(got.Sources.Data.Delegates) != len(want.Sources.Data.Delegates) {
			t.Fatalf("%s: read %+v", name, got.Manifest)
		}
	}

	same("entries reversed, other times, modes, comments and extra fields", reversedWithOtherBookkeeping(t, good))
	// The local header of rooms.csv names another file; readers take the
	// name from the central directory.
	same("a local header disagreeing with the central directory", localNameChanged(t, good, "rooms.csv", "rooms.xyz"))

	f := k.forge(t, k.priv, 2)
	f.entries = append(f.entries, deflated("notes.txt", []byte("not in the manifest\n")))
	_, err = Read(f.bytes(t), pol)
	var r *Refusal
	if !errors.As(err, &r) || r.Reason != UnlistedFile || !strings.Contains(r.Msg, `"notes.txt"`) {
		t.Fatalf("an entry the manifest does not list: %v", err)
	}
}

// TestDemoBundleIsStrict: the shipped demo bundle meets every rule.
func TestDemoBundleIsStrict(t *testing.T) {
	m, err := Inspect(assets.DemoBundle)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Read(assets.DemoBundle, Policy{Trusted: []ed25519.PublicKey{assets.DemoPublicKey()}, Now: m.Created}); err != nil {
		t.Fatal(err)
	}
}
