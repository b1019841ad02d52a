// Package pdfcheck reads printed badges back for tests: it rasterises a
// PDF page as a printer would and decodes its QR codes with a standard
// barcode reader, and extracts the text. It uses poppler-utils and
// zbar-tools, and skips the test, saying what to install, when they are
// missing.
package pdfcheck

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// tool finds a command the test needs, or skips saying how to get it.
func tool(t testing.TB, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed: apt-get install %s (the Makefile's deps target does)", name, pkg)
	}
	return path
}

// ScanPage rasterises one page at 300 dpi, as an office printer would
// print it, and returns every QR code a barcode reader finds on it.
func ScanPage(t testing.TB, pdf string, page int) []string {
	t.Helper()
	pdftoppm := tool(t, "pdftoppm", "poppler-utils")
	zbarimg := tool(t, "zbarimg", "zbar-tools")
	prefix := filepath.Join(t.TempDir(), "page")
	p := fmt.Sprint(page)
	if out, err := exec.Command(pdftoppm, "-r", "300", "-png", "-f", p, "-l", p, "-singlefile", pdf, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	cmd := exec.Command(zbarimg, "--raw", "-q", prefix+".png")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// zbarimg exits 4 when it finds nothing; that is for the caller to judge.
	if err := cmd.Run(); err != nil && cmd.ProcessState.ExitCode() != 4 {
		t.Fatalf("zbarimg: %v\n%s", err, stderr.String())
	}
	return strings.Fields(stdout.String())
}

// Text extracts a PDF's text, in UTF-8.
func Text(t testing.TB, pdf string) string {
	t.Helper()
	pdftotext := tool(t, "pdftotext", "poppler-utils")
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
