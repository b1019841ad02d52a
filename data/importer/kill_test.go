package importer

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/bundle"
	"kiosk/data/demo"
	"kiosk/data/keys"
	"kiosk/data/source"
	"kiosk/data/store"
)

// importChild makes the test binary import one bundle file into one
// database, until it is killed.
const importChild = "KIOSK_TEST_IMPORT_CHILD"

func TestMain(m *testing.M) {
	if spec := os.Getenv(importChild); spec != "" {
		var db, file string
		fmt.Sscanf(spec, "%s %s", &db, &file)
		s, err := store.Open(context.Background(), db)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		raw, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if _, err := Import(context.Background(), s, raw, Options{}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// snapshot is what a kiosk shows of its installed data.
type snapshot struct {
	version   int64
	delegates int // listed, from the directory index
	sessions  int
	firstName string
}

func take(t *testing.T, s *store.Store) snapshot {
	t.Helper()
	ctx := context.Background()
	b, err := s.Bundle(ctx)
	if err != nil {
		t.Fatal(err)
	}
	page, err := s.SearchDelegates(ctx, data.DirectoryQuery{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.Sessions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	sn := snapshot{version: b.Version, delegates: page.Total, sessions: len(all)}
	if len(page.Delegates) > 0 {
		sn.firstName = page.Delegates[0].Name
	}
	return sn
}

// TestImportKilledAtRandomPointsLeavesOldOrNew kills an importing process
// at random moments, over and over, and checks each time that the kiosk
// holds exactly the old bundle or exactly the new one, and every check-in
// it had.
func TestImportKilledAtRandomPointsLeavesOldOrNew(t *testing.T) {
	kills := 55
	if testing.Short() {
		kills = 12
	}
	ctx := context.Background()
	dir := t.TempDir()
	pub, priv, _ := keys.Generate()
	now := time.Now()
	write := func(name string, d *data.EventData, v int64) string {
		var buf bytes.Buffer
		if _, err := bundle.Build(&buf, &source.Sources{Data: *d}, priv, bundle.BuildOptions{Version: v, Created: now}); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	oldData, err := demo.Generate(demo.Options{Delegates: 1000, Sessions: 150})
	if err != nil {
		t.Fatal(err)
	}
	newData, err := demo.Generate(demo.Options{Delegates: 2500, Sessions: 300, Seed: 99})
	if err != nil {
		t.Fatal(err)
	}
	write("old.kbundle", oldData, 1)
	newFile := write("new.kbundle", newData, 2)

	// Learn what old and new look like, each in a store of its own.
	want := map[int64]snapshot{}
	for v, d := range map[int64]*data.EventData{1: oldData, 2: newData} {
		s, err := store.Open(ctx, filepath.Join(t.TempDir(), "ref.db"))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := os.ReadFile(write(fmt.Sprintf("ref%d.kbundle", v), d, v))
		if _, err := Import(ctx, s, raw, Options{Trust: pub}); err != nil {
			t.Fatal(err)
		}
		want[v] = take(t, s)
		s.Close()
	}

	rng := rand.New(rand.NewPCG(uint64(now.UnixNano()), 3))
	outcomes := map[int64]int{}
	var full time.Duration // how long a whole import takes in a child
	killed := 0
	// The kiosk before each import: the old bundle and three check-ins,
	// made once and copied for every run.
	template := filepath.Join(t.TempDir(), "template.db")
	var ids []string
	{
		s, err := store.Open(ctx, template)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := os.ReadFile(filepath.Join(dir, "old.kbundle"))
		if _, err := Import(ctx, s, raw, Options{Trust: pub}); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3; i++ {
			rec, _, err := s.RecordCheckIn(ctx, store.NewCheckIn{EventID: oldData.Event.ID, DelegateID: oldData.Delegates[i].ID,
				Purpose: data.PurposeArrival, Method: data.MethodScan, ScannedAt: now,
				PurposeKey: store.PurposeKey(oldData.Event.ID, data.PurposeArrival, "", fmt.Sprint(i))})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, rec.ID)
		}
		s.Close() // checkpoints the WAL into the file
	}
	templateBytes, err := os.ReadFile(template)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(template + "-wal"); err == nil {
		t.Fatal("the template database still has a WAL file after closing")
	}

	for k := 0; k < kills; k++ {
		db := filepath.Join(t.TempDir(), "kiosk.db")
		if err := os.WriteFile(db, templateBytes, 0o600); err != nil {
			t.Fatal(err)
		}

		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), importChild+"="+db+" "+newFile)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		began := time.Now()
		go func() { done <- cmd.Wait() }()
		// The first run goes to the end, to learn how long an import takes;
		// the others are killed somewhere within that time: starting up,
		// reading, verifying, or in the middle of installing.
		limit := time.Hour
		if k > 0 {
			limit = time.Duration(rng.Int64N(int64(full)))
		}
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("import %d failed by itself: %v: %s", k, err, stderr.String())
			}
			if k == 0 {
				full = time.Since(began)
			}
		case <-time.After(limit):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			killed++
		}

		s, err := store.Open(ctx, db)
		if err != nil {
			t.Fatalf("kill %d: reopening: %v", k, err)
		}
		if err := s.Check(ctx); err != nil {
			t.Fatalf("kill %d: %v", k, err)
		}
		got := take(t, s)
		if w := want[got.version]; got != w {
			t.Fatalf("kill %d: a mix of bundles: version %d with %+v, want %+v", k, got.version, got, w)
		}
		outcomes[got.version]++
		all, err := s.CheckIns(ctx, store.CheckInFilter{})
		if err != nil || len(all) != len(ids) {
			t.Fatalf("kill %d: %d check-ins after the kill, want %d (%v)", k, len(all), len(ids), err)
		}
		s.Close()
	}
	t.Logf("%d runs, %d killed (a whole import took %v): %d left the old bundle, %d the new",
		kills, killed, full.Round(time.Millisecond), outcomes[1], outcomes[2])
	if outcomes[1] == 0 || killed < kills/2 {
		t.Fatalf("the kills never caught an import in progress; the test proves nothing")
	}
}
