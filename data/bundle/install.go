package bundle

import (
	"strconv"

	"kiosk/data"
	"kiosk/data/keys"
	"kiosk/data/source"
)

// Info is what the store records about an installed bundle.
func (b *Bundle) Info() data.BundleInfo {
	return data.BundleInfo{
		EventID:   b.Manifest.EventID,
		Version:   b.Manifest.Version,
		Created:   b.Manifest.Created,
		Expires:   b.Manifest.Expires,
		SignerKey: keys.ID(b.Signer),
		SHA256:    b.SHA256,
	}
}

// EventData is everything the store installs from a bundle's sources.
func EventData(src *source.Sources) (*data.EventData, error) {
	d := src.Data
	d.Revoked = make([]data.Revocation, 0, len(src.Revoked))
	for _, r := range src.Revoked {
		n, err := strconv.ParseUint(r.Serial, 10, 32)
		if err != nil {
			return nil, refuse(BadData, "revoked badge serial %q is not a number", r.Serial)
		}
		d.Revoked = append(d.Revoked, data.Revocation{Serial: uint32(n), Reason: r.Reason})
	}
	d.KioskKeys = make([]data.KioskKey, 0, len(src.KioskKeys))
	for _, k := range src.KioskKeys {
		d.KioskKeys = append(d.KioskKeys, data.KioskKey{KioskID: k.KioskID, PublicKey: k.PublicKey})
	}
	return &d, nil
}
