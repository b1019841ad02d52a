package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"kiosk/data/hubtls"
	"kiosk/data/pgtest"
	"kiosk/data/syncproto"
)

// served is a hub started by run, as "hub --data DIR --addr
// 127.0.0.1:0 ..." would start it.
type served struct {
	url, event, pin string
	log             []string
}

// startHub runs the hub with args until the test ends, and reads what it
// says at start.
func startHub(t *testing.T, args ...string) served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"--addr", "127.0.0.1:0"}, args...), io.Discard, pw)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("exit %d after shutdown", code)
			}
		case <-time.After(15 * time.Second):
			t.Error("the hub did not stop")
		}
	})
	serving := regexp.MustCompile(`serving event "([^"]+)" on (https?://127\.0\.0\.1:\d+)`)
	pinned := regexp.MustCompile(`key fingerprint (sha256:[0-9a-f]{64})`)
	lines := bufio.NewScanner(pr)
	var s served
	for lines.Scan() {
		s.log = append(s.log, lines.Text())
		if m := serving.FindStringSubmatch(lines.Text()); m != nil {
			s.event, s.url = m[1], m[2]
			if strings.HasPrefix(s.url, "http:") {
				break
			}
		}
		if m := pinned.FindStringSubmatch(lines.Text()); m != nil {
			s.pin = m[1]
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if s.url == "" {
		t.Fatalf("the hub did not say where it serves: %q", s.log)
	}
	return s
}

func health(t *testing.T, c *http.Client, url string) syncproto.HealthResponse {
	t.Helper()
	resp, err := c.Get(url + syncproto.PathHealth)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var h syncproto.HealthResponse
	json.NewDecoder(resp.Body).Decode(&h)
	return h
}

func pinnedClient(t *testing.T, url, pin string) *http.Client {
	t.Helper()
	c, err := hubtls.Endpoint{URL: url, Fingerprint: pin}.HTTPClient(5 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestServeDemoWithNoSetUp starts the hub on an empty folder: it serves
// the demo event at once, over HTTPS with a key made for it, whose
// fingerprint it prints and "hub fingerprint" prints too; a client that
// pins it gets answers, one that checks certificates against the system's
// authorities does not.
func TestServeDemoWithNoSetUp(t *testing.T) { pgtest.Each(t, testServeDemoWithNoSetUp) }

func testServeDemoWithNoSetUp(t *testing.T) {
	flag, where := newStore(t)
	s := startHub(t, flag, where)
	if !strings.HasPrefix(s.url, "https://") || s.event != "interpol-ga85-2016" || s.pin == "" {
		t.Fatalf("the hub did not say it serves the demo over HTTPS with a key: %q", s.log)
	}
	if h := health(t, pinnedClient(t, s.url, s.pin), s.url); !h.OK || h.EventID != s.event || len(h.HubID) != 32 {
		t.Fatalf("health %+v", h)
	}
	// The same address serves the staff dashboard, which says how to set
	// its password.
	c := pinnedClient(t, s.url, s.pin)
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Get(s.url + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther && resp.StatusCode != http.StatusFound || loc != "/login" {
		t.Fatalf("dashboard without a session: %s to %q", resp.Status, loc)
	}
	resp, err = c.Get(s.url + "/login")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), "hub passwd --data DIR") {
		t.Fatalf("login page: %.200s", page)
	}
	if _, err := http.Get(s.url + syncproto.PathHealth); err == nil {
		t.Fatal("a client trusting only certificate authorities took the hub's own certificate")
	}
	code, out, errOut := runHub(t, "fingerprint", flag, where)
	if code != 0 || strings.TrimSpace(out) != s.pin {
		t.Fatalf("hub fingerprint: exit %d, %q, %q; the hub printed %s", code, out, errOut, s.pin)
	}
}

// TestServePlainHTTPWhenAsked: --insecure-http serves plain HTTP; on
// loopback with no warning, since nothing crosses the network.
func TestServePlainHTTPWhenAsked(t *testing.T) {
	s := startHub(t, "--data", t.TempDir(), "--insecure-http")
	if !strings.HasPrefix(s.url, "http://") || s.pin != "" {
		t.Fatalf("want plain HTTP: %q", s.log)
	}
	if strings.Contains(strings.Join(s.log, "\n"), "warning") {
		t.Fatalf("a warning on loopback: %q", s.log)
	}
	if h := health(t, http.DefaultClient, s.url); !h.OK {
		t.Fatalf("health %+v", h)
	}
}

// TestTwoHubProcessesServeOneKey starts two hubs on one data folder, as
// two processes on one store: both serve the same key, so a kiosk pinned
// to one takes the other.
func TestTwoHubProcessesServeOneKey(t *testing.T) {
	dir := t.TempDir()
	a := startHub(t, "--data", dir)
	b := startHub(t, "--data", dir)
	if a.pin == "" || a.pin != b.pin || a.url == b.url {
		t.Fatalf("two hubs on one store: %s at %s, %s at %s", a.pin, a.url, b.pin, b.url)
	}
	for _, url := range []string{a.url, b.url} {
		if h := health(t, pinnedClient(t, url, a.pin), url); !h.OK {
			t.Fatalf("%s: health %+v", url, h)
		}
		// What the hub shows on the wire is the key printed.
		conn, err := tls.Dial("tcp", strings.TrimPrefix(url, "https://"), &tls.Config{InsecureSkipVerify: true})
		if err != nil {
			t.Fatal(err)
		}
		got := hubtls.CertFingerprint(conn.ConnectionState().PeerCertificates[0])
		conn.Close()
		if got != a.pin {
			t.Fatalf("%s shows %s, printed %s", url, got, a.pin)
		}
	}
}
