package schema

import (
	"context"
	"hash/maphash"
	"maps"
	"slices"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics/migration"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// An applied statement is one that Build applied and that looked up,
// changed or created something: its table keys (see tracker) and whether
// it created or dropped functions. Statements that touch nothing change
// nothing, whatever the schema, and are not recorded.
type applied struct {
	uri       string
	stmt      *syntax.Stmt // of the ParsedFile the model was built from
	keys      []string     // sorted
	functions bool
}

// indexKey is the tracker key of the indexes called name: DROP INDEX and
// ALTER INDEX … ATTACH PARTITION find an index by name in any table, so
// a statement that creates one and a statement that drops one must be
// replayed together.
func indexKey(name string) string { return "\x00index " + name }

// applyTracked applies st, a statement of the file at uri, folds it into
// the fingerprints of what it touched, and returns its record; ok is
// false when it touched nothing.
func (m *Model) applyTracked(uri string, st *syntax.Stmt) (rec applied, ok bool) {
	m.apply(uri, st)
	funcs := changesFunctions(st)
	if len(m.track.touched) == 0 && !funcs {
		return applied{}, false
	}
	rec = applied{uri: uri, stmt: st, functions: funcs}
	if len(m.track.touched) > 0 {
		rec.keys = slices.Clone(m.track.touched)
		slices.Sort(rec.keys)
		m.track.done(maphash.String(fingerprintSeed, st.Text) ^ maphash.String(fingerprintSeed, uri))
	}
	return rec, true
}

// maxRebuildRounds bounds how often Rebuild widens the set of tables it
// replays before it builds from scratch.
const maxRebuildRounds = 4

// Rebuild returns what Build(ctx, files) returns, computed from prev, the
// model of an earlier version of the same workspace. When one file
// changed, and not in its comments, it replays only the statements that
// build the tables the change touches (and those tied to them), takes
// every other table from prev, and moves the positions of those declared
// after the change; otherwise, or when the change reaches further than
// that (functions, a new statement on other tables it cannot foresee
// after a few rounds), it builds from scratch. The cost of an edit is
// then that of the tables it touches plus a pass over prev's tables.
//
// folders is the migrations setting (see BuildWith); a model built with
// other folders is not rebuilt from.
func Rebuild(ctx context.Context, prev *Model, files []*syntax.ParsedFile, folders []migration.Folder) (*Model, error) {
	if prev != nil && slices.Equal(prev.folders, folders) {
		if m := rebuild(prev, files); m != nil {
			return m, nil
		}
	}
	return BuildWith(ctx, files, folders)
}

func rebuild(prev *Model, files []*syntax.ParsedFile) *Model {
	if prev == nil || prev.hist == nil || prev.fp == nil || len(prev.hist.files) != len(files) {
		return nil
	}
	u := -1
	for i, pf := range files {
		old := prev.hist.files[i]
		if pf == old {
			continue
		}
		if u >= 0 || pf.File.URI != old.File.URI {
			return nil
		}
		u = i
	}
	if u < 0 {
		return prev
	}
	oldPF, newPF := prev.hist.files[u], files[u]
	if len(oldPF.Stmts) != len(newPF.Stmts) || !oldPF.SameComments(newPF) {
		return nil // migration markers may have moved
	}
	r := &rebuilder{prev: prev, files: files, uri: newPF.File.URI,
		change: source.Diff(oldPF.File.Text, newPF.File.Text)}
	r.delta = len(newPF.File.Text) - len(oldPF.File.Text)

	m := &Model{files: prev.files, folders: prev.folders, byColumn: new(columnMemo), idx: new(indexDefs)}
	m.readMigrations(files)
	r.newUp = m.upStatements(newPF)
	if !r.match() {
		return nil
	}
	keys := map[string]bool{}
	for _, rec := range r.dirty {
		if rec.functions {
			return nil
		}
		for _, k := range rec.keys {
			keys[k] = true
		}
	}
	for range maxRebuildRounds {
		r.close(keys)
		out, more := r.replay(m, keys)
		if out != nil {
			return out
		}
		if more == nil {
			return nil
		}
		for _, k := range more {
			keys[k] = true
		}
	}
	return nil
}

// A rebuilder holds the state of one Rebuild: the changed file (index in
// files, URI) and where its text changed.
type rebuilder struct {
	prev   *Model
	files  []*syntax.ParsedFile
	uri    string
	change source.Change
	delta  int

	newUp []*syntax.Stmt // the statements of the changed file that build the schema now
	// earlier holds, for each statement of newUp, the record of its
	// earlier self (an index in prev.applied); unchanged when its earlier
	// self touched nothing, changed when it is new or edited.
	earlier []int
	dirty   []applied // records of the changed file whose statements changed
}

// Values of rebuilder.earlier besides record indexes.
const (
	unchanged = -1 // the same statement, which touched nothing
	changed   = -2 // a new or edited statement
)

// match pairs the statements of the changed file with their earlier
// selves: the same span before the change, or the span moved by delta
// after it. Both lists are in file order, so one merge pass pairs them.
func (r *rebuilder) match() bool {
	oldStmts := r.prev.hist.files[r.fileIndex()].Stmts
	// The records of the changed file are contiguous and in file order.
	lo := slices.IndexFunc(r.prev.applied, func(a applied) bool { return a.uri == r.uri })
	hi := lo
	if lo < 0 {
		lo, hi = 0, 0
	}
	for hi < len(r.prev.applied) && r.prev.applied[hi].uri == r.uri {
		hi++
	}
	used := make([]bool, hi-lo)
	r.earlier = make([]int, len(r.newUp))
	o, rec := 0, lo // cursors in oldStmts and the records
	for i, st := range r.newUp {
		r.earlier[i] = changed
		var span source.Span
		switch {
		case st.Span.End <= r.change.Start:
			span = st.Span
		case st.Span.Start >= r.change.NewEnd:
			span = st.Span.Shift(-r.delta)
		default:
			continue
		}
		for o < len(oldStmts) && oldStmts[o].Span.Start < span.Start {
			o++
		}
		if o == len(oldStmts) || oldStmts[o].Span != span {
			continue
		}
		for rec < hi && r.prev.applied[rec].stmt.Span.Start < span.Start {
			rec++
		}
		if rec < hi && r.prev.applied[rec].stmt.Span.Start == span.Start {
			r.earlier[i] = rec
			used[rec-lo] = true
		} else {
			r.earlier[i] = unchanged
		}
	}
	for j, ok := range used {
		if !ok {
			r.dirty = append(r.dirty, r.prev.applied[lo+j])
		}
	}
	return true
}

func (r *rebuilder) fileIndex() int {
	return slices.IndexFunc(r.files, func(pf *syntax.ParsedFile) bool { return pf.File.URI == r.uri })
}

// close adds to keys every key of every record that shares one with
// them, until none does: those statements build the same tables.
func (r *rebuilder) close(keys map[string]bool) {
	for grew := true; grew; {
		grew = false
		for _, rec := range r.prev.applied {
			hit := false
			for _, k := range rec.keys {
				if keys[k] {
					hit = true
					break
				}
			}
			if !hit {
				continue
			}
			for _, k := range rec.keys {
				if !keys[k] {
					keys[k] = true
					grew = true
				}
			}
		}
	}
}

// replay builds the new model: the tables of keys by replaying, in
// order, the statements that touch them and the changed file's new
// statements; every other table from prev, moved if it was declared
// after the change. When a replayed statement touches a key outside
// keys, it returns nil and the keys to add.
func (r *rebuilder) replay(base *Model, keys map[string]bool) (*Model, []string) {
	prev := r.prev
	m := *base
	m.tables = make(map[string]*Table)
	m.order = nil
	m.keyHistory = nil
	m.functions, m.functionOrder = prev.functions, prev.functionOrder
	m.hist = &history{files: r.files}
	m.fp = &fingerprints{tables: make(map[string]uint64, len(prev.fp.tables)), files: prev.fp.files, functions: prev.fp.functions}
	for k, h := range prev.fp.tables {
		if !keys[k] {
			m.fp.tables[k] = h
		}
	}
	m.track = &tracker{fp: m.fp}
	m.applied = make([]applied, 0, len(prev.applied)+4)

	var outside []string
	step := func(uri string, st *syntax.Stmt) bool {
		rec, ok := m.applyTracked(uri, st)
		if !ok {
			return true
		}
		if rec.functions {
			outside = nil
			return false
		}
		for _, k := range rec.keys {
			if !keys[k] {
				outside = append(outside, k)
			}
		}
		m.applied = append(m.applied, rec)
		return len(outside) == 0
	}
	touches := func(rec applied) bool {
		for _, k := range rec.keys {
			if keys[k] {
				return true
			}
		}
		return false
	}
	moved := map[string]bool{} // keys of tables declared after the change, not replayed
	i := 0
	for _, pf := range r.files {
		uri := pf.File.URI
		if uri != r.uri {
			for ; i < len(prev.applied) && prev.applied[i].uri == uri; i++ {
				rec := prev.applied[i]
				if !touches(rec) {
					m.applied = append(m.applied, rec)
				} else if !step(uri, rec.stmt) {
					return nil, outside
				}
			}
			continue
		}
		for ; i < len(prev.applied) && prev.applied[i].uri == uri; i++ {
		}
		for n, st := range r.newUp {
			j := r.earlier[n]
			switch {
			case j == unchanged:
				// Touched nothing before and is the same statement.
			case j >= 0 && !touches(prev.applied[j]):
				rec := prev.applied[j]
				rec.stmt = st
				m.applied = append(m.applied, rec)
				if st.Span.Start >= r.change.NewEnd && r.delta != 0 {
					for _, k := range rec.keys {
						moved[k] = true
					}
				}
			case st.Node != nil:
				if !step(uri, st) {
					return nil, outside
				}
			}
		}
	}

	// Join the replayed tables with prev's others, in creation order.
	tables := make(map[string]*Table, len(prev.tables)+len(m.tables))
	order := make([]*Table, 0, len(prev.order)+len(m.order))
	for _, t := range prev.order {
		k := t.Name.Key()
		if keys[k] {
			continue
		}
		if moved[k] {
			t = r.shiftTable(t)
		}
		tables[k] = t
		order = append(order, t)
	}
	fileIndex := func(t *Table) (int, int) { return m.files[t.Def.URI], t.Def.Span.Start }
	for _, t := range m.order {
		tables[t.Name.Key()] = t
		at, _ := slices.BinarySearchFunc(order, t, func(a, b *Table) int {
			af, as := fileIndex(a)
			bf, bs := fileIndex(b)
			if af != bf {
				return af - bf
			}
			return as - bs
		})
		order = slices.Insert(order, at, t)
	}
	m.tables, m.order = tables, order

	if len(prev.keyHistory) > 0 || len(m.keyHistory) > 0 {
		hist := make(map[string][][]string, len(prev.keyHistory)+len(m.keyHistory))
		for k, v := range prev.keyHistory {
			if !keys[k] {
				hist[k] = v
			}
		}
		maps.Copy(hist, m.keyHistory)
		m.keyHistory = hist
	}
	if len(prev.hist.types) > 0 {
		types := m.hist.types
		m.hist.types = make(map[string][]typeChange, len(prev.hist.types)+len(types))
		for k, v := range prev.hist.types {
			if table, _, _ := strings.Cut(k, "\x00"); !keys[table] {
				m.hist.types[k] = v
			}
		}
		maps.Copy(m.hist.types, types)
	}
	r.shiftFunctions(&m)
	m.track = nil
	m.indexDefs()
	return &m, nil
}

// shiftTable returns t with every position in the changed file after
// the change moved by delta; t itself is shared with prev and unchanged.
func (r *rebuilder) shiftTable(t *Table) *Table {
	c := *t
	c.Def = r.shift(t.Def)
	if len(t.Columns) > 0 {
		c.Columns = make([]*Column, len(t.Columns))
		for i, col := range t.Columns {
			cc := *col
			cc.Def = r.shift(col.Def)
			c.Columns[i] = &cc
		}
	}
	key := func(k *Key) *Key {
		ck := *k
		ck.Def = r.shift(k.Def)
		return &ck
	}
	if t.PrimaryKey != nil {
		c.PrimaryKey = key(t.PrimaryKey)
	}
	if len(t.Uniques) > 0 {
		c.Uniques = make([]*Key, len(t.Uniques))
		for i, k := range t.Uniques {
			c.Uniques[i] = key(k)
		}
	}
	if len(t.ForeignKeys) > 0 {
		c.ForeignKeys = make([]*ForeignKey, len(t.ForeignKeys))
		for i, fk := range t.ForeignKeys {
			cf := *fk
			cf.Def = r.shift(fk.Def)
			c.ForeignKeys[i] = &cf
		}
	}
	indexes := func(ixs []*Index) []*Index {
		if len(ixs) == 0 {
			return ixs
		}
		out := make([]*Index, len(ixs))
		for i, ix := range ixs {
			ci := *ix
			ci.Def = r.shift(ix.Def)
			out[i] = &ci
		}
		return out
	}
	c.Indexes, c.Exclusions = indexes(t.Indexes), indexes(t.Exclusions)
	if len(t.Triggers) > 0 {
		c.Triggers = make([]*Trigger, len(t.Triggers))
		for i, tr := range t.Triggers {
			ct := *tr
			ct.Def = r.shift(tr.Def)
			c.Triggers[i] = &ct
		}
	}
	return &c
}

// shiftFunctions moves the functions declared after the change in the
// changed file.
func (r *rebuilder) shiftFunctions(m *Model) {
	if r.delta == 0 || !slices.ContainsFunc(m.functionOrder, func(f *Function) bool { return r.shift(f.Def) != f.Def }) {
		return
	}
	fns := make(map[string]*Function, len(m.functions))
	order := make([]*Function, len(m.functionOrder))
	for i, f := range m.functionOrder {
		if l := r.shift(f.Def); l != f.Def {
			c := *f
			c.Def = l
			f = &c
		}
		order[i] = f
		fns[f.Name.Key()] = f
	}
	m.functions, m.functionOrder = fns, order
}

// shift moves l by delta when it lies in the changed file after the change.
func (r *rebuilder) shift(l Location) Location {
	if l.URI == r.uri && l.Span.Start >= r.change.OldEnd {
		l.Span = l.Span.Shift(r.delta)
	}
	return l
}
