package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/store"
)

// runAsKiosk makes the test binary act as the kiosk itself when a test
// starts it as a child: the child runs the real main, with the real Fyne
// driver, on the display it is given.
const runAsKiosk = "KIOSK_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if spec := os.Getenv(stallChild); spec != "" {
		runStallChild(spec)
	}
	if dir := os.Getenv(scanChild); dir != "" {
		runScanChild(dir)
	}
	if spec := os.Getenv(cameraChild); spec != "" {
		runCameraChild(spec)
	}
	if args := os.Getenv(runAsKiosk); args != "" {
		var a []string
		if err := json.Unmarshal([]byte(args), &a); err != nil {
			panic(err)
		}
		os.Args = append([]string{"kiosk"}, a...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// startKiosk starts the kiosk binary as a child on the current display.
func startKiosk(t *testing.T, args ...string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no display: run the suite under Xvfb (make test does)")
	}
	enc, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), runAsKiosk+"="+string(enc), "LANG=en_GB.UTF-8")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return cmd, bufio.NewScanner(stderr)
}

// waitFor reads the child's log until a line contains want.
func waitFor(t *testing.T, lines *bufio.Scanner, want string, timeout time.Duration) string {
	t.Helper()
	found := make(chan string, 1)
	go func() {
		var seen []string
		for lines.Scan() {
			seen = append(seen, lines.Text())
			if strings.Contains(lines.Text(), want) {
				found <- lines.Text()
				for lines.Scan() { // keep draining so the child never blocks
				}
				return
			}
		}
		found <- "EOF after:\n" + strings.Join(seen, "\n")
	}()
	select {
	case l := <-found:
		if strings.HasPrefix(l, "EOF after:") {
			t.Fatalf("kiosk ended without logging %q; %s", want, l)
		}
		return l
	case <-time.After(timeout):
		t.Fatalf("kiosk did not log %q within %v", want, timeout)
	}
	return ""
}

func TestKioskStartsOnAnEmptyFolderAndSeedsIt(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	cmd, lines := startKiosk(t, "--data", dir, "--windowed", "--clock", "2016-11-08 10:15")
	waitFor(t, lines, "ready in", 60*time.Second)
	// Give the window time to draw; a crash would end the process.
	time.Sleep(2 * time.Second)
	if cmd.ProcessState != nil {
		t.Fatalf("kiosk exited: %v", cmd.ProcessState)
	}
	// The folder now holds the demo event; WAL lets us read while it runs.
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(dir, "kiosk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	e, err := s.Event(ctx)
	if err != nil || e.ID != "interpol-ga85-2016" {
		t.Fatalf("seeded event %+v %v", e, err)
	}
	page, err := s.SearchDelegates(ctx, data.DirectoryQuery{Text: "jurgen stock"})
	if err != nil || page.Total != 1 {
		t.Fatalf("seeded directory: %+v %v", page, err)
	}
}

func TestKioskShowsAnUnusableFolderInsteadOfCrashing(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-folder")
	os.WriteFile(file, []byte("x"), 0o600)
	cmd, lines := startKiosk(t, "--data", file, "--windowed")
	l := waitFor(t, lines, "kiosk:", 60*time.Second)
	if !strings.Contains(l, file) {
		t.Fatalf("error does not name the folder: %q", l)
	}
	time.Sleep(time.Second)
	if cmd.ProcessState != nil {
		t.Fatalf("kiosk exited instead of showing the problem: %v", cmd.ProcessState)
	}
}

func TestFlags(t *testing.T) {
	var out strings.Builder
	if _, err := parseFlags([]string{"--help"}, &out); !errors.Is(err, flag.ErrHelp) || !strings.Contains(out.String(), "Usage: kiosk") {
		t.Fatalf("--help: %v %q", err, out.String())
	}
	if _, err := parseFlags([]string{"--idle", "1s"}, io.Discard); err == nil {
		t.Fatal("accepted a 1 s idle time")
	}
	o, err := parseFlags([]string{"--data", "/x", "--windowed", "--idle", "90s"}, io.Discard)
	if err != nil || o.dataDir != "/x" || !o.windowed || o.idle != 90*time.Second {
		t.Fatalf("parsed %+v %v", o, err)
	}
	loc, _ := time.LoadLocation("Asia/Makassar")
	c, err := parseClock("2016-11-08 10:15", loc)
	if err != nil || c.UTC().Format(time.RFC3339) != "2016-11-08T02:15:00Z" {
		t.Fatalf("clock %v %v", c, err)
	}
	if _, err := parseClock("tomorrow", loc); err == nil {
		t.Fatal("accepted a bad clock")
	}
}
