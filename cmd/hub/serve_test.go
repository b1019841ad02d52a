package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"testing"
	"time"

	"kiosk/data/pgtest"
	"kiosk/data/syncproto"
)

// TestServeDemoWithNoSetUp starts the hub as "hub --data DIR --addr
// 127.0.0.1:0" would, on an empty folder: it serves the demo event at
// once, and stops on its context.
func TestServeDemoWithNoSetUp(t *testing.T) { pgtest.Each(t, testServeDemoWithNoSetUp) }

func testServeDemoWithNoSetUp(t *testing.T) {
	flag, where := newStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{flag, where, "--addr", "127.0.0.1:0"}, io.Discard, pw)
		pw.Close()
	}()
	serving := regexp.MustCompile(`serving event "([^"]+)" on (http://127\.0\.0\.1:\d+)`)
	lines := bufio.NewScanner(pr)
	var url, event string
	for url == "" && lines.Scan() {
		if m := serving.FindStringSubmatch(lines.Text()); m != nil {
			event, url = m[1], m[2]
		}
	}
	go io.Copy(io.Discard, pr)
	if url == "" || event != "interpol-ga85-2016" {
		t.Fatalf("the hub did not say it serves the demo (%q at %q)", event, url)
	}
	resp, err := http.Get(url + syncproto.PathHealth)
	if err != nil {
		t.Fatal(err)
	}
	var h syncproto.HealthResponse
	json.NewDecoder(resp.Body).Decode(&h)
	resp.Body.Close()
	if !h.OK || h.EventID != event || len(h.HubID) != 32 {
		t.Fatalf("health %+v", h)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d after shutdown", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the hub did not stop")
	}
}
