package ui

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kiosk/data"
	"kiosk/data/demo"
)

// kioskSizes are the screens a kiosk runs on: the 24-inch touch screen
// and the windowed default.
var kioskSizes = []fyne.Size{{Width: 1920, Height: 1080}, {Width: 1280, Height: 800}}

// familyOf is the name a directory files a delegate under, folded.
func familyOf(d data.Delegate) string {
	if d.FamilyName == "" {
		return data.Fold(d.GivenNames)
	}
	return data.Fold(d.FamilyName)
}

// rangeCovers reads a tab's label as a person does: a family name is
// under "Ba–Be" when its first letters are from Ba to Be.
func rangeCovers(label, family string) bool {
	first, last, ok := strings.Cut(label, "–")
	if !ok {
		last = first
	}
	first, last = data.Fold(first), data.Fold(last)
	return prefixRunes(family, len([]rune(first))) >= first && prefixRunes(family, len([]rune(last))) <= last
}

// findColleague finds a delegate by touch alone, reading the tabs' labels
// for the family name, and gives the touches it took from Home. fromHome
// starts on Home; otherwise the walk goes on from the Directory as the
// last one left it and counts the one touch that opens it (redrawing both
// screens for each of 776 delegates would take minutes): the tab is
// touched in any case.
func findColleague(t *testing.T, k *testKiosk, d data.Delegate, fromHome bool) int {
	t.Helper()
	touches := 1
	if fromHome {
		test.Tap(k.nav[ScreenHome])
		test.Tap(k.nav[ScreenDirectory])
	}
	tap := func(o fyne.Tappable) { touches++; test.Tap(o) }
	b := k.Directory.Browse
	family := familyOf(d)
	for i, tab := range b.Ranges {
		if !rangeCovers(b.ranges[i].Label, family) {
			continue
		}
		tap(tab)
		for {
			if name, ok := b.NameButtons[d.ID]; ok {
				tap(name)
				if k.Directory.selected != d.ID || !strings.Contains(k.Directory.Detail.Name.Text, d.Name()) {
					t.Fatalf("tapping %s shows %q", d.Name(), k.Directory.Detail.Name.Text)
				}
				return touches
			}
			if b.Next.Disabled() {
				break
			}
			tap(b.Next)
		}
	}
	t.Fatalf("%s (%q) is under no tab: %q", d.Name(), family, tabLabels(b))
	return 0
}

func tabLabels(b *DirectoryBrowse) []string {
	var out []string
	for _, r := range b.ranges {
		out = append(out, r.Label)
	}
	return out
}

