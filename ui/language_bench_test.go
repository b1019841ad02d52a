package ui

import "testing"

// BenchmarkLanguageSwitch is one touch on a language button: every screen
// re-rendered and its data read again in the new language (the fixture
// event, reads inline).
func BenchmarkLanguageSwitch(b *testing.B) {
	english(b)
	k := newTestKiosk(b)
	langs := []string{"fr", "ar", "es", "en"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k.SetLanguage(langs[i%len(langs)])
	}
}
