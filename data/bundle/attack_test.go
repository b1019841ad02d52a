package bundle

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"kiosk/data/datatest"
	"kiosk/data/keys"
)

// maxReadAlloc bounds what reading any one bundle of the corpus may
// allocate: a kiosk must refuse a bomb without unpacking it.
const maxReadAlloc = 64 << 20

// attackCase is one bundle from a hostile or damaged stick.
type attackCase struct {
	name      string
	bundle    []byte
	installed int64   // the version the kiosk has; 1 when zero
	limits    *Limits // the kiosk's limits when set, DefaultLimits otherwise
	want      Reason  // "" for a control that must be accepted and installed
	// alsoOK is a second reason that is as right as want: a flipped byte
	// in a compressed stream shows either as a bad checksum or as a
	// stream of the wrong length.
	alsoOK Reason
	// msg lists what the refusal's message must say: the file or entry
	// at fault, the value that is wrong. notMsg lists what it must not.
	msg    []string
	notMsg []string
}

// TestAttackCorpus offers a kiosk in service bundles crafted to get past
// one check each. Every one must be refused with the reason for that check
// and a message that tells staff what is wrong, and refusing must leave
// the kiosk exactly as it was. Two valid bundles go through the same
// path, to show the corpus is refused for what is wrong with it and not
// for how it was made.
func TestAttackCorpus(t *testing.T) {
	k := newAttackKit(t)
	k.prepareKiosk(t, 1)
	k.prepareKiosk(t, 3)
	var cases []attackCase
	add := func(c ...attackCase) { cases = append(cases, c...) }

	good := k.validBundle(t, k.priv, 2)
	add(attackCase{name: "control/valid version 2 from Build", bundle: good},
		attackCase{name: "control/valid version 2 taken apart and put back", bundle: k.forge(t, k.priv, 2).bytes(t)})

	// Damage: a byte changed in what the archive stores is caught by the
	// zip's CRC; a byte changed in a file before it was zipped again (so
	// the CRC is right) by the manifest's hash, or for the manifest and
	// its signature by the signature.
	for _, name := range entryNames(t, good) {
		add(attackCase{name: "flip/stored bytes of " + name, bundle: flipStored(t, good, name),
			want: HashMismatch, alsoOK: SizeMismatch, msg: []string{name}})
		f := k.forge(t, k.priv, 2)
		switch name {
		case ManifestName:
			// The byte flipped is at a fixed place in the manifest's
			// deterministic part (the manifest also holds key ids, which
			// differ from run to run), and the JSON still parses.
			f.freeze(t)
			hash := fileEntry("delegates.csv", f.body(t, "delegates.csv")).SHA256
			f.editJSON = func(b []byte) []byte {
				i := bytes.Index(b, []byte(hash))
				if i < 0 {
					t.Fatalf("delegates.csv's hash is not in the manifest:\n%s", b)
				}
				return flipByte(b, i+10)
			}
			add(attackCase{name: "flip/manifest.json rezipped, a byte of a file's hash", bundle: f.bytes(t),
				want: BadSignature, msg: []string{"manifest"}})
			f = k.forge(t, k.priv, 2)
			f.freeze(t)
			f.editJSON = func(b []byte) []byte { return mustReplace(t, b, `"version": 2,`, `"version": 9,`) }
			add(attackCase{name: "flip/manifest.json rezipped, version 2 made 9", bundle: f.bytes(t),
				want: BadSignature, msg: []string{"manifest"}})
			// A flip that breaks the JSON leaves no key id to read, but the
			// signature was still checked against every trusted key and
			// matched none of them for these bytes: the manifest was
			// altered, whoever signed it.
			f = k.forge(t, k.priv, 2)
			f.freeze(t)
			f.editJSON = func(b []byte) []byte { return flipByte(b, 0) }
			add(attackCase{name: "flip/manifest.json rezipped, its opening brace", bundle: f.bytes(t),
				want: BadSignature, msg: []string{"manifest"}})
		case SignatureName:
			sig := ed25519.Sign(k.priv, f.manifestJSON(t))
			f.sigText = []byte(base64.StdEncoding.EncodeToString(flipByte(sig, len(sig)/2)) + "\n")
			add(attackCase{name: "flip/manifest.sig rezipped, a signature byte", bundle: f.bytes(t),
				want: BadSignature, msg: []string{"signature"}})
		default:
			body := f.body(t, name)
			f.replace(deflated(name, flipByte(body, len(body)/2)), false, FileEntry{})
			add(attackCase{name: "flip/" + name + " rezipped, manifest hash kept", bundle: f.bytes(t),
				want: HashMismatch, msg: []string{name}})
		}
	}

	// Signatures.
	add(attackCase{name: "signature/unknown key",
		bundle: buildEvent(t, datatest.Event(), k.strangerK, 2, attackCreated, attackExpires),
		want:   UntrustedKey, msg: []string{keys.ID(k.stranger)}})
	f := k.forge(t, k.priv, 2)
	f.noSig = true
	add(attackCase{name: "signature/no manifest.sig", bundle: f.bytes(t), want: NoSignature, msg: []string{SignatureName}})
	f = k.forge(t, k.priv, 2)
	f.sigText = []byte("this is not base64!\n")
	add(attackCase{name: "signature/not base64", bundle: f.bytes(t), want: BadSignature, msg: []string{SignatureName}})
	f = k.forge(t, k.priv, 2)
	f.sigText = []byte(base64.StdEncoding.EncodeToString(make([]byte, ed25519.SignatureSize/2)) + "\n")
	add(attackCase{name: "signature/wrong length", bundle: f.bytes(t), want: BadSignature, msg: []string{SignatureName}})

	// Versions, expiry, event.
	other := datatest.Event()
	other.Event.ID = "another-event"
	add(attackCase{name: "version/rollback", bundle: good, installed: 3, want: Rollback,
		msg: []string{"version 2", "version 3"}},
		attackCase{name: "version/same version, rebuilt a day later",
			bundle: buildEvent(t, datatest.Event(), k.priv, 1, attackCreated.AddDate(0, 0, 1), attackExpires),
			want:   SameVersion, msg: []string{"version 1"}},
		attackCase{name: "version/expired",
			bundle: buildEvent(t, datatest.Event(), k.priv, 2, attackCreated.AddDate(-2, 0, 0), attackCreated.AddDate(-1, 0, 0)),
			want:   Expired, msg: []string{"expired", "2015"}},
		attackCase{name: "version/another event's bundle",
			bundle: buildEvent(t, other, k.priv, 2, attackCreated, attackExpires),
			want:   OtherEvent, msg: []string{`"another-event"`, `"test-event"`}})

	// Entry names and kinds. Each evil entry is listed in the signed
	// manifest with its true size and hash, so that only the entry check
	// stands between it and the kiosk.
	for _, name := range []string{"../event.csv", "/etc/passwd", "..\\event.csv", "sub/../../x.csv", "C:\\x.csv",
		"event\x00.csv", "rooms\x1b[2J.csv", "speakers.csv\r\nevent.csv"} {
		f := k.forge(t, k.priv, 2)
		f.add(deflated(name, f.body(t, "event.csv")))
		add(attackCase{name: fmt.Sprintf("name/%q", name), bundle: f.bytes(t), want: BadEntryName,
			msg: []string{fmt.Sprintf("%q", name)}})
	}
	f = k.forge(t, k.priv, 2)
	dir := stored("sub/", nil)
	dir.hdr.SetMode(os.ModeDir | 0o755)
	f.entries = append(f.entries, dir)
	add(attackCase{name: "kind/directory entry", bundle: f.bytes(t), want: BadEntryName, msg: []string{`"sub/"`}})
	f = k.forge(t, k.priv, 2)
	asDir := deflated("rooms.csv", f.body(t, "rooms.csv"))
	asDir.hdr.SetMode(os.ModeDir | 0o755)
	f.replace(asDir, false, FileEntry{})
	add(attackCase{name: "kind/data file marked as a directory", bundle: f.bytes(t), want: LinkEntry, msg: []string{`"rooms.csv"`}})
	f = k.forge(t, k.priv, 2)
	link := deflated("revoked.csv", []byte("../../../etc/passwd"))
	link.hdr.SetMode(os.ModeSymlink | 0o777)
	f.replace(link, true, fileEntry("revoked.csv", link.body))
	add(attackCase{name: "kind/symlink entry", bundle: f.bytes(t), want: LinkEntry, msg: []string{`"revoked.csv"`, "link"}})
	f = k.forge(t, k.priv, 2)
	// The second copy lists the hidden delegate: a reader that keeps the
	// last entry of a name would publish someone who did not consent.
	_, revealed := setCell(t, f.body(t, "delegates.csv"), datatest.HiddenID, "listed", "yes")
	f.entries = append(f.entries, deflated("delegates.csv", revealed))
	add(attackCase{name: "kind/duplicate delegates.csv", bundle: f.bytes(t), want: DuplicateEntry, msg: []string{`"delegates.csv"`}})

	// The manifest's list against the archive.
	f = k.forge(t, k.priv, 2)
	f.m.Files = deleteFileEntry(f.m.Files, "speakers.csv")
	add(attackCase{name: "list/entry the manifest does not list", bundle: f.bytes(t), want: UnlistedFile, msg: []string{`"speakers.csv"`}})
	f = k.forge(t, k.priv, 2)
	f.drop("rooms.csv")
	add(attackCase{name: "list/listed file missing", bundle: f.bytes(t), want: MissingFile, msg: []string{"rooms.csv"}})
	f = k.forge(t, k.priv, 2)
	for _, fe := range f.m.Files {
		if fe.Name == "delegates.csv" {
			f.m.Files = append(f.m.Files, fe)
		}
	}
	add(attackCase{name: "list/manifest lists a name twice", bundle: f.bytes(t), want: BadManifest,
		msg: []string{`"delegates.csv"`, "twice"}})

	// Bombs: delegates.csv replaced by zeros, vouched for by the signed
	// manifest, so that only the size limits stop it.
	small := DefaultLimits
	small.FileSize, small.TotalSize = 1<<20, 2<<20
	bomb := func(n, declared uint64, more ...string) []byte {
		f := k.forge(t, k.priv, 2)
		e, fe := zeroBomb(t, "delegates.csv", n, declared)
		f.replace(e, true, fe)
		for _, name := range more {
			e, fe := zeroBomb(t, name, n, declared)
			f.replace(e, true, fe)
		}
		return f.bytes(t)
	}
	add(attackCase{name: "bomb/truthful 2 MiB over a 1 MiB file limit", bundle: bomb(2<<20, 2<<20), limits: &small,
		want: TooLarge, msg: []string{`"delegates.csv"`, "2 MiB", "1 MiB"}},
		attackCase{name: "bomb/files each under the limit, together over", limits: &small,
			bundle: bomb(900<<10, 900<<10, "sessions.csv", "speakers.csv"), want: TooLarge, msg: []string{"2 MiB"}},
		attackCase{name: "bomb/truthful 300 MiB at the default limits", bundle: bomb(300<<20, 300<<20),
			want: TooLarge, msg: []string{`"delegates.csv"`, "300 MiB", "256 MiB"}},
		// A size no file has: it must still be reported as too large, not
		// wrap round to a small or negative number on screen.
		attackCase{name: "bomb/declares 2^64-1 bytes", bundle: bomb(1<<10, math.MaxUint64),
			want: TooLarge, msg: []string{`"delegates.csv"`, "256 MiB"}, notMsg: []string{" 0 KiB", "-"}},
		attackCase{name: "bomb/declares 100 bytes, inflates to 128 MiB", bundle: bomb(128<<20, 100),
			want: SizeMismatch, msg: []string{`"delegates.csv"`, "100"}})

	// Counts and sizes of the archive itself.
	f = k.forge(t, k.priv, 2)
	for i := len(f.entries) + 2; i < 40; i++ {
		f.add(deflated(fmt.Sprintf("extra%02d.csv", i), []byte("id\n")))
	}
	add(attackCase{name: "size/40 entries", bundle: f.bytes(t), want: TooLarge, msg: []string{"40 entries", "32"}})
	tiny := DefaultLimits
	tiny.BundleSize = 1 << 10
	add(attackCase{name: "size/bundle file over the limit", bundle: good, limits: &tiny, want: TooLarge,
		msg: []string{"bundle file", "1 KiB"}})

	// The data's own rules, the manifest vouching for the broken file.
	f = k.forge(t, k.priv, 2)
	row, sessions := setCell(t, f.body(t, "sessions.csv"), datatest.CyberID, "room", "R9")
	f.set("sessions.csv", sessions)
	add(attackCase{name: "data/session in an unknown room", bundle: f.bytes(t), want: BadData,
		msg: []string{fmt.Sprintf(`sessions.csv row %d, column "room"`, row), "R9"}})

	// Manifests that are signed correctly but wrong.
	f = k.forge(t, k.priv2, 2)
	f.editJSON = func(b []byte) []byte {
		// Claim the other trusted key everywhere the manifest names its
		// signer, so the claim is consistent and only the check of claim
		// against signer can see it.
		b = mustReplace(t, b, keys.ID(k.pub2), keys.ID(k.pub))
		if enc := base64.StdEncoding.EncodeToString(k.pub2); bytes.Contains(b, []byte(enc)) {
			b = bytes.ReplaceAll(b, []byte(enc), []byte(base64.StdEncoding.EncodeToString(k.pub)))
		}
		return b
	}
	add(attackCase{name: "manifest/names one trusted key, signed by another", bundle: f.bytes(t), want: BadManifest,
		msg: []string{keys.ID(k.pub), keys.ID(k.pub2)}})
	f = k.forge(t, k.priv, 2)
	f.editJSON = func(b []byte) []byte {
		return mustReplace(t, b, "{\n", "{\n  \"install_anyway\": true,\n")
	}
	add(attackCase{name: "manifest/unknown field", bundle: f.bytes(t), want: BadManifest, msg: []string{"install_anyway"}})
	f = k.forge(t, k.priv, 2)
	f.m.Format = "kiosk-bundle/2"
	add(attackCase{name: "manifest/wrong format", bundle: f.bytes(t), want: BadManifest, msg: []string{`"kiosk-bundle/2"`}})

	// Not bundles at all.
	add(attackCase{name: "file/not a zip", bundle: []byte("Conference programme, final version\n"), want: NotABundle, msg: []string{"not a bundle"}},
		attackCase{name: "file/empty", bundle: []byte{}, want: NotABundle, msg: []string{"not a bundle"}},
		attackCase{name: "file/truncated to its first half", bundle: good[:len(good)/2], want: NotABundle, msg: []string{"not a bundle"}})

	start := time.Now()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runAttack(t, k, c) })
	}
	t.Logf("%d cases in %v", len(cases), time.Since(start).Round(time.Millisecond))
}

