package main

import (
	"crypto/ed25519"
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/demo"
	"kiosk/data/keys"
	"kiosk/data/source"
)

// serialSources writes the demo event's sources, edited, with a revoked
// list, into a new folder; all share one key pair per test.
type serialSources struct {
	t       *testing.T
	dir     string
	keyPath string
	pub     ed25519.PublicKey
}

func newSerialSources(t *testing.T) *serialSources {
	dir := t.TempDir()
	pub, priv, _ := keys.Generate()
	keyPath, _, err := keys.WritePair(filepath.Join(dir, "keys"), "event", pub, priv)
	if err != nil {
		t.Fatal(err)
	}
	return &serialSources{t: t, dir: dir, keyPath: keyPath, pub: pub}
}

func (s *serialSources) write(name string, revoked []source.Revocation, edit func(d *data.EventData)) string {
	s.t.Helper()
	d, err := demo.Generate(demo.Options{})
	if err != nil {
		s.t.Fatal(err)
	}
	if edit != nil {
		edit(d)
	}
	src := filepath.Join(s.dir, name)
	if err := source.WriteDir(src, &source.Sources{Data: *d, Revoked: revoked}); err != nil {
		s.t.Fatal(err)
	}
	return src
}

// token prints a delegate's badge from src and returns it, or the refusal.
func (s *serialSources) token(src, delegate string) (string, error) {
	s.t.Helper()
	code, out, e := ctl(s.t, "token", "--src", src, "--key", s.keyPath, "--delegate", delegate)
	if code != 0 {
		return "", errors.New(e)
	}
	return strings.TrimSpace(out), nil
}

// verify checks a badge as a kiosk with the given revocations does.
func (s *serialSources) verify(tok string, revoked ...uint32) (badge.Result, error) {
	v := badge.Verifier{EventID: "interpol-ga85-2016", Trusted: []ed25519.PublicKey{s.pub},
		Revoked: map[uint32]bool{}, Now: func() time.Time { return duringDemo(s.t) }}
	for _, r := range revoked {
		v.Revoked[r] = true
	}
	return v.Verify(tok)
}

func deleteDelegate(id string) func(*data.EventData) {
	return func(d *data.EventData) {
		d.Delegates = slices.DeleteFunc(d.Delegates, func(p data.Delegate) bool { return p.ID == id })
	}
}

// A badge is lost and revoked; later a row above it is deleted. The next
// delegate's new badge must not take the revoked serial, and the revoked
// delegate's own serial stays revoked until staff give a new one.
func TestBadgeSerialsSurviveDeletedRows(t *testing.T) {
	s := newSerialSources(t)
	before := s.write("before", nil, nil)
	lost, err := s.token(before, "D000009")
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.verify(lost)
	if err != nil {
		t.Fatal(err)
	}
	revoked := res.Serial
	reported := []source.Revocation{{Serial: strconv.FormatUint(uint64(revoked), 10), Reason: "lost"}}

	after := s.write("after", reported, deleteDelegate("D000007"))
	tok, err := s.token(after, "D000010")
	if err != nil {
		t.Fatal(err)
	}
	if res, err := s.verify(tok, revoked); err != nil {
		t.Fatalf("a new badge for D000010 (serial %d) is refused once a row above it is deleted: %v", res.Serial, err)
	}
	if _, err := s.token(after, "D000009"); err == nil || !strings.Contains(err.Error(), "revoked") ||
		!strings.Contains(err.Error(), "badge_serial") {
		t.Fatalf("a badge with the revoked serial %d was printed for D000009: %v", revoked, err)
	}
	code, _, e := ctl(t, "badges", "--src", after, "--key", s.keyPath, "--out", filepath.Join(s.dir, "all.pdf"))
	if code != 1 || !strings.Contains(e, "D000009") || !strings.Contains(e, "revoked") {
		t.Fatalf("badges with a revoked serial among them: %d %q", code, e)
	}

	// A new serial in the sources lets the delegate have a badge again.
	fixed := s.write("fixed", reported, func(d *data.EventData) {
		deleteDelegate("D000007")(d)
		for i := range d.Delegates {
			if d.Delegates[i].ID == "D000009" {
				d.Delegates[i].BadgeSerial = 5000
			}
		}
	})
	tok, err = s.token(fixed, "D000009")
	if err != nil {
		t.Fatal(err)
	}
	if res, err := s.verify(tok, revoked); err != nil || res.Serial != 5000 {
		t.Fatalf("the replacement badge: serial %d, %v", res.Serial, err)
	}
}

// Without a badge_serial column a serial comes from the delegate's id: the
// same before and after rows change, above every serial staff may give.
func TestDerivedBadgeSerialsFollowTheId(t *testing.T) {
	s := newSerialSources(t)
	noSerials := func(d *data.EventData) {
		for i := range d.Delegates {
			d.Delegates[i].BadgeSerial = 0
		}
	}
	before := s.write("before", nil, noSerials)
	after := s.write("after", nil, func(d *data.EventData) {
		noSerials(d)
		deleteDelegate("D000002")(d)
		slices.Reverse(d.Delegates)
	})
	var serials []uint32
	for _, src := range []string{before, after} {
		tok, err := s.token(src, "D000010")
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.verify(tok)
		if err != nil {
			t.Fatal(err)
		}
		serials = append(serials, res.Serial)
	}
	if serials[0] != serials[1] || serials[0] != badge.DerivedSerial("D000010") || serials[0] <= data.MaxGivenBadgeSerial {
		t.Fatalf("serials %v, want both %d", serials, badge.DerivedSerial("D000010"))
	}
}

// Two delegates sharing a serial would be withdrawn together: neither
// badge is printed until staff part them.
func TestSharedBadgeSerialIsRefused(t *testing.T) {
	s := newSerialSources(t)
	src := s.write("shared", nil, func(d *data.EventData) {
		d.Delegates[20].BadgeSerial = d.Delegates[30].BadgeSerial // the demo's own serials are unique
	})
	if _, err := s.token(src, "D000021"); err == nil {
		t.Fatal("the sources' reader should refuse a duplicate badge_serial")
	} else if !strings.Contains(err.Error(), "badge_serial") || !strings.Contains(err.Error(), "duplicate") {
		t.Fatalf("refusal %v should name the column and the duplicate", err)
	}
	code, _, e := ctl(t, "token", "--src", s.write("plain", nil, nil), "--key", s.keyPath, "--delegate", "D000021",
		"--serial", "31")
	if code != 1 || !strings.Contains(e, "D000031") {
		t.Fatalf("--serial with another delegate's serial: %d %q", code, e)
	}
}
