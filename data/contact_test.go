package data

import (
	"strings"
	"testing"
)

func TestCheckEmailAndPhone(t *testing.T) {
	for _, ok := range []string{"a@b.org", "first.last+kiosk@ncb-civ.example.org", "o'brien@police.ie"} {
		if msg := CheckEmail(ok); msg != "" {
			t.Errorf("%q refused: %s", ok, msg)
		}
	}
	for _, bad := range []string{"someone", "a@b", "@b.org", "a@@b.org", "a@b.org,c@d.org", "a b@c.org",
		"a@.org", "a@b..org", "a@b.org\n", strings.Repeat("a", 120) + "@b.org"} {
		if CheckEmail(bad) == "" {
			t.Errorf("%q accepted as an email address", bad)
		}
	}
	for _, ok := range []string{"+62 21 721 8000", "(0)4 72 44 70 00", "112", "+1-202-555-0100"} {
		if msg := CheckPhone(ok); msg != "" {
			t.Errorf("%q refused: %s", ok, msg)
		}
	}
	for _, bad := range []string{"12", "call me", "+1 555;TYPE=x", "1+2345", "555\r\n", strings.Repeat("1", 41)} {
		if CheckPhone(bad) == "" {
			t.Errorf("%q accepted as a telephone number", bad)
		}
	}
}
