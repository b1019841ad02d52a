package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"kiosk/data/demo"
	"kiosk/data/keys"
	"kiosk/data/source"
)

// builtVersion reads the version "bundle build" reports.
func builtVersion(t *testing.T, out string) int64 {
	t.Helper()
	m := regexp.MustCompile(`version (\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no version in %q", out)
	}
	v, _ := strconv.ParseInt(m[1], 10, 64)
	return v
}

// eventSources writes the demo event's sources with one delegate's family
// name set, and an event key pair; it returns the sources folder, the
// private and the public key files.
func eventSources(t *testing.T, dir, family string) (string, string, string) {
	t.Helper()
	d, err := demo.Generate(demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.Delegates[2].FamilyName = family
	src := filepath.Join(dir, "src-"+family)
	if err := source.WriteDir(src, &source.Sources{Data: *d}); err != nil {
		t.Fatal(err)
	}
	keyPath, pubPath := filepath.Join(dir, "keys", "event.key"), filepath.Join(dir, "keys", "event.pub")
	if _, err := os.Stat(keyPath); err != nil {
		pub, priv, _ := keys.Generate()
		if _, _, err := keys.WritePair(filepath.Join(dir, "keys"), "event", pub, priv); err != nil {
			t.Fatal(err)
		}
	}
	return src, keyPath, pubPath
}

// A corrected bundle built a few seconds after a wrong one, over it, is a
// new version that kiosks take.
func TestCorrectedBundleBuiltInTheSameMinuteGetsANewVersion(t *testing.T) {
	dir := t.TempDir()
	file, kiosk := filepath.Join(dir, "event.kbundle"), filepath.Join(dir, "kiosk")
	wrong, keyPath, pubPath := eventSources(t, dir, "Stok")
	right, _, _ := eventSources(t, dir, "Stock")
	code, out, e := ctl(t, "bundle", "build", "--src", wrong, "--key", keyPath, "--out", file)
	if code != 0 {
		t.Fatal(e)
	}
	first := builtVersion(t, out)
	if code, _, e := ctl(t, "bundle", "import", "--data", kiosk, "--trust", pubPath, file); code != 0 {
		t.Fatal(e)
	}
	code, out, e = ctl(t, "bundle", "build", "--src", right, "--key", keyPath, "--out", file)
	if code != 0 {
		t.Fatal(e)
	}
	if second := builtVersion(t, out); second <= first {
		t.Fatalf("the corrected bundle is version %d, the wrong one %d", second, first)
	}
	if code, out, e := ctl(t, "bundle", "import", "--data", kiosk, file); code != 0 || !strings.Contains(out, "installed") {
		t.Fatalf("the corrected bundle was refused: %q %q", out, e)
	}
}

// Two different bundles with one version: the kiosk says that the one
// offered is not the one installed, naming both.
func TestSameVersionDifferentBundleSaysSo(t *testing.T) {
	dir := t.TempDir()
	a, b, kiosk := filepath.Join(dir, "a.kbundle"), filepath.Join(dir, "b.kbundle"), filepath.Join(dir, "kiosk")
	wrong, keyPath, pubPath := eventSources(t, dir, "Stok")
	right, _, _ := eventSources(t, dir, "Stock")
	for _, build := range [][2]string{{wrong, a}, {right, b}} {
		if code, _, e := ctl(t, "bundle", "build", "--src", build[0], "--key", keyPath, "--out", build[1], "--version", "5"); code != 0 {
			t.Fatal(e)
		}
	}
	if code, _, e := ctl(t, "bundle", "import", "--data", kiosk, "--trust", pubPath, a); code != 0 {
		t.Fatal(e)
	}
	code, _, e := ctl(t, "bundle", "import", "--data", kiosk, b)
	if code != 1 || !strings.Contains(e, "different bundle") || !strings.Contains(e, sha256Hex(t, a)) || !strings.Contains(e, sha256Hex(t, b)) {
		t.Fatalf("same version, other bundle: %d %q", code, e)
	}
	code, _, e = ctl(t, "bundle", "import", "--data", kiosk, a)
	if code != 1 || !strings.Contains(e, "version 5 is already installed") || strings.Contains(e, "different") {
		t.Fatalf("the installed bundle again: %d %q", code, e)
	}
}

func sha256Hex(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
