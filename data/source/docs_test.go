package source

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// The staff documentation must describe the columns the code reads, and
// its example must be accepted as it stands.

func readDoc(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../docs/sources.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDocDescribesEveryColumn(t *testing.T) {
	doc := readDoc(t)
	for _, spec := range tableSpecs {
		start := strings.Index(doc, "## `"+spec.name+"`")
		if start < 0 {
			t.Errorf("docs/sources.md has no section for %s", spec.name)
			continue
		}
		section := doc[start+1:]
		if end := strings.Index(section, "\n## "); end >= 0 {
			section = section[:end]
		}
		documented := regexp.MustCompile("(?m)^\\| `([a-z0-9_]+)` \\| (yes|no) \\|").FindAllStringSubmatch(section, -1)
		if len(documented) != len(spec.cols) {
			t.Errorf("%s: docs list %d columns, the code reads %d", spec.name, len(documented), len(spec.cols))
		}
		for _, m := range documented {
			i := spec.index(m[1])
			if i < 0 {
				t.Errorf("%s: docs describe column %s, which the code does not read", spec.name, m[1])
				continue
			}
			if want := map[bool]string{true: "yes", false: "no"}[spec.cols[i].required]; m[2] != want {
				t.Errorf("%s.%s: docs say required %s, the code says %s", spec.name, m[1], m[2], want)
			}
		}
	}
}

func TestDocExampleIsValid(t *testing.T) {
	doc := readDoc(t)
	_, example, ok := strings.Cut(doc, "## A complete small example")
	if !ok {
		t.Fatal("no example section")
	}
	files := map[string][]byte{}
	for _, m := range regexp.MustCompile("(?s)`([a-z_]+\\.csv)`:\n\n```\n(.*?)```").FindAllStringSubmatch(example, -1) {
		files[m[1]] = []byte(m[2])
	}
	if len(files) != 5 {
		t.Fatalf("found %d example files, want 5", len(files))
	}
	s, err := DecodeCSV(files)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s.Data.Sessions); n != 2 {
		t.Errorf("example has %d sessions", n)
	}
}
