package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// A checkResult is the timing of one tool's check of one file.
type checkResult struct {
	walls  []time.Duration // sorted
	peakKB int64           // the largest peak resident set of any run, in KiB
}

// median is the middle wall time.
func (r checkResult) median() time.Duration { return r.walls[len(r.walls)/2] }

// measureCheck runs the tool's check on file once to warm the caches, then
// runs more times, timing the whole process each time.
func measureCheck(ctx context.Context, t tool, file string, style reportStyle, runs int, env []string, timeout time.Duration) (checkResult, error) {
	var r checkResult
	for i := range runs + 1 {
		wall, peakKB, err := runOnce(ctx, t, file, style, env, timeout)
		if err != nil {
			return checkResult{}, err
		}
		if i == 0 {
			continue // warm-up
		}
		r.walls = append(r.walls, wall)
		r.peakKB = max(r.peakKB, peakKB)
	}
	slices.Sort(r.walls)
	return r, nil
}

// runOnce runs one check in file's folder and returns its wall time and
// peak resident set.
func runOnce(ctx context.Context, t tool, file string, style reportStyle, env []string, timeout time.Duration) (time.Duration, int64, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, t.path, t.check(filepath.Base(file), style)...)
	cmd.Dir = filepath.Dir(file)
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr // stdout goes to the null device
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if ctx.Err() != nil {
		return 0, 0, fmt.Errorf("%s check timed out after %v", t.name, timeout)
	}
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		return 0, 0, fmt.Errorf("running %s: %w", t.name, err)
	}
	if code := cmd.ProcessState.ExitCode(); !t.exitOK(code) {
		return 0, 0, fmt.Errorf("%s exited with %s: %s", t.name, cmd.ProcessState, lastLine(stderr.String()))
	}
	return wall, peakRSS(cmd.ProcessState), nil
}

// lastLine returns the last non-empty line of s, for error messages.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}
