package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
	"sort"

	"kiosk/data"
	"kiosk/data/directory"
)

var _ data.Directory = (*Store)(nil)

// SearchDelegates answers a directory query from the in-memory index.
func (s *Store) SearchDelegates(ctx context.Context, q data.DirectoryQuery) (data.DirectoryPage, error) {
	ix, err := s.Index(ctx)
	if err != nil {
		return data.DirectoryPage{}, err
	}
	page := ix.Search(q)
	if lang := contentLanguage(ctx); lang != "" && len(page.Delegates) > 0 {
		// The index holds the plain names; the page shows the asked-for
		// language's.
		names, err := s.countryTexts(ctx)
		if err != nil {
			return data.DirectoryPage{}, err
		}
		for i, d := range page.Delegates {
			page.Delegates[i].CountryName = names[d.CountryCode].In(lang, d.CountryName)
		}
	}
	return page, nil
}

// Index returns the directory index, loading it on first use and again
// after any install, also one made by another process on the same file.
func (s *Store) Index(ctx context.Context) (*directory.Index, error) {
	count, err := s.InstallCount(ctx)
	if err != nil {
		return nil, err
	}
	s.dirMu.Lock()
	defer s.dirMu.Unlock()
	if s.pending != nil && s.pendingCount == count {
		s.dir, s.dirCount = s.pending, count
	}
	if s.dir != nil && s.dirCount == count {
		return s.dir, nil
	}
	ix, err := s.loadIndex(ctx)
	if err != nil {
		return nil, err
	}
	s.dir, s.dirCount = ix, count
	return ix, nil
}

// loadIndex reads the stored index. Should the blob be missing or
// damaged, it rebuilds the index from the delegates themselves: slower,
// but the directory keeps working.
func (s *Store) loadIndex(ctx context.Context) (*directory.Index, error) {
	var blob []byte
	err := s.db.QueryRowContext(ctx, `SELECT blob FROM directory_index WHERE id = 1`).Scan(&blob)
	if err == nil {
		ix, uerr := directory.Unmarshal(blob)
		if uerr == nil {
			return ix, nil
		}
		log.Printf("%s: %v; rebuilding the directory index", s.path, uerr)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return nil, classify(s.path, err)
	}
	return s.rebuildIndex(ctx)
}

func (s *Store) rebuildIndex(ctx context.Context) (*directory.Index, error) {
	countries := map[string]data.Country{}
	cs, err := s.countries(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		countries[c.Code] = searchable(c)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+delegateColumns+` FROM delegates d WHERE d.listed = 1`)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	b := directory.NewBuilder(0)
	for rows.Next() {
		d, err := scanDelegate(rows)
		if err != nil {
			return nil, classify(s.path, err)
		}
		b.Add(d, countries[d.CountryCode])
	}
	if err := rows.Err(); err != nil {
		return nil, classify(s.path, err)
	}
	return b.Index(), nil
}

const delegateColumns = `d.id, d.honorific, d.given_names, d.family_name, d.family_first, d.title,
	d.organisation, d.country_code, d.role, d.listed, d.show_organisation, d.show_title,
	d.share_contact, d.email, d.phone`

// scanDelegate reads delegateColumns, and any further columns into more.
func scanDelegate(row interface{ Scan(...any) error }, more ...any) (data.Delegate, error) {
	var d data.Delegate
	var role string
	err := row.Scan(append([]any{&d.ID, &d.Honorific, &d.GivenNames, &d.FamilyName, &d.FamilyFirst, &d.Title,
		&d.Organisation, &d.CountryCode, &role, &d.Consent.Listed, &d.Consent.ShowOrganisation, &d.Consent.ShowTitle,
		&d.Consent.ShareContact, &d.Email, &d.Phone}, more...)...)
	d.Role = data.Role(role)
	return d, err
}

// Delegate returns a listed delegate's public profile; data.ErrNotFound
// for an unknown delegate and for one who did not consent to be listed.
func (s *Store) Delegate(ctx context.Context, id string) (data.DelegateDetail, error) {
	d, country, err := s.DelegateForCheckIn(ctx, id)
	if err != nil {
		return data.DelegateDetail{}, err
	}
	pub, ok := d.Public()
	if !ok {
		return data.DelegateDetail{}, fmt.Errorf("delegate %q: %w", id, data.ErrNotFound)
	}
	return data.DelegateDetail{Delegate: pub, CountryName: country}, nil
}

// DelegationCountries lists the countries that have listed delegates, by
// name, with how many.
func (s *Store) DelegationCountries(ctx context.Context) ([]data.CountryCount, error) {
	ix, err := s.Index(ctx)
	if err != nil {
		return nil, err
	}
	counts := ix.CountryCounts()
	cs, err := s.countries(ctx)
	if err != nil {
		return nil, err
	}
	lang := contentLanguage(ctx)
	var out []data.CountryCount
	for _, c := range cs {
		if n := counts[c.Code]; n > 0 {
			c.Name = c.Names.In(lang, c.Name)
			out = append(out, data.CountryCount{Country: c, Delegates: n})
		}
	}
	sort.Slice(out, func(i, j int) bool { return data.Fold(out[i].Name) < data.Fold(out[j].Name) })
	return out, nil
}

// countries reads every country of the event.
// Countries lists the installed countries.
func (s *Store) Countries(ctx context.Context) ([]data.Country, error) { return s.countries(ctx) }

func (s *Store) countries(ctx context.Context) ([]data.Country, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT code, code2, name, alt_names, region FROM countries`)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []data.Country
	for rows.Next() {
		var c data.Country
		var alt string
		if err := rows.Scan(&c.Code, &c.Code2, &c.Name, &alt, &c.Region); err != nil {
			return nil, classify(s.path, err)
		}
		c.AltNames = splitList(alt)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, classify(s.path, err)
	}
	names, err := s.countryTexts(ctx)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Names = names[out[i].Code]
	}
	return out, nil
}

// DelegateInitials lists the initials of listed delegates' family names,
// in directory order, with how many delegates each has.
func (s *Store) DelegateInitials(ctx context.Context) ([]data.InitialCount, error) {
	ix, err := s.Index(ctx)
	if err != nil {
		return nil, err
	}
	return ix.InitialCounts(), nil
}
