package dashboard

import (
	"crypto/ed25519"
	"fmt"
	"slices"
	"time"

	"kiosk/data"
	"kiosk/data/bundle"
	"kiosk/data/hub"
	"kiosk/data/syncproto"
)

// event is what the dashboard reads from the hub's installed bundle: the
// delegates, countries, sessions and kiosks it names check-ins by.
type event struct {
	sha       string
	version   int64
	data      *data.EventData
	loc       *time.Location
	delegates map[string]*data.Delegate
	countries map[string]data.Country
	sessions  map[string]data.Session
	rooms     map[string]string
	// labels are the bundle's names of its enrolled kiosks, by the id
	// they sign with; enrolled lists those ids in the bundle's order.
	labels   map[string]string
	enrolled []string
}

// readEvent reads an installed bundle through the same reader kiosks use.
// It was verified when installed; it is read again with its own signer
// and its install time, so that an expiry since then does not blind the
// dashboard.
func readEvent(b *hub.InstalledBundle) (*event, error) {
	bd, err := bundle.Read(b.Bytes, bundle.Policy{Trusted: []ed25519.PublicKey{b.Signer}, Now: b.Installed})
	if err != nil {
		return nil, fmt.Errorf("the installed bundle: %w", err)
	}
	d, err := bundle.EventData(bd.Sources)
	if err != nil {
		return nil, fmt.Errorf("the installed bundle: %w", err)
	}
	loc, err := d.Event.Location()
	if err != nil {
		return nil, err
	}
	e := &event{sha: b.SHA256, version: b.Version, data: d, loc: loc,
		delegates: make(map[string]*data.Delegate, len(d.Delegates)), countries: map[string]data.Country{},
		sessions: map[string]data.Session{}, rooms: map[string]string{}, labels: map[string]string{}}
	for i := range d.Delegates {
		e.delegates[d.Delegates[i].ID] = &d.Delegates[i]
	}
	for _, c := range d.Countries {
		e.countries[c.Code] = c
	}
	slices.SortFunc(d.Sessions, func(a, b data.Session) int { return a.Start.Compare(b.Start) })
	for _, s := range d.Sessions {
		e.sessions[s.ID] = s
	}
	for _, r := range d.Rooms {
		e.rooms[r.ID] = r.Name
	}
	for _, k := range d.KioskKeys {
		id := syncproto.KioskIDFor(k.PublicKey)
		e.labels[id] = k.KioskID
		e.enrolled = append(e.enrolled, id)
	}
	return e, nil
}

// kioskName is a kiosk as staff know it: the bundle's name, else its id.
func (e *event) kioskName(id string) string {
	if l := e.labels[id]; l != "" && l != id {
		return l
	}
	return id
}
