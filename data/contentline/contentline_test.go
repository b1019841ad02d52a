package contentline

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	cases := map[string]string{
		`a,b;c\d`:         `a\,b\;c\\d`,
		"one\ntwo\r\nend": `one\ntwo\nend`,
		"bell\x07nul\x00": "bellnul",
		"Côte d'Ivoire":   "Côte d'Ivoire",
	}
	for in, want := range cases {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
		if in != "bell\x07nul\x00" && Unescape(Escape(in)) != strings.ReplaceAll(in, "\r\n", "\n") {
			t.Errorf("Unescape(Escape(%q)) = %q", in, Unescape(Escape(in)))
		}
	}
}

func TestFoldAt75OctetsWithoutSplittingCharacters(t *testing.T) {
	value := strings.Repeat("é", 100) + strings.Repeat("x", 50) + "شرطة"
	var w Writer
	w.Text("SUMMARY", value)
	out := w.String()
	if !strings.HasSuffix(out, "\r\n") {
		t.Fatalf("line does not end with CRLF: %q", out)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	if len(lines) < 3 {
		t.Fatalf("want a folded line, got %d lines", len(lines))
	}
	for i, l := range lines {
		if len(l) > MaxOctets {
			t.Errorf("line %d has %d octets: %q", i, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a character: %q", i, l)
		}
		if i > 0 && l[0] != ' ' {
			t.Errorf("continuation line %d does not start with a space", i)
		}
		if strings.Contains(l, "\n") {
			t.Errorf("bare LF in line %d", i)
		}
	}
	got := Unfold(out)
	if len(got) != 1 || got[0] != "SUMMARY:"+value {
		t.Fatalf("unfolded = %q", got)
	}
}

func TestShorten(t *testing.T) {
	if got := Shorten("  short \n title ", 20); got != "short title" {
		t.Errorf("got %q", got)
	}
	long := strings.Repeat("word ", 40)
	got := Shorten(long, 50)
	if n := utf8.RuneCountInString(got); n > 50 || !strings.HasSuffix(got, "…") {
		t.Errorf("Shorten gave %d characters: %q", n, got)
	}
	if got := Shorten(strings.Repeat("é", 30), 10); got != strings.Repeat("é", 9)+"…" {
		t.Errorf("got %q", got)
	}
}

// A line of exactly 75 octets stays whole; one more octet folds it.
func TestFoldBoundary(t *testing.T) {
	for _, c := range []struct {
		n     int
		lines int
	}{{75, 1}, {76, 2}, {75 + 74, 2}, {75 + 75, 3}} {
		var w Writer
		w.Line("X", strings.Repeat("a", c.n-2)) // "X:" takes two
		got := strings.Split(strings.TrimSuffix(w.String(), "\r\n"), "\r\n")
		if len(got) != c.lines {
			t.Errorf("%d octets: %d lines, want %d", c.n, len(got), c.lines)
		}
		for _, l := range got {
			if len(l) > MaxOctets {
				t.Errorf("%d octets: a line of %d", c.n, len(l))
			}
		}
	}
}
