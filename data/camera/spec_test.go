package camera

import (
	"image"
	"path/filepath"
	"testing"
)

func TestSourceFor(t *testing.T) {
	dir := t.TempDir()
	writeImage(t, filepath.Join(dir, "a.png"), image.NewGray(image.Rect(0, 0, 4, 4)))
	src, err := SourceFor(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fs, ok := src.(*ImageSource); !ok || fs.Name() != dir || !fs.loop || fs.load == nil {
		t.Fatalf("a folder gave %T %+v, want a looping folder source", src, src)
	}
	dev, err := SourceFor("/dev/video7")
	if err != nil {
		t.Fatal(err)
	}
	if _, isFolder := dev.(*ImageSource); isFolder || dev.Name() != "/dev/video7" {
		t.Fatalf("a device node gave %T named %q", dev, dev.Name())
	}
	if _, err := SourceFor(""); err == nil {
		t.Fatal("an empty name gave a source")
	}
}

func TestProblemWords(t *testing.T) {
	seen := map[string]bool{}
	for p := ProblemNone; p <= ProblemFailed; p++ {
		w := p.String()
		if w == "unknown" || seen[w] {
			t.Errorf("problem %d named %q", int(p), w)
		}
		seen[w] = true
	}
	if Problem(99).String() != "unknown" {
		t.Error("an unknown problem has a name")
	}
}
