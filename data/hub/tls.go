package hub

import (
	"context"
	"fmt"
	"time"

	"kiosk/data/bundle"
	"kiosk/data/hubtls"
)

// SettingTLSKeyPair is the setting that holds the hub's TLS key pair
// (hubtls.KeyPair.PEM).
const SettingTLSKeyPair = "tls_key_pair"

// TLSKeyPair is the hub's TLS key pair, made and stored the first time it
// is asked for. Whichever hub process on a store makes it first makes it
// for all (Store.SettingOnce): every process serves the same key, so
// kiosks pinned to one accept them all. A certificate near its end is
// renewed with the same key, which keeps the fingerprint. hosts are the
// names a new certificate carries besides the machine's own.
func TLSKeyPair(ctx context.Context, s Store, now time.Time, hosts ...string) (*hubtls.KeyPair, error) {
	raw, ok, err := s.Setting(ctx, SettingTLSKeyPair)
	if err != nil {
		return nil, err
	}
	if !ok {
		fresh, err := hubtls.NewKeyPair(now, append(hubtls.MachineHosts(), hosts...))
		if err != nil {
			return nil, err
		}
		if raw, err = s.SettingOnce(ctx, SettingTLSKeyPair, fresh.PEM); err != nil {
			return nil, err
		}
	}
	// A stored pair that does not read is an error, never replaced: a new
	// key would make every pinned kiosk refuse the hub.
	kp, err := hubtls.ParseKeyPair(raw)
	if err != nil {
		return nil, err
	}
	if !kp.NeedsRenewal(now) {
		return kp, nil
	}
	renewed, err := kp.Renew(now)
	if err != nil {
		return nil, err
	}
	// Processes renewing at once write certificates of one key: any wins.
	return renewed, s.SetSetting(ctx, SettingTLSKeyPair, renewed.PEM)
}

// OtherPin says, in words for staff, when a bundle pins another key than
// this hub's (its sources' hub_fingerprint): kiosks that install it
// would refuse this hub. "" when it pins none or this hub's. Such a
// bundle is not refused, since it may name another hub on purpose; the
// staff tool and the dashboard both show the words after installing.
func (h *Hub) OtherPin(ctx context.Context, b *bundle.Bundle) (string, error) {
	pin := b.Sources.Data.Event.HubFingerprint
	if pin == "" {
		return "", nil
	}
	kp, err := TLSKeyPair(ctx, h.store, time.Now())
	if err != nil {
		return "", err
	}
	if kp.Fingerprint == pin {
		return "", nil
	}
	return fmt.Sprintf("the bundle pins the hub key %s, and this hub's is %s: "+
		"kiosks that install it will refuse this hub (see \"hub fingerprint\")", pin, kp.Fingerprint), nil
}
