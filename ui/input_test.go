package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"kiosk/data/datatest"
	"kiosk/ui/rtl"
)

// shownRuns are the pieces of text the search field draws itself, from
// left to right, without bidi marks; nil when it leaves the drawing to
// the Entry.
func shownRuns(t *testing.T, e *searchEntry) (runs []string, left, right float32) {
	t.Helper()
	l := e.shaped.label
	if !l.Visible() || !e.shaped.cover.Visible() {
		return nil, 0, 0
	}
	box := test.WidgetRenderer(l).Objects()[1].(*fyne.Container)
	left = l.Size().Width
	for _, o := range box.Objects {
		txt := o.(*canvas.Text)
		runs = append(runs, strings.Trim(strings.TrimSpace(strings.Trim(txt.Text, "\u200e\u200f")), "\u200e\u200f"))
		left, right = min(left, txt.Position().X), max(right, txt.Position().X+txt.Size().Width)
	}
	return runs, l.Position().X + left, l.Position().X + right
}

// Arabic typed into the Directory's search with the on-screen keyboard
// is drawn shaped and right to left, right-aligned, with the caret at its
// end (the left); the search finds the delegate; backspace still edits
// the text, and Latin text is the Entry's own again.
func TestSearchFieldShowsArabic(t *testing.T) {
	k := newArabicKiosk(t)
	test.Tap(k.nav[ScreenDirectory])
	e := k.Directory.Search
	test.Tap(e)
	// Empty, the field's Arabic hint starts on the right.
	if runs, _, right := shownRuns(t, e); len(runs) != 1 || runs[0] != e.PlaceHolder ||
		e.shaped.cover.Position().X+e.shaped.cover.Size().Width-right > 20 {
		t.Fatalf("hint drawn as %q ending at %.0f, want %q on the right", runs, right, e.PlaceHolder)
	}
	for _, key := range []string{"ك", "و", "ت"} {
		test.Tap(k.Keyboard.Keys[key])
	}
	if e.Text != "كوت" || k.Directory.Total != 1 || k.Directory.Items[0].ID != datatest.KouassiID {
		t.Fatalf("typed %q: %d found %+v", e.Text, k.Directory.Total, k.Directory.Items)
	}
	runs, _, right := shownRuns(t, e)
	if len(runs) != 1 || runs[0] != "كوت" {
		t.Fatalf("drawn runs %q, want the word alone", runs)
	}
	area := e.shaped.cover
	if gap := area.Position().X + area.Size().Width - right; gap < 0 || gap > 20 {
		t.Errorf("text ends %.0f from the field's right edge: not right-aligned", gap)
	}

	// Digits after Arabic: at the word's left, as a browser shows them.
	test.Tap(k.Keyboard.Space)
	test.Tap(k.Keyboard.Keys["1"])
	test.Tap(k.Keyboard.Keys["2"])
	runs, left, _ := shownRuns(t, e)
	if e.Text != "كوت 12" || strings.Join(runs, "|") != "12|كوت" {
		t.Fatalf("text %q drawn as %q, want 12|كوت from left to right", e.Text, runs)
	}
	if c := e.shaped.caret; !c.Visible() || c.Position().X > left {
		t.Errorf("caret at %.0f (shown %v), want left of the text at %.0f", c.Position().X, c.Visible(), left)
	}

	// Backspace goes on editing; once the Arabic is gone the Entry draws.
	for range 6 {
		test.Tap(k.Keyboard.Backspace)
	}
	if e.Text != "" {
		t.Fatalf("after backspaces: %q", e.Text)
	}
	test.Type(e, "kouassi")
	if runs, _, _ := shownRuns(t, e); runs != nil || k.Directory.Total != 1 {
		t.Fatalf("Latin text drawn by the field itself: %q, %d found", runs, k.Directory.Total)
	}
}

// A badge scanned into a search field holding Arabic is a check-in, and
// the field shows its Arabic again afterwards, drawn by the field.
func TestScanIntoArabicSearchField(t *testing.T) {
	k := newArabicKiosk(t)
	test.Tap(k.nav[ScreenDirectory])
	e := k.Directory.Search
	test.Tap(e)
	for _, key := range []string{"ك", "و", "ت"} {
		test.Tap(k.Keyboard.Keys[key])
	}
	k.now = k.now.Add(time.Second) // the person stopped typing a while ago
	test.Type(e, k.badge(t, datatest.KouassiID, 3))
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if k.Current() != ScreenResult {
		t.Fatalf("screen %d after the scan, want the result", k.Current())
	}
	test.Tap(k.Result.Done)
	if runs, _, _ := shownRuns(t, e); e.Text != "كوت" || len(runs) != 1 || runs[0] != "كوت" {
		t.Fatalf("after the scan the field holds %q drawn as %q", e.Text, runs)
	}
}

// A query longer than the field shows its end, where the caret is.
func TestLongArabicQueryShowsItsEnd(t *testing.T) {
	test.NewTempApp(t)
	l := rtl.NewLabel("")
	l.OwnDirection = true
	const query = "الجمعية العامة الخامسة والثمانون للإنتربول"
	got := tailThatFits(query, l, 150)
	if !strings.HasSuffix(query, got) || len(got) >= len(query) || len(got) == 0 {
		t.Fatalf("shown %q of %q, want a shorter end of it", got, query)
	}
	if w := l.MinSize().Width; w > 150 {
		t.Errorf("what is shown is %.0f wide, more than the field's 150", w)
	}
	if got := tailThatFits("كوت", l, 150); got != "كوت" {
		t.Errorf("a short query is shown as %q", got)
	}
}
