package bundle

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"kiosk/data"
	"kiosk/data/keys"
	"kiosk/data/source"
	"kiosk/data/strictjson"
)

// Policy is what a kiosk requires of a bundle before it takes it.
type Policy struct {
	Trusted   []ed25519.PublicKey // event keys the kiosk trusts
	EventID   string              // the installed event; "" accepts any
	Installed int64               // the installed version; a bundle must be newer
	Now       time.Time           // for expiry; time.Now when zero
	Limits    Limits              // DefaultLimits when zero

	// InstalledSHA256 is the installed bundle file's SHA-256 (hex), when
	// known: a bundle of the installed version is then told apart from
	// another bundle that carries the same version.
	InstalledSHA256 string
}

// Bundle is a bundle that passed every check.
type Bundle struct {
	Manifest Manifest
	Sources  *source.Sources
	Signer   ed25519.PublicKey
	SHA256   string // of the whole bundle file, hex
	Size     int64
}

// utf8BOM is the byte-order mark spreadsheets put before UTF-8 text.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// maxManifest bounds the manifest and signature files, which are small.
const maxManifest = 1 << 20

func limitsOf(pol Policy) Limits {
	if pol.Limits == (Limits{}) {
		return DefaultLimits
	}
	return pol.Limits
}

// Read verifies a bundle held in memory: structure, signature by a trusted
// key, event, version, expiry, every file's size and hash, then the data's
// own rules. It returns a *Refusal for anything wrong.
func Read(b []byte, pol Policy) (*Bundle, error) {
	lim := limitsOf(pol)
	if pol.Now.IsZero() {
		pol.Now = time.Now()
	}
	a, err := openArchive(bytes.NewReader(b), int64(len(b)), lim)
	if err != nil {
		return nil, err
	}
	m, signer, err := a.verifyManifest(pol.Trusted)
	if err != nil {
		return nil, err
	}
	switch {
	case pol.EventID != "" && m.EventID != pol.EventID:
		return nil, refuse(OtherEvent, "the bundle is for event %q but this kiosk serves %q", m.EventID, pol.EventID)
	case m.Version < pol.Installed:
		return nil, refuse(Rollback, "the bundle is version %d, older than the installed version %d", m.Version, pol.Installed)
	case m.Version == pol.Installed:
		return nil, sameVersion(m.Version, b, pol.InstalledSHA256)
	case pol.Now.After(m.Expires):
		return nil, refuse(Expired, "the bundle expired on %s", m.Expires.Format("2 January 2006 15:04 MST"))
	}
	files, err := a.readFiles(m, lim)
	if err != nil {
		return nil, err
	}
	src, err := source.DecodeCSV(files)
	if err != nil {
		return nil, refuse(BadData, "the data in the bundle breaks the rules: %v", err)
	}
	if err := checkCounts(m, src); err != nil {
		return nil, err
	}
	if src.Data.Event.ID != m.EventID {
		return nil, refuse(BadManifest, "the manifest names event %q but the data holds %q", m.EventID, src.Data.Event.ID)
	}
	sum := sha256.Sum256(b)
	return &Bundle{Manifest: *m, Sources: src, Signer: signer, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(b))}, nil
}

// Inspect reads a bundle's manifest, checking its structure but not who
// signed it: for staff looking at a stick, never for installing.
func Inspect(b []byte) (*Manifest, error) {
	return inspect(bytes.NewReader(b), int64(len(b)))
}

// sameVersion refuses a bundle of the installed version. Two different
// bundles may carry one version (built at the same time, or given the
// same --version); staff must hear that this one is not the installed one,
// or they believe the kiosk has their corrected data.
func sameVersion(version int64, b []byte, installedSHA256 string) *Refusal {
	sum := sha256.Sum256(b)
	this := hex.EncodeToString(sum[:])
	if installedSHA256 == "" || installedSHA256 == this {
		return refuse(SameVersion, "version %d is already installed", version)
	}
	return refuse(SameVersion, "version %d is already installed from a different bundle (installed SHA-256 %s, this one %s): "+
		"two bundles carry the same version; build this one again with a higher version", version, installedSHA256, this)
}

// InspectAt reads the manifest of a bundle file opened for reading
// (safefile.OpenFile for a stick's), reading only the zip's directory and the
// manifest: a staff screen listing a stick's bundles need not read
// hundreds of megabytes from it.
func InspectAt(r io.ReaderAt, size int64) (*Manifest, error) {
	return inspect(r, size)
}

