package syncproto

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"kiosk/data/keys"
)

type signer struct {
	id  string
	key ed25519.PrivateKey
	pub ed25519.PublicKey
}

func newSigner(t *testing.T) signer {
	t.Helper()
	pub, priv, err := keys.Generate()
	if err != nil {
		t.Fatal(err)
	}
	return signer{id: KioskIDFor(pub), key: priv, pub: pub}
}

var hubNow = time.Date(2016, 11, 8, 10, 15, 0, 0, time.UTC)

func signed(t *testing.T, s signer, method, target string, body []byte) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, "http://127.0.0.1:8090"+target, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if err := SignRequest(req, body, s.id, s.key, hubNow); err != nil {
		t.Fatal(err)
	}
	return req
}

// verify is what the hub does with a request: parse, check the time,
// check the signature with the key it knows for the kiosk.
func verify(req *http.Request, body []byte, pub ed25519.PublicKey, now time.Time) error {
	a, err := ParseAuth(req.Header)
	if err != nil {
		return err
	}
	if err := a.CheckTime(now); err != nil {
		return err
	}
	return a.Verify(req.Method, req.URL.RequestURI(), body, pub)
}

func TestSignedRequestVerifies(t *testing.T) {
	s := newSigner(t)
	body := []byte(`{"event_id":"e1","checkins":[]}`)
	req := signed(t, s, "POST", "/v1/push?x=1", body)
	if err := verify(req, body, s.pub, hubNow.Add(ClockWindow)); err != nil {
		t.Fatalf("a genuine request is refused: %v", err)
	}
	a, _ := ParseAuth(req.Header)
	if a.KioskID != s.id || !a.Key.Equal(s.pub) || a.TimeMs != hubNow.UnixMilli() || len(a.Nonce) != 32 {
		t.Fatalf("parsed %+v", a)
	}
	other := signed(t, s, "POST", "/v1/push?x=1", body)
	if other.Header.Get(HeaderNonce) == req.Header.Get(HeaderNonce) {
		t.Fatal("two requests share a nonce")
	}
}

func TestEveryChangeBreaksTheSignature(t *testing.T) {
	s, intruder := newSigner(t), newSigner(t)
	body := []byte(`{"event_id":"e1","checkins":[]}`)
	cases := map[string]struct {
		change func(r *http.Request) []byte
		pub    ed25519.PublicKey
		want   error
	}{
		"wrong key": {func(*http.Request) []byte { return body }, intruder.pub, ErrBadSignature},
		"method":    {func(r *http.Request) []byte { r.Method = "PUT"; return body }, s.pub, ErrBadSignature},
		"path":      {func(r *http.Request) []byte { r.URL.Path = "/v1/pull"; return body }, s.pub, ErrBadSignature},
		"query":     {func(r *http.Request) []byte { r.URL.RawQuery = "x=2"; return body }, s.pub, ErrBadSignature},
		"body": {func(*http.Request) []byte {
			return bytes.Replace(body, []byte("e1"), []byte("e2"), 1)
		}, s.pub, ErrBadSignature},
		"time": {func(r *http.Request) []byte {
			r.Header.Set(HeaderTime, "1478600100001")
			return body
		}, s.pub, ErrBadSignature},
		"nonce": {func(r *http.Request) []byte {
			r.Header.Set(HeaderNonce, strings.Repeat("ab", 16))
			return body
		}, s.pub, ErrBadSignature},
		"kiosk id": {func(r *http.Request) []byte { r.Header.Set(HeaderKioskID, intruder.id); return body }, s.pub, ErrBadSignature},
		"signature of another kiosk": {func(r *http.Request) []byte {
			o := signed(t, intruder, "POST", "/v1/push?x=1", body)
			r.Header.Set(HeaderSignature, o.Header.Get(HeaderSignature))
			return body
		}, s.pub, ErrBadSignature},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			req := signed(t, s, "POST", "/v1/push?x=1", body)
			b := c.change(req)
			if err := verify(req, b, c.pub, hubNow); !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
		})
	}
}

