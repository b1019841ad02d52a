package demo

import (
	"hash/fnv"
	"strings"

	"kiosk/data"
)

// shareContact is the share of listed delegates who agreed to share their
// contact details on the kiosk.
const shareContact = 0.2

// giveContacts gives some listed delegates consent to share contact
// details and an address at a reserved domain (example.org, RFC 2606), so
// that no demo address reaches a real person. Who is chosen hangs on the
// delegate's id alone, not on the generator's random streams, so adding
// this left every other generated field as it was.
func giveContacts(delegates []data.Delegate) {
	for i := range delegates {
		d := &delegates[i]
		if !d.Consent.Listed {
			continue
		}
		h := fnv.New32a()
		h.Write([]byte(d.ID))
		v := h.Sum32()
		if float64(v%1000)/1000 >= shareContact {
			continue
		}
		local := emailPart(d.GivenNames)
		if fam := emailPart(d.FamilyName); fam != "" {
			if local != "" {
				local += "."
			}
			local += fam
		}
		if local == "" {
			continue
		}
		d.Consent.ShareContact = true
		d.Email = local + "@ncb-" + strings.ToLower(d.CountryCode) + ".example.org"
	}
}

// emailPart is a name as an address writes it: folded to plain letters,
// words joined by dashes, anything else left out.
func emailPart(name string) string {
	var words []string
	for _, w := range strings.Fields(data.Fold(name)) {
		w = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, w)
		if w != "" {
			words = append(words, w)
		}
	}
	return strings.Join(words, "-")
}
