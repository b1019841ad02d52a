package rtl

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
)

// Label is a widget.Label that shows right-to-left text correctly: text
// with Arabic (or other right-to-left) letters is laid out by the Unicode
// bidi algorithm in the Arabic font, wraps from the right, and aligns to
// the reading direction's start. Text without such letters is drawn by an
// ordinary widget.Label, exactly as before, with its alignment mirrored
// when the interface reads right to left.
type Label struct {
	widget.BaseWidget
	Text       string
	TextStyle  fyne.TextStyle
	Alignment  fyne.TextAlign      // as for left-to-right reading; mirrored right to left
	Wrapping   fyne.TextWrap       // off or word wrapping
	Truncation fyne.TextTruncation // with wrapping off: one line, ended by an ellipsis
	Importance widget.Importance
	SizeName   fyne.ThemeSizeName // theme.SizeNameText when empty
	// OwnDirection makes the text read in the direction of its first
	// strong letter and align to that direction's start, whatever the
	// interface's direction (as dir="auto" in HTML): for text a person
	// types, which may be Latin on an Arabic screen or Arabic on a Latin
	// one. Alignment is then not used.
	OwnDirection bool
}

// NewLabel returns a Label showing text.
func NewLabel(text string) *Label {
	l := &Label{Text: text}
	l.ExtendBaseWidget(l)
	return l
}

// SetText changes the text shown.
func (l *Label) SetText(s string) {
	l.Text = s
	l.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (l *Label) CreateRenderer() fyne.WidgetRenderer {
	r := &labelRenderer{l: l, plain: widget.NewLabel(""), box: container.NewWithoutLayout()}
	r.Refresh()
	return r
}

type labelRenderer struct {
	l     *Label
	plain *widget.Label   // text without right-to-left letters
	box   *fyne.Container // one canvas.Text per run otherwise

	// The last layout, kept for MinSize and reused while nothing changed.
	key   layoutKey
	lines []Line

	metricsCache map[metricsKey]lineMetrics
}

type metricsKey struct {
	bold bool
	size float32
}

type lineMetrics struct {
	asc, desc float32
	fontAsc   [2]float32
}

type layoutKey struct {
	text  string
	style fyne.TextStyle
	size  float32
	width float32
	rtl   bool
	cut   bool
	own   bool
}

func (r *labelRenderer) bidi() bool { return HasRTL(r.l.Text) }

func (r *labelRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.plain, r.box}
}

func (r *labelRenderer) Destroy() {}

func (r *labelRenderer) th() fyne.Theme { return theme.CurrentForWidget(r.l) }

func (r *labelRenderer) textSize() float32 {
	n := r.l.SizeName
	if n == "" {
		n = theme.SizeNameText
	}
	return r.th().Size(n)
}

// layout returns the lines for the label's text within width (the text's
// own width, padding excluded; 0 for no wrapping).
func (r *labelRenderer) layout(width float32) []Line {
	fullWidth := width
	if r.l.Wrapping == fyne.TextWrapOff {
		width = 0
	}
	cut := r.l.Truncation != fyne.TextTruncateOff && r.l.Wrapping == fyne.TextWrapOff
	if cut {
		width = fullWidth
	}
	own := r.l.OwnDirection
	k := layoutKey{r.l.Text, r.l.TextStyle, r.textSize(), width, RightToLeft() && !own, cut, own}
	if k != r.key || r.lines == nil {
		r.key, r.lines = k, Layout(k.text, k.size, facesFor(k.style), width, k.rtl, cut)
	}
	return r.lines
}

// metrics returns the ascent and descent of the line and of each font:
// Fyne draws a run's text with its baseline at its font's ascent from the
// top, so runs in the two fonts line up on the line's baseline when each
// is moved down by the difference.
func (r *labelRenderer) metrics() (asc, desc float32, fontAsc [2]float32) {
	k := metricsKey{r.l.TextStyle.Bold, r.textSize()}
	if m, ok := r.metricsCache[k]; ok {
		return m.asc, m.desc, m.fontAsc
	}
	defer func() {
		if r.metricsCache == nil {
			r.metricsCache = map[metricsKey]lineMetrics{}
		}
		r.metricsCache[k] = lineMetrics{asc, desc, fontAsc}
	}()
	f := facesFor(r.l.TextStyle)
	for i, face := range []*font.Face{f.Latin, f.Arabic} {
		out := (&shaping.HarfbuzzShaper{}).Shape(shaping.Input{Text: []rune{' '}, RunEnd: 1, Face: face, Size: toFixed(r.textSize())})
		a, d := fromFixed(out.LineBounds.Ascent), fromFixed(out.LineBounds.LineThickness()-out.LineBounds.Ascent)
		fontAsc[i] = a
		asc, desc = max(asc, a), max(desc, d)
	}
	return asc, desc, fontAsc
}