func inspect(r io.ReaderAt, size int64) (*Manifest, error) {
	a, err := openArchive(r, size, DefaultLimits)
	if err != nil {
		return nil, err
	}
	raw, err := a.small(ManifestName, BadManifest)
	if err != nil {
		return nil, err
	}
	return parseManifest(raw)
}

// archive is a zip whose entries passed the structural checks.
type archive struct {
	entries map[string]*zip.File
}

// openArchive refuses anything but plain files with known names and
// believable sizes, before a single byte is decompressed.
func openArchive(r io.ReaderAt, size int64, lim Limits) (*archive, error) {
	if size > lim.BundleSize {
		return nil, refuse(TooLarge, "the bundle file is %s, more than the %s a kiosk accepts", mib(uint64(size)), mib(uint64(lim.BundleSize)))
	}
	zr, err := zip.NewReader(r, size)
	// An insecure name still gives a usable reader; the name checks below
	// refuse it with the entry named, which says more to staff.
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		magic := make([]byte, 2)
		r.ReadAt(magic, 0)
		switch {
		case size == 0:
			return nil, refuse(NotABundle, "this is not a bundle file: the file is empty")
		case string(magic) == "PK":
			return nil, refuse(NotABundle, "this is not a bundle file: it is incomplete or damaged (%v); was it copied whole?", err)
		}
		return nil, refuse(NotABundle, "this is not a bundle file (%v)", err)
	}
	if len(zr.File) > lim.Files {
		return nil, refuse(TooLarge, "the bundle holds %d entries, more than the %d a bundle may", len(zr.File), lim.Files)
	}
	a := &archive{entries: map[string]*zip.File{}}
	var total uint64
	for _, f := range zr.File {
		name := f.Name
		if msg := badName(name); msg != "" {
			return nil, refuse(BadEntryName, "entry %q %s", name, msg)
		}
		if f.Mode()&os.ModeSymlink != 0 {
			return nil, refuse(LinkEntry, "entry %q is a link; a bundle holds plain files only", name)
		}
		if !f.Mode().IsRegular() {
			return nil, refuse(LinkEntry, "entry %q is not a plain file (%v)", name, f.Mode().Type())
		}
		if _, dup := a.entries[name]; dup {
			return nil, refuse(DuplicateEntry, "entry %q appears twice", name)
		}
		if err := checkMethod(f); err != nil {
			return nil, err
		}
		if f.UncompressedSize64 > uint64(lim.FileSize) {
			return nil, refuse(TooLarge, "entry %q would unpack to %s, more than the %s allowed", name, mib(f.UncompressedSize64), mib(uint64(lim.FileSize)))
		}
		total += f.UncompressedSize64
		if total > uint64(lim.TotalSize) {
			return nil, refuse(TooLarge, "the bundle would unpack to more than %s", mib(uint64(lim.TotalSize)))
		}
		a.entries[name] = f
	}
	return a, nil
}

// checkMethod holds an entry to the compression the format gives its
// name: the manifest and its signature stored, the tables deflated. One
// way to write each entry leaves no variant untested; encrypted entries
// are not a bundle's.
func checkMethod(f *zip.File) error {
	if f.Flags&0x1 != 0 {
		return refuse(NotABundle, "entry %q is encrypted; bundle entries are not", f.Name)
	}
	want, rule := uint16(zip.Deflate), "the tables of a bundle are compressed with deflate (method 8)"
	if f.Name == ManifestName || f.Name == SignatureName {
		want, rule = zip.Store, ManifestName+" and "+SignatureName+" are stored without compression (method 0)"
	}
	if f.Method != want {
		return refuse(NotABundle, "entry %q uses compression method %d (%s); %s", f.Name, f.Method, methodName(f.Method), rule)
	}
	return nil
}

func methodName(m uint16) string {
	switch m {
	case zip.Store:
		return "stored"
	case zip.Deflate:
		return "deflate"
	}
	return "not one bundles use"
}

// badName says what is wrong with an entry name, "" when nothing: a
// bundle's files all sit at its top level with plain names.
func badName(name string) string {
	switch {
	case name == "":
		return "has no name"
	case strings.HasPrefix(name, "/") || (len(name) > 1 && name[1] == ':'):
		return "is an absolute path"
	case strings.Contains(name, "\\"):
		return "contains a backslash"
	case name == ".." || strings.HasPrefix(name, "../") || strings.Contains(name, "/../") || strings.HasSuffix(name, "/.."):
		return "points outside the bundle"
	case strings.Contains(name, "/"):
		return "is in a folder; bundle files sit at the top level"
	case strings.HasPrefix(name, "."):
		return "is a hidden file"
	case strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return "contains control characters"
	}
	return ""
}

