package kioskdir

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiosk/assets"
	"kiosk/data/bundle"
	"kiosk/data/datatest"
	"kiosk/data/importer"
	"kiosk/data/keys"
	"kiosk/data/source"
	"kiosk/data/store"
)

var restoreCreated = time.Date(2016, 10, 1, 0, 0, 0, 0, time.UTC)

func importOptions(trust ed25519.PublicKey, demo bool) importer.Options {
	return importer.Options{Trust: trust, Demo: demo, Now: func() time.Time { return restoreCreated.AddDate(0, 1, 0) }}
}

// seedDemo is the kiosk's own seed: the embedded demo, published key.
func seedDemo(ctx context.Context, s *store.Store) error {
	_, err := importer.Import(ctx, s, assets.DemoBundle, importOptions(assets.DemoPublicKey(), true))
	return err
}

func signedFixture(t *testing.T, priv ed25519.PrivateKey, version int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := bundle.Build(&buf, &source.Sources{Data: *datatest.Event()}, priv, bundle.BuildOptions{
		Version: version, Created: restoreCreated, Expires: restoreCreated.AddDate(1, 0, 0)}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// damage overwrites the database with something that is not one.
func damage(t *testing.T, dir string) {
	t.Helper()
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(filepath.Join(dir, DBName+suffix))
	}
	if err := os.WriteFile(filepath.Join(dir, DBName), bytes.Repeat([]byte("not a database "), 300), 0o600); err != nil {
		t.Fatal(err)
	}
}

// provisioned is a data folder provisioned with the real fixture event,
// version 2, as kioskctl bundle import does; it returns the event key.
func provisioned(t *testing.T, dir string) ed25519.PublicKey {
	t.Helper()
	ctx := context.Background()
	o, err := Open(ctx, dir, seedDemo)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Store.Close()
	pub, priv, _ := keys.Generate()
	if _, err := importer.Import(ctx, o.Store, signedFixture(t, priv, 2), importOptions(pub, false)); err != nil {
		t.Fatal(err)
	}
	return pub
}

// A damaged database sent a provisioned kiosk back to the demo (its key
// and PIN published) while saying it started "from its installed data".
// It must come back with the last installed bundle and its trust, and say
// exactly that.
func TestADamagedDatabaseRestoresTheLastInstalledBundle(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	pub := provisioned(t, dir)
	damage(t, dir)

	o, err := Open(ctx, dir, seedDemo)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Store.Close()
	info, err := o.Store.Bundle(ctx)
	if err != nil || info.EventID != "test-event" || info.Version != 2 {
		t.Fatalf("after the recovery the kiosk has %+v (%v), want test-event version 2", info, err)
	}
	trusted, err := o.Store.TrustedKeys(ctx)
	if err != nil || len(trusted) != 1 || !trusted[0].Equal(pub) {
		t.Fatalf("trusted after the recovery: %d keys (%v), want the event's key only", len(trusted), err)
	}
	if replaceable, _ := o.Store.Replaceable(ctx); replaceable {
		t.Fatal("the restored real event became replaceable like the demo")
	}
	n := o.Notice()
	for _, want := range []string{o.Recovered, "test-event version 2", filepath.Join(dir, "installed.kbundle"),
		"Check-ins recorded before the damage are only in " + o.Recovered} {
		if !strings.Contains(n, want) {
			t.Errorf("the notice does not say %q:\n%s", want, n)
		}
	}
	if strings.Contains(n, "demo") {
		t.Errorf("the notice speaks of the demo:\n%s", n)
	}
}

// A kept bundle damaged too is not installed; the kiosk falls back to
// its seed and says why, naming the demo's published key and PIN.
func TestADamagedKeptBundleFallsBackToTheDemoAndSaysSo(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	provisioned(t, dir)
	kept := filepath.Join(dir, importer.KeptBundleName)
	raw, err := os.ReadFile(kept)
	if err != nil {
		t.Fatal(err)
	}
	raw[len(raw)/2] ^= 0xff
	if err := os.WriteFile(kept, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	damage(t, dir)

	o, err := Open(ctx, dir, seedDemo)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Store.Close()
	if o.Restored != nil || o.NotRestored == nil || !o.Seeded {
		t.Fatalf("restored %+v, not restored %v, seeded %v", o.Restored, o.NotRestored, o.Seeded)
	}
	n := o.Notice()
	for _, want := range []string{o.Recovered, "could not be restored", kept, "built-in demo event", "published",
		"Check-ins recorded before the damage"} {
		if !strings.Contains(n, want) {
			t.Errorf("the notice does not say %q:\n%s", want, n)
		}
	}
}

// With nothing kept (a folder from before kept bundles), the demo as before,
// said plainly.
func TestADamagedDatabaseWithNothingKeptSaysSo(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	damage(t, dir)
	o, err := Open(ctx, dir, seedDemo)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Store.Close()
	if n := o.Notice(); !strings.Contains(n, "no installed bundle was kept") || !strings.Contains(n, "built-in demo event") {
		t.Fatalf("notice: %s", n)
	}
}

// A provisioned kiosk whose database file is gone (deleted by mistake,
// a disk swapped) must not start on the demo, whose key and PIN are
// published: it restores the bundle it kept, and says so.
func TestAMissingDatabaseRestoresTheLastInstalledBundle(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	provisioned(t, dir)
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(filepath.Join(dir, DBName+suffix))
	}

	o, err := Open(ctx, dir, seedDemo)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Store.Close()
	info, err := o.Store.Bundle(ctx)
	if err != nil || info.EventID != "test-event" || info.Version != 2 {
		t.Fatalf("after the database went missing the kiosk has %+v (%v), want test-event version 2", info, err)
	}
	if o.Seeded {
		t.Fatal("the demo was seeded over a kept bundle")
	}
	n := o.Notice()
	for _, want := range []string{"was missing or empty", "test-event version 2"} {
		if !strings.Contains(n, want) {
			t.Fatalf("notice %q does not say %q", n, want)
		}
	}
}

// An empty file in place of the database opens as an empty database: it
// must restore the kept bundle too, never seed the demo (published key and
// PIN) over it, nor let the demo's own kept copy replace the real one.
func TestAnEmptyDatabaseFileRestoresTheLastInstalledBundle(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	provisioned(t, dir)
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(filepath.Join(dir, DBName+suffix))
	}
	if err := os.WriteFile(filepath.Join(dir, DBName), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	o, err := Open(ctx, dir, seedDemo)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Store.Close()
	info, err := o.Store.Bundle(ctx)
	if err != nil || info.EventID != "test-event" || o.Seeded || o.InstalledDemo {
		t.Fatalf("after an emptied database: %+v (%v), seeded %v, demo %v", info, err, o.Seeded, o.InstalledDemo)
	}
	if !strings.Contains(o.Notice(), "test-event version 2") {
		t.Fatalf("notice %q", o.Notice())
	}
}

// A kept bundle that cannot be restored is set aside before the demo is
// seeded, so the demo's own kept copy does not write over it.
func TestAnUnrestorableKeptBundleIsSetAsideNotOverwritten(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	provisioned(t, dir)
	kept := filepath.Join(dir, importer.KeptBundleName)
	if err := os.WriteFile(filepath.Join(dir, importer.KeptKeysName), []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(kept)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, DBName))
	o, err := Open(ctx, dir, seedDemo)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Store.Close()
	if o.SetAside == "" || !strings.Contains(o.Notice(), o.SetAside) {
		t.Fatalf("set aside %q, notice %q", o.SetAside, o.Notice())
	}
	got, err := os.ReadFile(o.SetAside)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("the set-aside copy differs from the kept bundle (%v)", err)
	}
}

// A folder opened for the first time has nothing kept: the demo is
// seeded and nothing is said.
func TestAFirstStartSeedsTheDemoQuietly(t *testing.T) {
	o, err := Open(context.Background(), t.TempDir(), seedDemo)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Store.Close()
	if !o.Seeded || o.Notice() != "" {
		t.Fatalf("first start: seeded %v, notice %q", o.Seeded, o.Notice())
	}
}

// A kept-bundle write cut short by a kill leaves its temporary file; the
// next start removes it and leaves everything else alone.
func TestOpeningRemovesCutShortKeptBundleWrites(t *testing.T) {
	dir := t.TempDir()
	partial := filepath.Join(dir, "."+importer.KeptBundleName+".partial-123")
	other := filepath.Join(dir, "notes.txt")
	for _, p := range []string{partial, other} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	o, err := Open(context.Background(), dir, seedDemo)
	if err != nil {
		t.Fatal(err)
	}
	o.Store.Close()
	if _, err := os.Stat(partial); !os.IsNotExist(err) {
		t.Fatalf("the cut-short write %s is still there (%v)", partial, err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Fatalf("another file in the folder was touched: %v", err)
	}
}
