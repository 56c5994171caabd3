package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// treePeakKB returns the largest peak resident set (VmHWM, in KiB) of the
// live process pid and its descendants, read from /proc; 0 where there is
// no /proc. A language server may do its work in a process it spawned
// (postgrestools lsp-proxy forwards to a daemon), which the server's own
// rusage would not count until that process is reaped.
func treePeakKB(pid int) int64 {
	children := map[int][]int{}
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, path := range stats {
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces and parentheses.
		end := bytes.LastIndexByte(data, ')')
		if end < 0 {
			continue
		}
		fields := strings.Fields(string(data[end+1:]))
		if len(fields) < 2 {
			continue
		}
		child, err1 := strconv.Atoi(filepath.Base(filepath.Dir(path)))
		parent, err2 := strconv.Atoi(fields[1])
		if err1 == nil && err2 == nil {
			children[parent] = append(children[parent], child)
		}
	}
	var peak int64
	for queue := []int{pid}; len(queue) > 0; queue = queue[1:] {
		p := queue[0]
		peak = max(peak, vmHWM(p))
		queue = append(queue, children[p]...)
	}
	return peak
}

// vmHWM reads a process's peak resident set from /proc/PID/status.
func vmHWM(pid int) int64 {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest) // "123456 kB"
			if len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n
			}
		}
	}
	return 0
}
