// Package vcard writes a delegate's contact card (vCard 3.0, RFC 2426)
// for a QR code that a phone's camera app adds to its contacts. Version
// 3.0 rather than 4.0: every phone reads 3.0, some older ones not 4.0.
package vcard

import (
	"strings"

	"kiosk/data"
	"kiosk/data/contentline"
)

// MaxField caps each text field, so that any card fits a code readable at
// kiosk distance (a name, an organisation or a title longer than this is
// shortened with "…"); email and telephone are bounded by validation.
const MaxField = 60

// Contact writes d's card: name, role, organisation, position and country
// as far as d consented to show them, and email and telephone. ok is
// false, and nothing is written, unless d consented to share contact
// details (and to be listed at all): a screen asks here, not elsewhere.
func Contact(d data.DelegateDetail) (card string, ok bool) {
	pub, listed := d.Delegate.Public()
	if !listed || !pub.Consent.ShareContact {
		return "", false
	}
	var w contentline.Writer
	w.Line("BEGIN", "VCARD")
	w.Line("VERSION", "3.0")
	// N is family;given;additional;prefix;suffix, each part escaped.
	w.Line("N", strings.Join([]string{field(pub.FamilyName), field(pub.GivenNames), "", field(pub.Honorific), ""}, ";"))
	w.Line("FN", field(pub.FullName()))
	if pub.Organisation != "" {
		w.Line("ORG", field(pub.Organisation))
	}
	if pub.Title != "" {
		w.Line("TITLE", field(pub.Title))
	}
	w.Text("ROLE", pub.Role.Label())
	if d.CountryName != "" {
		// The country of the delegation, as the country part of a work
		// address: phones show and search it.
		w.Line("ADR;TYPE=WORK", ";;;;;;"+contentline.Escape(d.CountryName))
	}
	if pub.Email != "" {
		w.Text("EMAIL;TYPE=INTERNET", pub.Email)
	}
	if pub.Phone != "" {
		w.Text("TEL;TYPE=WORK,VOICE", pub.Phone)
	}
	w.Line("END", "VCARD")
	return w.String(), true
}

// field is a text value shortened to MaxField and escaped.
func field(s string) string { return contentline.Escape(contentline.Shorten(s, MaxField)) }
