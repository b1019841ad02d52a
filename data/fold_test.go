package data

import (
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Jürgen STOCK", "jurgen stock"},
		{"Côte d'Ivoire", "cote divoire"},
		{"Łódź", "lodz"},
		{"Øyvind Ødegård", "oyvind odegard"},
		{"Guðrún Jónsdóttir", "gudrun jonsdottir"},
		{"Nguyễn Thị Hương", "nguyen thi huong"},
		{"Straße", "strasse"},
		{"  O'Brien-Smith  ", "obrien smith"},
		{"Şahin Çelik", "sahin celik"},
		{"Dvořák", "dvorak"},
		{"İstanbul", "istanbul"},
		{"محمد", "محمد"}, // scripts without case stay as they are
		{"", ""},
		{"---", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldTokensSplitsApostrophes(t *testing.T) {
	got := FoldTokens("Côte d'Ivoire")
	for _, w := range []string{"cote", "divoire", "d", "ivoire"} {
		if !slices.Contains(got, w) {
			t.Errorf("FoldTokens(Côte d'Ivoire) = %v, lacks %q", got, w)
		}
	}
}

func BenchmarkFoldDiacritics(b *testing.B) {
	for b.Loop() {
		Fold("Nguyễn Thị Hương, Ministry of Public Security")
	}
}
