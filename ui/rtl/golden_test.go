package rtl

import (
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Samples the golden images show; a person has compared each image with
// the same text in Chromium with the same fonts (see README.md).
const (
	titleAr   = "الجمعية العامة الخامسة والثمانون (2016) للإنتربول"
	latinAr   = "تعقد الجلسة في قاعة Hall B، الطابق 2، مع ممثلي INTERPOL Washington."
	longAr    = "تناقش الجمعية العامة في دورتها الخامسة والثمانين التعاون الشرطي الدولي، وتبادل البيانات بين المكاتب المركزية الوطنية، وانتخاب أعضاء اللجنة التنفيذية لعام 2017."
	latinOnly = "Łukasz Wójcik (Poland)"
)

// bigTheme is the light theme at the kiosk's text size.
type bigTheme struct{ fyne.Theme }

func (t bigTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameText {
		return 20
	}
	return t.Theme.Size(n)
}

// lightTheme is a theme in its light variant whatever the settings say,
// so that the golden images do not follow the machine's preference.
type lightTheme struct{ fyne.Theme }

func (t lightTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, theme.VariantLight)
}

func newTestApp(t *testing.T) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(bigTheme{lightTheme{theme.DefaultTheme()}})
	t.Cleanup(func() { SetRightToLeft(false) })
}

func capture(t *testing.T, content fyne.CanvasObject, size fyne.Size) image.Image {
	t.Helper()
	w := test.NewTempWindow(t, content)
	w.SetPadded(false)
	w.Resize(size)
	// The desktop driver lays a container out again when a child's
	// minimum size changed (a wrapped label now knows its width); the
	// test canvas does not, so do it here.
	content.Refresh()
	return w.Canvas().Capture()
}

func sample(text string, bold bool, wrap fyne.TextWrap) *Label {
	l := NewLabel(text)
	l.TextStyle.Bold = bold
	l.Wrapping = wrap
	return l
}

func TestGoldenArabicRightToLeft(t *testing.T) {
	newTestApp(t)
	SetRightToLeft(true)
	content := container.NewVBox(
		sample(titleAr, true, fyne.TextWrapOff),
		sample(titleAr, false, fyne.TextWrapOff),
		sample(latinAr, false, fyne.TextWrapOff),
		sample(latinOnly, false, fyne.TextWrapOff),
	)
	test.AssertImageMatches(t, "arabic_rtl.png", capture(t, content, fyne.NewSize(760, 220)))
}

func TestGoldenArabicWrapped(t *testing.T) {
	newTestApp(t)
	SetRightToLeft(true)
	content := container.NewVBox(sample(longAr, false, fyne.TextWrapWord), sample(latinOnly, false, fyne.TextWrapOff))
	test.AssertImageMatches(t, "arabic_wrapped.png", capture(t, content, fyne.NewSize(420, 260)))
}

// In a left-to-right interface Arabic text is still shaped and ordered
// right to left; the label aligns to the interface's start (left).
func TestGoldenArabicInLeftToRight(t *testing.T) {
	newTestApp(t)
	content := container.NewVBox(sample(titleAr, false, fyne.TextWrapOff), sample(latinOnly, false, fyne.TextWrapOff))
	test.AssertImageMatches(t, "arabic_ltr.png", capture(t, content, fyne.NewSize(760, 110)))
}

// Latin text goes through an ordinary widget.Label: the pixels are the
// same as before this package existed.
func TestLatinUnchanged(t *testing.T) {
	newTestApp(t)
	for _, wrap := range []fyne.TextWrap{fyne.TextWrapOff, fyne.TextWrapWord} {
		ours := sample(latinOnly+" and a longer line of text that wraps", true, wrap)
		theirs := widget.NewLabel(ours.Text)
		theirs.TextStyle.Bold, theirs.Wrapping = true, wrap
		a := capture(t, ours, fyne.NewSize(300, 120))
		b := capture(t, theirs, fyne.NewSize(300, 120))
		if !sameImage(a, b) {
			t.Errorf("wrap %v: a Latin rtl.Label does not draw like a widget.Label", wrap)
		}
	}
}

func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

// Fyne's own widgets with the Arabic theme: a string in one direction
// only (a translated button or heading) is shaped and joined by Fyne
// itself once the theme's font has the letters. Mixed one-line strings
// (a date, a time with its zone) go through Visual; text that wraps needs
// Label.
func TestGoldenFyneWidgetsWithArabicTheme(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(WithArabic(bigTheme{lightTheme{theme.DefaultTheme()}}))
	home := widget.NewButtonWithIcon("الصفحة الرئيسية", theme.HomeIcon(), nil)
	heading := widget.NewLabel("دليل المندوبين")
	heading.TextStyle.Bold = true
	heading.Alignment = fyne.TextAlignTrailing
	latin := widget.NewLabel("Programme")
	latin.Alignment = fyne.TextAlignTrailing
	// A day tab and a clock with digits inside Arabic: ordered by Visual.
	SetRightToLeft(true)
	day := widget.NewButton(Visual("الاثنين 7 نوفمبر"), nil)
	clock := canvas.NewText(Visual("الاثنين 7 نوفمبر 2016، الساعة 09:30 (WITA)"), color.Black)
	clock.Alignment = fyne.TextAlignTrailing
	content := container.NewVBox(container.NewHBox(layout.NewSpacer(), day, home), heading, latin, clock)
	test.AssertImageMatches(t, "fyne_widgets_arabic_theme.png", capture(t, content, fyne.NewSize(420, 200)))
}