// mustReplace replaces the first old in b, which must be there: an edit
// that misses would leave a valid bundle in the corpus.
func mustReplace(t *testing.T, b []byte, old, new string) []byte {
	t.Helper()
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%q is not in\n%s", old, b)
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1)
}

func deleteFileEntry(files []FileEntry, name string) []FileEntry {
	var out []FileEntry
	for _, f := range files {
		if f.Name != name {
			out = append(out, f)
		}
	}
	return out
}

func runAttack(t *testing.T, k *attackKit, c attackCase) {
	installed := c.installed
	if installed == 0 {
		installed = 1
	}
	ks := k.newKiosk(t, installed)
	pol := ks.policy(t)
	if c.limits != nil {
		pol.Limits = *c.limits
	}
	before := snapshot(t, ks.s)
	if before.Bundle.Version != installed || len(before.CheckIns) != 2 || before.Searches[0].Total == 0 {
		t.Fatalf("the kiosk is not in service as prepared: %+v", before)
	}

	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	got, err := ks.offer(c.bundle, pol)
	runtime.ReadMemStats(&m1)
	alloc := m1.TotalAlloc - m0.TotalAlloc
	if alloc > maxReadAlloc {
		t.Errorf("reading it allocated %d MiB, more than the %d MiB allowed", alloc>>20, maxReadAlloc>>20)
	}
	after := snapshot(t, ks.s)

	if c.want == "" {
		if err != nil {
			t.Fatalf("a valid bundle was not installed: %v", err)
		}
		sum := sha256.Sum256(c.bundle)
		if after.Bundle.Version != 2 || after.Bundle.SHA256 != hex.EncodeToString(sum[:]) || got.SHA256 != after.Bundle.SHA256 ||
			after.Bundle.SignerKey != keys.ID(k.pub) || after.Generation != before.Generation+1 {
			t.Errorf("installed %+v (generation %d), want version 2 of %x signed by %s", after.Bundle, after.Generation, sum, keys.ID(k.pub))
		}
		// Installing a bundle replaces the event, never what the kiosk
		// recorded.
		after.Bundle, after.Generation = before.Bundle, before.Generation
		sameState(t, before, after)
		return
	}

	var r *Refusal
	if !errors.As(err, &r) {
		t.Errorf("want refusal %s, got %v (input %s)", c.want, err, describe(c.bundle))
	} else {
		t.Logf("refused (%s) after allocating %d KiB: %s", r.Reason, alloc>>10, r.Msg)
		if r.Reason != c.want && (c.alsoOK == "" || r.Reason != c.alsoOK) {
			t.Errorf("refused as %s, want %s: %s", r.Reason, c.want, r.Msg)
		}
		checkMessage(t, r, c.msg, c.notMsg)
	}
	sameState(t, before, after)
}

