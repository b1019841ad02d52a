package pinhash

import (
	"strings"
	"testing"
)

func TestPasswordHash(t *testing.T) {
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h, "m=65536,t=3,p=1$") {
		t.Fatalf("hash %q is not at the password's cost", h)
	}
	if !Matches(h, "correct horse battery") {
		t.Fatal("the password does not match its hash")
	}
	for _, wrong := range []string{"correct horse batterY", "", "correct horse battery "} {
		if Matches(h, wrong) {
			t.Fatalf("%q matches", wrong)
		}
	}
	if err := ValidHash(h); err == nil {
		t.Fatal("a password hash passes as a bundle's PIN hash")
	}
	for _, bad := range []string{"short", strings.Repeat("x", MaxPasswordLength+1), "\xff\xfe0123456789"} {
		if _, err := HashPassword(bad); err == nil {
			t.Fatalf("%q was hashed", bad)
		}
	}
}
