package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/demo"
)

// bigStore is a database with the demo event at the scale of a large
// congress, made once per test binary run and shared by the benchmarks.
var bigStore struct {
	once sync.Once
	path string
	err  error
}

func bigDatabase(b *testing.B) string {
	b.Helper()
	bigStore.once.Do(func() {
		dir, err := os.MkdirTemp("", "kiosk-bench-")
		if err != nil {
			bigStore.err = err
			return
		}
		bigStore.path = filepath.Join(dir, "kiosk.db")
		d, err := demo.Generate(demo.Options{Delegates: 100_000, Sessions: 2_000})
		if err != nil {
			bigStore.err = err
			return
		}
		s, err := Open(context.Background(), bigStore.path)
		if err != nil {
			bigStore.err = err
			return
		}
		defer s.Close()
		bigStore.err = s.Install(context.Background(), d, data.BundleInfo{EventID: d.Event.ID, Version: 1, Created: time.Now()}, nil)
	})
	if bigStore.err != nil {
		b.Fatal(bigStore.err)
	}
	return bigStore.path
}

// BenchmarkDirectorySearch is one search-as-you-type query against 100,000
// delegates, from the first keystroke on. Goal: under 5 ms per query.
func BenchmarkDirectorySearch(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, bigDatabase(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Index(ctx); err != nil {
		b.Fatal(err)
	}
	queries := []data.DirectoryQuery{
		{Text: "j"}, {Text: "ju"}, {Text: "jur"}, {Text: "jurgen"}, {Text: "STOCK"},
		{Text: "a"}, {Text: "mar"}, {Text: "cote"}, {Text: "garcia lo"}, {Text: "zzzz"},
		{Text: "m", Country: "IDN"},
		// Browsing by touch: a letter, a delegation, deep pages.
		{Initial: "s"}, {Initial: "s", Offset: 2000}, {Initial: "m", Country: "IDN"}, {Offset: 99_980},
	}
	for _, q := range queries {
		name := q.Text
		if q.Country != "" {
			name += "+" + q.Country
		}
		if q.Initial != "" {
			name += "+initial-" + q.Initial
		}
		if q.Offset != 0 {
			name += fmt.Sprintf("+offset-%d", q.Offset)
		}
		b.Run(name, func(b *testing.B) {
			q.Limit = 20 // what the kiosk asks for: a page
			for b.Loop() {
				if _, err := s.SearchDelegates(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkColdStart opens a 100,000-delegate database and makes the data
// layer ready: schema checked, event read, directory index loaded.
// Goal: under 300 ms.
func BenchmarkColdStart(b *testing.B) {
	path := bigDatabase(b)
	ctx := context.Background()
	for b.Loop() {
		s, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Event(ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Index(ctx); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkInstall100k installs a 100,000-delegate, 2,000-session event.
func BenchmarkInstall100k(b *testing.B) {
	d, err := demo.Generate(demo.Options{Delegates: 100_000, Sessions: 2_000})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "kiosk.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	v := int64(0)
	for b.Loop() {
		v++
		if err := s.Install(ctx, d, data.BundleInfo{EventID: d.Event.ID, Version: v, Created: time.Now()}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