func TestStaleTimeRefused(t *testing.T) {
	s := newSigner(t)
	body := []byte(`{}`)
	req := signed(t, s, "POST", PathPush, body)
	for _, now := range []time.Time{hubNow.Add(ClockWindow + time.Millisecond), hubNow.Add(-ClockWindow - time.Millisecond), hubNow.Add(24 * time.Hour)} {
		err := verify(req, body, s.pub, now)
		if !errors.Is(err, ErrStaleTime) {
			t.Fatalf("hub clock %s: got %v, want stale time", now, err)
		}
		if !strings.Contains(err.Error(), "2016-11-08T10:15:00Z") {
			t.Errorf("message does not say the request's time: %v", err)
		}
	}
}

func TestMalformedHeadersRefused(t *testing.T) {
	s := newSigner(t)
	cases := map[string]struct {
		header, value string
		want          error
	}{
		"no kiosk id":                  {HeaderKioskID, "", ErrMissingAuth},
		"no time":                      {HeaderTime, "", ErrMissingAuth},
		"no nonce":                     {HeaderNonce, "", ErrMissingAuth},
		"no signature":                 {HeaderSignature, "", ErrMissingAuth},
		"kiosk id with space":          {HeaderKioskID, "kiosk 1", ErrBadAuth},
		"kiosk id not made from a key": {HeaderKioskID, "front-desk", ErrBadAuth},
		"kiosk id in capitals":         {HeaderKioskID, "kiosk-FE812C12", ErrBadAuth},
		"kiosk id too long":            {HeaderKioskID, "kiosk-fe812c12a", ErrBadAuth},
		"time with leading zero":       {HeaderTime, "01478600100000", ErrBadAuth},
		"time not a number":            {HeaderTime, "soon", ErrBadAuth},
		"time with plus":               {HeaderTime, "+1478600100000", ErrBadAuth},
		"time negative":                {HeaderTime, "-5", ErrBadAuth},
		"nonce short":                  {HeaderNonce, "abcd", ErrBadAuth},
		"nonce upper case":             {HeaderNonce, strings.Repeat("AB", 16), ErrBadAuth},
		"signature not base64":         {HeaderSignature, "!!!!", ErrBadAuth},
		"signature short":              {HeaderSignature, "AAAA", ErrBadAuth},
		"key not base64":               {HeaderKioskKey, "not base64", ErrBadAuth},
		"key short":                    {HeaderKioskKey, "AAAA", ErrBadAuth},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			req := signed(t, s, "GET", PathBundle, nil)
			if c.value == "" {
				req.Header.Del(c.header)
			} else {
				req.Header.Set(c.header, c.value)
			}
			_, err := ParseAuth(req.Header)
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.header) {
				t.Fatalf("got %v, want %v naming %s", err, c.want, c.header)
			}
		})
	}
}

// A header given twice would leave the hub to pick one value and the
// kiosk's signature to cover another: refused, whichever header.
func TestSignatureHeaderTwiceRefused(t *testing.T) {
	s := newSigner(t)
	for _, h := range []string{HeaderKioskID, HeaderKioskKey, HeaderTime, HeaderNonce, HeaderSignature} {
		req := signed(t, s, "GET", PathBundle, nil)
		req.Header.Add(h, req.Header.Get(h))
		_, err := ParseAuth(req.Header)
		if !errors.Is(err, ErrBadAuth) || !strings.Contains(err.Error(), h) || !strings.Contains(err.Error(), "twice") {
			t.Errorf("%s twice: got %v, want a refusal naming it", h, err)
		}
	}
}

func TestMessageIsTheDocumentedOne(t *testing.T) {
	got := string(Message("POST", "/v1/push", []byte("{}"), "kiosk-1a2b3c4d", 1478600100000, strings.Repeat("0f", 16)))
	want := "kiosk-sync-v1\nPOST\n/v1/push\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\nkiosk-1a2b3c4d\n1478600100000\n" + strings.Repeat("0f", 16)
	if got != want {
		t.Fatalf("message\n%q\nwant\n%q", got, want)
	}
}
