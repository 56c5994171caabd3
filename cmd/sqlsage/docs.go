package main

import (
	"fmt"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
)

// ruleTable renders the Markdown table of rules that README.md and
// docs/rules/README.md embed, linking each ID to its page under pageDir.
func ruleTable(rules []*diagnostics.Rule, pageDir string) string {
	var b strings.Builder
	b.WriteString("| Rule | Category | Severity | Fix | Summary |\n|---|---|---|---|---|\n")
	for _, r := range rules {
		sev := r.Severity.String()
		if !r.Default {
			sev += " (off by default)"
		}
		fix := ""
		if r.Doc.Fix != "" {
			fix = "yes"
		}
		fmt.Fprintf(&b, "| [`%s`](%s%s.md) | %s | %s | %s | %s |\n", r.ID, pageDir, r.ID, r.Category, sev, fix, r.Doc.Summary)
	}
	return b.String()
}

// rulesIndex renders docs/rules/README.md.
func rulesIndex(rules []*diagnostics.Rule) string {
	return "# sqlsage rules\n\nGenerated from the rule declarations in `diagnostics/rules`; do not edit.\n\n" + ruleTable(rules, "")
}
