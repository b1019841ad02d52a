package store

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/datatest"
)

// crashChild makes the test binary record check-ins into a database and
// report each one on stdout once RecordCheckIn has returned, until it is
// killed: what a kiosk does when its power is cut.
const crashChild = "KIOSK_TEST_CRASH_CHILD"

// openLine is what the child prints once the database is open.
const openLine = "open"

func TestMain(m *testing.M) {
	if path := os.Getenv(crashChild); path != "" {
		os.Exit(recordUntilKilled(path))
	}
	os.Exit(m.Run())
}

func recordUntilKilled(path string) int {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	out := bufio.NewWriter(os.Stdout)
	// The parent times most kills from here, so that a slow start-up on a
	// busy machine does not eat the window in which commits happen.
	fmt.Fprintln(out, openLine)
	out.Flush()
	for i := 0; ; i++ {
		rec, _, err := s.RecordCheckIn(ctx, NewCheckIn{
			DelegateID: datatest.StockID, BadgeSerial: 1, Purpose: data.PurposeSession,
			SessionID: fmt.Sprintf("S%d", i), Method: data.MethodScan, ScannedAt: time.Now(),
			// A fresh purpose key each time, so that every scan records.
			PurposeKey: fmt.Sprintf("session:%d-%d", os.Getpid(), i),
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		// Reported only after the commit returned: the kiosk shows
		// "Welcome" at this point.
		fmt.Fprintln(out, rec.ID)
		out.Flush()
	}
}

// TestCheckInsSurviveSIGKILL kills a recording process at random points,
// many times over, and checks that every check-in it reported as committed
// is still there, numbered without gaps, and that SQLite finds the file
// sound.
func TestCheckInsSurviveSIGKILL(t *testing.T) {
	kills := 100
	if testing.Short() {
		kills = 20
	}
	path := filepath.Join(t.TempDir(), "kiosk.db")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	reported := map[string]bool{}
	for k := 0; k < kills; k++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChild+"="+path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		killWhenDue(t, cmd, lines, rng, reported)
		err = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("kill %d: the child ended by itself (%v): %s", k, err, stderr.String())
		}
	}

	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Check(context.Background()); err != nil {
		t.Fatalf("after %d kills: %v", kills, err)
	}
	var integrity string
	if err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("integrity_check: %q %v", integrity, err)
	}
	all, err := s.CheckIns(context.Background(), CheckInFilter{})
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	seqs := map[string][]int64{}
	for _, c := range all {
		have[c.ID] = true
		seqs[c.KioskID] = append(seqs[c.KioskID], c.Seq)
	}
	for id := range reported {
		if !have[id] {
			t.Fatalf("check-in %s was reported committed but is gone", id)
		}
	}
	if len(reported) < kills/2 {
		t.Fatalf("only %d check-ins were recorded in %d runs; the test did not exercise commits", len(reported), kills)
	}
	for kiosk, list := range seqs {
		for i, seq := range list {
			if seq != int64(i+1) {
				t.Fatalf("kiosk %s: check-in numbers are not 1..n without gaps: %v", kiosk, list[:min(len(list), 20)])
			}
		}
	}
	t.Logf("%d kills, %d check-ins reported committed, %d stored", kills, len(reported), len(all))
}

// killWhenDue kills the child at a random point. One kill in ten falls
// in start-up (opening, migrating); the others fall after a random number
// of reported commits plus a random fraction of a commit, counted from
// the child's own progress rather than from the wall clock, so that a
// loaded machine still sees kills between, and in the middle of, commits.
func killWhenDue(t *testing.T, cmd *exec.Cmd, lines <-chan string, rng *rand.Rand, reported map[string]bool) {
	t.Helper()
	var due <-chan time.Time
	commits := -1 // commits to wait for once open; -1 while starting up
	if rng.IntN(10) == 0 {
		due = time.After(time.Duration(rng.IntN(30)) * time.Millisecond)
	}
	guard := time.After(time.Minute)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				return
			}
			if line == openLine {
				commits = rng.IntN(40)
			} else {
				reported[line] = true
				commits--
			}
			if commits == 0 && due == nil {
				due = time.After(time.Duration(rng.IntN(3000)) * time.Microsecond)
			}
		case <-due:
			cmd.Process.Signal(syscall.SIGKILL)
			for line := range lines {
				if line != openLine {
					reported[line] = true
				}
			}
			return
		case <-guard:
			cmd.Process.Signal(syscall.SIGKILL)
			t.Fatal("the child made no progress for a minute")
		}
	}
}
