// Package translations holds the kiosk's interface texts in its four
// languages, one go-i18n JSON file per language (the format Fyne's lang
// package reads): en.json, fr.json, es.json, ar.json.
package translations

import "embed"

// FS holds the translation files.
//
//go:embed *.json
var FS embed.FS
