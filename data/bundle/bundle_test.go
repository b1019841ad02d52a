package bundle

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/datatest"
	"kiosk/data/demo"
	"kiosk/data/keys"
	"kiosk/data/source"
	"kiosk/data/store"
)

var created = time.Date(2016, 10, 1, 0, 0, 0, 0, time.UTC)

func build(t *testing.T, priv ed25519.PrivateKey, version int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	src := &source.Sources{Data: *datatest.Event()}
	if _, err := Build(&buf, src, priv, BuildOptions{Version: version, Created: created,
		Expires: created.AddDate(1, 0, 0)}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func policy(pub ed25519.PublicKey) Policy {
	return Policy{Trusted: []ed25519.PublicKey{pub}, Now: created.AddDate(0, 1, 0)}
}

func TestBuildReadRoundTrip(t *testing.T) {
	pub, priv, _ := keys.Generate()
	b, err := Read(build(t, priv, 3), policy(pub))
	if err != nil {
		t.Fatal(err)
	}
	if b.Manifest.Version != 3 || b.Manifest.EventID != "test-event" || b.Manifest.KeyID != keys.ID(pub) {
		t.Fatalf("manifest %+v", b.Manifest)
	}
	if len(b.Sources.Data.Delegates) != 6 || b.Sources.Data.Delegates[0].GivenNames != "Jürgen" {
		t.Fatalf("data read back wrong: %d delegates", len(b.Sources.Data.Delegates))
	}
	if b.Manifest.Counts["delegates"] != 6 || b.Manifest.Counts["sessions"] != 4 {
		t.Fatalf("counts %v", b.Manifest.Counts)
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	_, priv, _ := keys.Generate()
	if !bytes.Equal(build(t, priv, 1), build(t, priv, 1)) {
		t.Fatal("two builds of the same sources differ")
	}
}

func TestReadRefusals(t *testing.T) {
	pub, priv, _ := keys.Generate()
	otherPub, otherPriv, _ := keys.Generate()
	good := build(t, priv, 5)
	tests := []struct {
		name   string
		bundle []byte
		pol    Policy
		want   Reason
	}{
		{"not a zip", []byte("hello"), policy(pub), NotABundle},
		{"unknown key", build(t, otherPriv, 5), policy(pub), UntrustedKey},
		{"rollback", good, Policy{Trusted: []ed25519.PublicKey{pub}, Installed: 6, Now: created}, Rollback},
		{"same version", good, Policy{Trusted: []ed25519.PublicKey{pub}, Installed: 5, Now: created}, SameVersion},
		{"expired", good, Policy{Trusted: []ed25519.PublicKey{pub}, Now: created.AddDate(2, 0, 0)}, Expired},
		{"other event", good, Policy{Trusted: []ed25519.PublicKey{pub}, EventID: "another", Now: created}, OtherEvent},
		{"too large", good, Policy{Trusted: []ed25519.PublicKey{pub}, Now: created, Limits: Limits{BundleSize: 100, FileSize: 1 << 20, TotalSize: 1 << 20, Files: 32}}, TooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(tt.bundle, tt.pol)
			var r *Refusal
			if !errors.As(err, &r) || r.Reason != tt.want {
				t.Fatalf("got %v, want refusal %s", err, tt.want)
			}
		})
	}
	// A key trusted alongside others still works.
	if _, err := Read(good, Policy{Trusted: []ed25519.PublicKey{otherPub, pub}, Now: created}); err != nil {
		t.Fatalf("with two trusted keys: %v", err)
	}
}

func TestInstallIntoStore(t *testing.T) {
	pub, priv, _ := keys.Generate()
	b, err := Read(build(t, priv, 2), policy(pub))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := install(ctx, s, b); err != nil {
		t.Fatal(err)
	}
	info, err := s.Bundle(ctx)
	if err != nil || info.Version != 2 || info.SignerKey != keys.ID(pub) || info.SHA256 != b.SHA256 {
		t.Fatalf("installed bundle %+v %v", info, err)
	}
	// The translations travel in the bundle to the kiosk: a French screen
	// gets the French title, a Spanish one the English title the bundle
	// has no Spanish for.
	fr, err := s.Session(data.WithLanguage(ctx, "fr"), datatest.OpeningID)
	if err != nil || fr.Title != "Cérémonie d’ouverture" || fr.Room.Name != "Salle plénière" {
		t.Fatalf("French session from the bundle: %q in %q, %v", fr.Title, fr.Room.Name, err)
	}
	es, err := s.Session(data.WithLanguage(ctx, "es"), datatest.OpeningID)
	if err != nil || es.Title != "Opening ceremony" || es.Room.Name != "Sala del Pleno" {
		t.Fatalf("Spanish session from the bundle: %q in %q, %v", es.Title, es.Room.Name, err)
	}
}

// BenchmarkBuild100k builds the bundle of a 100,000-delegate,
// 2,000-session event from its CSV sources on disk, as "kioskctl bundle
// build" does: read and check the sources, encode, hash, compress, sign,
// write. Goal: under 5 s.
func BenchmarkBuild100k(b *testing.B) {
	d, err := demo.Generate(demo.Options{Delegates: 100_000, Sessions: 2_000})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if err := source.WriteDir(filepath.Join(dir, "src"), &source.Sources{Data: *d}); err != nil {
		b.Fatal(err)
	}
	_, priv, _ := keys.Generate()
	for b.Loop() {
		src, err := source.ReadDir(filepath.Join(dir, "src"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := BuildFile(filepath.Join(dir, "out.kbundle"), src, priv, BuildOptions{Version: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// install puts a verified bundle into a store, as the importer does.
func install(ctx context.Context, s *store.Store, b *Bundle) error {
	d, err := EventData(b.Sources)
	if err != nil {
		return err
	}
	return s.Install(ctx, d, b.Info(), nil)
}

func TestDefaultVersionNeverRepeats(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	first := DefaultVersion(at("2026-12-01T10:15:05Z"), 0)
	if first != 20261201101505 {
		t.Fatalf("version %d, want the build time as YYYYMMDDhhmmss", first)
	}
	if later := DefaultVersion(at("2026-12-01T10:15:40Z"), 0); later <= first {
		t.Errorf("a build later in the same minute got %d, not above %d", later, first)
	}
	if again := DefaultVersion(at("2026-12-01T10:15:05Z"), first); again != first+1 {
		t.Errorf("a build in the same second over version %d got %d", first, again)
	}
	if back := DefaultVersion(at("2026-11-30T09:00:00Z"), first); back != first+1 {
		t.Errorf("a build after the clock went back got %d, not above %d", back, first)
	}
	// Kiosks holding a bundle of the earlier YYYYMMDDhhmm form take the new ones.
	if old := int64(209912312359); first <= old {
		t.Errorf("version %d is not above the minute-based %d", first, old)
	}
}
