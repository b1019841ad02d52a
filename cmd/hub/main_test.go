package main

import (
	"os"
	"testing"

	"kiosk/data/pgtest"
)

// TestMain stops the PostgreSQL server the tests started.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
