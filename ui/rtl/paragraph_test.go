package rtl

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

func lines(t *testing.T, text string, width float32, rtlUI bool) []string {
	t.Helper()
	var out []string
	for _, l := range Layout(text, 20, facesFor(fyne.TextStyle{}), width, rtlUI, false) {
		out = append(out, l.String())
	}
	return out
}

// The runs of a line come out left to right as a reader sees them; runs are
// separated by "|" and each keeps its characters in logical order (Fyne's
// shaper turns the right-to-left ones round).
func TestLayoutOrder(t *testing.T) {
	for _, c := range []struct {
		name, text string
		rtlUI      bool
		want       string
	}{
		{"title with year in brackets", titleAr, true, "للإنتربول|) |2016|(|الجمعية العامة الخامسة والثمانون "},
		{"same in a left-to-right interface", titleAr, false, "للإنتربول|) |2016|(|الجمعية العامة الخامسة والثمانون "},
		{"Latin and digits in Arabic", latinAr, true, ".|INTERPOL Washington|، مع ممثلي |2|، الطابق |Hall B|تعقد الجلسة في قاعة "},
		{"Latin first, right-to-left interface", "INTERPOL الجمعية العامة 85", true, "85| الجمعية العامة |INTERPOL"},
		// In a left-to-right paragraph a number after Arabic belongs to
		// the Arabic (rule W2): it sits at the Arabic's left.
		{"Latin first, left-to-right interface", "INTERPOL الجمعية العامة 85", false, "INTERPOL |85|الجمعية العامة "},
		{"Latin only", latinOnly, false, latinOnly},
	} {
		got := lines(t, c.text, 0, c.rtlUI)
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// A wrapped right-to-left paragraph starts with its first words on the
// first line, and every line keeps within the width.
func TestLayoutWraps(t *testing.T) {
	const width = 404
	ls := Layout(longAr, 20, facesFor(fyne.TextStyle{}), width, true, false)
	if len(ls) != 4 {
		t.Fatalf("got %d lines, want 4: %q", len(ls), lines(t, longAr, width, true))
	}
	if got := ls[0].String(); !strings.HasPrefix(got, "تناقش الجمعية") {
		t.Errorf("first line %q does not start the paragraph", got)
	}
	if got := ls[3].String(); got != ".|2017" {
		t.Errorf("last line %q, want the year with the full stop at its left", got)
	}
	for i, l := range ls {
		if l.Width > width {
			t.Errorf("line %d is %.1f wide, more than %d", i, l.Width, width)
		}
	}
	if got := lines(t, "سطر أول\nسطر ثان", 0, true); len(got) != 2 || got[1] != "سطر ثان" {
		t.Errorf("paragraphs: got %q", got)
	}
	// Every bidi paragraph separator breaks the line; none loses text.
	if got := lines(t, "سطر\u2029ثان\x1c3", 0, true); len(got) != 3 || got[2] != "3" {
		t.Errorf("paragraph separators: got %q", got)
	}
}

func TestHasRTL(t *testing.T) {
	for s, want := range map[string]bool{
		"": false, latinOnly: false, "Nguyễn Thị Hương": false, "Дворжак": false,
		titleAr: true, "Hall B، الطابق": true, "שלום": true, "١٢٣": false,
	} {
		if got := HasRTL(s); got != want {
			t.Errorf("HasRTL(%q) = %v, want %v", s, got, want)
		}
	}
}

// A truncated label keeps the paragraph's start, on the right, and ends
// it with an ellipsis on the left.
func TestLayoutTruncates(t *testing.T) {
	ls := Layout(longAr, 20, facesFor(fyne.TextStyle{}), 300, true, true)
	if len(ls) != 1 {
		t.Fatalf("got %d lines, want 1", len(ls))
	}
	got := ls[0].String()
	if !strings.HasPrefix(got, ellipsis+"|") || !strings.Contains(got, "|تناقش الجمعية العامة") {
		t.Errorf("truncated line %q: want the ellipsis at the left and the first words at the right", got)
	}
	if ls[0].Width > 300 {
		t.Errorf("truncated line is %.1f wide, more than 300", ls[0].Width)
	}
	if got := Layout(titleAr, 20, facesFor(fyne.TextStyle{}), 2000, true, true); len(got) != 1 || strings.Contains(got[0].String(), ellipsis) {
		t.Errorf("a title that fits is not truncated: %q", got[0].String())
	}
}

// How long laying out a session title and a wrapped description takes,
// the work a label does when its text or width changes.
func BenchmarkLayoutTitle(b *testing.B) {
	f := facesFor(fyne.TextStyle{})
	for b.Loop() {
		Layout(titleAr, 20, f, 0, true, false)
	}
}

func BenchmarkLayoutWrapped(b *testing.B) {
	f := facesFor(fyne.TextStyle{})
	for b.Loop() {
		Layout(longAr, 20, f, 404, true, false)
	}
}

// Visual gives Fyne's one-line texts their runs in visual order, fenced by
// marks, and leaves Latin text alone.
func TestVisual(t *testing.T) {
	SetRightToLeft(true)
	defer SetRightToLeft(false)
	if got := Visual(latinOnly); got != latinOnly {
		t.Errorf("Latin text changed: %q", got)
	}
	if got, want := Visual("الساعة 09:30 (WITA)"), lrm+"("+lrm+lrm+"WITA"+lrm+lrm+") "+lrm+lrm+"09:30"+lrm+rlm+"الساعة "+rlm; got != want {
		t.Errorf("Visual: got %q, want %q", got, want)
	}
	got := Visual("الاثنين 7 نوفمبر")
	want := rlm + " نوفمبر" + rlm + lrm + "7" + lrm + rlm + "الاثنين " + rlm
	if got != want {
		t.Errorf("Visual: got %q, want %q", got, want)
	}
}
