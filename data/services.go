package data

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned when a record does not exist, or exists but may
// not be shown (a delegate who did not consent to be listed).
var ErrNotFound = errors.New("not found")

// BundleInfo describes the data a kiosk has installed.
type BundleInfo struct {
	EventID   string
	Version   int64     // increases with every bundle of an event
	Created   time.Time // when the bundle was built
	Expires   time.Time // zero: never
	SignerKey string    // key id of the event key that signed it, empty for none
	SHA256    string    // of the bundle file, hex
}

// SessionSummary is a session as a list shows it.
type SessionSummary struct {
	Session
	RoomName string
}

// SessionDetail is a session with everything its detail page shows.
type SessionDetail struct {
	Session
	Room     Room
	Speakers []Speaker
}

// DelegateSummary is one line of the directory. It only ever holds what
// the delegate consented to show.
type DelegateSummary struct {
	ID           string
	Name         string // in the delegate's own order
	Honorific    string
	CountryCode  string
	CountryName  string
	Role         Role
	Organisation string // empty unless consented
}

// DirectoryQuery asks the directory for delegates.
type DirectoryQuery struct {
	Text    string // any part of a name, organisation, country name or code
	Country string // alpha-3 filter, empty for all
	// Initial keeps the delegates whose family name (their only name when
	// they have one) starts with it, folded as Fold does ("a" for "Ábel");
	// empty for all. It lets a person browse without typing.
	Initial string
	Limit   int // most results to return; 0 means a sensible default
	// Offset skips that many results, so that paging reaches every match.
	Offset int
}

// DirectoryPage is the answer to a DirectoryQuery.
type DirectoryPage struct {
	Total     int // listed delegates that match, of which Limit follow from Offset
	Delegates []DelegateSummary
}

// CountryCount is a country with its number of listed delegates.
type CountryCount struct {
	Country
	Delegates int
}

// InitialCount is the first letter of family names (as DirectoryQuery's
// Initial) with its number of listed delegates.
type InitialCount struct {
	Initial   string
	Delegates int
}

// DelegateDetail is a delegate's public profile.
type DelegateDetail struct {
	Delegate    // already reduced to what they consented to show
	CountryName string
}

// Programme answers questions about the event and its sessions.
type Programme interface {
	Event(ctx context.Context) (Event, error)
	// Sessions lists the sessions on a day (DateLayout) in time order,
	// or all sessions for "".
	Sessions(ctx context.Context, day string) ([]SessionSummary, error)
	// SearchSessions finds sessions by title, speaker or room.
	SearchSessions(ctx context.Context, query string) ([]SessionSummary, error)
	Session(ctx context.Context, id string) (SessionDetail, error)
	// NowNext gives the sessions running at t and up to n that start next.
	NowNext(ctx context.Context, t time.Time, n int) (now, next []SessionSummary, err error)
}

// Directory answers questions about delegates, showing only what each
// agreed to show.
type Directory interface {
	SearchDelegates(ctx context.Context, q DirectoryQuery) (DirectoryPage, error)
	Delegate(ctx context.Context, id string) (DelegateDetail, error)
	// DelegationCountries lists countries with at least one listed delegate.
	DelegationCountries(ctx context.Context) ([]CountryCount, error)
	// DelegateInitials lists the initials of listed delegates' family
	// names, in directory order, with how many delegates each has.
	DelegateInitials(ctx context.Context) ([]InitialCount, error)
}
