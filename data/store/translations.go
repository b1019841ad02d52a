package store

import (
	"context"
	"database/sql"
	"sort"

	"kiosk/data"
)

// translation is one row of the translations table.
type translation struct{ tbl, id, field, lang, text string }

// eventTranslations lists every translation an event carries.
func eventTranslations(d *data.EventData) []translation {
	var out []translation
	add := func(tbl, id, field string, t data.Texts) {
		langs := make([]string, 0, len(t))
		for l := range t {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		for _, l := range langs {
			out = append(out, translation{tbl, id, field, l, t[l]})
		}
	}
	for _, c := range d.Countries {
		add("countries", c.Code, "name", c.Names)
	}
	for _, r := range d.Rooms {
		add("rooms", r.ID, "name", r.Names)
	}
	for _, s := range d.Sessions {
		add("sessions", s.ID, "title", s.Titles)
		add("sessions", s.ID, "description", s.Descriptions)
	}
	return out
}

func insertTranslations(ctx context.Context, tx *sql.Tx, d *data.EventData) error {
	ts := eventTranslations(d)
	return insertRows(ctx, tx, "translations", "tbl, id, field, lang, text", len(ts), func(i int) []any {
		t := ts[i]
		return []any{t.tbl, t.id, t.field, t.lang, t.text}
	}, func(int) {})
}

// contentLanguage is the content language ctx asks for, or "" for the
// plain columns: one of data.ContentLanguages, so that it may be written
// into a query as a literal.
func contentLanguage(ctx context.Context) string {
	l := data.LanguageOf(ctx)
	for _, c := range data.ContentLanguages {
		if c == l {
			return c
		}
	}
	return ""
}

// translated is an SQL expression for column field of the row of table
// tbl whose id is idExpr, in lang, falling back to base. lang is one of
// data.ContentLanguages or "" (see contentLanguage), never user input.
func translated(lang, tbl, idExpr, field, base string) string {
	if lang == "" {
		return base
	}
	return `coalesce((SELECT t.text FROM translations t WHERE t.tbl = '` + tbl + `' AND t.id = ` + idExpr +
		` AND t.field = '` + field + `' AND t.lang = '` + lang + `'), ` + base + `)`
}

// countryTexts reads every country's name translations.
func (s *Store) countryTexts(ctx context.Context) (map[string]data.Texts, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, lang, text FROM translations WHERE tbl = 'countries' AND field = 'name'`)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	out := map[string]data.Texts{}
	for rows.Next() {
		var id, lang, text string
		if err := rows.Scan(&id, &lang, &text); err != nil {
			return nil, classify(s.path, err)
		}
		if out[id] == nil {
			out[id] = data.Texts{}
		}
		out[id][lang] = text
	}
	return out, classify(s.path, rows.Err())
}

// searchable is a country as the directory index sees it: found by its
// name in every language as well.
func searchable(c data.Country) data.Country {
	if len(c.Names) == 0 {
		return c
	}
	langs := make([]string, 0, len(c.Names))
	for l := range c.Names {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	alt := append([]string(nil), c.AltNames...)
	for _, l := range langs {
		alt = append(alt, c.Names[l])
	}
	c.AltNames = alt
	return c
}
