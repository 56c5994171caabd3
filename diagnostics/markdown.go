package diagnostics

import (
	"fmt"
	"strings"
)

// Markdown renders a rule's documentation page, as docs/rules/<id>.md and
// `sqlsage rules ID` show it: title, badges, Why, Bad, Good, Fix, When to
// ignore (with the exact ignore comment).
func Markdown(r *Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s — %s\n\n", r.ID, r.Doc.Summary)
	state := "on by default"
	if !r.Default {
		state = "off by default"
	}
	fix := "no fix"
	if r.Doc.Fix != "" {
		fix = "fix available"
	}
	fmt.Fprintf(&b, "Category: **%s** · Default severity: **%s** (%s) · %s · Since %s\n\n", r.Category, r.Severity, state, fix, r.Since)
	fmt.Fprintf(&b, "## Why\n\n%s\n\n", strings.TrimSpace(r.Doc.Why))
	fmt.Fprintf(&b, "## Bad\n\n```sql\n%s\n```\n\n", strings.TrimSpace(r.Doc.Bad))
	fmt.Fprintf(&b, "## Good\n\n```sql\n%s\n```\n\n", strings.TrimSpace(r.Doc.Good))
	if r.Doc.Fix != "" {
		fmt.Fprintf(&b, "## Fix\n\n%s\n\n", strings.TrimSpace(r.Doc.Fix))
	}
	b.WriteString("## When to ignore\n\n")
	if r.Doc.Ignore != "" {
		fmt.Fprintf(&b, "%s\n\n", strings.TrimSpace(r.Doc.Ignore))
	}
	fmt.Fprintf(&b, "Silence one statement with a comment on the line before it (or at its end), or a whole file:\n\n```sql\n-- sqlsage-ignore %s reason\n-- sqlsage-ignore-file %s\n```\n", r.ID, r.ID)
	return b.String()
}
