package badgepdf

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/skip2/go-qrcode"

	"kiosk/data"
	"kiosk/data/badge"
	"kiosk/data/badgepdf/pdfcheck"
)

var (
	testSeed = sha256.Sum256([]byte("badgepdf test key"))
	testPriv = ed25519.NewKeyFromSeed(testSeed[:])
	testPub  = testPriv.Public().(ed25519.PublicKey)
)

var testEvent = data.Event{
	ID:        "conf-2026",
	Name:      "Twelfth Conference on Things That Need Long Names and Badges",
	City:      "Kraków",
	TimeZone:  "Europe/Warsaw",
	StartDate: "2026-05-11",
	EndDate:   "2026-05-14",
}

var (
	validFrom  = time.Date(2026, 5, 10, 0, 0, 0, 0, time.UTC)
	validUntil = time.Date(2026, 5, 16, 0, 0, 0, 0, time.UTC)
	during     = time.Date(2026, 5, 12, 9, 0, 0, 0, time.UTC)
)

// testDelegates have the names badges get wrong: letters outside Latin-1,
// names written family name first, names too long for one line, a word too
// long for any line.
var testDelegates = []struct {
	d       data.Delegate
	country string
}{
	{data.Delegate{ID: "P1", Honorific: "Mr", GivenNames: "Łukasz", FamilyName: "Wójcik", Role: data.RoleHead}, "Poland"},
	{data.Delegate{ID: "P2", Honorific: "Ms", GivenNames: "Thị Hương", FamilyName: "Nguyễn", FamilyFirst: true, Role: data.RoleDelegate}, "Viet Nam"},
	{data.Delegate{ID: "P3", Honorific: "Dr", GivenNames: "Guðrún", FamilyName: "Jónsdóttir", Role: data.RoleObserver}, "Iceland"},
	{data.Delegate{ID: "P4", Honorific: "Director General", GivenNames: "Yusuf", FamilyName: "Şahin", Role: data.RoleSpeaker}, "Türkiye"},
	{data.Delegate{ID: "P5", Honorific: "Adjunct Senior Commissioner", GivenNames: "Antonín Bohuslav Jaroslav", FamilyName: "Dvořák-Procházková", Role: data.RoleDelegate}, "Czechia"},
	{data.Delegate{ID: "P6", Honorific: "Detective Chief Superintendent", GivenNames: "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaftschaferswessen", FamilyName: "Jr", Role: data.RoleDelegate}, "South Georgia and the South Sandwich Islands"},
	// "é" as "e" and a combining accent, as some systems export it.
	{data.Delegate{ID: "P7", GivenNames: "Rene\u0301e", FamilyName: "Lefèvre", Role: data.RoleObserver}, "Côte d'Ivoire"},
}

func testSheet(t testing.TB) Sheet {
	t.Helper()
	s := Sheet{Event: testEvent}
	for i, td := range testDelegates {
		tok, err := badge.Issue(testPriv, badge.Claims{
			EventID: testEvent.ID, DelegateID: td.d.ID, Serial: uint32(100 + i),
			ValidFrom: validFrom, ValidUntil: validUntil,
		})
		if err != nil {
			t.Fatal(err)
		}
		s.Badges = append(s.Badges, Badge{Delegate: td.d, Country: td.country, Serial: uint32(100 + i), Token: tok})
	}
	return s
}

func TestPrintedCodesScanAndVerify(t *testing.T) {
	s := testSheet(t)
	path := filepath.Join(t.TempDir(), "badges.pdf")
	if err := WriteFile(path, s); err != nil {
		t.Fatal(err)
	}
	v := &badge.Verifier{EventID: testEvent.ID, Trusted: []ed25519.PublicKey{testPub}, Now: func() time.Time { return during }}
	for page := 1; page <= 2; page++ {
		var want []string
		for i := (page - 1) * 4; i < min(page*4, len(s.Badges)); i++ {
			want = append(want, s.Badges[i].Token)
		}
		got := pdfcheck.ScanPage(t, path, page)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("page %d: scanned %d codes, want the %d tokens of its badges:\n got %q\nwant %q", page, len(got), len(want), got, want)
		}
		for _, tok := range got {
			if _, err := v.Verify(tok); err != nil {
				t.Errorf("page %d: scanned code does not verify: %v", page, err)
			}
		}
	}
}

func TestNamesPrintWithTheirLetters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "badges.pdf")
	if err := WriteFile(path, testSheet(t)); err != nil {
		t.Fatal(err)
	}
	// pdftotext breaks lines where the badge does; compare words.
	text := strings.Join(strings.Fields(pdfcheck.Text(t, path)), " ")
	for _, want := range []string{
		"Łukasz Wójcik", "Nguyễn Thị Hương", "Guðrún Jónsdóttir", "Yusuf Şahin", "Dvořák-Procházková",
		"Renée Lefèvre", "Côte d'Ivoire", "Viet Nam", "Head of delegation", "Delegate", "Observer", "Speaker",
		"P1 · serial 100", "Kraków · 11–14 May 2026",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
}

func TestSameBadgesSameFile(t *testing.T) {
	s := testSheet(t)
	var a, b bytes.Buffer
	if err := Render(&a, s); err != nil {
		t.Fatal(err)
	}
	if err := Render(&b, s); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("rendering the same sheet twice gave different files")
	}
	// The clock must not get in, even when the two runs fall in the
	// same second.
	for _, want := range []string{"/CreationDate (D:20000101000000)", "/ModDate (D:20000101000000)"} {
		if !bytes.Contains(a.Bytes(), []byte(want)) {
			t.Errorf("the PDF lacks %s", want)
		}
	}
	s.Created = time.Date(2026, 4, 1, 12, 30, 0, 0, time.UTC)
	var dated bytes.Buffer
	if err := Render(&dated, s); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(dated.Bytes(), []byte("/CreationDate (D:20260401123000)")) {
		t.Error("Sheet.Created is not the PDF's creation date")
	}
	s.Created = time.Time{}
	s.Badges[0].Serial++
	var c bytes.Buffer
	if err := Render(&c, s); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Fatal("a different serial gave the same file")
	}
}

func TestWriteFileIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "badges.pdf")
	if err := os.WriteFile(path, []byte("earlier run"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, Sheet{Event: testEvent}); err == nil {
		t.Fatal("an empty sheet was written")
	}
	if b, _ := os.ReadFile(path); string(b) != "earlier run" {
		t.Fatalf("a failed run changed the file: %q", b)
	}
	if err := WriteFile(path, testSheet(t)); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[len(b)-32:], []byte("%%EOF")) {
		t.Fatalf("not a whole PDF: %q ... %q", b[:min(16, len(b))], b[max(0, len(b)-16):])
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("left behind: %q", names)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
}

func TestNamesFitTheirBox(t *testing.T) {
	r, err := newRenderer(Sheet{Event: testEvent})
	if err != nil {
		t.Fatal(err)
	}
	const box = 34.0
	for _, td := range testDelegates {
		hon, name := r.fitName(td.d, box)
		if len(name.lines) == 0 {
			t.Errorf("%s: no name printed", td.d.ID)
		}
		for _, f := range []struct {
			fitted
			style string
		}{{hon, ""}, {name, "B"}} {
			for _, l := range f.lines {
				if w := r.m.width(l, f.style, f.size); w > contentW+0.01 {
					t.Errorf("%s: line %q is %.1f mm wide, the badge has %.1f", td.d.ID, l, w, contentW)
				}
			}
		}
		if h := hon.height(1.2) + name.height(1.12); h > box {
			t.Errorf("%s: name block is %.1f mm high, the box %.1f", td.d.ID, h, box)
		}
		if got := strings.Join(name.lines, " "); td.d.ID != "P6" && got != nfc(td.d.Name()) {
			t.Errorf("%s: printed %q, want the whole name %q", td.d.ID, got, td.d.Name())
		}
	}
	// Short names print large, long ones smaller.
	_, short := r.fitName(testDelegates[0].d, box)
	_, long := r.fitName(testDelegates[4].d, box)
	if short.size < 24 || long.size >= short.size {
		t.Errorf("sizes: %q %.1f pt, %q %.1f pt", short.lines, short.size, long.lines, long.size)
	}
}

func TestWrapBalancesLines(t *testing.T) {
	m := newMeasurer()
	f := m.wrap("Miguel Ángel Rodríguez Salazar", "B", 22, contentW, 3)
	if want := []string{"Miguel Ángel", "Rodríguez Salazar"}; !slices.Equal(f.lines, want) {
		t.Fatalf("got %q, want %q", f.lines, want)
	}
	if f := m.wrap("Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaft", "B", 22, contentW, 3); f.lines != nil {
		t.Fatalf("a word wider than the badge was set: %q", f.lines)
	}
	long := strings.Repeat("Wolfeschlegelsteinhausenbergerdorff ", 20)
	f = m.fit(long, "B", 10, 10, contentW, 3)
	if len(f.lines) != 3 || !strings.HasSuffix(f.lines[2], "…") {
		t.Fatalf("overlong text: %q", f.lines)
	}
}

func TestQRSize(t *testing.T) {
	// Every badge code is a QR code of version 7 to 10 at level M (docs/
	// badge-format.md); at that size the code proper must stay at least
	// 35 mm wide inside its quiet zone.
	for _, id := range []string{"D", "D000123", strings.Repeat("D", 64)} {
		tok, err := badge.Issue(testPriv, badge.Claims{EventID: testEvent.ID, DelegateID: id, ValidFrom: validFrom, ValidUntil: validUntil})
		if err != nil {
			t.Fatal(err)
		}
		q, err := qrcode.New(tok, qrcode.Medium)
		if err != nil {
			t.Fatal(err)
		}
		n := 17 + 4*q.VersionNumber
		module := QRBox / float64(n+2*QuietZone)
		if code := module * float64(n); code < 35 {
			t.Errorf("id of %d: version %d prints %.1f mm wide", len(id), q.VersionNumber, code)
		}
	}
}

func TestUnprintable(t *testing.T) {
	if got := Unprintable("Łukasz Wójcik Nguyễn Thị Hương Guðrún Şahin Dvořák Ștefan Đorđević Ελένη Иван"); len(got) != 0 {
		t.Errorf("letters the font has reported missing: %q", got)
	}
	if got, want := Unprintable("Wang 王伟 王"), []rune("王伟"); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestDateRange(t *testing.T) {
	for _, c := range [][3]string{
		{"2016-11-07", "2016-11-10", "7–10 November 2016"},
		{"2016-10-30", "2016-11-02", "30 October – 2 November 2016"},
		{"2016-12-30", "2017-01-02", "30 December 2016 – 2 January 2017"},
		{"2016-11-07", "2016-11-07", "7 November 2016"},
		{"2016-11-07", "nonsense", ""},
	} {
		if got := dateRange(c[0], c[1]); got != c[2] {
			t.Errorf("dateRange(%s, %s) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

func BenchmarkRender830(b *testing.B) {
	s := Sheet{Event: testEvent}
	one := testSheet(b).Badges
	for i := range 830 {
		bd := one[i%len(one)]
		bd.Serial = uint32(i)
		s.Badges = append(s.Badges, bd)
	}
	for b.Loop() {
		if err := Render(&bytes.Buffer{}, s); err != nil {
			b.Fatal(err)
		}
	}
}
