package staff

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"time"

	"kiosk/data"
	"kiosk/data/bundle"
	"kiosk/data/checkin"
	"kiosk/data/checkincode"
	"kiosk/data/export"
	"kiosk/data/importer"
	"kiosk/data/keys"
	"kiosk/data/safefile"
	"kiosk/data/store"
)

// Service is what staff mode does.
type Service struct {
	Store *store.Store
	Desk  *checkin.Desk
	PIN   *PIN
	Now   func() time.Time
}

// New makes the staff service of a kiosk.
func New(s *store.Store, desk *checkin.Desk, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{Store: s, Desk: desk, PIN: &PIN{Store: s, Now: now}, Now: now}
}

// Status is what staff mode shows about the kiosk.
type Status struct {
	Event     data.Event
	Bundle    data.BundleInfo
	Delegates int // listed in the directory
	Sessions  int

	KioskID     string
	PublicKey   ed25519.PublicKey
	Fingerprint string
	// Enrolment is the text of the kiosk's enrolment QR code: the kiosk id
	// and its public key, as a kiosk_keys.csv row takes them.
	Enrolment string

	Config   checkin.Config
	CheckIns int // all held, taken here or received
	Queued   int // taken here, not yet acknowledged by a hub
	LastSync string
	// LastExport is when check-ins were last exported, zero if never.
	LastExport  time.Time
	TrustedKeys []string // key ids
	// FirstEventKey is true while the kiosk trusts no event key but the
	// demo's: staff may then accept a new key on screen, after comparing
	// its fingerprint. Afterwards a new key comes only by handover in a
	// bundle signed with a trusted key, or by "kioskctl bundle import
	// --trust" when provisioning.
	FirstEventKey bool
}

// Status gathers the kiosk's state.
func (s *Service) Status(ctx context.Context) (Status, error) {
	var st Status
	var err error
	if st.Event, err = s.Store.Event(ctx); err != nil {
		return st, err
	}
	if st.Bundle, err = s.Store.Bundle(ctx); err != nil {
		return st, err
	}
	page, err := s.Store.SearchDelegates(ctx, data.DirectoryQuery{Limit: 1})
	if err != nil {
		return st, err
	}
	st.Delegates = page.Total
	if st.Sessions, err = s.Store.SessionCount(ctx); err != nil {
		return st, err
	}
	id, err := s.Store.Identity(ctx)
	if err != nil {
		return st, err
	}
	st.KioskID, st.PublicKey = id.KioskID, id.Public()
	st.Fingerprint = keys.Fingerprint(st.PublicKey)
	st.Enrolment = id.KioskID + "," + keys.EncodeBase64(st.PublicKey)
	if st.Config, err = s.Desk.Config(ctx); err != nil {
		return st, err
	}
	if st.CheckIns, st.Queued, err = s.Store.CheckInCount(ctx); err != nil {
		return st, err
	}
	st.LastSync = "never (no hub set up)"
	if st.LastExport, err = s.Store.LastExport(ctx); err != nil {
		return st, err
	}
	trusted, err := s.Store.TrustedKeys(ctx)
	if err != nil {
		return st, err
	}
	for _, k := range trusted {
		st.TrustedKeys = append(st.TrustedKeys, keys.ID(k))
	}
	notes, err := s.Store.TrustedKeyNotes(ctx)
	if err != nil {
		return st, err
	}
	st.FirstEventKey = true
	for _, note := range notes {
		if note != importer.NoteDemo {
			st.FirstEventKey = false
		}
	}
	return st, nil
}

// Rooms lists the rooms of the installed programme, for choosing where the
// kiosk stands.
func (s *Service) Rooms(ctx context.Context) ([]data.Room, error) { return s.Store.Rooms(ctx) }

// SetConfig changes what the kiosk checks people in to.
func (s *Service) SetConfig(ctx context.Context, c checkin.Config) error {
	return s.Desk.SetConfig(ctx, c)
}

// Inspect reads a bundle file's manifest, for staff to see what a stick
// offers before they install it. Nothing is trusted from it.
func (s *Service) Inspect(path string) (*bundle.Manifest, error) {
	f, size, err := safefile.OpenFile(path, bundle.DefaultLimits.BundleSize)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return bundle.InspectAt(f, size)
}

// ImportFile installs a bundle file from a stick through the kiosk's one
// import path. The file is read whole first, so that pulling the stick
// out later cannot leave anything half read.
func (s *Service) ImportFile(ctx context.Context, path string, opts importer.Options) (*importer.Result, error) {
	raw, err := safefile.ReadFile(path, bundle.DefaultLimits.BundleSize)
	if err != nil {
		return nil, err
	}
	if opts.Now == nil {
		opts.Now = s.Now
	}
	return importer.Import(ctx, s.Store, raw, opts)
}

// Exported says what an export wrote.
type Exported struct {
	Path  string
	Count int
}

// ErrNothingToExport is returned when there is nothing new since the last
// export.
var ErrNothingToExport = errors.New("no check-ins since the last export")

