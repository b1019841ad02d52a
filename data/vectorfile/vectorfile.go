// Package vectorfile keeps the published test-vector files (testdata/
// vectors.json of each format) equal to what the code generates: a change
// of the code that alters a vector fails its package's tests until the file
// is regenerated on purpose and the diff read.
//
// It is for tests only and imports nothing of the project, so that any
// format's package can use it from its own tests.
package vectorfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Marshal writes v as a published vector file is written: indented JSON
// with <, > and & as they are, so that another team reads it as it is.
func Marshal(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// UpToDate fails when the file at path differs from want, what the code
// generates now; with update it writes want there instead. regen is the
// command that regenerates the file, for the failure's message.
func UpToDate(t testing.TB, path string, want []byte, update bool, regen string) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from what the code generates; if the change is intended, run %s and review the diff", path, regen)
	}
}

// Read reads the published file at path into v as another team's reader
// would be expected to: a member the file's type does not know fails.
func Read(t testing.TB, path string, v any) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// Refusal is a reader's error and the name a format's document gives it.
type Refusal struct {
	Err  error
	Name string
}

// Refusals are a format's named refusals, in the order they are tried.
type Refusals []Refusal

// Name is the document's name of err: the first refusal err is, "" for
// no error, and "unnamed: …" for an error the document does not name,
// which no vector may want.
func (rs Refusals) Name(err error) string {
	for _, r := range rs {
		if errors.Is(err, r.Err) {
			return r.Name
		}
	}
	if err != nil {
		return "unnamed: " + err.Error()
	}
	return ""
}