// small reads a small entry whole.
func (a *archive) small(name string, missing Reason) ([]byte, error) {
	f, ok := a.entries[name]
	if !ok {
		return nil, refuse(missing, "the bundle has no %s", name)
	}
	if f.UncompressedSize64 > maxManifest {
		return nil, refuse(TooLarge, "%s is %s; it should be a few kilobytes", name, mib(f.UncompressedSize64))
	}
	return readEntry(f, int64(f.UncompressedSize64))
}

// readEntry reads an entry, trusting neither its declared size nor its
// compressed stream: it decompresses the raw stream itself, stops one
// byte past the declared size, and checks the size and the CRC. (The zip
// package's own reader reports a stream longer than declared as a format
// error, which would hide what is wrong.)
func readEntry(f *zip.File, declared int64) ([]byte, error) {
	raw, err := f.OpenRaw()
	if err != nil {
		return nil, refuse(NotABundle, "entry %q cannot be opened: %v", f.Name, err)
	}
	var r io.Reader
	switch f.Method {
	case zip.Store:
		r = raw
	case zip.Deflate:
		fr := flate.NewReader(raw)
		defer fr.Close()
		r = fr
	default:
		return nil, refuse(NotABundle, "entry %q is compressed with method %d; bundles use deflate", f.Name, f.Method)
	}
	body, err := io.ReadAll(io.LimitReader(r, declared+1))
	if int64(len(body)) > declared {
		return nil, refuse(SizeMismatch, "entry %q holds more than the %d bytes it declares", f.Name, declared)
	}
	if err != nil {
		// A broken deflate stream is a damaged file, whatever the reason.
		return nil, refuse(HashMismatch, "entry %q is damaged (%v)", f.Name, err)
	}
	if int64(len(body)) != declared {
		return nil, refuse(SizeMismatch, "entry %q holds %d bytes but declares %d: it is damaged or was altered", f.Name, len(body), declared)
	}
	if crc32.ChecksumIEEE(body) != f.CRC32 {
		return nil, refuse(HashMismatch, "entry %q is damaged (its checksum does not match)", f.Name)
	}
	return body, nil
}

// verifyManifest checks the signature over the manifest's exact bytes
// before it parses them.
func (a *archive) verifyManifest(trusted []ed25519.PublicKey) (*Manifest, ed25519.PublicKey, error) {
	raw, err := a.small(ManifestName, BadManifest)
	if err != nil {
		return nil, nil, err
	}
	sigText, err := a.small(SignatureName, NoSignature)
	if err != nil {
		return nil, nil, err
	}
	sig, err := parseSignature(sigText)
	if err != nil {
		return nil, nil, err
	}
	var signer ed25519.PublicKey
	for _, k := range trusted {
		if ed25519.Verify(k, raw, sig) {
			signer = k
			break
		}
	}
	if signer == nil {
		// Parse only to name the key in the message; nothing else of an
		// unverified manifest is believed.
		var claimed struct {
			KeyID string `json:"key_id"`
		}
		if err := json.Unmarshal(raw, &claimed); err != nil {
			return nil, nil, refuse(BadSignature, "%s is damaged or was altered after signing (%v)", ManifestName, err)
		}
		for _, k := range trusted {
			if keys.ID(k) == claimed.KeyID {
				return nil, nil, refuse(BadSignature, "the signature does not match the manifest: the bundle was altered after signing")
			}
		}
		return nil, nil, refuse(UntrustedKey, "the bundle is signed by key %s, which this kiosk does not trust", safeID(claimed.KeyID))
	}
	m, err := parseManifest(raw)
	if err != nil {
		return nil, nil, err
	}
	if m.KeyID != keys.ID(signer) {
		return nil, nil, refuse(BadManifest, "the manifest names key %s but key %s signed it", safeID(m.KeyID), keys.ID(signer))
	}
	return m, signer, nil
}

// sigTextLen is the length of manifest.sig's text without its line end.
var sigTextLen = base64.StdEncoding.EncodedLen(ed25519.SignatureSize)

