package data

import (
	"strings"
	"testing"
)

func TestQuorumRules(t *testing.T) {
	for _, c := range []struct {
		rule    string
		members int
		needed  int
		words   string
	}{
		{"", 190, 96, "simple majority"},
		{"", 191, 96, "simple majority"},
		{"", 1, 1, "simple majority"},
		{"2/3", 190, 127, "2/3 of the member countries"},
		{"2/3", 3, 2, "2/3 of the member countries"},
		{" 1/2 ", 190, 95, "1/2 of the member countries"},
		{"1/1", 190, 190, "1/1 of the member countries"},
		{"80", 190, 80, "80 member countries"},
	} {
		q, err := ParseQuorum(c.rule)
		if err != nil {
			t.Errorf("%q: %v", c.rule, err)
			continue
		}
		if got := q.Needed(c.members); got != c.needed || q.String() != c.words {
			t.Errorf("%q of %d: needs %d (%s); want %d (%s)", c.rule, c.members, got, q, c.needed, c.words)
		}
	}
	for rule, msg := range map[string]string{
		"0":        "neither a number",
		"-3":       "neither a number",
		"half":     "neither a number",
		"3/2":      "not a share",
		"0/3":      "not a share",
		"1/0":      "not a share",
		"a/b":      "not a fraction",
		"1/999999": "not a share",
		"9999999":  "neither a number",
	} {
		if _, err := ParseQuorum(rule); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q: %v; want %q", rule, err, msg)
		}
	}
}
