package plan

import (
	"fmt"
	"math"
	"strings"
)

// Render returns the plan as a tree, one node a line with what it reads
// and its estimates (and its actual figures when analysed), its
// conditions below it, and the totals at the end:
//
//	Nested Loop  (cost=4.95..157.24 rows=50 width=32)
//	├── Index Scan using customers_pkey on public.customers c  (cost=0.28..8.29 rows=1 width=24)
//	│       Index Cond: (c.id = 42)
//	└── Seq Scan on public.orders o  (cost=0.00..1042.00 rows=50 width=24)
//	        Filter: (o.customer_id = 42)
//
// The words are those of EXPLAIN's own text format, so that what the
// tree says can be looked up in PostgreSQL's documentation.
func Render(p *Plan) string {
	var b strings.Builder
	renderNode(&b, p.Root, "", "")
	for _, t := range p.Triggers {
		fmt.Fprintf(&b, "Trigger %s", t.Name)
		if t.Constraint != "" {
			fmt.Fprintf(&b, " for constraint %s", t.Constraint)
		}
		if t.Relation != "" {
			fmt.Fprintf(&b, " on %s", t.Relation)
		}
		fmt.Fprintf(&b, ": time=%.3f ms calls=%s\n", t.Time, number(t.Calls))
	}
	if p.PlanningTime > 0 {
		fmt.Fprintf(&b, "Planning time: %.3f ms\n", p.PlanningTime)
	}
	if p.Analyzed {
		fmt.Fprintf(&b, "Execution time: %.3f ms\n", p.ExecutionTime)
	}
	return b.String()
}

// renderNode writes n's line after first (the branch that leads to it)
// and its details and children after rest (the prefix of the lines
// below it).
func renderNode(b *strings.Builder, n *Node, first, rest string) {
	b.WriteString(first)
	b.WriteString(n.Header())
	b.WriteByte('\n')
	detailPrefix := rest + "    "
	if len(n.Children) > 0 {
		detailPrefix = rest + "│   "
	}
	for _, d := range n.Details() {
		b.WriteString(detailPrefix)
		b.WriteString(d)
		b.WriteByte('\n')
	}
	for i, c := range n.Children {
		if i == len(n.Children)-1 {
			renderNode(b, c, rest+"└── ", rest+"    ")
		} else {
			renderNode(b, c, rest+"├── ", rest+"│   ")
		}
	}
}

// Header returns the node's line: its name, what it reads, its estimates
// and, when analysed, its actual figures.
func (n *Node) Header() string {
	var b strings.Builder
	if n.SubplanName != "" {
		b.WriteString(n.SubplanName + ": ")
	}
	b.WriteString(n.Name())
	if n.Index != "" {
		b.WriteString(" using " + n.Index)
	}
	switch {
	case n.Relation != "":
		b.WriteString(" on " + n.Table())
		if n.Alias != "" && n.Alias != n.Relation {
			b.WriteString(" " + n.Alias)
		}
	case n.CTE != "":
		b.WriteString(" on " + n.CTE)
		if n.Alias != "" && n.Alias != n.CTE {
			b.WriteString(" " + n.Alias)
		}
	case n.Function != "":
		b.WriteString(" on " + n.Function)
		if n.Alias != "" && n.Alias != n.Function {
			b.WriteString(" " + n.Alias)
		}
	}
	fmt.Fprintf(&b, "  (cost=%.2f..%.2f rows=%s width=%d)", n.StartupCost, n.TotalCost, number(n.Rows), n.Width)
	switch {
	case n.Actual && n.Loops == 0:
		b.WriteString(" (never executed)")
	case n.Actual:
		fmt.Fprintf(&b, " (actual time=%.3f..%.3f rows=%s loops=%s)", n.ActualStartupTime, n.ActualTotalTime, number(n.ActualRows), number(n.Loops))
	}
	return b.String()
}

// Details returns the node's conditions and keys, one a line:
// "Filter: (status = 'open'::text)", "Rows Removed by Filter: 99000".
func (n *Node) Details() []string {
	var out []string
	add := func(label, v string) {
		if v != "" {
			out = append(out, label+": "+v)
		}
	}
	add("Index Cond", n.IndexCond)
	add("Recheck Cond", n.RecheckCond)
	add("Hash Cond", n.HashCond)
	add("Merge Cond", n.MergeCond)
	add("Join Filter", n.JoinFilter)
	add("Filter", n.Filter)
	if n.Actual && n.Filter != "" && n.Loops > 0 {
		add("Rows Removed by Filter", number(n.RowsRemoved))
	}
	add("Sort Key", strings.Join(n.SortKey, ", "))
	add("Group Key", strings.Join(n.GroupKey, ", "))
	if n.WorkersPlanned > 0 {
		add("Workers Planned", fmt.Sprint(n.WorkersPlanned))
		if n.Actual {
			add("Workers Launched", fmt.Sprint(n.WorkersLaunched))
		}
	}
	return out
}

// number formats a row count: whole numbers without decimals, others
// (PostgreSQL 18 averages actual rows over loops) with two.
func number(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.2f", v)
}