// parseSignature reads manifest.sig: the signature in standard base64,
// one line, with at most one LF after it. Nothing else is taken, so that
// a file has one spelling and what other tools write is refused plainly
// rather than guessed at.
func parseSignature(text []byte) ([]byte, error) {
	s := strings.TrimSuffix(string(text), "\n")
	if sig, ok := exactBase64(s, ed25519.SignatureSize); ok {
		return sig, nil
	}
	var why string
	switch {
	case strings.Contains(s, "\r"):
		why = "it has a carriage return (CR); the line may end with one line feed (LF) only"
	case strings.Contains(s, "\n"):
		why = fmt.Sprintf("it has more than one line; the signature is one line of %d base64 characters, then at most one line feed", sigTextLen)
	case strings.ContainsAny(s, " \t"):
		why = fmt.Sprintf("it has spaces or tabs; it must hold the %d base64 characters alone", sigTextLen)
	default:
		why = fmt.Sprintf("it must hold the signature's %d bytes as %d characters of standard base64 with padding (A-Z a-z 0-9 + /, ending in ==)",
			ed25519.SignatureSize, sigTextLen)
	}
	return nil, refuse(BadSignature, "%s is not an Ed25519 signature as bundles write it: %s", SignatureName, why)
}

// countedTables are the tables the manifest's counts give the rows of.
var countedTables = []string{source.TableCountries, source.TableDelegates, source.TableKioskKeys, source.TableRevoked,
	source.TableRooms, source.TableSessions, source.TableSpeakers}

// tableFiles are the only data files a bundle may hold.
var tableFiles = func() []string {
	names := []string{source.TableEvent + ".csv"}
	for _, t := range countedTables {
		names = append(names, t+".csv")
	}
	return names
}()

// timeLayout is how the manifest writes times: UTC, whole seconds.
const timeLayout = "2006-01-02T15:04:05Z"

func badManifest(format string, args ...any) *Refusal {
	return refuse(BadManifest, ManifestName+" "+format, args...)
}

