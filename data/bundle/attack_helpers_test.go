package bundle

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/datatest"
	"kiosk/data/keys"
	"kiosk/data/source"
	"kiosk/data/store"
)

// The attack corpus uses its own dates and keys so that it does not depend
// on the other tests in this package.
var (
	attackCreated = time.Date(2016, 10, 1, 0, 0, 0, 0, time.UTC)
	attackExpires = attackCreated.AddDate(1, 0, 0)
	attackNow     = attackCreated.AddDate(0, 1, 0) // while the fixture's bundles are valid
)

// attackKit is what the corpus is made with: the event key, a second
// event key the kiosk also trusts (as during a key rotation), a stranger's
// key, and caches that spare building the same thing twice.
type attackKit struct {
	pub, pub2, stranger    ed25519.PublicKey
	priv, priv2, strangerK ed25519.PrivateKey

	valid     map[string][]byte // Build's output by signer key id and version
	templates map[int64]string  // a kiosk's database file by installed version
	dir       string
}

func newAttackKit(t *testing.T) *attackKit {
	t.Helper()
	k := &attackKit{valid: map[string][]byte{}, templates: map[int64]string{}, dir: t.TempDir()}
	var err error
	if k.pub, k.priv, err = keys.Generate(); err != nil {
		t.Fatal(err)
	}
	if k.pub2, k.priv2, err = keys.Generate(); err != nil {
		t.Fatal(err)
	}
	if k.stranger, k.strangerK, err = keys.Generate(); err != nil {
		t.Fatal(err)
	}
	return k
}

// validBundle is the fixture as Build makes it, version v, signed by key.
func (k *attackKit) validBundle(t *testing.T, key ed25519.PrivateKey, v int64) []byte {
	t.Helper()
	id := fmt.Sprintf("%s/%d", keys.ID(key.Public().(ed25519.PublicKey)), v)
	if b, ok := k.valid[id]; ok {
		return b
	}
	b := buildEvent(t, datatest.Event(), key, v, attackCreated, attackExpires)
	k.valid[id] = b
	return b
}

