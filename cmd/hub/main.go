// Command hub is the sync hub: kiosks push their check-ins to it and pull
// the other kiosks' from it. See README.md ("Hub") and
// docs/sync-protocol.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
