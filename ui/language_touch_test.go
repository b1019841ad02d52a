package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"kiosk/data/datatest"
)

// A switch of language words the keyboard, touch browsing, My day, the
// take-away codes and the board again at once, and back.
func TestLanguageSwitchRewordsTouchAndTakeAway(t *testing.T) {
	english(t)
	k := newMyDayKiosk(t)
	k.Programme.Open(datatest.CyberID)
	want := func(lang string, got map[string]string) {
		t.Helper()
		for what, text := range got {
			if text != wantTexts[lang][what] {
				t.Errorf("%s %s: %q, want %q", lang, what, text, wantTexts[lang][what])
			}
		}
	}
	texts := func() map[string]string {
		return map[string]string{
			"space":    k.Keyboard.Space.Text,
			"hide":     k.Keyboard.Close.Text,
			"all":      k.Directory.Browse.All.Text,
			"next":     k.Directory.Browse.Next.Text,
			"myday":    k.Home.MyDay.Text,
			"prompt":   k.MyDay.Heading.Text,
			"calendar": k.Programme.Detail.Calendar.Button.Text,
			"email":    k.Directory.Detail.Contact.emailCaption.Text,
			"board":    k.Board.Hint.Text,
		}
	}
	want("en", texts())
	test.Tap(k.Home.Languages["fr"])
	want("fr", texts())
	test.Tap(k.Home.Languages["es"])
	want("es", texts())
	test.Tap(k.Home.Languages["en"])
	want("en", texts())
}

var wantTexts = map[string]map[string]string{
	"en": {"space": "space", "hide": "Hide keyboard", "all": "All", "next": "Next", "myday": "My day",
		"prompt": "Scan the QR code on your badge", "calendar": "Add to my calendar", "email": "Email",
		"board": "Delegates: scan your badge here to check your delegation in."},
	"fr": {"space": "espace", "hide": "Masquer le clavier", "all": "Tous", "next": "Suivant", "myday": "Ma journée",
		"prompt": "Scannez le code QR de votre badge", "calendar": "Ajouter à mon agenda", "email": "Courriel",
		"board": "Délégués : scannez votre badge ici pour enregistrer la présence de votre délégation."},
	"es": {"space": "espacio", "hide": "Ocultar el teclado", "all": "Todos", "next": "Siguiente", "myday": "Mi día",
		"prompt": "Escanee el código QR de su credencial", "calendar": "Añadir a mi calendario", "email": "Correo electrónico",
		"board": "Delegados: escaneen su credencial aquí para registrar a su delegación."},
}
