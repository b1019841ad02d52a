// Package qrcheck reads QR codes back from images for tests, with a
// standard barcode reader (zbarimg, from zbar-tools), so that a test sees
// what a phone's camera would rather than what the encoder meant.
package qrcheck

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Read decodes the one QR code in img, byte for byte (no character set
// guessing). Without zbarimg the test skips, saying what to install, and
// fails in CI (CI=true), where the Makefile's deps target installs it.
func Read(t testing.TB, img image.Image) string {
	t.Helper()
	zbarimg, err := exec.LookPath("zbarimg")
	if err != nil {
		msg := "zbarimg is not installed: apt-get install zbar-tools (the Makefile's deps target does)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	path := filepath.Join(t.TempDir(), "qr.png")
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(zbarimg, "--raw", "-q", "-Sbinary", "-Sqrcode.enable", path)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if cmd.ProcessState != nil && cmd.ProcessState.ExitCode() == 4 {
			t.Fatalf("zbarimg found no QR code in the image")
		}
		t.Fatalf("zbarimg: %v\n%s", err, stderr.String())
	}
	return stdout.String()
}
