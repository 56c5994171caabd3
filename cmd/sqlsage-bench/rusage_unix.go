//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// peakRSS returns the peak resident set of an exited process, in KiB: the
// largest of the process and the children it waited for, as wait4
// reports it.
func peakRSS(state *os.ProcessState) int64 {
	ru, ok := state.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss) >> 10 // bytes there, KiB elsewhere
	}
	return int64(ru.Maxrss)
}