func (r *labelRenderer) lineHeight() float32 {
	a, d, _ := r.metrics()
	return a + d
}

func (r *labelRenderer) MinSize() fyne.Size {
	if !r.bidi() {
		return r.plain.MinSize()
	}
	pad := r.th().Size(theme.SizeNameInnerPadding)
	width := r.l.Size().Width - 2*pad
	if width <= 0 {
		width = 0
	}
	lines := r.layout(width)
	w := float32(0)
	if r.l.Wrapping == fyne.TextWrapOff && r.l.Truncation == fyne.TextTruncateOff {
		for _, ln := range lines {
			w = max(w, ln.Width)
		}
	}
	n := float32(len(lines))
	h := n*r.lineHeight() + (n-1)*r.th().Size(theme.SizeNameLineSpacing)
	return fyne.NewSize(w+2*pad, h+2*pad)
}

func (r *labelRenderer) Layout(size fyne.Size) {
	r.plain.Resize(size)
	r.box.Resize(size)
	if !r.bidi() {
		return
	}
	th := r.th()
	pad := th.Size(theme.SizeNameInnerPadding)
	lines := r.layout(max(size.Width-2*pad, 0))
	lh, gap := r.lineHeight(), th.Size(theme.SizeNameLineSpacing)

	asc, _, fontAsc := r.metrics()
	latin, arabic := theme.DefaultTextFont(), naskhRegular
	if r.l.TextStyle.Bold {
		latin, arabic = theme.DefaultTextBoldFont(), naskhBold
	}
	c := r.colour()
	var texts []fyne.CanvasObject
	for i, ln := range lines {
		x := pad
		switch r.alignment() {
		case fyne.TextAlignTrailing:
			x = size.Width - pad - ln.Width
		case fyne.TextAlignCenter:
			x = (size.Width - ln.Width) / 2
		}
		top := pad + float32(i)*(lh+gap)
		for _, run := range ln.Runs {
			t := r.text(len(texts))
			// Each run names its font: Fyne measures a canvas.Text with
			// the app's theme unless it has a FontSource, and a text
			// measured with one font and drawn with another is cut off.
			t.Text, t.TextStyle, t.TextSize, t.Color = run.Text, r.l.TextStyle, r.textSize(), c
			t.FontSource, t.Alignment = latin, fyne.TextAlignLeading
			y := top + asc - fontAsc[0]
			if run.Arabic {
				t.FontSource, y = arabic, top+asc-fontAsc[1]
			}
			t.Move(fyne.NewPos(x, y))
			t.Resize(t.MinSize())
			t.Refresh()
			texts = append(texts, t)
			x += run.Width
		}
	}
	r.box.Objects = texts
}

// alignment is where the label's lines go in the current direction.
func (r *labelRenderer) alignment() fyne.TextAlign {
	switch {
	case !r.l.OwnDirection:
		return Align(r.l.Alignment)
	case BaseRightToLeft(r.l.Text):
		return fyne.TextAlignTrailing
	}
	return fyne.TextAlignLeading
}

// text returns the i-th canvas.Text of the box, reusing those it has.
func (r *labelRenderer) text(i int) *canvas.Text {
	if i < len(r.box.Objects) {
		return r.box.Objects[i].(*canvas.Text)
	}
	return canvas.NewText("", color.Black)
}

// colour is the colour widget.Label gives the label's importance.
func (r *labelRenderer) colour() color.Color {
	n := theme.ColorNameForeground
	switch r.l.Importance {
	case widget.HighImportance:
		n = theme.ColorNamePrimary
	case widget.LowImportance:
		n = theme.ColorNameDisabled
	case widget.DangerImportance:
		n = theme.ColorNameError
	case widget.WarningImportance:
		n = theme.ColorNameWarning
	case widget.SuccessImportance:
		n = theme.ColorNameSuccess
	}
	return r.th().Color(n, fyne.CurrentApp().Settings().ThemeVariant())
}

func (r *labelRenderer) Refresh() {
	l := r.l
	bidi := r.bidi()
	p := r.plain
	if !bidi {
		p.Text, p.TextStyle, p.Wrapping, p.Importance, p.SizeName = l.Text, l.TextStyle, l.Wrapping, l.Importance, l.SizeName
		p.Truncation = l.Truncation
		p.Alignment = r.alignment()
		p.Show()
		r.box.Hide()
		p.Refresh()
		return
	}
	p.Hide()
	r.box.Show()
	r.Layout(l.Size())
	r.box.Refresh()
}
