package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// RedundantIndex reports indexes that another index, the primary key or
// a unique constraint of the same table makes unnecessary.
var RedundantIndex = &diagnostics.Rule{
	ID:       "redundant-index",
	Category: diagnostics.Schema,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Index duplicated by another index or a key",
		Why: "Every index is written on every insert, on every update of its columns that is not HOT, and " +
			"vacuumed, cached and backed up. An index that another one already provides costs all of that " +
			"and serves nothing: a B-tree on `(a, b)` answers lookups on `a` alone exactly as well as a " +
			"B-tree on `(a)`, and the index behind a primary key or unique constraint serves its columns' " +
			"lookups too. Duplicates creep in when a migration adds \"the index for the foreign key\" that a " +
			"composite index or the key already covers.\n\n" +
			"The rule reads the workspace's final schema. An index is redundant when another index of the same " +
			"table with the same access method and the same partial predicate (`WHERE`) has the same keys (the " +
			"later of two identical indexes is reported, a non-unique one before a unique one, and never a " +
			"partition's index attached to its parent's with `ALTER INDEX … ATTACH PARTITION`), or — for " +
			"B-tree indexes — when its keys are the leftmost keys of another B-tree index, primary key or " +
			"unique constraint and its `INCLUDE` columns are all in that index. Keys are compared with their " +
			"expressions, operator classes, collations and sort orders. A `UNIQUE` index is redundant only when " +
			"another unique index or key has exactly its keys: on fewer columns it enforces something more.",
		Bad: "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, created_at timestamptz NOT NULL);\n" +
			"CREATE INDEX orders_user_created ON orders (user_id, created_at);\n" +
			"CREATE INDEX orders_user ON orders (user_id);",
		Good: "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, created_at timestamptz NOT NULL);\n" +
			"CREATE INDEX orders_user_created ON orders (user_id, created_at);\n" +
			"CREATE INDEX orders_created ON orders (created_at);",
		Fix: "Deletes the redundant `CREATE INDEX` statement (with a comment that trails it on its line), unless " +
			"another statement of the file creates an index of the same name, which would take its place. In a " +
			"migration that has already run, write `DROP INDEX CONCURRENTLY` in a new migration instead. " +
			"Deleting a `UNIQUE` index is offered but never applied by `sqlsage fix`: it enforces a constraint, " +
			"even if another one enforces the same.",
		Ignore: "An index kept deliberately smaller than the composite one for a hot lookup path, measured to " +
			"be worth its cost.",
	},
	Run: runRedundantIndex,
}

// indexMethod returns an index's access method, btree when unnamed.
func indexMethod(ix *schema.Index) string {
	if ix.Method == "" {
		return "btree"
	}
	return strings.ToLower(ix.Method)
}

// isPrefix reports whether short is a leftmost prefix of long (or equal to it).
func isPrefix(short, long []string) bool {
	return len(short) <= len(long) && slices.Equal(short, long[:len(short)])
}

// coveredBy says what makes an index redundant: another index or a key.
type coveredBy struct {
	what  string          // "index orders_user_created (user_id, created_at)", "the primary key orders_pkey (id)"
	def   schema.Location // where that index or key is declared
	exact bool            // same keys, not a longer one
}

// redundantTo returns what makes ix, an index of t, redundant, or false.
func redundantTo(m *schema.Model, t *schema.Table, ix *schema.Index) (coveredBy, bool) {
	if ix.Attached {
		return coveredBy{}, false // part of its parent's partitioned index, which needs it
	}
	btree := indexMethod(ix) == "btree"
	plainKeys := !slices.Contains(ix.Columns, "") && slices.Equal(ix.Keys, ix.Columns)
	// The primary key and unique constraints are plain B-tree indexes.
	if btree && plainKeys && !ix.Partial && len(ix.Include) == 0 {
		keys := []*schema.Key{}
		if t.PrimaryKey != nil {
			keys = append(keys, t.PrimaryKey)
		}
		keys = append(keys, t.Uniques...)
		for i, k := range keys {
			if len(k.Columns) == 0 || !isPrefix(ix.Keys, k.Columns) || ix.Unique && len(ix.Keys) != len(k.Columns) {
				continue
			}
			kind := "the unique constraint"
			if i == 0 && t.PrimaryKey != nil {
				kind = "the primary key"
			}
			return coveredBy{what: fmt.Sprintf("%s %s (%s)", kind, k.Name, strings.Join(k.Columns, ", ")),
				def: k.Def, exact: len(ix.Keys) == len(k.Columns)}, true
		}
	}
	for _, other := range t.Indexes {
		if other == ix || indexMethod(other) != indexMethod(ix) || other.Predicate != ix.Predicate {
			continue
		}
		what := func() string { return fmt.Sprintf("index %s (%s)", other.Name, strings.Join(other.Keys, ", ")) }
		if slices.Equal(ix.Keys, other.Keys) && sameSet(ix.Include, other.Include) {
			switch {
			case ix.Unique && !other.Unique:
				continue // ix enforces more: other is the redundant one
			case ix.Unique == other.Unique && !other.Attached && !declaredBefore(m, other.Def, ix.Def):
				continue // of two identical indexes the later is reported, unless the other is attached
			}
			return coveredBy{what: what(), def: other.Def, exact: true}, true
		}
		if btree && !ix.Unique && len(ix.Keys) < len(other.Keys) && isPrefix(ix.Keys, other.Keys) &&
			subset(ix.Include, append(slices.Clone(other.Keys), other.Include...)) {
			return coveredBy{what: what(), def: other.Def}, true
		}
	}
	return coveredBy{}, false
}

