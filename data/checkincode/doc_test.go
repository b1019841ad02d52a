package checkincode

import (
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"testing"

	"kiosk/data/badge"
)

const docPath = "../../docs/checkin-code-format.md"

// workedExample renders the worked example of docs/checkin-code-format.md
// from the first vector, field by field, so that the document shows the
// bytes the code writes.
func workedExample(t testing.TB) string {
	c := vecCheckIn(vecPrivA)
	code := writeCode(t, vecPrivA, c)
	b, ok := badge.DecodeText(Prefix, code)
	if !ok {
		t.Fatal("the example is not a code")
	}
	field := func(from, to int) string { return hex.EncodeToString(b[from:to]) }
	var w strings.Builder
	w.WriteString("| field | hex | value |\n| --- | --- | --- |\n")
	rows := []struct {
		name     string
		from, to int
		value    string
	}{
		{"version", 0, 1, "1"},
		{"event tag", 1, 5, "SHA-256(`" + c.EventID + "`), first 4 bytes"},
		{"kiosk key id", 5, 13, "key A's key id"},
		{"check-in id", 13, 29, "`" + c.ID + "`"},
		{"sequence number", 29, 33, fmt.Sprint(c.Seq)},
		{"hybrid logical clock", 33, 41, fmt.Sprintf("%d = %d × 65,536 + %d", c.HLC, c.HLC>>16, c.HLC&0xffff)},
		{"scan time", 41, 47, fmt.Sprintf("%d ms = %s", c.ScannedAt.UnixMilli(), c.ScannedAt.Format("2006-01-02T15:04:05.000Z"))},
		{"purpose", 47, 48, "2, session"},
		{"flags", 48, 49, "none: scanned, clock believed"},
		{"badge serial", 49, 53, fmt.Sprint(c.BadgeSerial)},
	}
	for _, r := range rows {
		fmt.Fprintf(&w, "| %s | `%s` | %s |\n", r.name, field(r.from, r.to), r.value)
	}
	pos := headerLen
	for _, f := range []struct{ name, text string }{{"delegate id", c.DelegateID}, {"session id", c.SessionID}, {"room id", c.RoomID}} {
		n := len(f.text)
		fmt.Fprintf(&w, "| %s | `%s` | %d bytes, `%s` |\n", f.name, field(pos, pos+1+n), n, f.text)
		pos += 1 + n
	}
	fmt.Fprintf(&w, "| signature | `%s` | 64 bytes |\n", field(pos, len(b)))
	fmt.Fprintf(&w, "\nThe signature is key A's over `%s` (`kiosk-checkin-v1`, 0x00), `%02x` (the event id's length), `%s` (`%s`), then the %d bytes above before it.\n",
		hex.EncodeToString([]byte(domain)), len(c.EventID), hex.EncodeToString([]byte(c.EventID)), c.EventID, pos)
	fmt.Fprintf(&w, "\nThe text, %d letters:\n\n```\n%s\n```\n", len(code), code)
	return w.String()
}

// The worked example in the document is what the code writes.
func TestDocumentShowsTheWorkedExample(t *testing.T) {
	doc, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	want := workedExample(t)
	if !strings.Contains(string(doc), want) {
		t.Fatalf("%s does not hold the worked example as the code writes it:\n\n%s", docPath, want)
	}
}
