package hub

import (
	"context"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"kiosk/data/hubtls"
)

func openStores(t *testing.T, dir string, n int) []*SQLiteStore {
	t.Helper()
	out := make([]*SQLiteStore, n)
	for i := range out {
		s, err := OpenSQLite(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		out[i] = s
	}
	return out
}

// TestTLSKeyPairOnePerStore: hub processes asking for the key pair at
// once on one store (two opens of one folder) all get the one made
// first, and so does a later one.
func TestTLSKeyPairOnePerStore(t *testing.T) {
	dir := t.TempDir()
	stores := openStores(t, dir, 4)
	pins := make([]string, len(stores))
	var wg gosync.WaitGroup
	for i, s := range stores {
		wg.Go(func() {
			kp, err := TLSKeyPair(context.Background(), s, time.Now(), "10.0.0.2")
			if err != nil {
				t.Error(err)
				return
			}
			pins[i] = kp.Fingerprint
		})
	}
	wg.Wait()
	later, err := TLSKeyPair(context.Background(), openStores(t, dir, 1)[0], time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range pins {
		if p != later.Fingerprint {
			t.Fatalf("store %d serves %s, a later start %s", i, p, later.Fingerprint)
		}
	}
	if !strings.Contains(strings.Join(later.Certificate.Leaf.DNSNames, " "), "localhost") ||
		len(later.Certificate.Leaf.IPAddresses) < 2 {
		t.Fatalf("names %v %v", later.Certificate.Leaf.DNSNames, later.Certificate.Leaf.IPAddresses)
	}
}

// TestTLSKeyPairRenewedWithItsKey: a certificate near its end is renewed
// at start with the same key, so kiosks pinned to the key still take it;
// a stored pair that does not read stops the hub rather than making a
// new key every kiosk would refuse.
func TestTLSKeyPairRenewedWithItsKey(t *testing.T) {
	ctx := context.Background()
	s := openStores(t, t.TempDir(), 1)[0]
	first, err := TLSKeyPair(ctx, s, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	late := first.Certificate.Leaf.NotAfter.Add(-24 * time.Hour)
	renewed, err := TLSKeyPair(ctx, s, late)
	if err != nil {
		t.Fatal(err)
	}
	if renewed.Fingerprint != first.Fingerprint || !renewed.Certificate.Leaf.NotAfter.After(first.Certificate.Leaf.NotAfter) {
		t.Fatalf("renewed %s until %v; was %s until %v", renewed.Fingerprint, renewed.Certificate.Leaf.NotAfter,
			first.Fingerprint, first.Certificate.Leaf.NotAfter)
	}
	again, err := TLSKeyPair(ctx, s, late)
	if err != nil || !again.Certificate.Leaf.NotAfter.Equal(renewed.Certificate.Leaf.NotAfter) {
		t.Fatalf("the renewal was not kept: %v, %v", err, again)
	}
	if err := s.SetSetting(ctx, SettingTLSKeyPair, []byte("not a key")); err != nil {
		t.Fatal(err)
	}
	if _, err := TLSKeyPair(ctx, s, time.Now()); err == nil || !strings.Contains(err.Error(), "TLS key pair") {
		t.Fatalf("a damaged key pair: %v", err)
	}
	if v, _, _ := s.Setting(ctx, SettingTLSKeyPair); string(v) != "not a key" {
		t.Fatal("a damaged key pair was replaced")
	}
	if _, err := hubtls.ParseFingerprint(first.Fingerprint); err != nil {
		t.Fatal(err)
	}
}
