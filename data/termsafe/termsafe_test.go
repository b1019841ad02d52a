package termsafe

import (
	"encoding/json"
	"testing"
)

func TestStringEscapesControlsAndBidi(t *testing.T) {
	for in, want := range map[string]string{
		"\x1b[31mred":      `\x1b[31mred`,
		"a\u202eb\u2066c":  `a\u202eb\u2066c`,
		"\u009b2J":         `\x9b2J`,
		"bad\xffbyte":      `bad\xffbyte`,
		"Côte d'Ivoire":    "Côte d'Ivoire",
		"line\nbreak\ttab": `line\x0abreak\x09tab`,
		"\x7f\u200f\u061c": `\x7f\u200f\u061c`,
	} {
		if got := String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTextKeepsLinesAndTabsOnly(t *testing.T) {
	if got := Text("one\n\ttwo\x1b\r"); got != `one`+"\n\t"+`two\x1b\x0d` {
		t.Errorf("Text: %q", got)
	}
}

// JSON escapes what encoding/json leaves raw, and still decodes to the
// same value.
func TestJSONStaysTheSameValue(t *testing.T) {
	in := "a\u202eb\x7f\u0085c\u00e9"
	b, err := json.Marshal(map[string]string{"name": in})
	if err != nil {
		t.Fatal(err)
	}
	safe := JSON(b)
	for _, r := range string(safe) {
		if Unsafe(r) {
			t.Fatalf("%q still holds %U", safe, r)
		}
	}
	var back map[string]string
	if err := json.Unmarshal(safe, &back); err != nil || back["name"] != in {
		t.Fatalf("%q decodes to %q, %v", safe, back["name"], err)
	}
}
