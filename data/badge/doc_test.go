package badge

import (
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"testing"
)

const docPath = "../../docs/badge-format.md"

// layoutTables renders the tables of docs/badge-format.md that show which
// key types what, from the layout tables Normalize uses.
func layoutTables(t testing.TB) string {
	var b strings.Builder
	safe := []*layout{layoutUS, layoutUK, layoutFR, layoutDE}
	b.WriteString("| Character | Key | US | UK | AZERTY (FR) | QWERTZ (DE) | Dvorak |\n")
	b.WriteString("| --- | --- | --- | --- | --- | --- | --- |\n")
	for _, r := range alphabet {
		k, level := findKey(layoutUS, r)
		if k < 0 || level != 1 {
			t.Fatalf("US does not type %q with Shift", r)
		}
		fmt.Fprintf(&b, "| `%c` | %s |", r, keyNames[k])
		for _, l := range append(safe, layoutDvorak) {
			fmt.Fprintf(&b, " `%c` |", l.shift[k])
		}
		b.WriteString("\n")
	}
	b.WriteString("\nThe letters left out, typed by a US scanner on each host:\n\n")
	b.WriteString("| Character | Key | US | UK | AZERTY (FR) | QWERTZ (DE) |\n")
	b.WriteString("| --- | --- | --- | --- | --- | --- |\n")
	for _, r := range "AMQWYZ" {
		k, _ := findKey(layoutUS, r)
		fmt.Fprintf(&b, "| `%c` | %s |", r, keyNames[k])
		for _, l := range safe {
			fmt.Fprintf(&b, " `%c` |", l.shift[k])
		}
		b.WriteString("\n")
	}
	return b.String()
}

// layoutRows renders the key tables as the documentation lists them: per
// layout, the unshifted and shifted characters of the 48 keys in keyNames
// order, a space between keyboard rows.
func layoutRows() string {
	var b strings.Builder
	row := func(keys [numKeys]rune) string {
		var parts []string
		for _, r := range [][2]int{{0, 13}, {13, 26}, {26, 37}, {37, 48}} {
			parts = append(parts, string(keys[r[0]:r[1]]))
		}
		return strings.Join(parts, " ")
	}
	for _, l := range []*layout{layoutUS, layoutUK, layoutFR, layoutDE, layoutDvorak} {
		fmt.Fprintf(&b, "%-7s plain  %s\n", l.name, row(l.plain))
		fmt.Fprintf(&b, "%-7s shift  %s\n", "", row(l.shift))
	}
	return b.String()
}

// TestDocMatchesCode keeps docs/badge-format.md honest: its tables and
// worked example must be what the code does.
func TestDocMatchesCode(t *testing.T) {
	raw, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	tok := issue(t, privA, testClaims)
	b := tokenBytes(t, tok)
	payload := b[:len(b)-sigLen]
	want := map[string]string{
		"layout tables":      layoutTables(t),
		"key tables":         layoutRows(),
		"token":              tok,
		"payload hex":        hex.EncodeToString(payload),
		"signature hex":      hex.EncodeToString(b[len(b)-sigLen:]),
		"signed message hex": hex.EncodeToString(signedMessage(testEvent, payload)),
		"seed":               hex.EncodeToString(seedA[:]),
		"public key":         hex.EncodeToString(pubA),
		"Dvorak scan":        typeOn(t, layoutUS, layoutDvorak, tok),
		"QR version":         fmt.Sprintf("version %d", docQRVersion),
		"alphabet":           "`" + alphabet + "`",
		"prefix":             "`" + Prefix + "`",
		"domain":             `kiosk-badge-v1\x00`,
	}
	for name, s := range want {
		if !strings.Contains(doc, s) {
			t.Errorf("%s does not contain the %s:\n%s", docPath, name, s)
		}
	}
}
