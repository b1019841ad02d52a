// Package fonts holds the fonts the staff tool embeds in printed badges
// and the Arabic font the kiosk screens draw Arabic with.
// The PDF's core fonts cannot print most of the letters delegates' names
// use, so the badges carry a Unicode font of their own. See README.md for
// the source and licence.
package fonts

import _ "embed"

// Regular is Noto Sans Regular (TrueType).
//
//go:embed NotoSans-Regular.ttf
var Regular []byte

// Bold is Noto Sans Bold (TrueType).
//
//go:embed NotoSans-Bold.ttf
var Bold []byte

// NaskhRegular is Noto Naskh Arabic Regular (TrueType): the kiosk's
// screens draw Arabic with it, since Noto Sans has no Arabic letters.
//
//go:embed NotoNaskhArabic-Regular.ttf
var NaskhRegular []byte

// NaskhBold is Noto Naskh Arabic Bold (TrueType).
//
//go:embed NotoNaskhArabic-Bold.ttf
var NaskhBold []byte
