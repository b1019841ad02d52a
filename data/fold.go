package data

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// letterFolds covers letters that carry no combining mark in Unicode and so
// survive decomposition: a delegate typing "lodz" must find "Łódź".
var letterFolds = map[rune]string{
	'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'ħ': "h", 'ı': "i", 'ŀ': "l",
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th", 'ŧ': "t", 'ŋ': "n", 'ə': "e",
	'ʻ': "", 'ʼ': "", '’': "", '‘': "", '\'': "", '`': "",
}

// Fold turns text into the form searches compare: lower case, accents and
// other marks removed, punctuation turned into spaces, runs of spaces
// squeezed. Apostrophes vanish rather than split, so "d'Ivoire" folds to
// "divoire"; callers that also want the split form add it themselves.
func Fold(s string) string {
	if isPlainASCII(s) {
		return foldASCII(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true // drop leading spaces
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		if f, ok := letterFolds[r]; ok {
			b.WriteString(f)
			space = false
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimRight(b.String(), " ")
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func foldASCII(s string) string {
	b := make([]byte, 0, len(s))
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
			space = false
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b = append(b, c)
			space = false
		case c == '\'' || c == '`':
			// apostrophes join: "O'Brien" -> "obrien"
		default:
			if !space {
				b = append(b, ' ')
				space = true
			}
		}
	}
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return string(b)
}

// FoldTokens folds s and splits it into words. Words joined by an
// apostrophe are also given apart ("d'Ivoire" gives "divoire", "d" and
// "ivoire"), so either way of typing finds them.
func FoldTokens(s string) []string {
	toks := strings.Fields(Fold(s))
	if strings.ContainsAny(s, "'’‘ʼʻ`") {
		toks = append(toks, strings.Fields(Fold(strings.NewReplacer("'", " ", "’", " ", "‘", " ", "ʼ", " ", "ʻ", " ", "`", " ").Replace(s)))...)
	}
	return toks
}
