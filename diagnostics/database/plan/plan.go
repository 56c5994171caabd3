package plan

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// A Plan is the plan of one statement.
type Plan struct {
	Root          *Node
	Analyzed      bool      // EXPLAIN ANALYZE: the nodes have actual rows and times
	PlanningTime  float64   // milliseconds; 0 when not reported
	ExecutionTime float64   // milliseconds; 0 unless analysed
	Triggers      []Trigger // analysed statements only: the triggers that fired
}

// A Trigger is a trigger fired while an analysed statement ran, with the
// time spent in it (foreign keys' ON DELETE actions are triggers).
type Trigger struct {
	Name       string
	Constraint string // the constraint that owns it, for foreign key triggers
	Relation   string
	Time       float64 // milliseconds, all calls
	Calls      float64
}

// A Node is one step of a plan.
type Node struct {
	Type               string // "Seq Scan", "Index Scan", "Hash Join", "ModifyTable", …
	ParentRelationship string // "Outer", "Inner", "SubPlan", "InitPlan", "Member"; "" at the root
	SubplanName        string // "SubPlan 1", "InitPlan 1 (returns $0)", "CTE x"
	Parallel           bool   // parallel aware: a "Parallel Seq Scan"

	// What it reads.
	Relation     string // table, for scans and ModifyTable
	Schema       string // the table's schema (EXPLAIN VERBOSE reports it)
	Alias        string
	Index        string // index, for index scans
	CTE          string // CTE Scan: the CTE's name
	Function     string // Function Scan: the function's name
	Operation    string // ModifyTable: "Insert", "Update", "Delete", "Merge"
	JoinType     string // "Inner", "Left", "Semi", …
	Strategy     string // Aggregate: "Plain", "Sorted", "Hashed", "Mixed"; SetOp: "Sorted", "Hashed"
	Command      string // SetOp: "Except", "Intersect", …
	ScanBackward bool   // an index scan in descending order

	// The planner's estimates: per loop.
	StartupCost, TotalCost float64
	Rows                   float64
	Width                  int

	// What happened, when analysed: per loop (average over Loops).
	Actual            bool // the node has actual figures (the plan was analysed)
	ActualStartupTime float64
	ActualTotalTime   float64 // milliseconds
	ActualRows        float64
	Loops             float64 // 0: never executed
	RowsRemoved       float64 // by Filter, per loop
	WorkersPlanned    int
	WorkersLaunched   int

	// Conditions, as the server prints them.
	Filter, IndexCond, RecheckCond, HashCond, MergeCond, JoinFilter string
	SortKey, GroupKey                                               []string

	Children []*Node
}

// Parse reads the output of EXPLAIN (FORMAT JSON) for one statement: a
// JSON array of one object with "Plan" (and, when analysed, "Planning
// Time", "Execution Time" and "Triggers"). A bare object is accepted too.
func Parse(data []byte) (*Plan, error) {
	var arr []map[string]json.RawMessage
	if err := json.Unmarshal(data, &arr); err != nil {
		var obj map[string]json.RawMessage
		if err2 := json.Unmarshal(data, &obj); err2 != nil {
			return nil, fmt.Errorf("reading a JSON plan: %w", err)
		}
		arr = []map[string]json.RawMessage{obj}
	}
	if len(arr) != 1 {
		return nil, fmt.Errorf("reading a JSON plan: want the plan of one statement, got %d", len(arr))
	}
	top := arr[0]
	rawRoot, ok := top["Plan"]
	if !ok {
		return nil, errors.New(`reading a JSON plan: no "Plan" key`)
	}
	p := &Plan{}
	var err error
	if p.Root, err = parseNode(rawRoot); err != nil {
		return nil, fmt.Errorf("reading a JSON plan: %w", err)
	}
	f := fields{m: top}
	p.PlanningTime = f.number("Planning Time")
	p.ExecutionTime = f.number("Execution Time")
	p.Analyzed = p.Root.Actual
	var triggers []map[string]json.RawMessage
	if raw, ok := top["Triggers"]; ok {
		if err := json.Unmarshal(raw, &triggers); err != nil {
			return nil, fmt.Errorf("reading a JSON plan's triggers: %w", err)
		}
	}
	for _, t := range triggers {
		tf := fields{m: t}
		p.Triggers = append(p.Triggers, Trigger{
			Name: tf.str("Trigger Name"), Constraint: tf.str("Constraint Name"), Relation: tf.str("Relation"),
			Time: tf.number("Time"), Calls: tf.number("Calls"),
		})
		if tf.err != nil {
			return nil, fmt.Errorf("reading a JSON plan's triggers: %w", tf.err)
		}
	}
	if f.err != nil {
		return nil, fmt.Errorf("reading a JSON plan: %w", f.err)
	}
	return p, nil
}