// TestFindAColleagueInThreeTouches walks every listed delegate of the demo
// event from Home: Directory, the tab whose label spans the family name,
// the name. README's touch table states what it measures.
func TestFindAColleagueInThreeTouches(t *testing.T) {
	k, listed := demoKiosk(t)
	k.window.Resize(kioskSizes[1])
	ev, err := demo.Generate(demo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var people []data.Delegate
	for _, d := range ev.Delegates {
		if listed[d.ID] {
			people = append(people, d)
		}
	}
	// In directory order, each tab's first delegate from Home.
	sort.SliceStable(people, func(i, j int) bool { return people[i].SortName() < people[j].SortName() })
	counts := map[int]int{}
	last := -1
	for _, d := range people {
		tab := slices.IndexFunc(k.Directory.Browse.ranges, func(r nameRange) bool { return rangeCovers(r.Label, familyOf(d)) })
		counts[findColleague(t, k, d, tab != last)]++
		last = tab
	}
	var report []string
	most := 0
	for n, c := range counts {
		report = append(report, fmt.Sprintf("%d touches: %d", n, c))
		most = max(most, n)
	}
	sort.Strings(report)
	t.Logf("find a colleague, %d listed delegates, %d tabs: %s", len(listed), len(k.Directory.Browse.Ranges), strings.Join(report, ", "))
	if most > 3 {
		t.Errorf("finding a colleague takes up to %d touches (%s), want at most 3", most, strings.Join(report, ", "))
	}
}

// Every range's names are on screen whole, without scrolling, at both
// sizes and in English and Arabic (whose font is taller).
func TestEveryRangeFitsOnOneScreen(t *testing.T) {
	k, _ := demoKiosk(t)
	fyne.CurrentApp().Settings().SetTheme(Theme())
	for _, lang := range []string{"en", "ar"} {
		k.SetLanguage(lang)
		for _, size := range kioskSizes {
			k.window.Resize(size)
			test.Tap(k.nav[ScreenDirectory])
			b := k.Directory.Browse
			for i, tab := range b.Ranges {
				test.Tap(tab)
				// As the window does on its next frame: the tab rows
				// wrap to the width they were given.
				k.Content().Refresh()
				shown, needed := b.namesScroll.Size().Height, b.names.MinSize().Height
				if n := b.ranges[i].End - b.ranges[i].Start; n > rangeSize || len(b.NameButtons) != n {
					t.Fatalf("range %q holds %d, shows %d, a screen %d", tab.Text, n, len(b.NameButtons), rangeSize)
				}
				if needed > shown {
					t.Errorf("%s at %v: range %q needs %.0f px, has %.0f: it scrolls", lang, size, tab.Text, needed, shown)
				}
			}
		}
	}
	k.SetLanguage("en")
}

// names is a sorted directory for nameRanges: ranges are cut from the
// counts of initials and labelled from the family names.
func fakeDirectory(names []string) ([]data.InitialCount, func(int) (string, error)) {
	sort.Strings(names)
	var ins []data.InitialCount
	for _, n := range names {
		in := string([]rune(n)[:1])
		if len(ins) == 0 || ins[len(ins)-1].Initial != in {
			ins = append(ins, data.InitialCount{Initial: in})
		}
		ins[len(ins)-1].Delegates++
	}
	return ins, func(i int) (string, error) { return names[i], nil }
}

func TestRangesAreLabelledInTheirOwnScript(t *testing.T) {
	var names []string
	for _, stem := range []string{"محمد", "مصطفى", "منصور", "مراد"} {
		for i := 0; i < rangeSize/2; i++ {
			names = append(names, fmt.Sprintf("%s%c", stem, 'ا'+rune(i%20)))
		}
	}
	names = append(names, "عمر", "عثمان", "yilmaz", "zhou")
	ins, at := fakeDirectory(names)
	rs, err := nameRanges(ins, at)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, r := range rs {
		labels = append(labels, r.Label)
		if r.End-r.Start > rangeSize {
			t.Errorf("%q holds %d, more than a screen", r.Label, r.End-r.Start)
		}
		for i := r.Start; i < r.End; i++ {
			if !rangeCovers(r.Label, names[i]) {
				t.Errorf("%q is filed under %q", names[i], r.Label)
			}
		}
	}
	// Latin initials in Latin letters, capitalised and merged; Arabic ones
	// in Arabic letters, split where the names part.
	want := "Y–Z ع مح–مر مص–من"
	if got := strings.Join(labels, " "); got != want {
		t.Errorf("labels %q, want %q", got, want)
	}
}

// The other main tasks, from Home, by touch: README's table states them.
func TestTouchesForTheOtherMainTasks(t *testing.T) {
	k, _ := demoKiosk(t)
	k.window.Resize(kioskSizes[1])
	p := k.Programme
	room := func(what string, want int, touches int) {
		t.Helper()
		if p.Detail.Where.Text == "" {
			t.Fatalf("%s: no room shown", what)
		}
		t.Logf("%s: %d touches", what, touches)
		if touches != want {
			t.Errorf("%s: %d touches, want %d", what, touches, want)
		}
	}
	calendar := func(what string, want, touches int) {
		t.Helper()
		test.Tap(p.Detail.Calendar.Button)
		touches++
		if !p.Detail.Calendar.QR.Visible() {
			t.Fatalf("%s: no calendar code", what)
		}
		t.Logf("%s, add to calendar: %d touches", what, touches)
		if touches != want {
			t.Errorf("%s, add to calendar: %d touches, want %d", what, touches, want)
		}
	}
	// Now or Next on Home: the card opens the session.
	k.Reset()
	test.Tap(findButton(k.Home.Now.Objects[0], ""))
	room("a session on Home", 1, 1)
	calendar("a session on Home", 2, 1)
	// Today: the Programme opens on today.
	k.Reset()
	test.Tap(k.nav[ScreenProgramme])
	k.tapFirstRow(p.List)
	room("a session today", 2, 2)
	calendar("a session today", 3, 2)
	// Another day: its tab first.
	k.Reset()
	test.Tap(k.nav[ScreenProgramme])
	test.Tap(p.DayButtons[len(p.DayButtons)-1])
	k.tapFirstRow(p.List)
	room("a session another day", 3, 3)
	calendar("a session another day", 4, 3)
}
