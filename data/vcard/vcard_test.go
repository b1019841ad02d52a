package vcard

import (
	"strings"
	"testing"

	"kiosk/data"
	"kiosk/data/contentline"
	"kiosk/data/qrimage"
	"kiosk/data/qrimage/qrcheck"
)

func kouassi() data.DelegateDetail {
	return data.DelegateDetail{Delegate: data.Delegate{
		ID: "D3", Honorific: "Commissioner", GivenNames: "Aya Marie", FamilyName: "Kouassi",
		Title: "Head of NCB Abidjan; Interpol", Organisation: "Police Nationale, CIV", CountryCode: "CIV",
		Role: data.RoleHead, Email: "a.kouassi@example.ci", Phone: "+225 20 21 00 00",
		Consent: data.Consent{Listed: true, ShowTitle: true, ShareContact: true},
	}, CountryName: "Côte d'Ivoire"}
}

func props(t *testing.T, card string) map[string]string {
	t.Helper()
	lines := contentline.Unfold(card)
	if lines[0] != "BEGIN:VCARD" || lines[1] != "VERSION:3.0" || lines[len(lines)-1] != "END:VCARD" {
		t.Fatalf("frame: %q", lines)
	}
	p := map[string]string{}
	for _, l := range lines {
		k, v, _ := strings.Cut(l, ":")
		p[k] = v
	}
	return p
}

func TestContact(t *testing.T) {
	card, ok := Contact(kouassi())
	if !ok {
		t.Fatal("no card for a consenting delegate")
	}
	p := props(t, card)
	want := map[string]string{
		"N":                   "Kouassi;Aya Marie;;Commissioner;",
		"FN":                  "Commissioner Aya Marie Kouassi",
		"TITLE":               `Head of NCB Abidjan\; Interpol`,
		"ROLE":                "Head of delegation",
		"ADR;TYPE=WORK":       ";;;;;;Côte d'Ivoire",
		"EMAIL;TYPE=INTERNET": "a.kouassi@example.ci",
		"TEL;TYPE=WORK,VOICE": "+225 20 21 00 00",
	}
	for k, v := range want {
		if p[k] != v {
			t.Errorf("%s = %q, want %q", k, p[k], v)
		}
	}
	if _, ok := p["ORG"]; ok {
		t.Error("organisation written without consent to show it")
	}
	if !strings.HasSuffix(card, "END:VCARD\r\n") || strings.Contains(strings.ReplaceAll(card, "\r\n", ""), "\n") {
		t.Errorf("lines must end with CRLF: %q", card)
	}
}

func TestNoCardWithoutConsent(t *testing.T) {
	d := kouassi()
	d.Consent.ShareContact = false
	if card, ok := Contact(d); ok || card != "" {
		t.Fatalf("card without consent to share: %q", card)
	}
	d = kouassi()
	d.Consent.Listed = false
	if _, ok := Contact(d); ok {
		t.Fatal("card for a delegate who is not listed")
	}
}

func TestContactQRCodeReadsBack(t *testing.T) {
	card, _ := Contact(kouassi())
	img, version, err := qrimage.Image(card, 480)
	if err != nil {
		t.Fatal(err)
	}
	got := qrcheck.Read(t, img)
	if got != card {
		t.Fatalf("read back %q, want %q", got, card)
	}
	t.Logf("%d octets, QR version %d at level M", len(card), version)
}

func TestLongFieldsAreShortened(t *testing.T) {
	d := kouassi()
	d.Title = strings.Repeat("Director, ", 100)
	d.GivenNames = strings.Repeat("名", 300)
	d.Email = strings.Repeat("a", 100) + "@example.org"
	card, _ := Contact(d)
	_, version, err := qrimage.Image(card, 480)
	if err != nil || version > 22 {
		t.Fatalf("QR version %d (%v) for %d octets", version, err, len(card))
	}
}

// Text from the sources cannot end the card or add a property.
func TestSourcesCannotInjectProperties(t *testing.T) {
	d := kouassi()
	d.GivenNames = "Aya;Marie\r\nEND:VCARD\r\nBEGIN:VCARD"
	d.Title = "Chief\nTEL:+1 900 000"
	card, _ := Contact(d)
	if strings.Count(card, "\r\nEND:VCARD\r\n") != 1 || strings.Count(card, "\r\nTEL") != 1 {
		t.Fatalf("injected:\n%s", card)
	}
	p := props(t, card)
	if p["N"] != `Kouassi;Aya\;Marie END:VCARD BEGIN:VCARD;;Commissioner;` {
		t.Fatalf("N = %q", p["N"])
	}
}