// buildEvent is Build of d with the corpus's dates.
func buildEvent(t *testing.T, d *data.EventData, priv ed25519.PrivateKey, version int64, created, expires time.Time) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Build(&buf, &source.Sources{Data: *d}, priv, BuildOptions{Version: version, Created: created, Expires: expires}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zipEntry is one archive entry as the test writes it. With raw set, body
// is already compressed and hdr carries the CRC and sizes, which may lie.
type zipEntry struct {
	hdr  zip.FileHeader
	body []byte
	raw  bool
}

func deflated(name string, body []byte) zipEntry {
	return zipEntry{hdr: zip.FileHeader{Name: name, Method: zip.Deflate, Modified: attackCreated}, body: body}
}

func stored(name string, body []byte) zipEntry {
	return zipEntry{hdr: zip.FileHeader{Name: name, Method: zip.Store, Modified: attackCreated}, body: body}
}

// writeZip writes entries as they are, whatever their names, modes or
// sizes: archive/zip's writer checks none of what a kiosk must check.
func writeZip(t *testing.T, entries []zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		hdr := e.hdr
		var w io.Writer
		var err error
		if e.raw {
			w, err = zw.CreateRaw(&hdr)
		} else {
			w, err = zw.CreateHeader(&hdr)
		}
		if err != nil {
			t.Fatalf("zip entry %q: %v", hdr.Name, err)
		}
		if len(e.body) > 0 {
			if _, err := w.Write(e.body); err != nil {
				t.Fatalf("zip entry %q: %v", hdr.Name, err)
			}
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// forgery is a bundle taken apart, to be changed and put back together:
// the manifest is signed again when the bundle is written, so a change
// the manifest vouches for carries a valid signature and only the check
// under test can stop it.
type forgery struct {
	m       Manifest
	entries []zipEntry // the data entries, after manifest.json and manifest.sig
	key     ed25519.PrivateKey

	editJSON func([]byte) []byte // changes the manifest's bytes before signing
	sigText  []byte              // used instead of the signature when set
	noSig    bool                // no manifest.sig entry at all
	resign   bool                // false: keep the signature of the manifest as it was
	signed   []byte              // the manifest bytes the original signature covers
}

// forge takes apart a bundle of the fixture as Build makes it, version v,
// signed by key. Starting from Build's own output keeps the corpus in step
// with the format: each attack differs from a valid bundle only by itself.
func (k *attackKit) forge(t *testing.T, key ed25519.PrivateKey, v int64) *forgery {
	t.Helper()
	valid := k.validBundle(t, key, v)
	zr, err := zip.NewReader(bytes.NewReader(valid), int64(len(valid)))
	if err != nil {
		t.Fatal(err)
	}
	f := &forgery{key: key, resign: true}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		switch zf.Name {
		case ManifestName:
			if err := json.Unmarshal(body, &f.m); err != nil {
				t.Fatal(err)
			}
			if again, _ := json.MarshalIndent(&f.m, "", "  "); !bytes.Equal(again, body) {
				t.Fatalf("the manifest does not survive a round trip through Manifest:\n%s\n%s", body, again)
			}
		case SignatureName:
		default:
			f.entries = append(f.entries, zipEntry{hdr: zip.FileHeader{Name: zf.Name, Method: zf.Method, Modified: attackCreated}, body: body})
		}
	}
	return f
}

func fileEntry(name string, body []byte) FileEntry {
	sum := sha256.Sum256(body)
	return FileEntry{Name: name, Size: int64(len(body)), SHA256: hex.EncodeToString(sum[:])}
}

// body is the content of the data entry name.
func (f *forgery) body(t *testing.T, name string) []byte {
	t.Helper()
	for _, e := range f.entries {
		if e.hdr.Name == name {
			return e.body
		}
	}
	t.Fatalf("no entry %q", name)
	return nil
}

// replace puts e in place of the entry of the same name, appending it when
// there is none; with list the manifest then vouches for vouch.
func (f *forgery) replace(e zipEntry, list bool, vouch FileEntry) {
	i := slices.IndexFunc(f.entries, func(x zipEntry) bool { return x.hdr.Name == e.hdr.Name })
	if i < 0 {
		f.entries = append(f.entries, e)
	} else {
		f.entries[i] = e
	}
	if list {
		j := slices.IndexFunc(f.m.Files, func(x FileEntry) bool { return x.Name == vouch.Name })
		if j < 0 {
			f.m.Files = append(f.m.Files, vouch)
		} else {
			f.m.Files[j] = vouch
		}
	}
}

// set makes the data file name hold body, with the manifest vouching for it.
func (f *forgery) set(name string, body []byte) {
	f.replace(deflated(name, body), true, fileEntry(name, body))
}

// add appends an entry the manifest lists truthfully (for plain entries).
func (f *forgery) add(e zipEntry) {
	f.entries = append(f.entries, e)
	f.m.Files = append(f.m.Files, fileEntry(e.hdr.Name, e.body))
}

func (f *forgery) drop(name string) {
	f.entries = slices.DeleteFunc(f.entries, func(x zipEntry) bool { return x.hdr.Name == name })
}

func (f *forgery) manifestJSON(t *testing.T) []byte {
	t.Helper()
	raw, err := json.MarshalIndent(&f.m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if f.editJSON != nil {
		raw = f.editJSON(raw)
	}
	return raw
}

func (f *forgery) bytes(t *testing.T) []byte {
	t.Helper()
	raw := f.manifestJSON(t)
	signed := raw
	if !f.resign {
		signed = f.signed
	}
	sig := []byte(base64.StdEncoding.EncodeToString(ed25519.Sign(f.key, signed)) + "\n")
	if f.sigText != nil {
		sig = f.sigText
	}
	entries := []zipEntry{stored(ManifestName, raw)}
	if !f.noSig {
		entries = append(entries, stored(SignatureName, sig))
	}
	return writeZip(t, append(entries, f.entries...))
}

// freeze keeps the current manifest's signature: later changes to the
// manifest are then changes after signing.
func (f *forgery) freeze(t *testing.T) {
	t.Helper()
	f.signed = f.manifestJSON(t)
	f.resign = false
}

// flipByte returns a copy of b with the byte at i inverted.
func flipByte(b []byte, i int) []byte {
	out := bytes.Clone(b)
	out[i] ^= 0xff
	return out
}

// flipStored inverts one byte in the middle of the bytes the archive
// stores for entry name: the compressed stream for a deflated entry.
func flipStored(t *testing.T, bundle []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(bundle), int64(len(bundle)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		off, err := f.DataOffset()
		if err != nil {
			t.Fatal(err)
		}
		if f.CompressedSize64 == 0 {
			t.Fatalf("entry %q stores no bytes", name)
		}
		return flipByte(bundle, int(off)+int(f.CompressedSize64/2))
	}
	t.Fatalf("no entry %q", name)
	return nil
}

// entryNames lists a bundle's entries in archive order.
func entryNames(t *testing.T, bundle []byte) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(bundle), int64(len(bundle)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	return names
}

// setCell changes one cell of a CSV file, the row found by its first
// column; row is the row number a spreadsheet shows (the header is 1).
func setCell(t *testing.T, body []byte, id, column, value string) (row int, out []byte) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(recs[0], column)
	if col < 0 {
		t.Fatalf("no column %q in %q", column, recs[0])
	}
	for i, rec := range recs[1:] {
		if rec[0] == id {
			rec[col] = value
			row = i + 2
		}
	}
	if row == 0 {
		t.Fatalf("no row %q", id)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	return row, buf.Bytes()
}

// writeZeroDeflate writes a raw DEFLATE stream (RFC 1951) that inflates to
// n zero bytes: one dynamic Huffman block whose codes make "copy 258 bytes
// from 1 back" cost two bits, so the stream is about 1/1032 of what it
// inflates to, and is written without ever holding the inflated bytes.
// Compressing that many zeros with compress/flate would take seconds
// under the race detector; this takes milliseconds.
func writeZeroDeflate(w io.Writer, n int64) error {
	bw := &bitWriter{w: bufio.NewWriter(w)}
	bw.bits(1, 1)  // BFINAL: the only block
	bw.bits(2, 2)  // BTYPE 10: dynamic Huffman codes
	bw.bits(29, 5) // HLIT: 286 literal/length codes
	bw.bits(1, 5)  // HDIST: 2 distance codes
	bw.bits(14, 4) // HCLEN: 18 code length codes
	// Code length code lengths, in the order the format lists them
	// (16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1): 18 gets 1 bit, 1 and 2
	// get 2 bits, the rest none; canonically 18="0", 1="10", 2="11".
	for _, l := range []uint64{0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2} {
		bw.bits(l, 3)
	}
	// Literal/length code lengths: 0 and 256 (end of block) 2 bits, 285
	// (length 258) 1 bit; then distance codes 0 and 1, 1 bit each. cl2 and
	// cl1 write a length of 2 and of 1; zeroRun, code 18, k unused codes.
	cl2, cl1 := func() { bw.code(0b11, 2) }, func() { bw.code(0b10, 2) }
	zeroRun := func(k uint64) { bw.code(0, 1); bw.bits(k-11, 7) }
	cl2()        // literal 0
	zeroRun(138) // literals 1..138
	zeroRun(117) // literals 139..255
	cl2()        // 256
	zeroRun(28)  // 257..284
	cl1()        // 285
	cl1()        // distance 0
	cl1()        // distance 1
	if n > 0 {
		// So: literal 0 = "10", end of block = "11", length 258 = "0",
		// distance 1 = "0".
		bw.code(0b10, 2)
		rest := n - 1
		bw.zeros(uint64(rest/258) * 2)
		for range rest % 258 {
			bw.code(0b10, 2)
		}
	}
	bw.code(0b11, 2)
	return bw.flush()
}

// bitWriter writes bits least significant first, as DEFLATE packs them.
type bitWriter struct {
	w   *bufio.Writer
	acc uint64
	n   uint
	err error
}

func (b *bitWriter) bits(v uint64, n uint) {
	b.acc |= v << b.n
	b.n += n
	for b.n >= 8 {
		if err := b.w.WriteByte(byte(b.acc)); err != nil && b.err == nil {
			b.err = err
		}
		b.acc >>= 8
		b.n -= 8
	}
}

// code writes a Huffman code, which DEFLATE packs most significant bit first.
func (b *bitWriter) code(c uint64, n uint) {
	var r uint64
	for i := uint(0); i < n; i++ {
		r = r<<1 | (c>>i)&1
	}
	b.bits(r, n)
}

// zeros writes n zero bits, whole bytes at a time where it can.
func (b *bitWriter) zeros(n uint64) {
	for n > 0 && b.n != 0 {
		b.bits(0, 1)
		n--
	}
	var zero [4096]byte
	for whole := n / 8; whole > 0; {
		k := min(whole, uint64(len(zero)))
		if _, err := b.w.Write(zero[:k]); err != nil && b.err == nil {
			b.err = err
		}
		whole -= k
	}
	for range n % 8 {
		b.bits(0, 1)
	}
}

func (b *bitWriter) flush() error {
	if b.n > 0 {
		b.bits(0, 8-b.n)
	}
	if err := b.w.Flush(); err != nil {
		return err
	}
	return b.err
}

// zeroBomb is a deflated entry that truly inflates to n zeros while its
// header declares declared bytes. The header's CRC-32, and the FileEntry
// returned for the manifest, are those of the zeros the entry would hold
// if it stopped at the smaller of the two, so that only the size can give
// it away. (The manifest's sizes are int64: a declared size beyond that is
// listed as 2^62, still far over any limit.)
func zeroBomb(t *testing.T, name string, n, declared uint64) (zipEntry, FileEntry) {
	t.Helper()
	var stream bytes.Buffer
	if err := writeZeroDeflate(&stream, int64(n)); err != nil {
		t.Fatal(err)
	}
	crc := crc32.NewIEEE()
	sum := sha256.New()
	zero := make([]byte, 1<<20)
	for left := min(n, declared); left > 0; {
		k := min(left, uint64(len(zero)))
		crc.Write(zero[:k])
		sum.Write(zero[:k])
		left -= k
	}
	hdr := zip.FileHeader{Name: name, Method: zip.Deflate, Modified: attackCreated, CRC32: crc.Sum32(),
		CompressedSize64: uint64(stream.Len()), UncompressedSize64: declared}
	return zipEntry{hdr: hdr, body: stream.Bytes(), raw: true},
		FileEntry{Name: name, Size: int64(min(declared, 1<<62)), SHA256: hex.EncodeToString(sum.Sum(nil))}
}

// kioskState is what a kiosk shows and keeps that a bundle could change.
type kioskState struct {
	Bundle     data.BundleInfo
	Event      data.Event
	Searches   []data.DirectoryPage
	CheckIns   []data.CheckIn
	Generation int64
}

// snapshotQueries are directory searches staff would notice changing.
var snapshotQueries = []data.DirectoryQuery{
	{}, {Text: "jurgen"}, {Text: "nguyen"}, {Country: "DEU"}, {Text: "police", Country: "CIV"},
}

func snapshot(t *testing.T, s *store.Store) kioskState {
	t.Helper()
	ctx := context.Background()
	var st kioskState
	var err error
	if st.Bundle, err = s.Bundle(ctx); err != nil {
		t.Fatal(err)
	}
	if st.Event, err = s.Event(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range snapshotQueries {
		page, err := s.SearchDelegates(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		st.Searches = append(st.Searches, page)
	}
	if st.CheckIns, err = s.CheckIns(ctx, store.CheckInFilter{}); err != nil {
		t.Fatal(err)
	}
	if st.Generation, err = s.InstallCount(ctx); err != nil {
		t.Fatal(err)
	}
	return st
}

// sameState fails the test, showing what moved, when a kiosk's state
// changed.
func sameState(t *testing.T, before, after kioskState) {
	t.Helper()
	if reflect.DeepEqual(before, after) {
		return
	}
	show := func(what string, a, b any) {
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s changed:\nbefore %+v\nafter  %+v", what, a, b)
		}
	}
	show("installed bundle", before.Bundle, after.Bundle)
	show("event", before.Event, after.Event)
	show("delegate search", before.Searches, after.Searches)
	show("check-ins", before.CheckIns, after.CheckIns)
	show("install generation", before.Generation, after.Generation)
}

// kiosk is a real store as a kiosk in service has it: the event keys
// trusted, the fixture installed from a signed bundle, check-ins taken.
type kiosk struct {
	s *store.Store
}

// prepareKiosk sets up a kiosk's database with version installed, once;
// every case then opens its own copy, which is much quicker under the race
// detector than installing the fixture again for each.
func (k *attackKit) prepareKiosk(t *testing.T, installed int64) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(k.dir, fmt.Sprintf("kiosk-v%d.db", installed))
	s, err := store.Open(ctx, path, store.WithClock(func() time.Time { return attackNow }))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b, err := Read(k.validBundle(t, k.priv, installed), Policy{Trusted: []ed25519.PublicKey{k.pub}, Now: attackNow})
	if err != nil {
		t.Fatal(err)
	}
	if err := install(ctx, s, b); err != nil {
		t.Fatal(err)
	}
	// Keys are trusted for an event, so once it is installed.
	for _, pub := range []ed25519.PublicKey{k.pub, k.pub2} {
		if err := s.Trust(ctx, pub, "event key"); err != nil {
			t.Fatal(err)
		}
	}
	at := time.Date(2016, 11, 7, 8, 30, 0, 0, time.UTC)
	for i, c := range []store.NewCheckIn{
		{EventID: "test-event", DelegateID: datatest.StockID, BadgeSerial: 1001, Purpose: data.PurposeArrival,
			Method: data.MethodScan, ScannedAt: at,
			PurposeKey: store.PurposeKey("test-event", data.PurposeArrival, "", "2016-11-07")},
		{EventID: "test-event", DelegateID: datatest.KouassiID, BadgeSerial: 1003, Purpose: data.PurposeSession,
			SessionID: datatest.OpeningID, RoomID: datatest.PlenaryRoom, Method: data.MethodManual,
			ScannedAt:  at.Add(40 * time.Minute),
			PurposeKey: store.PurposeKey("test-event", data.PurposeSession, datatest.OpeningID, "2016-11-07")},
	} {
		if _, prior, err := s.RecordCheckIn(ctx, c); err != nil || prior != nil {
			t.Fatalf("check-in %d: prior %v, %v", i, prior, err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	k.templates[installed] = path
}

// newKiosk opens a copy of the kiosk prepared with version installed.
func (k *attackKit) newKiosk(t *testing.T, installed int64) *kiosk {
	t.Helper()
	from, ok := k.templates[installed]
	if !ok {
		t.Fatalf("no kiosk prepared with version %d", installed)
	}
	path := filepath.Join(t.TempDir(), "kiosk.db")
	// The store is closed, so its write-ahead log is normally folded into
	// the file; copy it too should one remain.
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(from + suffix)
		if errors.Is(err, fs.ErrNotExist) && suffix != "" {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s, err := store.Open(context.Background(), path, store.WithClock(func() time.Time { return attackNow }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &kiosk{s: s}
}

// policy is what the kiosk requires of the next bundle, from what it has.
func (k *kiosk) policy(t *testing.T) Policy {
	t.Helper()
	ctx := context.Background()
	trusted, err := k.s.TrustedKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	info, err := k.s.Bundle(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return Policy{Trusted: trusted, EventID: info.EventID, Installed: info.Version, Now: attackNow}
}

// offer does what a kiosk does with a bundle from a stick: read it, and
// install it only if it is accepted.
func (k *kiosk) offer(b []byte, pol Policy) (*Bundle, error) {
	got, err := Read(b, pol)
	if err != nil {
		return nil, err
	}
	return got, install(context.Background(), k.s, got)
}

// describe names an input for a failure message without flooding it.
func describe(b []byte) string {
	if len(b) > 64 {
		return fmt.Sprintf("%d bytes, starting %q", len(b), b[:64])
	}
	return fmt.Sprintf("%q", b)
}