func parseNode(raw json.RawMessage) (*Node, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	f := fields{m: m}
	n := &Node{
		Type:               f.str("Node Type"),
		ParentRelationship: f.str("Parent Relationship"),
		SubplanName:        f.str("Subplan Name"),
		Parallel:           f.boolean("Parallel Aware"),
		Relation:           f.str("Relation Name"),
		Schema:             f.str("Schema"),
		Alias:              f.str("Alias"),
		Index:              f.str("Index Name"),
		CTE:                f.str("CTE Name"),
		Function:           f.str("Function Name"),
		Operation:          f.str("Operation"),
		JoinType:           f.str("Join Type"),
		Strategy:           f.str("Strategy"),
		Command:            f.str("Command"),
		ScanBackward:       f.str("Scan Direction") == "Backward",
		StartupCost:        f.number("Startup Cost"),
		TotalCost:          f.number("Total Cost"),
		Rows:               f.number("Plan Rows"),
		Width:              int(f.number("Plan Width")),
		ActualStartupTime:  f.number("Actual Startup Time"),
		ActualTotalTime:    f.number("Actual Total Time"),
		ActualRows:         f.number("Actual Rows"),
		Loops:              f.number("Actual Loops"),
		RowsRemoved:        f.number("Rows Removed by Filter"),
		WorkersPlanned:     int(f.number("Workers Planned")),
		WorkersLaunched:    int(f.number("Workers Launched")),
		Filter:             f.str("Filter"),
		IndexCond:          f.str("Index Cond"),
		RecheckCond:        f.str("Recheck Cond"),
		HashCond:           f.str("Hash Cond"),
		MergeCond:          f.str("Merge Cond"),
		JoinFilter:         f.str("Join Filter"),
		SortKey:            f.strs("Sort Key"),
		GroupKey:           f.strs("Group Key"),
	}
	_, n.Actual = m["Actual Loops"]
	if f.err != nil {
		return nil, fmt.Errorf("node %q: %w", n.Type, f.err)
	}
	if n.Type == "" {
		return nil, errors.New(`a node without "Node Type"`)
	}
	var children []json.RawMessage
	if raw, ok := m["Plans"]; ok {
		if err := json.Unmarshal(raw, &children); err != nil {
			return nil, fmt.Errorf("node %q: Plans: %w", n.Type, err)
		}
	}
	for _, c := range children {
		child, err := parseNode(c)
		if err != nil {
			return nil, err
		}
		n.Children = append(n.Children, child)
	}
	return n, nil
}

// fields reads typed values out of a JSON object, keeping the first error.
type fields struct {
	m   map[string]json.RawMessage
	err error
}

func (f *fields) get(key string, dst any) {
	raw, ok := f.m[key]
	if !ok || f.err != nil {
		return
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		f.err = fmt.Errorf("%q: %w", key, err)
	}
}

func (f *fields) str(key string) (s string)       { f.get(key, &s); return s }
func (f *fields) number(key string) (v float64)   { f.get(key, &v); return v }
func (f *fields) boolean(key string) (b bool)     { f.get(key, &b); return b }
func (f *fields) strs(key string) (list []string) { f.get(key, &list); return list }

// Walk calls fn for n and every node below it, parents first; when fn
// returns false, Walk skips that node's children.
func (n *Node) Walk(fn func(*Node) bool) {
	if n == nil || !fn(n) {
		return
	}
	for _, c := range n.Children {
		c.Walk(fn)
	}
}

// Nodes returns every node of the plan, parents first, in the order the
// server lists them.
func (p *Plan) Nodes() []*Node {
	var out []*Node
	p.Root.Walk(func(n *Node) bool { out = append(out, n); return true })
	return out
}

// Name returns the node's name as EXPLAIN's text format shows it:
// "Parallel Seq Scan", "Hash Left Join", "HashAggregate", "Delete",
// "Index Scan Backward".
func (n *Node) Name() string {
	name := n.Type
	switch n.Type {
	case "Aggregate":
		switch n.Strategy {
		case "Sorted":
			name = "GroupAggregate"
		case "Hashed":
			name = "HashAggregate"
		case "Mixed":
			name = "MixedAggregate"
		}
	case "SetOp":
		if n.Strategy == "Hashed" {
			name = "HashSetOp"
		}
		if n.Command != "" {
			name += " " + n.Command
		}
	case "ModifyTable":
		if n.Operation != "" {
			name = n.Operation
		}
	}
	if n.JoinType != "" && n.JoinType != "Inner" {
		if base, ok := strings.CutSuffix(name, " Join"); ok {
			name = base + " " + n.JoinType + " Join"
		} else {
			name += " " + n.JoinType + " Join"
		}
	}
	if n.ScanBackward {
		name += " Backward"
	}
	if n.Parallel {
		name = "Parallel " + name
	}
	return name
}

// Table returns the table the node reads or writes, schema-qualified when
// the plan says the schema: "public.orders"; "" for other nodes.
func (n *Node) Table() string {
	if n.Relation == "" {
		return ""
	}
	if n.Schema != "" {
		return n.Schema + "." + n.Relation
	}
	return n.Relation
}
