package sync

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"kiosk/data/bundle"
	"kiosk/data/importer"
	"kiosk/data/store"
	"kiosk/data/syncproto"
)

// BundleEvery is how many syncs pass between two looks at the hub's
// bundle version: a new bundle is rare, and a look is one more request.
const BundleEvery = 30

// UpdateBundle installs the hub's bundle when it is of the installed
// event and newer than the installed one, through the kiosk's one import
// path (importer.Import, as a bundle from a USB stick): the same checks,
// the same refusals, no key trusted that the kiosk does not trust
// already. A version it refused is not fetched again. It reports the
// version installed, 0 for none.
func (c *Client) UpdateBundle(ctx context.Context) (int64, error) {
	c.syncMu.Lock()
	defer c.syncMu.Unlock()
	v, err := c.updateBundle(ctx)
	if err != nil {
		c.noteResult(ctx, err)
	}
	return v, err
}

func (c *Client) updateBundle(ctx context.Context) (int64, error) {
	have, err := c.cfg.Store.Bundle(ctx)
	if err != nil && !errors.Is(err, store.ErrNoEvent) {
		return 0, err
	}
	var health syncproto.HealthResponse
	if err := c.get(ctx, syncproto.PathHealth, 1<<16, &health); err != nil {
		return 0, err
	}
	if health.EventID != have.EventID || health.BundleVersion <= have.Version || health.BundleVersion == c.refusedBundle.Load() {
		return 0, nil
	}
	raw, err := c.fetchBundle(ctx)
	if err != nil {
		return 0, err
	}
	res, err := importer.Import(ctx, c.cfg.Store, raw, importer.Options{Now: c.cfg.Now})
	if err != nil {
		c.refusedBundle.Store(health.BundleVersion)
		return 0, fmt.Errorf("the hub's bundle (version %d) was not installed: %w", health.BundleVersion, err)
	}
	return res.Manifest.Version, nil
}

// get reads a JSON answer of a signed GET.
func (c *Client) get(ctx context.Context, path string, limit int64, out any) error {
	status, b, err := c.roundTrip(ctx, http.MethodGet, path, nil, limit)
	if err != nil {
		return err
	}
	return c.decodeAnswer(path, status, b, out)
}

// fetchBundle reads the hub's bundle bytes, at most the size a kiosk
// takes from a stick.
func (c *Client) fetchBundle(ctx context.Context) ([]byte, error) {
	status, b, err := c.roundTrip(ctx, http.MethodGet, syncproto.PathBundle, nil, bundle.DefaultLimits.BundleSize+1)
	if err != nil {
		return nil, err
	}
	if status != http.StatusOK {
		return nil, c.decodeAnswer(syncproto.PathBundle, status, b, nil)
	}
	if int64(len(b)) > bundle.DefaultLimits.BundleSize {
		return nil, fmt.Errorf("the hub's bundle is over %d bytes", bundle.DefaultLimits.BundleSize)
	}
	return b, nil
}
