// Package fonts holds the fonts the staff tool embeds in printed badges.
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
