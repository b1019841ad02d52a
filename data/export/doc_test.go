package export

import (
	"encoding/base64"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"kiosk/data"
	"kiosk/data/checkincode"
)

const docPath = "../../docs/checkin-export-format.md"

// workedExample renders the worked example of
// docs/checkin-export-format.md: kiosk A's export of one check-in of its
// own, signed as a kiosk signs it when it exports.
func workedExample(t testing.TB) string {
	c := vecCheckIns(t)[0]
	sig, err := checkincode.Sign(vecEvent, vecPrivA, c)
	if err != nil {
		t.Fatal(err)
	}
	c.Signature = sig
	file, err := encode(vecEvent, vecPrivA, vecKioskID(vecPrivA), []data.CheckIn{c}, time.Date(2026, 11, 8, 10, 15, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	p64, _, err := splitEnvelope(file)
	if err != nil {
		t.Fatal(err)
	}
	pb, _ := base64.StdEncoding.DecodeString(string(p64))
	return fmt.Sprintf("The payload, %d bytes:\n\n```\n%s\n```\n\nThe file, %d bytes:\n\n```\n%s\n```\n", len(pb), pb, len(file), file)
}

// The worked example in the document is what the writer writes.
func TestDocumentShowsTheWorkedExample(t *testing.T) {
	doc, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	want := workedExample(t)
	if !strings.Contains(string(doc), want) {
		t.Fatalf("%s does not hold the worked example as the writer writes it:\n\n%s", docPath, want)
	}
	// And the reader reads it.
	start := strings.Index(want, "The file")
	file := strings.TrimSuffix(want[strings.Index(want[start:], "```\n")+start+4:], "\n```\n")
	if _, err := ReadBytes("example", []byte(file), ReadOptions{EventID: vecEvent}); err != nil {
		t.Fatal(err)
	}
}
