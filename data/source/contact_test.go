package source

import (
	"strings"
	"testing"
)

// withContacts gives the base folder's delegates the contact columns;
// each argument is "share_contact,email,phone".
func withContacts(t *testing.T, d1, d2, d3 string) map[string]string {
	t.Helper()
	files := baseFiles()
	replace(t, files, "delegates.csv", "show_title\n", "show_title,share_contact,email,phone\n")
	replace(t, files, "delegates.csv", "head,yes,yes,yes\n", "head,yes,yes,yes,"+d1+"\n")
	replace(t, files, "delegates.csv", "delegate,yes,no,no\n", "delegate,yes,no,no,"+d2+"\n")
	replace(t, files, "delegates.csv", "observer,no,no,no\n", "observer,no,no,no,"+d3+"\n")
	return files
}

func TestContactColumns(t *testing.T) {
	s, err := DecodeCSV(toBytes(withContacts(t, "yes,m.p@polri.go.id,+62 21 721 8000", ",a@b.org,", ",,")))
	if err != nil {
		t.Fatal(err)
	}
	d := s.Data.Delegates
	if !d[0].Consent.ShareContact || d[0].Email != "m.p@polri.go.id" || d[0].Phone != "+62 21 721 8000" {
		t.Fatalf("first delegate %+v", d[0])
	}
	if d[1].Consent.ShareContact || d[1].Email != "a@b.org" {
		t.Fatalf("an empty share_contact must read as no: %+v", d[1])
	}
	if pub, _ := d[1].Public(); pub.Email != "" || pub.Phone != "" {
		t.Fatalf("contact shown without consent: %+v", pub)
	}
	files, err := EncodeCSV(s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeCSV(files)
	if err != nil || back.Data.Delegates[0] != d[0] || back.Data.Delegates[1] != d[1] {
		t.Fatalf("written and read back: %+v %v", back.Data.Delegates, err)
	}
}

// Without the columns nobody consented.
func TestContactColumnsAbsent(t *testing.T) {
	s, err := DecodeCSV(toBytes(baseFiles()))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range s.Data.Delegates {
		if d.Consent.ShareContact {
			t.Fatalf("%s shares contact details without a share_contact column", d.ID)
		}
	}
}

func TestContactColumnMistakes(t *testing.T) {
	for _, c := range []struct{ name, d1, want string }{
		{"consent word", "perhaps,,", `row 2, column "share_contact": "perhaps" is not yes or no`},
		{"two addresses", `yes,"a@b.org,c@d.org",`, `row 2, column "email": "a@b.org,c@d.org" is not an email address`},
		{"no at", "yes,someone,", `column "email": "someone" is not an email address: it needs exactly one @`},
		{"line break", "yes,\"a@b.org\nEND:VCARD\",", `column "email"`},
		{"letters in phone", "yes,,call me", `column "phone": "call me" is not a telephone number`},
		{"phone injection", "yes,,\"+1 555;TYPE=x\"", `column "phone"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := DecodeCSV(toBytes(withContacts(t, c.d1, ",,", ",,")))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
		})
	}
}
