package csvcell

import (
	"bytes"
	"encoding/csv"
	"testing"
)

func TestSafe(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+1": "'+1", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "": "", "Côte d'Ivoire": "Côte d'Ivoire", "a=b": "a=b",
	} {
		if got := Safe(in); got != want {
			t.Errorf("Safe(%q) = %q, want %q", in, got, want)
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := WriteRow(w, []string{"=1+1", "ok"}); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	if b.String() != "'=1+1,ok\n" {
		t.Fatalf("row %q", b.String())
	}
}
