//go:build !linux

package pgtest

import "time"

// ServerCPU is 0 where /proc does not tell a server's processor time.
func ServerCPU() time.Duration { return 0 }
