package main

import (
	"io"
	"strings"
	"testing"
)

// --purpose board is a purpose the kiosk takes; a wrong one is refused
// naming every purpose there is.
func TestPurposeBoardFlag(t *testing.T) {
	o, err := parseFlags([]string{"--purpose", "board", "--room", "nusa-dua-hall"}, io.Discard)
	if err != nil || o.purpose != "board" || o.room != "nusa-dua-hall" {
		t.Fatalf("--purpose board: %+v %v", o, err)
	}
	if _, err := parseFlags([]string{"--purpose", "scoreboard"}, io.Discard); err == nil ||
		!strings.Contains(err.Error(), "want arrival, session, plenary or board") {
		t.Fatalf("--purpose scoreboard: %v", err)
	}
}
