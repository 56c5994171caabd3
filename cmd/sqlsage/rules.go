package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/sqlsage/sqlsage/diagnostics"
)

const rulesUsage = `usage: sqlsage rules [--format text|json|markdown] [ID]

Lists every rule with its ID, category, default severity and summary, or
shows one rule's documentation.

Flags:
`

func runRules(_ context.Context, args []string, std streams) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text, json or markdown")
	if code, ok := parseFlags(fs, rulesUsage, args, std); !ok {
		return code
	}
	engine := newEngine()
	list := engine.Rules()
	if fs.NArg() > 1 {
		fmt.Fprintf(std.stderr, "sqlsage rules: at most one rule ID, got %d\n", fs.NArg())
		return exitError
	}
	if fs.NArg() == 1 {
		r := engine.Rule(fs.Arg(0))
		if r == nil {
			fmt.Fprintf(std.stderr, "sqlsage rules: unknown rule %q\n", fs.Arg(0))
			return exitError
		}
		list = []*diagnostics.Rule{r}
	}
	switch *format {
	case "text":
		if len(list) == 1 && fs.NArg() == 1 {
			fmt.Fprint(std.stdout, diagnostics.Markdown(list[0]))
			return exitOK
		}
		tw := tabwriter.NewWriter(std.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tCATEGORY\tSEVERITY\tSUMMARY")
		for _, r := range list {
			sev := r.Severity.String()
			if !r.Default {
				sev += " (off)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Category, sev, r.Doc.Summary)
		}
		tw.Flush()
	case "json":
		type jsonRule struct {
			ID       string          `json:"id"`
			Category string          `json:"category"`
			Severity string          `json:"severity"`
			Default  bool            `json:"default"`
			Summary  string          `json:"summary"`
			URL      string          `json:"url"`
			Doc      diagnostics.Doc `json:"doc"`
		}
		out := []jsonRule{}
		for _, r := range list {
			out = append(out, jsonRule{r.ID, string(r.Category), r.Severity.String(), r.Default, r.Doc.Summary, r.URL(), r.Doc})
		}
		enc := json.NewEncoder(std.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return exitError
		}
	case "markdown":
		for _, r := range list {
			fmt.Fprint(std.stdout, diagnostics.Markdown(r))
		}
	default:
		fmt.Fprintf(std.stderr, "sqlsage rules: unknown --format %q (want text, json or markdown)\n", *format)
		return exitError
	}
	return exitOK
}
