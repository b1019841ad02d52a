package main

import (
	"strings"
	"testing"

	"kiosk/data/importer"
)

// Each phase of an import ends on its own line: a shorter phase name
// redrawn over a longer one left its end behind ("Installing: 100%undle").
func TestImportProgressGivesEachPhaseItsLine(t *testing.T) {
	var out strings.Builder
	progress := progressLine(&out)
	for _, p := range []importer.Phase{importer.PhaseVerifying, importer.PhaseInstalling} {
		for done := 0; done <= 4; done++ {
			progress(p, done, 4)
		}
	}
	lines := strings.Split(out.String(), "\n")
	if len(lines) != 2 {
		t.Fatalf("progress %q: want one line per phase", out.String())
	}
	for i, p := range []importer.Phase{importer.PhaseVerifying, importer.PhaseInstalling} {
		shown := lines[i][strings.LastIndex(lines[i], "\r")+1:]
		if want := string(p) + ": 100%"; shown != want {
			t.Fatalf("line %d ends as %q, want %q", i, shown, want)
		}
	}
}
