package source

import (
	"strings"

	"kiosk/data"
)

// Table names, which are also the base names of the files and the sheet
// names of a single workbook.
const (
	TableEvent     = data.TableEvent
	TableCountries = data.TableCountries
	TableRooms     = data.TableRooms
	TableSpeakers  = data.TableSpeakers
	TableSessions  = data.TableSessions
	TableDelegates = data.TableDelegates
	TableRevoked   = "revoked"
	TableKioskKeys = "kiosk_keys"
)

// WorkbookName is the file that may hold every table as a sheet of one
// workbook instead of one file per table.
const WorkbookName = "sources.xlsx"

type tableSpec struct {
	name     string
	required bool
	order    int
	cols     []colSpec
}

type colSpec struct {
	name     string
	required bool // the header must have the column; its cells may still be empty
	// translation marks a field's translation (title_fr): optional, and
	// left out of a bundle's file when no row has one, so that a bundle
	// without translations reads as before.
	translation bool
}

// index is the column's position in the spec, or -1.
func (t *tableSpec) index(col string) int {
	for i, c := range t.cols {
		if c.name == col {
			return i
		}
	}
	return -1
}

func (t *tableSpec) names() []string {
	s := make([]string, len(t.cols))
	for i, c := range t.cols {
		s[i] = c.name
	}
	return s
}

func req(name string) colSpec { return colSpec{name: name, required: true} }
func opt(name string) colSpec { return colSpec{name: name} }

// translated is the optional column of field in each content language:
// name_en, name_fr, name_es, name_ar.
func translated(field string) []colSpec {
	var cols []colSpec
	for _, l := range data.ContentLanguages {
		cols = append(cols, colSpec{name: field + "_" + l, translation: true})
	}
	return cols
}

func with(cols []colSpec, more ...[]colSpec) []colSpec {
	for _, m := range more {
		cols = append(cols, m...)
	}
	return cols
}

// tableSpecs is in the order staff are shown problems: the event first,
// then what other tables refer to, then what refers to it.
var tableSpecs = []*tableSpec{
	{name: TableEvent, required: true, cols: []colSpec{
		req("id"), req("name"), opt("short_name"), opt("organiser"), opt("venue"), opt("city"),
		opt("country"), req("time_zone"), req("start_date"), req("end_date"), opt("languages"), opt("staff_pin_hash"),
		opt("hub_url"), opt("hub_fingerprint"), opt("quorum"),
	}},
	{name: TableCountries, required: true, cols: with([]colSpec{
		req("code"), opt("code2"), req("name"), opt("alt_names"), opt("region"),
	}, translated("name"))},
	{name: TableRooms, required: true, cols: with([]colSpec{
		req("id"), req("name"), opt("floor"), opt("capacity"),
	}, translated("name"))},
	{name: TableSpeakers, cols: []colSpec{
		req("id"), req("name"), opt("role"), opt("country"),
	}},
	{name: TableSessions, required: true, cols: with([]colSpec{
		req("id"), req("title"), opt("description"), req("date"), req("start"), req("end"),
		req("room"), req("kind"), opt("speakers"), opt("languages"),
	}, translated("title"), translated("description"))},
	// The consent columns are required so that nobody is listed, or hidden,
	// because a column was forgotten.
	{name: TableDelegates, required: true, cols: []colSpec{
		req("id"), opt("honorific"), req("given_names"), req("family_name"), opt("family_first"),
		opt("title"), opt("organisation"), req("country"), req("role"),
		req("listed"), req("show_organisation"), req("show_title"), opt("badge_serial"),
		opt("share_contact"), opt("email"), opt("phone"),
	}},
	{name: TableRevoked, cols: []colSpec{
		req("serial"), opt("reason"),
	}},
	{name: TableKioskKeys, cols: []colSpec{
		req("kiosk_id"), req("public_key"),
	}},
}

var specByName = func() map[string]*tableSpec {
	m := map[string]*tableSpec{}
	for i, t := range tableSpecs {
		t.order = i
		m[t.name] = t
	}
	return m
}()

// normHeader makes header matching forgiving of case and of the spaces or
// dashes people type instead of underscores.
func normHeader(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return '_'
		}
		return r
	}, s)
}

func tableList() string {
	s := make([]string, len(tableSpecs))
	for i, t := range tableSpecs {
		s[i] = t.name
	}
	return strings.Join(s, ", ")
}
