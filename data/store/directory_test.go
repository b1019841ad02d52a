package store

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"kiosk/data"
	"kiosk/data/datatest"
)

func TestDirectorySearch(t *testing.T) {
	s := installed(t)
	tests := []struct {
		name    string
		q       data.DirectoryQuery
		want    []string
		wantTot int
	}{
		{"accent-free given name", data.DirectoryQuery{Text: "jurgen"}, []string{datatest.StockID}, 1},
		{"upper-case family name", data.DirectoryQuery{Text: "STOCK"}, []string{datatest.StockID}, 1},
		{"with accent", data.DirectoryQuery{Text: "Jürgen St"}, []string{datatest.StockID}, 1},
		{"middle of a multi-part name", data.DirectoryQuery{Text: "mangku"}, []string{datatest.PastikaID}, 1},
		{"last part of a multi-part name", data.DirectoryQuery{Text: "pastika"}, []string{datatest.PastikaID}, 1},
		{"country without accent", data.DirectoryQuery{Text: "cote"}, []string{datatest.KouassiID}, 1},
		{"country split at apostrophe", data.DirectoryQuery{Text: "ivoire"}, []string{datatest.KouassiID}, 1},
		{"country joined at apostrophe", data.DirectoryQuery{Text: "d'ivoire"}, []string{datatest.KouassiID}, 1},
		{"country alt name", data.DirectoryQuery{Text: "ivory"}, []string{datatest.KouassiID}, 1},
		{"country code", data.DirectoryQuery{Text: "CIV"}, []string{datatest.KouassiID}, 1},
		{"vietnamese diacritics", data.DirectoryQuery{Text: "nguyen huong"}, []string{datatest.NguyenID}, 1},
		{"icelandic eth", data.DirectoryQuery{Text: "gudrun"}, []string{"D6"}, 1},
		{"organisation shown", data.DirectoryQuery{Text: "icelandic"}, []string{"D6"}, 1},
		{"organisation hidden is not searchable", data.DirectoryQuery{Text: "nationale"}, nil, 0},
		{"non-consenting never found", data.DirectoryQuery{Text: "verborgen"}, nil, 0},
		{"non-consenting not counted", data.DirectoryQuery{Text: "germany"}, []string{datatest.StockID}, 1},
		{"country filter", data.DirectoryQuery{Country: "IDN"}, []string{datatest.PastikaID}, 1},
		{"country filter and text", data.DirectoryQuery{Text: "jur", Country: "IDN"}, nil, 0},
		{"all listed, in family-name order", data.DirectoryQuery{},
			// A name without a family name files under its first word, as
			// Indonesian directories do: "I Made Mangku Pastika" under I.
			[]string{datatest.PastikaID, "D6", datatest.KouassiID, datatest.NguyenID, datatest.StockID}, 5},
		{"limit keeps the total", data.DirectoryQuery{Limit: 2}, []string{datatest.PastikaID, "D6"}, 5},
		{"prefix only, not infix", data.DirectoryQuery{Text: "tock"}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := s.SearchDelegates(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, d := range page.Delegates {
				ids = append(ids, d.ID)
			}
			if !slices.Equal(ids, tt.want) || page.Total != tt.wantTot {
				t.Fatalf("%+v: got %v (total %d), want %v (total %d)", tt.q, ids, page.Total, tt.want, tt.wantTot)
			}
		})
	}
}

func TestDirectoryResultsHoldOnlyConsentedFields(t *testing.T) {
	s := installed(t)
	page, _ := s.SearchDelegates(context.Background(), data.DirectoryQuery{Text: "kouassi"})
	if len(page.Delegates) != 1 || page.Delegates[0].Organisation != "" {
		t.Fatalf("hidden organisation leaked into the result: %+v", page.Delegates)
	}
	d, err := s.Delegate(context.Background(), datatest.KouassiID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Organisation != "" || d.Title != "Head of NCB Abidjan" || d.CountryName != "Côte d'Ivoire" {
		t.Fatalf("detail shows %+v", d)
	}
	n, _ := s.Delegate(context.Background(), datatest.NguyenID)
	if n.Title != "" || n.Organisation == "" || n.Name() != "Nguyễn Thị Hương" {
		t.Fatalf("Nguyen detail: title %q org %q name %q", n.Title, n.Organisation, n.Name())
	}
	if _, err := s.Delegate(context.Background(), datatest.HiddenID); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("non-consenting delegate detail: %v, want ErrNotFound", err)
	}
}

func TestDelegationCountriesCountOnlyListed(t *testing.T) {
	s := installed(t)
	cs, err := s.DelegationCountries(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	var order []string
	for _, c := range cs {
		got[c.Code] = c.Delegates
		order = append(order, c.Name)
	}
	if got["DEU"] != 1 || got["CIV"] != 1 || len(cs) != 5 {
		t.Fatalf("counts %v", got)
	}
	if want := []string{"Côte d'Ivoire", "Germany", "Iceland", "Indonesia", "Viet Nam"}; !slices.Equal(order, want) {
		t.Fatalf("order %v, want %v", order, want)
	}
}

// Contact details come out of the store only for a delegate who consented
// to share them.
func TestDelegateContactNeedsConsent(t *testing.T) {
	s := installed(t)
	ctx := context.Background()
	k, err := s.Delegate(ctx, datatest.KouassiID)
	if err != nil {
		t.Fatal(err)
	}
	if !k.Consent.ShareContact || k.Email != "a.kouassi@example.ci" || k.Phone != "+225 20 21 00 00" {
		t.Fatalf("consenting delegate: %+v", k)
	}
	st, err := s.Delegate(ctx, datatest.StockID)
	if err != nil {
		t.Fatal(err)
	}
	if st.Consent.ShareContact || st.Email != "" || st.Phone != "" {
		t.Fatalf("contact details of a delegate who did not consent: %+v", st)
	}
}

// A kiosk whose delegates were installed before contact details existed
// (before migration 0012) opens with nobody sharing them.
func TestDelegatesInstalledBeforeContactsShareNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kiosk.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Install(ctx, datatest.Event(), datatest.Info(1), nil); err != nil {
		t.Fatal(err)
	}
	// Back to the schema before 0012, as an older kiosk left it.
	for _, q := range []string{`ALTER TABLE delegates DROP COLUMN share_contact`, `ALTER TABLE delegates DROP COLUMN email`,
		`ALTER TABLE delegates DROP COLUMN phone`, `DELETE FROM schema_migrations WHERE version = 12`} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, err := s.Delegate(ctx, datatest.KouassiID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Consent.ShareContact || d.Email != "" || d.Phone != "" {
		t.Fatalf("after the upgrade: %+v", d)
	}
}
