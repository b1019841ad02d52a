package rtl

import (
	"bytes"
	"sync"

	"fyne.io/fyne/v2"
	"github.com/go-text/typesetting/font"

	"kiosk/assets/fonts"
)

// The Arabic font, embedded so that Arabic looks the same on every kiosk
// whatever fonts the system has (Fyne would otherwise fall back to any
// system font that has the letters, or draw boxes).
var (
	naskhRegular = fyne.NewStaticResource("NotoNaskhArabic-Regular.ttf", fonts.NaskhRegular)
	naskhBold    = fyne.NewStaticResource("NotoNaskhArabic-Bold.ttf", fonts.NaskhBold)
)

// arabicTheme serves the Arabic font as the text font. Fyne looks each
// character up in the theme's font first and then in its own Noto Sans,
// so Arabic comes from Noto Naskh Arabic and Latin letters, which that
// font does not have, still from Noto Sans.
type arabicTheme struct{ fyne.Theme }

// WithArabic returns base with the Arabic font in front of its text fonts;
// colours, sizes and icons stay base's. The kiosk's app theme is this in
// Arabic, and Label draws Arabic text with it in any language.
func WithArabic(base fyne.Theme) fyne.Theme {
	if a, ok := base.(arabicTheme); ok {
		return a
	}
	return arabicTheme{base}
}

func (t arabicTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return t.Theme.Font(s)
	}
	if s.Bold {
		return naskhBold
	}
	return naskhRegular
}

// facesFor returns the faces Fyne draws style with under arabicTheme, for
// laying text out with the same metrics.
func facesFor(s fyne.TextStyle) Faces {
	facesOnce.Do(func() {
		parsed = [2]Faces{
			{Arabic: parse(fonts.NaskhRegular), Latin: parse(fonts.Regular)},
			{Arabic: parse(fonts.NaskhBold), Latin: parse(fonts.Bold)},
		}
	})
	if s.Bold {
		return parsed[1]
	}
	return parsed[0]
}

var (
	facesOnce sync.Once
	parsed    [2]Faces
)

func parse(b []byte) *font.Face {
	f, err := font.ParseTTF(bytes.NewReader(b))
	if err != nil {
		panic("rtl: embedded font: " + err.Error()) // the embedded bytes are fixed
	}
	return f
}
