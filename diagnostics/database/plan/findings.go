package plan

import (
	"fmt"
	"math"
)

// Rule IDs of the findings, as the engine will declare them.
const (
	SeqScanRule     = "plan-seq-scan"
	MisestimateRule = "plan-row-misestimate"
)

// Defaults of the detections' thresholds.
const (
	// DefaultSeqScanRows is the table size from which a filtered
	// sequential scan is reported: below it, reading the whole table
	// costs about as much as an index lookup.
	DefaultSeqScanRows = 10_000
	// DefaultMisestimateFactor is how far off (either way) an estimate
	// must be to be reported.
	DefaultMisestimateFactor = 10
)

// A Finding is a problem found in a plan, on one node.
type Finding struct {
	Rule    string // SeqScanRule or MisestimateRule
	Node    *Node
	Message string // lowercase, names the table or node, says the consequence
}

// TableRows returns the number of rows the catalog estimates for a table
// (pg_class.reltuples), and false when it does not know the table or has
// no estimate. schema is "" when the plan does not say it.
type TableRows func(schema, table string) (rows float64, ok bool)

// SeqScans reports each sequential scan with a filter over a table of at
// least minRows rows (DefaultSeqScanRows when minRows ≤ 0): the statement
// reads the whole table to keep some of its rows, which an index on the
// filtered columns would find directly.
//
// The table's size comes from rows (the catalog's estimate) when it
// knows the table; otherwise, in an analysed plan, from what the scan
// read (rows kept plus rows removed by the filter, over every loop). A
// table of unknown size is not reported.
func SeqScans(p *Plan, rows TableRows, minRows float64) []Finding {
	if minRows <= 0 {
		minRows = DefaultSeqScanRows
	}
	var out []Finding
	p.Root.Walk(func(n *Node) bool {
		if n.Type != "Seq Scan" || n.Filter == "" || n.Relation == "" {
			return true
		}
		size, known := -1.0, false
		if rows != nil {
			size, known = rows(n.Schema, n.Relation)
			known = known && size >= 0
		}
		if !known && n.Actual && n.Loops > 0 {
			// Per loop; a parallel scan's loops are its processes, each
			// reading a share of the table.
			size, known = (n.ActualRows+n.RowsRemoved)*n.Loops, true
			if !n.Parallel && n.Loops > 1 {
				size = n.ActualRows + n.RowsRemoved // each loop reads the whole table
			}
		}
		if !known || size < minRows {
			return true
		}
		kept := n.Rows
		if n.Actual && n.Loops > 0 {
			kept = n.ActualRows
		}
		out = append(out, Finding{
			Rule: SeqScanRule,
			Node: n,
			Message: fmt.Sprintf("sequential scan of %s reads all of its ~%s rows to keep ~%s with filter %s; an index on the filtered columns would read only those",
				n.Table(), approx(size), approx(kept), n.Filter),
		})
		return true
	})
	return out
}

// Misestimates reports, in an analysed plan, each node whose actual rows
// (per loop) differ from the planner's estimate by more than factor
// either way (DefaultMisestimateFactor when factor ≤ 1): the planner
// chose its joins and scans for a row count that was wrong, usually
// because statistics are stale or columns are correlated.
//
// An estimate error flows up the tree, so only its source is reported: a
// node whose child is itself misestimated the same way is not. Nodes
// that may stop before reading everything (below a Limit, the inner side
// of a semi or anti join, a merge join's inputs, subplans) are reported
// only when they return more rows than estimated, and nodes never
// executed or that return no rows by design (Insert, Update, Delete,
// Merge without RETURNING) not at all. Counts are taken as at least 1,
// so that 0 against 1 is no finding.
func Misestimates(p *Plan, factor float64) []Finding {
	if factor <= 1 {
		factor = DefaultMisestimateFactor
	}
	if !p.Analyzed {
		return nil
	}
	var out []Finding
	misestimate(p.Root, factor, false, &out)
	return out
}

// misestimate checks n and its children; it returns n's direction: +1
// when n returned more than factor times its estimate, -1 when less, 0
// otherwise. mayStop says an ancestor may stop n early.
func misestimate(n *Node, factor float64, mayStop bool, out *[]Finding) int {
	childDirs := 0 // bit 1: a child over, bit 2: a child under
	for i, c := range n.Children {
		stop := mayStop || n.Type == "Limit" || n.Type == "Merge Join" ||
			(i > 0 && (n.JoinType == "Semi" || n.JoinType == "Anti")) ||
			c.ParentRelationship == "SubPlan" || c.ParentRelationship == "InitPlan"
		switch misestimate(c, factor, stop, out) {
		case 1:
			childDirs |= 1
		case -1:
			childDirs |= 2
		}
	}
	if !n.Actual || n.Loops == 0 || n.Type == "ModifyTable" {
		return 0
	}
	est, act := math.Max(n.Rows, 1), math.Max(n.ActualRows, 1)
	dir := 0
	switch {
	case act > est*factor:
		dir = 1
	case est > act*factor && !mayStop:
		dir = -1
	}
	if dir == 0 || (dir == 1 && childDirs&1 != 0) || (dir == -1 && childDirs&2 != 0) {
		return dir
	}
	ratio, way := act/est, "more"
	if dir < 0 {
		ratio, way = est/act, "fewer"
	}
	what := n.Name()
	if t := n.Table(); t != "" {
		what += " on " + t
	}
	perLoop := ""
	if n.Loops > 1 {
		perLoop = " per loop"
	}
	*out = append(*out, Finding{
		Rule: MisestimateRule,
		Node: n,
		Message: fmt.Sprintf("planner estimated %s%s for %s but it returned %s (%s× %s); plans built on this estimate may be slow: ANALYZE the table, or add statistics for correlated columns (CREATE STATISTICS)",
			rowCount(n.Rows), perLoop, what, approx(n.ActualRows), approx(ratio), way),
	})
	return dir
}

// rowCount formats a number of rows: "1 row", "1.5 rows", "1000 rows".
func rowCount(v float64) string {
	if v == 1 {
		return "1 row"
	}
	return approx(v) + " rows"
}

// approx formats a count for a message: 12, 1234, 1.2 million.
func approx(v float64) string {
	switch {
	case v >= 1e9:
		return fmt.Sprintf("%.1f billion", v/1e9)
	case v >= 1e6:
		return fmt.Sprintf("%.1f million", v/1e6)
	case v >= 100 || v == math.Trunc(v):
		return fmt.Sprintf("%.0f", v)
	default:
		return fmt.Sprintf("%.1f", v)
	}
}
