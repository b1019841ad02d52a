package bundle

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"kiosk/data/keys"
	"kiosk/data/source"
)

// BuildOptions are the manifest fields staff choose.
type BuildOptions struct {
	Version int64     // must exceed the version kiosks have installed
	Created time.Time // when the bundle was made; now if zero
	Expires time.Time // after this kiosks refuse it; Created + 1 year if zero
	NextKey ed25519.PublicKey
}

// DefaultVersion is the version of a bundle staff give none: the time it
// is made, as the number YYYYMMDDhhmmss in UTC, so that it tells when the
// bundle was made and grows with every build (and is above the
// YYYYMMDDhhmm versions of earlier builds). previous is the version of the
// bundle this one replaces, when known (the file it overwrites): a build
// within the same second as that one, or after the clock was set back,
// still gets a version of its own.
func DefaultVersion(created time.Time, previous int64) int64 {
	t := created.UTC()
	v := int64(t.Year())*1e10 + int64(t.Month())*1e8 + int64(t.Day())*1e6 +
		int64(t.Hour())*1e4 + int64(t.Minute())*1e2 + int64(t.Second())
	return max(v, previous+1)
}

// Build writes a signed bundle of src to w. The output depends only on
// its inputs (the zip's timestamps are Created), so the same sources and
// options make the same bytes.
func Build(w io.Writer, src *source.Sources, key ed25519.PrivateKey, opts BuildOptions) (*Manifest, error) {
	if opts.Version <= 0 {
		return nil, errors.New("bundle version must be a positive number")
	}
	if opts.Created.IsZero() {
		opts.Created = time.Now()
	}
	opts.Created = opts.Created.UTC().Truncate(time.Second)
	if opts.Expires.IsZero() {
		opts.Expires = opts.Created.AddDate(1, 0, 0)
	}
	if !opts.Expires.After(opts.Created) {
		return nil, fmt.Errorf("bundle expires (%s) before it is created (%s)", opts.Expires.Format(time.RFC3339), opts.Created.Format(time.RFC3339))
	}
	files, err := source.EncodeCSV(src)
	if err != nil {
		return nil, err
	}
	m := &Manifest{
		Format:    Format,
		EventID:   src.Data.Event.ID,
		Version:   opts.Version,
		Created:   opts.Created,
		Expires:   opts.Expires.UTC().Truncate(time.Second),
		KeyID:     keys.ID(key.Public().(ed25519.PublicKey)),
		SignerKey: base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey)),
		Counts:    Counts(src),
	}
	if opts.NextKey != nil {
		m.NextKey = base64.StdEncoding.EncodeToString(opts.NextKey)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		sum := sha256.Sum256(files[name])
		m.Files = append(m.Files, FileEntry{Name: name, Size: int64(len(files[name])), SHA256: hex.EncodeToString(sum[:])})
	}
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	sig := ed25519.Sign(key, manifest)

	zw := zip.NewWriter(w)
	put := func(name string, body []byte, method uint16) error {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: opts.Created})
		if err != nil {
			return err
		}
		_, err = fw.Write(body)
		return err
	}
	if err := put(ManifestName, manifest, zip.Store); err != nil {
		return nil, err
	}
	if err := put(SignatureName, []byte(base64.StdEncoding.EncodeToString(sig)+"\n"), zip.Store); err != nil {
		return nil, err
	}
	for _, name := range names {
		if err := put(name, files[name], zip.Deflate); err != nil {
			return nil, err
		}
	}
	return m, zw.Close()
}

// BuildFile builds a bundle into path, atomically: it is written under a
// temporary name, synced, then renamed, so a reader never sees half a file.
func BuildFile(path string, src *source.Sources, key ed25519.PrivateKey, opts BuildOptions) (*Manifest, error) {
	var buf bytes.Buffer
	m, err := Build(&buf, src, key, opts)
	if err != nil {
		return nil, err
	}
	return m, WriteFileAtomic(path, buf.Bytes(), 0o644)
}

// WriteFileAtomic writes a file under a temporary name in the same folder,
// syncs it, renames it into place and syncs the folder: a pulled USB stick
// or a power cut leaves either no file or the whole file.
func WriteFileAtomic(path string, body []byte, mode os.FileMode) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".partial-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // fails harmlessly once renamed
	if _, err := f.Write(body); err != nil {
		f.Close()
		return err
	}
	if err := f.Chmod(mode); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync() // not every file system can sync a folder; the rename stands anyway
		d.Close()
	}
	return nil
}

// Counts tallies what a bundle carries, for the manifest and for staff.
func Counts(src *source.Sources) map[string]int {
	d := &src.Data
	return map[string]int{
		"rooms": len(d.Rooms), "sessions": len(d.Sessions), "speakers": len(d.Speakers),
		"countries": len(d.Countries), "delegates": len(d.Delegates),
		"revoked": len(src.Revoked), "kiosk_keys": len(src.KioskKeys),
	}
}
