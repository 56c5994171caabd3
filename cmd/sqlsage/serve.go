package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"

	"github.com/sqlsage/sqlsage/server"
)

const serveUsage = `usage: sqlsage serve [--debounce DURATION] [--memory-limit MIB]

Runs the sqlsage language server, speaking the Language Server Protocol
over stdin and stdout. Editors start it; logs go to stderr.

The memory limit is a soft one (Go's runtime/debug.SetMemoryLimit): the
server collects garbage more often as it nears it, and goes over it
when what it holds needs more. GOMEMLIMIT in the environment wins.

Flags:
`

// defaultMemoryLimitMiB is the server's soft memory limit: a 1.6 MB
// file open holds about 90 MiB.
const defaultMemoryLimitMiB = 120

// runServe runs the language server until the client sends exit. It
// returns 0 after shutdown then exit, 1 when the client exits without
// shutting down or the stream breaks (as the LSP specification asks), and
// 2 for a usage error.
func runServe(ctx context.Context, args []string, std streams) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	debounce := fs.Duration("debounce", server.DefaultDebounce, "quiet period after an edit before the document is analysed (0: none)")
	memoryLimit := fs.Int("memory-limit", defaultMemoryLimitMiB, "soft memory limit in MiB (0: none)")
	if code, ok := parseFlags(fs, serveUsage, args, std); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(std.stderr, "sqlsage serve: unexpected argument %q\n", fs.Arg(0))
		return exitError
	}
	if *debounce < 0 {
		fmt.Fprintf(std.stderr, "sqlsage serve: --debounce must not be negative\n")
		return exitError
	}
	if *memoryLimit < 0 {
		fmt.Fprintf(std.stderr, "sqlsage serve: --memory-limit must not be negative\n")
		return exitError
	}
	if *memoryLimit > 0 && os.Getenv("GOMEMLIMIT") == "" {
		// A keystroke's garbage is a few megabytes; without a limit the
		// heap grows to twice what the server holds before a collection.
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(int64(*memoryLimit) << 20))
	}

	logger := slog.New(slog.NewTextHandler(std.stderr, nil)).With("component", "sqlsage-serve")
	engine := newEngine()
	engine.Logger = logger
	debounceOpt := *debounce
	if debounceOpt == 0 {
		debounceOpt = -1 // Options.Debounce: negative means none, zero the default
	}
	err := server.Serve(ctx, stdio{std.stdin, std.stdout}, server.Options{
		Engine:   engine,
		Logger:   logger,
		Debounce: debounceOpt,
		Version:  version,
	})
	if err != nil {
		logger.Error("language server stopped", "error", err)
		return 1
	}
	return exitOK
}

// stdio joins the process's stdin and stdout into the one stream the
// server reads and writes.
type stdio struct {
	io.Reader
	io.Writer
}

// Close closes stdin when it can be closed; stdout stays open for the
// process's last writes.
func (s stdio) Close() error {
	if c, ok := s.Reader.(io.Closer); ok {
		return c.Close()
	}
	return nil
}
