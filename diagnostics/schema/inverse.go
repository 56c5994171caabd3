package schema

import (
	"fmt"
	"maps"
	"slices"

	"github.com/sqlsage/sqlsage/diagnostics/migration"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// A downDiff is what DownDiff answers for one migration: the
// differences, and the tables its up and down parts touched.
type downDiff struct {
	diffs   []string
	touched []string
}

// DownDiff returns how the schema differs from the schema before
// migration mig after mig's up part and then its down part are applied
// to it: "column users.phone remains", "table t is not restored",
// "index idx_x remains". Tables, their columns (type, NOT NULL,
// default), primary keys, unique, foreign key and exclusion
// constraints, indexes and triggers are compared by name; other objects
// (views, functions, types) are not. It returns nil when the down part
// restores the schema, and when mig has no down part or a part's file
// is not in the workspace.
//
// The first call replays the workspace's migrations once, applying
// each migration's up and down parts to a copy of the schema before it;
// later calls on the same model are a map lookup.
func (m *Model) DownDiff(mig *migration.Migration) []string {
	if m == nil || mig == nil || m.hist == nil {
		return nil
	}
	m.readFiles()
	m.hist.inverse.once.Do(m.replayInverses)
	d := m.hist.inverse.diffs[mig]
	for _, k := range d.touched {
		m.reads.table(k)
	}
	return d.diffs
}

// replayInverses computes DownDiff for every migration with an up and
// a down part: it replays the files in order into a scratch model and,
// at each such migration, applies its up and down parts to a copy of
// the scratch model and compares the tables they touched.
//
// Consecutive migrations of a history with the same name are one change
// split into a file per statement (popx, which Ory's projects use, numbers
// them 20210410175418000000, …000001, …): their down parts undo the
// change together, the last one first, not each its own up part. Such a
// group is applied whole, its up parts in order and then its down parts
// in reverse, and the difference is reported for the down part that runs
// first (the last migration's); a group where one migration has no down
// part is not judged.
func (m *Model) replayInverses() {
	diffs := make(map[*migration.Migration]downDiff)
	byURI := make(map[string]*syntax.ParsedFile, len(m.hist.files))
	for _, pf := range m.hist.files {
		byURI[pf.File.URI] = pf
	}
	groups := make(map[*migration.Migration][]*migration.Migration) // first member → group
	histories := make(map[*migration.Migration]*migration.History)
	for _, h := range m.migrations.Histories {
		for _, mig := range h.Migrations {
			histories[mig] = h
		}
		for i := 0; i < len(h.Migrations); {
			j := i + 1
			for j < len(h.Migrations) && h.Migrations[i].Name != "" && h.Migrations[j].Name == h.Migrations[i].Name {
				j++
			}
			groups[h.Migrations[i]] = h.Migrations[i:j]
			i = j
		}
	}
	s := &Model{tables: make(map[string]*Table), functions: make(map[string]*Function),
		migrations: m.migrations, steps: m.steps}
	for _, pf := range m.hist.files {
		uri := pf.File.URI
		for _, mig := range m.migrations.Migrations(uri) {
			group := groups[mig]
			if mig.Up == nil || mig.Up.URI != uri || len(group) == 0 {
				continue
			}
			if _, done := diffs[mig]; done {
				continue
			}
			if d, ok := m.replayGroup(s, group, byURI, histories); ok {
				for _, g := range group {
					diffs[g] = downDiff{touched: d.touched}
				}
				diffs[group[len(group)-1]] = d
			}
		}
		for _, st := range m.upStatements(pf) {
			if st.Node != nil {
				s.apply(uri, st)
			}
		}
	}
	m.hist.inverse.diffs = diffs
}

// replayGroup applies the up parts of group in order and then its down
// parts in reverse to a copy of s, and compares. It returns false when a
// migration of the group lacks a part or a part's file.
//
// Tables that, before the group, were declared by a file outside the
// group's history are left out: the workspace model merges every file,
// and a schema dump or another service's folder that declares the same
// table is not what the history's down parts restore.
func (m *Model) replayGroup(s *Model, group []*migration.Migration, byURI map[string]*syntax.ParsedFile,
	histories map[*migration.Migration]*migration.History) (downDiff, bool) {
	for _, g := range group {
		if g.Up == nil || g.Down == nil || byURI[g.Up.URI] == nil || byURI[g.Down.URI] == nil {
			return downDiff{}, false
		}
	}
	c := s.clone()
	c.track = &tracker{}
	for _, g := range group {
		for _, st := range partStatements(byURI[g.Up.URI], g.Up) {
			c.apply(g.Up.URI, st)
		}
	}
	for i := len(group) - 1; i >= 0; i-- {
		g := group[i]
		for _, st := range partStatements(byURI[g.Down.URI], g.Down) {
			c.apply(g.Down.URI, st)
		}
	}
	touched := slices.Sorted(slices.Values(c.track.touched))
	h := histories[group[0]]
	var keys []string
	for _, k := range touched {
		if t := s.tables[k]; t != nil && !slices.ContainsFunc(m.migrations.Migrations(t.Def.URI), func(x *migration.Migration) bool { return histories[x] == h }) {
			continue
		}
		keys = append(keys, k)
	}
	return downDiff{diffs: compareTables(s, c, keys), touched: touched}, true
}

// partStatements returns the parsed statements of pf that part p holds.
func partStatements(pf *syntax.ParsedFile, p *migration.Part) []*syntax.Stmt {
	var out []*syntax.Stmt
	for _, st := range pf.Stmts {
		if st.Node != nil && p.Contains(pf.File.URI, st.Span.Start) {
			out = append(out, st)
		}
	}
	return out
}

// clone returns a copy of m's tables and functions that applying
// statements to it leaves m unchanged; it shares the migration order.
// The copy records no history and no fingerprints.
func (m *Model) clone() *Model {
	c := &Model{tables: make(map[string]*Table, len(m.tables)), order: make([]*Table, 0, len(m.order)),
		functions: maps.Clone(m.functions), functionOrder: slices.Clone(m.functionOrder),
		migrations: m.migrations, steps: m.steps}
	for _, t := range m.order {
		ct := t.clone()
		c.tables[ct.Name.Key()] = ct
		c.order = append(c.order, ct)
	}
	return c
}

// clone returns a deep copy of t: statements applied to the copy change
// nothing of t.
func (t *Table) clone() *Table {
	c := *t
	c.Columns = make([]*Column, len(t.Columns))
	for i, col := range t.Columns {
		cc := *col
		c.Columns[i] = &cc
	}
	cloneKey := func(k *Key) *Key {
		ck := *k
		ck.Columns = slices.Clone(k.Columns)
		return &ck
	}
	if t.PrimaryKey != nil {
		c.PrimaryKey = cloneKey(t.PrimaryKey)
	}
	c.Uniques = make([]*Key, len(t.Uniques))
	for i, k := range t.Uniques {
		c.Uniques[i] = cloneKey(k)
	}
	c.ForeignKeys = make([]*ForeignKey, len(t.ForeignKeys))
	for i, fk := range t.ForeignKeys {
		cf := *fk
		cf.Columns, cf.RefColumns = slices.Clone(fk.Columns), slices.Clone(fk.RefColumns)
		c.ForeignKeys[i] = &cf
	}
	cloneIndexes := func(ixs []*Index) []*Index {
		out := make([]*Index, len(ixs))
		for i, ix := range ixs {
			ci := *ix
			ci.Columns, ci.Keys, ci.Include = slices.Clone(ix.Columns), slices.Clone(ix.Keys), slices.Clone(ix.Include)
			out[i] = &ci
		}
		return out
	}
	c.Indexes, c.Exclusions = cloneIndexes(t.Indexes), cloneIndexes(t.Exclusions)
	c.Triggers = make([]*Trigger, len(t.Triggers))
	for i, tr := range t.Triggers {
		ct := *tr
		c.Triggers[i] = &ct
	}
	return &c
}

// compareTables returns how the tables called keys differ between
// before and after, in the words of DownDiff.
func compareTables(before, after *Model, keys []string) []string {
	var out []string
	for _, k := range keys {
		a, b := before.tables[k], after.tables[k]
		switch {
		case a == nil && b == nil:
		case a == nil:
			out = append(out, fmt.Sprintf("table %s remains", k))
		case b == nil:
			out = append(out, fmt.Sprintf("table %s is not restored", k))
		default:
			out = append(out, compareTable(k, a, b)...)
		}
	}
	return out
}

// compareTable returns how table b differs from a, both called k.
func compareTable(k string, a, b *Table) []string {
	var out []string
	for _, cb := range b.Columns {
		ca := a.Column(cb.Name)
		if ca == nil {
			out = append(out, fmt.Sprintf("column %s.%s remains", k, cb.Name))
			continue
		}
		switch {
		case ca.Type != cb.Type:
			out = append(out, fmt.Sprintf("column %s.%s is %s, not %s", k, cb.Name, cb.Type, ca.Type))
		case ca.NotNull && !cb.NotNull:
			out = append(out, fmt.Sprintf("column %s.%s is no longer NOT NULL", k, cb.Name))
		case !ca.NotNull && cb.NotNull:
			out = append(out, fmt.Sprintf("column %s.%s stays NOT NULL", k, cb.Name))
		case ca.HasDefault && !cb.HasDefault:
			out = append(out, fmt.Sprintf("column %s.%s loses its default", k, cb.Name))
		case !ca.HasDefault && cb.HasDefault:
			out = append(out, fmt.Sprintf("column %s.%s keeps a default", k, cb.Name))
		}
	}
	for _, ca := range a.Columns {
		if b.Column(ca.Name) == nil {
			out = append(out, fmt.Sprintf("column %s.%s is not restored", k, ca.Name))
		}
	}
	out = append(out, compareNames("constraint", k, constraintNames(a), constraintNames(b))...)
	out = append(out, compareNames("index", k, indexNames(a), indexNames(b))...)
	return append(out, compareNames("trigger", k, triggerNames(a), triggerNames(b))...)
}

// compareNames reports the names of kind (on table k) that only b or
// only a has.
func compareNames(kind, k string, a, b []string) []string {
	var out []string
	for _, n := range b {
		if !slices.Contains(a, n) {
			out = append(out, fmt.Sprintf("%s %s on %s remains", kind, n, k))
		}
	}
	for _, n := range a {
		if !slices.Contains(b, n) {
			out = append(out, fmt.Sprintf("%s %s on %s is not restored", kind, n, k))
		}
	}
	return out
}

// constraintNames returns the names of t's primary key and its unique,
// foreign key and exclusion constraints.
func constraintNames(t *Table) []string {
	var names []string
	if t.PrimaryKey != nil {
		names = append(names, t.PrimaryKey.Name)
	}
	for _, k := range t.Uniques {
		names = append(names, k.Name)
	}
	for _, fk := range t.ForeignKeys {
		names = append(names, fk.Name)
	}
	for _, ix := range t.Exclusions {
		names = append(names, ix.Name)
	}
	return names
}

func indexNames(t *Table) []string {
	names := make([]string, len(t.Indexes))
	for i, ix := range t.Indexes {
		names[i] = ix.Name
	}
	return names
}

func triggerNames(t *Table) []string {
	names := make([]string, len(t.Triggers))
	for i, tr := range t.Triggers {
		names[i] = tr.Name
	}
	return names
}
