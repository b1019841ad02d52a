// Package checkin is the kiosk's check-in desk: it takes what a scanner
// typed, decides offline whether it is a genuine badge (or another kiosk's
// check-in code), records the check-in durably and says, in words a
// delegate understands, what happened. It knows nothing of widgets.
package checkin

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"sync"
	"time"

	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/checkincode"
	"kiosk/data/store"
)

// SessionLead is how early a session kiosk starts checking people in to
// the next session in its room.
const SessionLead = 30 * time.Minute

// Config is what staff set on a kiosk: what its check-ins are for and
// where it stands.
type Config struct {
	Purpose data.Purpose
	RoomID  string
	// RoomName is the room's name, filled in by Desk.Config.
	RoomName string
}

// Desk takes check-ins. It is safe for concurrent use; scans are handled
// one at a time.
type Desk struct {
	store *store.Store
	now   func() time.Time

	mu    sync.Mutex
	gen   int64 // the store's install count the cache was loaded at; -1 for none
	cache deskCache

	// boardMu guards what the presence board keeps between readings.
	boardMu   sync.Mutex
	present   presentCache
	programme programmeCache
}

// deskCache is what a scan needs from the installed bundle, loaded once
// per bundle rather than once per scan.
type deskCache struct {
	event    data.Event
	loc      *time.Location
	bundle   data.BundleInfo
	verifier badge.Verifier
	codes    checkincode.Verifier
	id       store.Identity
	members  int // countries of the event: the denominator of presence
	config   Config
	roomName string
}

// New makes a desk on a store; now is the kiosk's clock.
func New(s *store.Store, now func() time.Time) *Desk {
	if now == nil {
		now = time.Now
	}
	return &Desk{store: s, now: now, gen: -1}
}

// Config returns the kiosk's check-in configuration; arrival by default.
func (d *Desk) Config(ctx context.Context) (Config, error) {
	set, err := d.store.DeskSetting(ctx)
	if err != nil {
		return Config{}, err
	}
	room := set.RoomID
	c := Config{Purpose: set.Purpose, RoomID: room}
	if !c.Purpose.ValidForKiosk() {
		c.Purpose = data.PurposeArrival
	}
	if room != "" {
		if r, err := d.store.Room(ctx, room); err == nil {
			c.RoomName = r.Name
		} else {
			c.RoomName = room
		}
	}
	return c, nil
}

// SetConfig changes what the kiosk checks people in to. A session or
// plenary kiosk needs a room that the installed programme knows.
func (d *Desk) SetConfig(ctx context.Context, c Config) error {
	if !c.Purpose.ValidForKiosk() {
		return fmt.Errorf("unknown check-in purpose %q (want arrival, session, plenary or board)", c.Purpose)
	}
	if c.Purpose != data.PurposeArrival && c.RoomID == "" {
		return fmt.Errorf("a %s kiosk needs a room", c.Purpose)
	}
	if c.RoomID != "" {
		if _, err := d.store.Room(ctx, c.RoomID); err != nil {
			return fmt.Errorf("room %q is not in the installed programme", c.RoomID)
		}
	}
	if err := d.store.SetDeskSetting(ctx, store.DeskSetting{Purpose: c.Purpose, RoomID: c.RoomID}); err != nil {
		return err
	}
	d.mu.Lock()
	d.gen = -1
	d.mu.Unlock()
	return nil
}

// load refreshes the cache when a bundle was installed since, by this
// process or another one writing the same data folder (kioskctl bundle
// import): the install count lives in the database, so a badge revoked
// by a bundle installed under a running kiosk is refused at the next scan.
func (d *Desk) load(ctx context.Context) error {
	gen, err := d.store.InstallCount(ctx)
	if err != nil {
		return err
	}
	if d.gen == gen {
		return nil
	}
	var c deskCache
	if c.event, err = d.store.Event(ctx); err != nil {
		return err
	}
	if c.loc, err = c.event.Location(); err != nil {
		return err
	}
	if c.bundle, err = d.store.Bundle(ctx); err != nil {
		return err
	}
	// Badges verify under the installed event's keys only, those that
	// handed the event over included (printed badges stay valid).
	trusted, err := d.store.BadgeKeys(ctx, c.event.ID)
	if err != nil {
		return err
	}
	revoked, err := d.store.Revoked(ctx)
	if err != nil {
		return err
	}
	kiosks, err := d.store.KioskKeys(ctx)
	if err != nil {
		return err
	}
	if c.id, err = d.store.Identity(ctx); err != nil {
		return err
	}
	countries, err := d.store.CountryCount(ctx)
	if err != nil {
		return err
	}
	if c.config, err = d.Config(ctx); err != nil {
		return err
	}
	c.roomName = c.config.RoomName
	c.members = countries
	c.verifier = badge.Verifier{EventID: c.event.ID, Trusted: trusted, Revoked: revoked, Now: d.now}
	c.codes = checkincode.Verifier{EventID: c.event.ID, Kiosks: kiosks}
	d.cache, d.gen = c, gen
	return nil
}

// Identity is the kiosk's id and public key, for staff and for tests.
func (d *Desk) Identity(ctx context.Context) (string, ed25519.PublicKey, error) {
	id, err := d.store.Identity(ctx)
	if err != nil {
		return "", nil, err
	}
	return id.KioskID, id.Public(), nil
}

// errNoEvent is reported when the kiosk has nothing installed.
var errNoEvent = errors.New("no event installed")
