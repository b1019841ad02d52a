package pgtest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ServerCPU is the processor time the test binary's server has used so
// far: the postmaster's, its live processes' and its ended ones' (each
// connection is a process of its own); 0 when no server was started. A
// benchmark adds its change to its own process's time, since the server's
// work is part of what it measures.
func ServerCPU() time.Duration {
	if shared == nil {
		return 0
	}
	b, err := os.ReadFile(filepath.Join(shared.dataDir(), "postmaster.pid"))
	if err != nil {
		return 0
	}
	pm := strings.SplitN(string(b), "\n", 2)[0]
	var ticks int64
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		f := procStat(e.Name())
		switch {
		case f == nil:
		case e.Name() == pm:
			ticks += f[11] + f[12] + f[13] + f[14] // utime stime cutime cstime
		case strconv.FormatInt(f[1], 10) == pm:
			ticks += f[11] + f[12]
		}
	}
	// Linux counts in USER_HZ, 100 a second on every architecture Go runs on.
	return time.Duration(ticks) * 10 * time.Millisecond
}

// procStat is /proc/PID/stat's numeric fields after the command name:
// [0] state (0), [1] ppid, ..., [11] utime, [12] stime, [13] cutime,
// [14] cstime.
func procStat(pid string) []int64 {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return nil
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return nil
	}
	fields := strings.Fields(s[i+1:])
	if len(fields) < 15 {
		return nil
	}
	out := make([]int64, 15)
	for j := 1; j < 15; j++ {
		out[j], _ = strconv.ParseInt(fields[j], 10, 64)
	}
	return out
}
