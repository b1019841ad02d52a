package keys

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKeysDocumentListsEveryTestKey: every key a published vector file
// signs with has a row in docs/keys.md's "Test keys" that gives its key
// id and names that file, so a reader of one document finds them all.
func TestKeysDocumentListsEveryTestKey(t *testing.T) {
	doc, err := os.ReadFile("../../docs/keys.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "## Test keys")
	if !ok {
		t.Fatal(`docs/keys.md has no "Test keys" section`)
	}
	files, err := filepath.Glob("../*/testdata/vectors.json")
	if err != nil || len(files) < 5 {
		t.Fatalf("found %d vector files (%v), want the five formats'", len(files), err)
	}
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var f struct {
			Keys []struct {
				Name  string `json:"name"`
				KeyID string `json:"key_id"`
			} `json:"keys"`
		}
		if err := json.Unmarshal(raw, &f); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(f.Keys) == 0 {
			t.Errorf("%s lists no keys", path)
		}
		name := strings.TrimPrefix(path, "../")
		for _, k := range f.Keys {
			if !rowWith(section, "`"+k.KeyID+"`", "data/"+name) {
				t.Errorf("docs/keys.md has no test key row with key id %s (key %s) naming data/%s", k.KeyID, k.Name, name)
			}
		}
	}
}

// rowWith says whether one line of text holds every one of parts.
func rowWith(text string, parts ...string) bool {
	for _, line := range strings.Split(text, "\n") {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(line, p)
		}
		if all {
			return true
		}
	}
	return false
}

// TestFormatDocumentsLinkVectorsAndKeys: a reader of any one format's
// document is led to its vectors and to keys.md.
func TestFormatDocumentsLinkVectorsAndKeys(t *testing.T) {
	for doc, vectors := range map[string]string{
		"badge-format.md":          "badge",
		"checkin-code-format.md":   "checkincode",
		"checkin-export-format.md": "export",
		"bundle-format.md":         "bundle",
		"sync-protocol.md":         "syncproto",
	} {
		raw, err := os.ReadFile("../../docs/" + doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, link := range []string{"](../data/" + vectors + "/testdata/vectors.json)", "](keys.md"} {
			if !strings.Contains(string(raw), link) {
				t.Errorf("docs/%s has no link %s", doc, link)
			}
		}
	}
}
