package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	return ix.Search(q), nil
}

// Index returns the directory index, loading it on first use.
func (s *Store) Index(ctx context.Context) (*directory.Index, error) {
	s.dirMu.Lock()
	defer s.dirMu.Unlock()
	if s.dir != nil {
		return s.dir, nil
	}
	ix, err := s.loadIndex(ctx)
	if err != nil {
		return nil, err
	}
	s.dir = ix
	return ix, nil
}

// loadIndex reads the listed delegates with their precomputed search texts.
func (s *Store) loadIndex(ctx context.Context) (*directory.Index, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM delegates WHERE listed = 1`).Scan(&n); err != nil {
		return nil, classify(s.path, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT d.id, d.honorific, d.given_names, d.family_name, d.family_first,
		CASE WHEN d.show_organisation THEN d.organisation ELSE '' END, d.country_code, c.name, d.role,
		d.sort_key, d.name_text, d.other_text
		FROM delegates d JOIN countries c ON c.code = d.country_code
		WHERE d.listed = 1 ORDER BY d.sort_key, d.id`)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	entries := make([]directory.Entry, 0, n)
	for rows.Next() {
		var e directory.Entry
		var p data.Delegate
		var role string
		if err := rows.Scan(&p.ID, &p.Honorific, &p.GivenNames, &p.FamilyName, &p.FamilyFirst,
			&e.Summary.Organisation, &e.Summary.CountryCode, &e.Summary.CountryName, &role,
			&e.SortKey, &e.NameText, &e.OtherText); err != nil {
			return nil, classify(s.path, err)
		}
		e.Summary.ID, e.Summary.Name, e.Summary.Honorific, e.Summary.Role = p.ID, p.Name(), p.Honorific, data.Role(role)
		entries = append(entries, e)
	}
	if err := rows.Err(); err != nil {
		return nil, classify(s.path, err)
	}
	return directory.New(entries), nil
}

// Delegate returns a listed delegate's public profile; data.ErrNotFound
// for an unknown delegate and for one who did not consent to be listed.
func (s *Store) Delegate(ctx context.Context, id string) (data.DelegateDetail, error) {
	d, country, err := s.delegate(ctx, id)
	if err != nil {
		return data.DelegateDetail{}, err
	}
	pub, ok := d.Public()
	if !ok {
		return data.DelegateDetail{}, fmt.Errorf("delegate %q: %w", id, data.ErrNotFound)
	}
	return data.DelegateDetail{Delegate: pub, CountryName: country}, nil
}

// delegate reads a delegate whole, consent or not: for check-in, which
// must recognise every badge, not for public screens.
func (s *Store) delegate(ctx context.Context, id string) (data.Delegate, string, error) {
	var d data.Delegate
	var role, country string
	err := s.db.QueryRowContext(ctx, `SELECT d.id, d.honorific, d.given_names, d.family_name, d.family_first,
		d.title, d.organisation, d.country_code, d.role, d.listed, d.show_organisation, d.show_title, c.name
		FROM delegates d JOIN countries c ON c.code = d.country_code WHERE d.id = ?`, id).Scan(
		&d.ID, &d.Honorific, &d.GivenNames, &d.FamilyName, &d.FamilyFirst, &d.Title, &d.Organisation,
		&d.CountryCode, &role, &d.Consent.Listed, &d.Consent.ShowOrganisation, &d.Consent.ShowTitle, &country)
	if errors.Is(err, sql.ErrNoRows) {
		return d, "", fmt.Errorf("delegate %q: %w", id, data.ErrNotFound)
	}
	d.Role = data.Role(role)
	return d, country, classify(s.path, err)
}

// DelegationCountries lists the countries that have listed delegates, by
// name, with how many.
func (s *Store) DelegationCountries(ctx context.Context) ([]data.CountryCount, error) {
	ix, err := s.Index(ctx)
	if err != nil {
		return nil, err
	}
	counts := ix.CountryCounts()
	rows, err := s.db.QueryContext(ctx, `SELECT code, code2, name, alt_names, region FROM countries`)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []data.CountryCount
	for rows.Next() {
		var c data.CountryCount
		var alt string
		if err := rows.Scan(&c.Code, &c.Code2, &c.Name, &alt, &c.Region); err != nil {
			return nil, classify(s.path, err)
		}
		c.AltNames = splitList(alt)
		c.Delegates = counts[c.Code]
		if c.Delegates > 0 {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return data.Fold(out[i].Name) < data.Fold(out[j].Name) })
	return out, classify(s.path, rows.Err())
}
