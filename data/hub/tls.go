package hub

import (
	"context"
	"time"

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
