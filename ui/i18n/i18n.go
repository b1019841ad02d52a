// Package i18n is the kiosk's interface language: the texts of
// assets/translations in English, French, Spanish and Arabic, chosen at
// run time.
//
// Fyne's lang package reads the same go-i18n files but picks the
// language once, from the system locale; a kiosk must switch when a
// delegate touches a language button and switch back on its idle reset.
// So this package keeps one go-i18n localizer per language and a current
// one. It holds no widgets: screens ask it for texts and re-render when
// the kiosk says the language changed.
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"

	"kiosk/assets/translations"
)

// Language is one of the kiosk's interface languages.
type Language struct {
	Code string // ISO 639-1: "en", "fr", "es", "ar"
	Name string // its own name, as its button shows it: "Français"
	RTL  bool   // written right to left
}

// Languages are the interface languages, in the order of Home's buttons.
var Languages = []Language{
	{Code: "en", Name: "English"},
	{Code: "fr", Name: "Français"},
	{Code: "es", Name: "Español"},
	{Code: "ar", Name: "العربية", RTL: true},
}

// Fallback is the language used when the event names none the kiosk has.
const Fallback = "en"

var (
	mu         sync.RWMutex
	current    = Fallback
	def        = Fallback
	localizers map[string]*i18n.Localizer
	loadErr    error
	loadOnce   sync.Once
)

// load reads every translation file once. A broken file is a build
// mistake that the tests catch; at run time the kiosk then shows the
// English fallback texts rather than failing.
func load() {
	loadOnce.Do(func() {
		b := i18n.NewBundle(language.English)
		b.RegisterUnmarshalFunc("json", json.Unmarshal)
		localizers = map[string]*i18n.Localizer{}
		for _, l := range Languages {
			raw, err := fs.ReadFile(translations.FS, l.Code+".json")
			if err == nil {
				_, err = b.ParseMessageFileBytes(raw, l.Code+".json")
			}
			if err != nil && loadErr == nil {
				loadErr = fmt.Errorf("translations %s.json: %w", l.Code, err)
			}
			localizers[l.Code] = i18n.NewLocalizer(b, l.Code)
		}
	})
}

// LoadError is the first translation file that could not be read, if any.
func LoadError() error { load(); return loadErr }

// Known reports whether code is one of the interface languages.
func Known(code string) bool {
	for _, l := range Languages {
		if l.Code == code {
			return true
		}
	}
	return false
}

// Set makes code the current language; an unknown code is refused.
func Set(code string) error {
	if !Known(code) {
		return fmt.Errorf("%q is not one of the kiosk's languages", code)
	}
	mu.Lock()
	current = code
	mu.Unlock()
	return nil
}

// Current is the language on screen now.
func Current() string {
	mu.RLock()
	defer mu.RUnlock()
	return current
}

// IsRTL reports whether the current language is written right to left,
// for layouts that mirror.
func IsRTL() bool {
	c := Current()
	for _, l := range Languages {
		if l.Code == c {
			return l.RTL
		}
	}
	return false
}

// DefaultFor is the default language of an event whose working languages
// are codes: the first the kiosk has, else Fallback.
func DefaultFor(codes []string) string {
	for _, c := range codes {
		if c = strings.ToLower(strings.TrimSpace(c)); Known(c) {
			return c
		}
	}
	return Fallback
}

// SetDefault sets the language the kiosk returns to on its idle reset.
func SetDefault(code string) {
	if !Known(code) {
		code = Fallback
	}
	mu.Lock()
	def = code
	mu.Unlock()
}

// Default is the language the kiosk returns to on its idle reset.
func Default() string {
	mu.RLock()
	defer mu.RUnlock()
	return def
}

// Args are a text's placeholders: {{.Name}} in the file takes Args{"Name": v}.
type Args map[string]any

// T is the text key in the current language.
func T(key string, args ...Args) string { return In(Current(), key, args...) }

// N is the text key for count in the current language, in the plural
// form the language uses for that count; {{.Count}} is count written in
// the language's conventions.
func N(key string, count int, args ...Args) string {
	return NIn(Current(), key, count, args...)
}

// In is the text key in language code.
func In(code, key string, args ...Args) string {
	return localize(code, &i18n.LocalizeConfig{MessageID: key}, args)
}

// NIn is N in language code.
func NIn(code, key string, count int, args ...Args) string {
	a := Args{}
	for _, m := range args {
		for k, v := range m {
			a[k] = v
		}
	}
	a["Count"] = NumberIn(code, count)
	return localize(code, &i18n.LocalizeConfig{MessageID: key, PluralCount: count}, []Args{a})
}

func localize(code string, cfg *i18n.LocalizeConfig, args []Args) string {
	load()
	if len(args) > 0 {
		cfg.TemplateData = map[string]any(args[0])
	}
	l := localizers[code]
	if l == nil {
		l = localizers[Fallback]
	}
	s, err := l.Localize(cfg)
	if err != nil && code != Fallback {
		// A text missing in one language shows in English rather than as
		// a key; the tests make sure none is missing.
		return localize(Fallback, cfg, args)
	}
	if err != nil {
		return cfg.MessageID
	}
	return s
}

// tag is the x/text tag for a language's conventions. Arabic keeps
// Western digits ("nu-latn"): times, dates, room numbers and badge
// serials then read the same in every language, as is usual on the
// screens of international organisations.
func tag(code string) language.Tag {
	if code == "ar" {
		return language.MustParse("ar-u-nu-latn")
	}
	return language.Make(code)
}

// List joins items as a list in the current language: "English,
// French" and, in Arabic, with the Arabic comma: "الإنجليزية، الفرنسية".
func List(items []string) string {
	if Current() == "ar" {
		return strings.Join(items, "، ")
	}
	return strings.Join(items, ", ")
}

// Number writes n in the current language's conventions: 1,234 in
// English, 1 234 in French, 1.234 in Spanish.
func Number(n int) string { return NumberIn(Current(), n) }

// NumberIn writes n in language code's conventions.
func NumberIn(code string, n int) string {
	return message.NewPrinter(tag(code)).Sprintf("%d", n)
}

// LanguageName names a language (an ISO 639-1 code such as an event's
// interpretation language) in the current language: "anglais" in French.
// An unknown code is shown in capitals.
func LanguageName(code string) string {
	t, err := language.Parse(code)
	if err != nil {
		return strings.ToUpper(code)
	}
	name := display.Languages(tag(Current())).Name(t)
	if name == "" {
		return strings.ToUpper(code)
	}
	return name
}