// Export writes the kiosk's check-ins (its own and those it received) onto
// a stick as one signed file: all of them, or only those received since
// the last export. Exporting twice, or importing a file twice anywhere,
// never duplicates a check-in: each keeps its id.
func (s *Service) Export(ctx context.Context, dir string, sinceLast bool) (Exported, error) {
	e, err := s.Store.Event(ctx)
	if err != nil {
		return Exported{}, err
	}
	id, err := s.Store.Identity(ctx)
	if err != nil {
		return Exported{}, err
	}
	list, err := s.Store.CheckIns(ctx, store.CheckInFilter{EventID: e.ID})
	if err != nil {
		return Exported{}, err
	}
	var since int64
	if sinceLast {
		last, err := s.Store.LastExport(ctx)
		if err != nil {
			return Exported{}, err
		}
		since = last.UnixMilli()
	}
	var out []data.CheckIn
	var newest int64
	for _, c := range list {
		ms := c.ReceivedAt.UnixMilli()
		newest = max(newest, ms)
		if ms > since {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return Exported{}, ErrNothingToExport
	}
	path, err := WriteExport(dir, e.ID, id, out, s.Now())
	if err != nil {
		return Exported{}, err
	}
	if err := s.Store.MarkExported(ctx, time.UnixMilli(newest)); err != nil {
		return Exported{}, err
	}
	return Exported{Path: path, Count: len(out)}, nil
}

// WriteExport writes list, check-ins of eventID held by the kiosk id, as
// one export file in dir under its conventional name, and returns its
// path. The kiosk's own check-ins are stored unsigned; each gets its
// signature in the file, so that a hub can check every one. Staff mode's
// export and kioskctl write files the same way.
func WriteExport(dir, eventID string, id store.Identity, list []data.CheckIn, created time.Time) (string, error) {
	out := make([]data.CheckIn, len(list))
	for i, c := range list {
		if c.KioskID == id.KioskID && len(c.Signature) == 0 {
			if sig, err := checkincode.Sign(eventID, id.Key, c); err == nil {
				c.Signature = sig
			}
		}
		out[i] = c
	}
	path := export.NewPath(dir, id.KioskID, created)
	if err := export.Write(path, eventID, id.Key, id.KioskID, out, created); err != nil {
		if errors.Is(err, data.ErrInvalidCheckIn) {
			return "", fmt.Errorf("nothing was exported: a check-in breaks the rules of a record: %w", err)
		}
		return "", fmt.Errorf("writing the export failed (was the stick pulled out?): %w", err)
	}
	return path, nil
}

// PINSet reports whether the kiosk has a staff PIN yet.
func (s *Service) PINSet(ctx context.Context) (bool, error) { return s.PIN.IsSet(ctx) }

// CheckPIN tries a staff PIN.
func (s *Service) CheckPIN(ctx context.Context, pin string) (Attempt, error) {
	return s.PIN.Check(ctx, pin)
}

// SetPIN sets the staff PIN.
func (s *Service) SetPIN(ctx context.Context, pin string) error { return s.PIN.Set(ctx, pin) }

// TakenIn says what importing an export file did, record by record.
type TakenIn struct {
	From    string   // the kiosk that wrote the file
	Count   int      // check-ins in the file
	Added   int      // new to this kiosk
	Known   int      // already here
	Refused []string // one line per check-in not taken in: which one and why
}

// ImportCheckIns takes in another kiosk's export file from a stick: only
// from an enrolled kiosk (or this one), only for this event. Each check-in
// is taken on its own (see store.AddCheckIns): those already here are
// skipped, so taking the same file twice changes nothing, and one that
// breaks a rule is refused, with its reason, without stopping the others.
func (s *Service) ImportCheckIns(ctx context.Context, path string) (TakenIn, error) {
	e, err := s.Store.Event(ctx)
	if err != nil {
		return TakenIn{}, err
	}
	kiosks, err := s.Store.KioskKeys(ctx)
	if err != nil {
		return TakenIn{}, err
	}
	raw, err := safefile.ReadFile(path, export.MaxSize)
	if err != nil {
		return TakenIn{}, err
	}
	ex, err := export.ReadBytes(path, raw, export.ReadOptions{EventID: e.ID, Kiosks: kiosks})
	if err != nil {
		return TakenIn{}, err
	}
	key, err := s.Desk.PurposeKey(ctx)
	if err != nil {
		return TakenIn{}, err
	}
	in, err := s.Store.AddCheckIns(ctx, ex.CheckIns, key, data.OriginExport)
	if err != nil {
		return TakenIn{}, err
	}
	t := TakenIn{From: ex.KioskID, Count: len(ex.CheckIns) + len(ex.Refused), Added: in.Taken, Known: in.Known}
	for _, r := range ex.Refused {
		t.Refused = append(t.Refused, r.Error())
	}
	for _, r := range in.Refused {
		t.Refused = append(t.Refused, r.Error())
	}
	return t, nil
}
