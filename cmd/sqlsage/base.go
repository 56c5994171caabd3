package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
)

// changesSince returns the files that differ between the working tree
// and the merge base of ref and HEAD (committed, staged, unstaged and
// untracked changes), keyed by their path as check displays it.
func changesSince(ctx context.Context, ref string) (*diagnostics.Changes, error) {
	git := func(args ...string) ([]byte, error) {
		cmd := exec.CommandContext(ctx, "git", args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			msg := strings.TrimSpace(stderr.String())
			if msg == "" {
				msg = err.Error()
			}
			return nil, fmt.Errorf("--base %s: git %s: %s", ref, strings.Join(args, " "), msg)
		}
		return out, nil
	}
	top, err := git("rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	root := strings.TrimSpace(string(top))
	base, err := git("merge-base", ref, "HEAD")
	if err != nil {
		return nil, err
	}
	diff, err := git("diff", "--name-status", "-z", "--no-renames", strings.TrimSpace(string(base)))
	if err != nil {
		return nil, err
	}
	untracked, err := git("ls-files", "--others", "--exclude-standard", "-z", "--full-name", root)
	if err != nil {
		return nil, err
	}
	cwd, _ := os.Getwd()
	display := func(rel string) string { return displayPath(cwd, filepath.Join(root, filepath.FromSlash(rel))) }
	ch := &diagnostics.Changes{Base: ref, Modified: map[string]bool{}, Added: map[string]bool{}}
	fields := strings.Split(string(diff), "\x00")
	for i := 0; i+1 < len(fields); i += 2 {
		status, path := fields[i], fields[i+1]
		switch status {
		case "M", "T":
			ch.Modified[display(path)] = true
		case "A":
			ch.Added[display(path)] = true
		}
	}
	for _, path := range strings.Split(string(untracked), "\x00") {
		if path != "" {
			ch.Added[display(path)] = true
		}
	}
	return ch, nil
}
