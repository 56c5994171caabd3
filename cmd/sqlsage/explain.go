package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sqlsage/sqlsage/diagnostics/config"
	"github.com/sqlsage/sqlsage/diagnostics/database"
	"github.com/sqlsage/sqlsage/diagnostics/database/catalog"
	"github.com/sqlsage/sqlsage/diagnostics/database/plan"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

const explainUsage = `usage: sqlsage explain [flags] FILE:LINE

Shows the plan PostgreSQL chooses for the statement at LINE of FILE, as a
tree (node, table, index, estimated rows and cost), then what sqlsage
finds in it: a sequential scan filtering a big table (plan-seq-scan) and,
with --analyze, row estimates more than 10x off (plan-row-misestimate).

Without --analyze the statement is only planned, never run. With
--analyze it runs, to show actual rows and times: a query in a read-only
transaction, a statement that changes data in a transaction that is
rolled back. sqlsage never commits anything; only sequences an analysed
INSERT advances stay advanced (PostgreSQL never rolls them back).

The database is --dsn, or else the environment variable that
database-url-env in .sqlsage.toml names (default DATABASE_URL).

Exit status: 0 when the plan is shown, 2 on a usage, configuration,
database or I/O error.

Flags:
`

func runExplain(ctx context.Context, args []string, std streams) int {
	var (
		dsnFlag, configPath     string
		analyze                 bool
		timeout, connectTimeout time.Duration
	)
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	fs.StringVar(&dsnFlag, "dsn", "", "connection string (default: the environment variable named by database-url-env)")
	fs.BoolVar(&analyze, "analyze", false, "run the statement (rolled back) to show actual rows and times")
	fs.StringVar(&configPath, "config", "", "configuration file (default: the nearest .sqlsage.toml above FILE)")
	fs.DurationVar(&timeout, "timeout", database.DefaultStatementTimeout, "statement_timeout of the EXPLAIN")
	fs.DurationVar(&connectTimeout, "connect-timeout", database.DefaultConnectTimeout, "how long to wait for the database to answer")
	if code, ok := parseFlags(fs, explainUsage, args, std); !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(std.stderr, "sqlsage explain: %v\n", err)
		return exitError
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitError
	}
	path, line, err := parseFileLine(fs.Arg(0))
	if err != nil {
		return fail(err)
	}

	// The statement first: a mistake there needs no database.
	text, err := os.ReadFile(path)
	if err != nil {
		return fail(err)
	}
	pf, err := syntax.NewParser(0).ParseFile(ctx, source.NewFile(path, 0, string(text)))
	if err != nil {
		return fail(err)
	}
	st, err := stmtOnLine(pf, line)
	if err != nil {
		return fail(fmt.Errorf("%s:%d: %w", path, line, err))
	}
	writes, err := database.Explainable(st)
	if err != nil {
		return fail(fmt.Errorf("%s:%d: %w", path, line, err))
	}

	envName := database.DefaultURLEnv
	if configPath == "" {
		configPath = config.Find(filepath.Dir(path))
	}
	if configPath != "" {
		file, err := config.Load(configPath, newEngine().Rules())
		if err != nil {
			return fail(err)
		}
		envName = file.DatabaseURLEnv
	}
	dsn, err := database.DSN(dsnFlag, envName, os.Getenv)
	if err != nil {
		return fail(err)
	}
	db, err := database.Connect(ctx, dsn, database.Options{ConnectTimeout: connectTimeout, StatementTimeout: timeout})
	if err != nil {
		return fail(err)
	}
	defer db.Close(context.WithoutCancel(ctx))

	p, err := db.Explain(ctx, st.Text, database.ExplainOptions{Analyze: analyze, Writes: writes})
	if err != nil {
		var e *database.Error
		if errors.As(err, &e) && e.Position > 0 {
			l, c := pf.File.OffsetRuneColumn(runeOffset(st.Text, e.Position-1) + st.Span.Start)
			fmt.Fprintf(std.stderr, "%s:%d:%d: error: %s\n", path, l, c, e.Msg)
			return exitError
		}
		return fail(err)
	}
	fmt.Fprint(std.stdout, plan.Render(p))

	// What sqlsage finds in the plan. Row estimates come from the
	// catalog; without them, an analysed plan's own counts serve.
	var tables []schema.Name
	for _, n := range p.Nodes() {
		if n.Relation != "" {
			tables = append(tables, schema.Name{Schema: n.Schema, Object: n.Relation})
		}
	}
	est, err := catalog.RowEstimates(ctx, db, tables)
	if err != nil {
		fmt.Fprintf(std.stderr, "sqlsage explain: %v (plan-seq-scan goes by what the plan says)\n", err)
	}
	rows := func(schemaName, table string) (float64, bool) {
		n, ok := est[schema.Name{Schema: schemaName, Object: table}]
		return n, ok && n >= 0
	}
	findings := append(plan.SeqScans(p, rows, 0), plan.Misestimates(p, 0)...)
	if len(findings) > 0 {
		fmt.Fprintln(std.stdout)
	}
	l, c := pf.File.OffsetRuneColumn(st.Span.Start)
	for _, f := range findings {
		fmt.Fprintf(std.stdout, "%s:%d:%d: warning: %s [%s]\n", path, l, c, f.Message, f.Rule)
	}
	return exitOK
}

// parseFileLine splits FILE:LINE (or FILE:LINE:COLUMN, as editors and
// compilers print positions; the column is ignored).
func parseFileLine(arg string) (string, int, error) {
	rest, last, ok := cutLast(arg)
	if !ok {
		return "", 0, fmt.Errorf("%q: want FILE:LINE", arg)
	}
	if n, err := strconv.Atoi(last); err == nil {
		if file, prev, ok := cutLast(rest); ok {
			if line, err := strconv.Atoi(prev); err == nil && line >= 1 {
				return file, line, nil // FILE:LINE:COLUMN
			}
		}
		if n >= 1 {
			return rest, n, nil
		}
	}
	return "", 0, fmt.Errorf("%q: want FILE:LINE with a line number from 1", arg)
}

func cutLast(s string) (before, after string, ok bool) {
	i := strings.LastIndexByte(s, ':')
	if i <= 0 {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}

// stmtOnLine returns the statement that covers some of the 1-based line.
func stmtOnLine(pf *syntax.ParsedFile, line int) (*syntax.Stmt, error) {
	f := pf.File
	lines := f.LineCount()
	if strings.HasSuffix(f.Text, "\n") || strings.HasSuffix(f.Text, "\r") {
		lines-- // the empty "line" after the last newline
	}
	if line > lines {
		return nil, fmt.Errorf("the file has %d lines", lines)
	}
	start, end := f.LineStart(line-1), len(f.Text)
	if line < f.LineCount() {
		end = f.LineStart(line)
	}
	for off := start; off < end; off++ {
		if st := pf.StmtAt(off); st != nil {
			return st, nil
		}
	}
	return nil, errors.New("no SQL statement on this line")
}

// runeOffset returns the byte offset of the n'th character (0-based) of s.
func runeOffset(s string, n int) int {
	off := 0
	for ; n > 0 && off < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[off:])
		off += size
	}
	return off
}
