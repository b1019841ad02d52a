package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"kiosk/data"
	"kiosk/data/datatest"
)

// hostileQueries are what a delegate can type or paste into a search box:
// far too many words, far too many characters, and the operators of
// query languages, which must be read as plain text.
func hostileQueries(word string) map[string]string {
	return map[string]string{
		"1,000 words":          strings.Repeat(word+" ", 1000),
		"1,000 distinct words": word + " " + strings.Repeat("nothing ", 999),
		"one word of 1 MiB":    word + " " + strings.Repeat("x", 1<<20),
		"1 MiB of spaces":      word + strings.Repeat(" ", 1<<20) + "zzz",
		"quotes":               `"` + word + `"`,
		"star":                 word + "*",
		"minus":                "-" + word,
		"caret":                "^" + word,
		"column filter":        "title:" + word,
		"near":                 "NEAR(" + word + " x)",
		"sql":                  word + "' OR 1=1 --",
		"like wildcards":       "%" + word + "_",
	}
}

func TestSearchSessionsHostileQueries(t *testing.T) {
	s := installed(t)
	// Every query that starts with "cyber" and whose other words are not
	// read (past the cap) or are punctuation finds the cyber session; the
	// others must still answer without an error.
	wantCyber := map[string]bool{"1,000 words": true, "1 MiB of spaces": true, "quotes": true, "star": true,
		"minus": true, "caret": true, "like wildcards": true}
	for name, q := range hostileQueries("cyber") {
		t.Run(name, func(t *testing.T) {
			got, err := s.SearchSessions(context.Background(), q)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			var ids []string
			for _, g := range got {
				ids = append(ids, g.ID)
			}
			if wantCyber[name] && !slices.Equal(ids, []string{datatest.CyberID}) {
				t.Fatalf("got %v, want %v", ids, []string{datatest.CyberID})
			}
		})
	}
}

func TestSearchDelegatesHostileQueries(t *testing.T) {
	s := installed(t)
	wantStock := map[string]bool{"1,000 words": true, "1 MiB of spaces": true, "quotes": true, "star": true,
		"minus": true, "caret": true, "like wildcards": true}
	for name, q := range hostileQueries("jurgen") {
		t.Run(name, func(t *testing.T) {
			page, err := s.SearchDelegates(context.Background(), data.DirectoryQuery{Text: q})
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			var ids []string
			for _, d := range page.Delegates {
				ids = append(ids, d.ID)
			}
			if wantStock[name] && !slices.Equal(ids, []string{datatest.StockID}) {
				t.Fatalf("got %v, want %v", ids, []string{datatest.StockID})
			}
		})
	}
}
