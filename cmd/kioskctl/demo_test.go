package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kiosk/assets"
)

func TestEmbeddedDemoMatchesTheGenerator(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "demo.kbundle")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"demo", "--out", filepath.Join(dir, "sources"), "--bundle", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, assets.DemoBundle) {
		t.Fatal("assets/demo/demo.kbundle is not what the generator makes today: run `go generate ./assets`")
	}
	committed, _ := filepath.Glob("../../assets/demo/sources/*.csv")
	if len(committed) == 0 {
		t.Fatal("no committed demo sources")
	}
	for _, path := range committed {
		want, _ := os.ReadFile(path)
		have, err := os.ReadFile(filepath.Join(dir, "sources", filepath.Base(path)))
		if err != nil || !bytes.Equal(want, have) {
			t.Errorf("%s differs from the generator's output: run `go generate ./assets`", path)
		}
	}
}

func TestDemoIntoDataFolderAtScale(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"demo", "--delegates", "2000", "--sessions", "300", "--data", dir}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "generated 2000 delegates, 300 sessions") {
		t.Fatalf("output %q", stdout.String())
	}
}

func TestUsageAndMistakes(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--help"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "demo") {
		t.Fatalf("--help: %d %q", code, stdout.String())
	}
	stdout.Reset()
	if code := run([]string{"demo", "--help"}, &stdout, &stderr); code != 0 || !strings.Contains(stderr.String(), "--delegates") {
		t.Fatalf("demo --help: %d %q", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"demo"}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "give --out") {
		t.Fatalf("demo without output: %d %q", code, stderr.String())
	}
	if code := run([]string{"nonsense"}, &stdout, &stderr); code != 2 {
		t.Fatalf("unknown command: %d", code)
	}
	stderr.Reset()
	if code := run([]string{"demo", "--delegates", "-5", "--out", t.TempDir()}, &stdout, &stderr); code != 1 {
		t.Fatalf("negative delegates: %d %q", code, stderr.String())
	}
}