// parseManifest holds the manifest to every rule of docs/bundle-format.md
// and names the member at fault.
func parseManifest(raw []byte) (*Manifest, error) {
	var m Manifest
	// DecodeAll, not Decode: a member left out, say a file's size, must
	// be refused by name, not read as zero and met later as a size that
	// does not match.
	if err := strictjson.DecodeAll(raw, &m); err != nil {
		return nil, badManifest("cannot be read: %v", err)
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(raw, &members); err != nil {
		return nil, badManifest("cannot be read: %v", err)
	}
	if m.Format != Format {
		return nil, badManifest("gives %q as %q; this kiosk reads %q", "format", short(m.Format), Format)
	}
	if !data.ValidID(m.EventID) {
		return nil, badManifest("gives %q as %q, which is not an id (1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit)", "event_id", short(m.EventID))
	}
	if m.Version <= 0 {
		return nil, badManifest("gives %q as %d; it must be a whole number above 0", "version", m.Version)
	}
	if err := checkTimes(members, &m); err != nil {
		return nil, err
	}
	pub, err := m.SignerPublicKey()
	if err != nil {
		return nil, badManifest("%v", err)
	}
	if keys.ID(pub) != m.KeyID {
		return nil, badManifest("gives %q as %s, but the id of %q is %s (docs/keys.md)", "key_id", safeID(m.KeyID), "signer_key", keys.ID(pub))
	}
	if _, present := members["next_key"]; present {
		if _, ok := exactBase64(m.NextKey, ed25519.PublicKeySize); !ok {
			return nil, badManifest("gives a %q that is not the standard base64 of a 32-byte Ed25519 public key (44 characters with padding); leave the member out when there is none", "next_key")
		}
	}
	if err := checkCountNames(m.Counts); err != nil {
		return nil, err
	}
	if err := checkFileList(m.Files); err != nil {
		return nil, err
	}
	return &m, nil
}

// checkTimes holds created and expires to the one spelling the format
// has, and expires to come after created.
func checkTimes(members map[string]json.RawMessage, m *Manifest) error {
	for _, name := range []string{"created", "expires"} {
		var s string
		if err := json.Unmarshal(members[name], &s); err != nil {
			return badManifest("gives %q as %s, not a time in quotes", name, members[name])
		}
		if t, err := time.Parse(timeLayout, s); err != nil || t.Format(timeLayout) != s {
			return badManifest("gives %q as %q; times are UTC to the second, written like 2016-10-01T00:00:00Z", name, s)
		}
	}
	if !m.Expires.After(m.Created) {
		return badManifest("gives %q (%s) not after %q (%s)", "expires", m.Expires.Format(timeLayout), "created", m.Created.Format(timeLayout))
	}
	return nil
}

// checkCountNames wants one count per table, none negative; whether each
// matches its file is checked once the files are read (checkCounts).
func checkCountNames(counts map[string]int) error {
	for _, name := range countedTables {
		if _, ok := counts[name]; !ok {
			return badManifest("%q has no %q; it gives the rows of each of %s", "counts", name, strings.Join(countedTables, ", "))
		}
	}
	for name, n := range counts {
		if !slices.Contains(countedTables, name) {
			return badManifest("%q has %q, which is not a table; the tables counted are %s", "counts", name, strings.Join(countedTables, ", "))
		}
		if n < 0 {
			return badManifest("gives counts.%s as %d; a count is 0 or more", name, n)
		}
	}
	return nil
}

// checkCounts compares the signed counts with the rows the files hold.
func checkCounts(m *Manifest, src *source.Sources) error {
	got := Counts(src)
	for _, name := range countedTables {
		if m.Counts[name] != got[name] {
			return badManifest("gives counts.%s as %d but %s.csv has %d rows", name, m.Counts[name], name, got[name])
		}
	}
	return nil
}

func checkFileList(files []FileEntry) error {
	seen := map[string]bool{}
	for _, f := range files {
		if msg := badName(f.Name); msg != "" || !slices.Contains(tableFiles, f.Name) {
			return badManifest("lists %q, which is not a bundle file; the files are %s", f.Name, strings.Join(tableFiles, ", "))
		}
		if seen[f.Name] {
			return refuse(BadManifest, "the manifest lists %q twice", f.Name)
		}
		seen[f.Name] = true
		if f.Size < 0 {
			return badManifest("gives %s a size of %d bytes", f.Name, f.Size)
		}
		if !lowerHex(f.SHA256, sha256.Size) {
			return badManifest("gives %s the sha256 %q; it must be 64 lower-case hex digits", f.Name, short(f.SHA256))
		}
	}
	return nil
}

// lowerHex reports whether s is n bytes in lower-case hex.
func lowerHex(s string, n int) bool {
	if len(s) != 2*n {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool { return !('0' <= r && r <= '9' || 'a' <= r && r <= 'f') })
}

// readFiles reads every file the manifest lists and checks it against the
// manifest; a file the manifest does not list is refused, not ignored.
func (a *archive) readFiles(m *Manifest, lim Limits) (map[string][]byte, error) {
	listed := map[string]FileEntry{}
	for _, f := range m.Files {
		listed[f.Name] = f
	}
	for name := range a.entries {
		if _, ok := listed[name]; !ok && name != ManifestName && name != SignatureName {
			return nil, refuse(UnlistedFile, "entry %q is not listed in the signed manifest", name)
		}
	}
	files := map[string][]byte{}
	for _, fe := range m.Files {
		f, ok := a.entries[fe.Name]
		if !ok {
			return nil, refuse(MissingFile, "%s is listed in the manifest but missing from the bundle", fe.Name)
		}
		if fe.Size > lim.FileSize || fe.Size < 0 {
			return nil, refuse(TooLarge, "%s is %s, more than the %s allowed", fe.Name, mib(uint64(fe.Size)), mib(uint64(lim.FileSize)))
		}
		if int64(f.UncompressedSize64) != fe.Size {
			return nil, refuse(SizeMismatch, "%s declares %d bytes but the manifest says %d", fe.Name, f.UncompressedSize64, fe.Size)
		}
		body, err := readEntry(f, fe.Size)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(body)
		if hex.EncodeToString(sum[:]) != fe.SHA256 {
			return nil, refuse(HashMismatch, "%s does not match its SHA-256 in the manifest: it was altered or damaged", fe.Name)
		}
		if bytes.HasPrefix(body, utf8BOM) {
			return nil, refuse(BadData, "%s starts with a byte-order mark (EF BB BF); the tables of a bundle are UTF-8 without one "+
				"(kioskctl bundle build never writes one)", fe.Name)
		}
		files[fe.Name] = body
	}
	return files, nil
}

// safeID keeps an untrusted key id printable and short on screen.
func safeID(id string) string {
	if len(id) > 32 {
		id = id[:32]
	}
	if strings.ContainsFunc(id, func(r rune) bool { return r < 0x20 || r > 0x7e }) || id == "" {
		return "(unnamed)"
	}
	return id
}

// short cuts an untrusted value to what a message needs; quoted with %q
// it is safe on any screen.
func short(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}

func mib(n uint64) string {
	switch {
	case n < 1<<20:
		return fmt.Sprintf("%d KiB", (n+1023)/1024)
	case n < 1<<50:
		return fmt.Sprintf("%d MiB", (n+(1<<20)-1)>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