// checkMessage holds a refusal's message to what staff need: it names the
// problem, and it is safe to put on a screen though it quotes the stick.
func checkMessage(t *testing.T, r *Refusal, must, mustNot []string) {
	t.Helper()
	for _, s := range must {
		if !strings.Contains(r.Msg, s) {
			t.Errorf("message %q does not say %q", r.Msg, s)
		}
	}
	for _, s := range mustNot {
		if strings.Contains(r.Msg, s) {
			t.Errorf("message %q says %q", r.Msg, s)
		}
	}
	if strings.ContainsFunc(r.Msg, func(c rune) bool { return c < 0x20 || c == 0x7f }) {
		t.Errorf("message %q holds control characters", r.Msg)
	}
	if r.Error() != "bundle refused: "+r.Msg {
		t.Errorf("Error() is %q", r.Error())
	}
}

// TestZeroDeflate checks the hand-made DEFLATE stream the bombs are made
// of, so a bomb is refused for its size and not because it is malformed.
func TestZeroDeflate(t *testing.T) {
	for _, n := range []int64{0, 1, 2, 257, 258, 259, 260, 1000, 258*4 + 1, 100_000} {
		var buf bytes.Buffer
		if err := writeZeroDeflate(&buf, n); err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(flate.NewReader(bytes.NewReader(buf.Bytes())))
		if err != nil {
			t.Fatalf("%d zeros: %v", n, err)
		}
		if int64(len(got)) != n || bytes.ContainsFunc(got, func(r rune) bool { return r != 0 }) {
			t.Fatalf("%d zeros: inflated to %d bytes", n, len(got))
		}
	}
	// And in a zip, with the header's CRC and sizes, it reads back.
	e, fe := zeroBomb(t, "zeros.csv", 5000, 5000)
	b := writeZip(t, []zipEntry{e})
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(rc)
	if err != nil || fileEntry("zeros.csv", body) != fe {
		t.Fatalf("read %d bytes, %v", len(body), err)
	}
}
