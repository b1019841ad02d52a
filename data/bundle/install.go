package bundle

import (
	"context"

	"kiosk/data"
	"kiosk/data/keys"
	"kiosk/data/store"
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

// Install puts a verified bundle into a store in one transaction.
func Install(ctx context.Context, s *store.Store, b *Bundle, progress store.Progress) error {
	return s.Install(ctx, &b.Sources.Data, b.Info(), progress)
}