// declaredBefore reports whether a comes before b in the migration order.
func declaredBefore(m *schema.Model, a, b schema.Location) bool {
	if a.URI == b.URI {
		return a.Span.Start < b.Span.Start
	}
	return m.FileIndex(a.URI) < m.FileIndex(b.URI)
}

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool { return len(a) == len(b) && subset(a, b) }

// subset reports whether every string of a is in b.
func subset(a, b []string) bool {
	for _, s := range a {
		if !slices.Contains(b, s) {
			return false
		}
	}
	return true
}

func runRedundantIndex(pass *diagnostics.Pass) {
	st := pass.Stmt
	is := st.Node.GetIndexStmt()
	if is == nil {
		return
	}
	tbl, ix := indexOfStmt(pass, is)
	if ix == nil {
		return
	}
	by, ok := redundantTo(pass.Schema, tbl, ix)
	if !ok || inDownMigration(pass) {
		return
	}
	subject := "index " + ix.Name
	if is.Idxname == "" {
		subject = "unnamed index"
	}
	relation := "is a leftmost prefix of"
	if by.exact {
		relation = "duplicates"
	}
	d := diagnostics.Diagnostic{
		Span: st.NameSpan(is.Relation.Location),
		Message: fmt.Sprintf("%s on %s (%s) %s %s, which serves the same lookups, so it only slows writes and takes space",
			subject, tbl.Name, strings.Join(ix.Keys, ", "), relation, by.what),
		Related: []diagnostics.Related{{URI: by.def.URI, Span: by.def.Span, Message: "the covering index or key"}},
	}
	if idx := indexNameSpan(st, is); idx.End > idx.Start {
		d.Span = idx
	}
	title := "Delete the redundant CREATE INDEX"
	if is.Idxname != "" && createdAgain(pass, is.Idxname) {
		// Another statement of the file creates an index of that name
		// (a retry after a failing one): deleting this one would let the
		// other take its place.
		pass.Report(d)
		return
	}
	if ix.Unique {
		d.Fixes = []diagnostics.Fix{edit.UnsafeFix(title, edit.DeleteStmt(pass.File, st))}
	} else {
		d.Fixes = []diagnostics.Fix{edit.Fix(title, edit.DeleteStmt(pass.File, st))}
	}
	pass.Report(d)
}

// indexNameSpan returns the file span of a CREATE INDEX's name as written,
// or an empty span when the index is unnamed.
func indexNameSpan(st *syntax.Stmt, is *syntax.IndexStmt) (span source.Span) {
	if is.Idxname == "" {
		return
	}
	toks := st.Lexemes()
	rel := st.LexemeAt(int(is.Relation.Location))
	for i := 0; i < rel && i < len(toks); i++ {
		if !toks[i].Is(st.Text, "on") {
			continue
		}
		for j := i - 1; j >= 0; j-- { // the name is the last token before ON
			if toks[j].Kind != syntax.LexComment {
				return st.LexemeSpan(j)
			}
		}
		break
	}
	return
}

// createdAgain reports whether a statement of the pass's file other than
// its own creates an index called name.
func createdAgain(pass *diagnostics.Pass, name string) bool {
	for _, st := range pass.Parsed().Stmts {
		if is := st.Node.GetIndexStmt(); is != nil && st != pass.Stmt && is.Idxname == name {
			return true
		}
	}
	return false
}

// indexOfStmt returns the index of the final schema that the pass's
// CREATE INDEX statement created, and its table: looked up among the
// indexes of the table the statement names, and else (the table was
// renamed) through the model's index of declarations, which takes a
// map over every index to build.
func indexOfStmt(pass *diagnostics.Pass, is *syntax.IndexStmt) (*schema.Table, *schema.Index) {
	if t := pass.Schema.Table(schema.RangeVarName(is.Relation)); t != nil {
		for _, ix := range t.Indexes {
			if ix.Def.Span.Start == pass.Stmt.Span.Start && ix.Def.URI == pass.File.URI {
				return t, ix
			}
		}
	}
	return pass.Schema.IndexDeclaredAt(pass.File.URI, pass.Stmt.Span.Start)
}
