package data

import "context"

// Content languages: bundle content (session titles and descriptions,
// room and country names) may carry a translation in each of these, in
// source columns named after the field and the code ("title_fr"). The
// plain column ("title") is in the event's first working language and is
// what a kiosk shows where a translation is missing.
var ContentLanguages = []string{"en", "fr", "es", "ar"}

// Texts are a field's translations, by content language code. Nil when
// there are none.
type Texts map[string]string

// In is the translation for lang, or base when there is none.
func (t Texts) In(lang, base string) string {
	if s := t[lang]; s != "" {
		return s
	}
	return base
}

type langKey struct{}

// WithLanguage asks the reads made with ctx for content in lang: the
// Programme and Directory interfaces then give titles and names in it,
// falling back to the sources' plain columns. The language travels in the
// context so that every read of a screen follows the kiosk's language
// switch without each interface method taking one more argument.
func WithLanguage(ctx context.Context, lang string) context.Context {
	return context.WithValue(ctx, langKey{}, lang)
}

// LanguageOf is the content language ctx asks for, "" for the plain
// columns.
func LanguageOf(ctx context.Context) string {
	s, _ := ctx.Value(langKey{}).(string)
	return s
}
