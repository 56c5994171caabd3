package rules

import (
	"fmt"
	"slices"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// JunctionMissingUnique reports junction tables (two foreign keys and
// nothing else but timestamps and a surrogate key) that do not make the
// pair unique.
var JunctionMissingUnique = &diagnostics.Rule{
	ID:       "junction-missing-unique",
	Category: diagnostics.Schema,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Junction table without a key over its two references",
		Why: "A junction table records that two rows are related: a user has a role, a post has a tag. The " +
			"pair is the fact, and a fact recorded twice is a bug: without a primary key or unique constraint " +
			"over the two columns, a retried request or a race inserts the same pair again, joins then return " +
			"every related row twice, counts are off, and deleting the relation leaves a copy behind. A " +
			"surrogate `id` primary key does not help: each duplicate gets its own id. The key over the pair " +
			"also gives the index that lookups from the first column need.\n\n" +
			"The rule reads the workspace's final schema: a table is a junction table when its columns, apart " +
			"from date and time columns and a one-column surrogate primary key, are exactly two, each the only " +
			"column of a foreign key. The pair is unique when the primary key, a unique constraint or a unique " +
			"index (partial ones count) covers one or both of the columns and nothing else — or did at some " +
			"point, or with date or time columns (a history keyed `(group_id, status_id, created_at)` repeats " +
			"the pair on purpose): a key a maintenance script drops for a bulk load still says the pair is meant to be unique. " +
			"Tables whose rows are things of their own are not junction tables: rows other tables reference " +
			"(the copies of a film in a store's inventory, which rentals point at) and rows that outlive one " +
			"side (`ON DELETE SET NULL`, such as a campaign view kept after its subscriber is deleted). Nor are " +
			"tables named for occurrences, which may repeat: `*_log`, `*_events`, `*_history`, `*_attempts`, " +
			"`*_views`, `*_clicks`, `failed_*`.",
		Bad: "CREATE TABLE users (id bigint PRIMARY KEY);\n" +
			"CREATE TABLE roles (id bigint PRIMARY KEY);\n" +
			"CREATE TABLE user_roles (\n" +
			"  user_id bigint NOT NULL REFERENCES users (id),\n" +
			"  role_id bigint NOT NULL REFERENCES roles (id)\n" +
			");",
		Good: "CREATE TABLE users (id bigint PRIMARY KEY);\n" +
			"CREATE TABLE roles (id bigint PRIMARY KEY);\n" +
			"CREATE TABLE user_roles (\n" +
			"  user_id bigint NOT NULL REFERENCES users (id),\n" +
			"  role_id bigint NOT NULL REFERENCES roles (id),\n" +
			"  PRIMARY KEY (user_id, role_id)\n" +
			");",
		Fix: "Adds `PRIMARY KEY (a, b)` at the end of the `CREATE TABLE`, or `UNIQUE (a, b)` when the table " +
			"has a primary key already (a surrogate `id`). A primary key also makes both columns `NOT NULL`. " +
			"No fix is offered for partitioned tables, whose keys must include the partition key, nor for tables " +
			"with a nullable date or time column such as `deleted_at` or `deactivated_on`, which keep the " +
			"history of a pair: those need a partial unique index over the current rows " +
			"(`CREATE UNIQUE INDEX … (a, b) WHERE deactivated_on IS NULL`).",
		Ignore: "Tables that record events rather than relations (each row one occurrence, so the same pair " +
			"may repeat) — and those usually have a timestamp or a counter worth adding as a column.",
	},
	Run: runJunctionMissingUnique,
}

func runJunctionMissingUnique(pass *diagnostics.Pass) {
	st := pass.Stmt
	cs := st.Node.GetCreateStmt()
	if cs == nil || cs.Relation == nil || cs.Relation.Relpersistence == "t" || cs.Partbound != nil {
		return
	}
	tbl := pass.Schema.TableDeclaredAt(pass.File.URI, st.Span.Start)
	if tbl == nil || tbl.Partition {
		return
	}
	pair, ok := junctionColumns(tbl)
	if !ok || hasWord(tbl.Name.Object, eventWords...) || keyedOverTime(tbl, pair) || pairIsUnique(tbl, pair) || pairKeyDeclared(pass.Schema.DeclaredKeys(tbl.Name), pair) ||
		isEntity(pass.Schema, tbl, pair) || inDownMigration(pass) {
		return
	}
	name := st.NameSpan(cs.Relation.Location)
	nameText := pass.File.Text[name.Start:name.End]
	cols := syntax.QuoteIdent(pair[0]) + ", " + syntax.QuoteIdent(pair[1])
	d := diagnostics.Diagnostic{
		Span: name,
		Message: fmt.Sprintf("junction table %s has no primary key or unique constraint over (%s), so the same pair can be "+
			"recorded twice and joins through it return duplicates", nameText, cols),
	}
	if !tbl.Partitioned && !keepsHistory(tbl) {
		key, title := "PRIMARY KEY ("+cols+")", "Add PRIMARY KEY ("+cols+")"
		if tbl.PrimaryKey != nil {
			key, title = "UNIQUE ("+cols+")", "Add UNIQUE ("+cols+")"
		}
		if edits, ok := appendTableElements(pass, cs, []string{key}); ok {
			d.Fixes = []diagnostics.Fix{edit.Fix(title, edits...)}
		}
	}
	pass.Report(d)
}

// eventWords are table name words that say each row records an
// occurrence, which may repeat for the same pair.
var eventWords = []string{"log", "logs", "event", "events", "history", "histories", "audit", "audits",
	"attempt", "attempts", "failed", "failure", "failures", "click", "clicks", "impression", "impressions",
	"view", "views", "hit", "hits", "download", "downloads"}

// isEntity reports whether the rows of tbl, a table whose columns are
// the foreign keys pair (and timestamps and a surrogate key), stand for
// things of their own rather than links, so that a pair may repeat: rows
// that other tables (or tbl itself) reference, such as the copies of a
// film in a store's inventory that rentals point at, and rows that
// outlive one side of the pair (ON DELETE SET NULL), such as a campaign
// view kept after its subscriber is deleted.
func isEntity(m *schema.Model, tbl *schema.Table, pair [2]string) bool {
	for _, fk := range tbl.ForeignKeys {
		if len(fk.Columns) == 1 && slices.Contains(pair[:], fk.Columns[0]) &&
			(fk.OnDelete == schema.SetNull || fk.OnDelete == schema.SetDefault) {
			return true
		}
	}
	return len(m.ReferencedBy(tbl.Name)) > 0
}

// keepsHistory reports whether tbl has a nullable date or time column
// other than its creation and update times (deleted_at, deactivated_on,
// valid_to): a pair may then repeat once per period, and the key belongs
// on the current rows only — a partial unique index, not a primary key.
func keepsHistory(tbl *schema.Table) bool {
	for _, c := range tbl.Columns {
		if isTimestampTypeName(c.Type) && !c.NotNull && !hasWord(c.Name, "created", "updated", "modified", "inserted") {
			return true
		}
	}
	return false
}

// pairKeyDeclared reports whether one of keys, the keys ever declared on
// the table, covers some of pair's columns and no other column.
func pairKeyDeclared(keys [][]string, pair [2]string) bool {
	for _, k := range keys {
		if within(k, pair) {
			return true
		}
	}
	return false
}

// within reports whether cols are some of pair's columns and no other.
func within(cols []string, pair [2]string) bool {
	if len(cols) == 0 {
		return false
	}
	for _, c := range cols {
		if !slices.Contains(pair[:], c) {
			return false
		}
	}
	return true
}

// keyedOverTime reports whether a key of t is the pair (or part of it)
// with date or time columns: the pair may repeat once per moment by
// design, as in a history of statuses keyed (group_id, status_id, created_at).
func keyedOverTime(t *schema.Table, pair [2]string) bool {
	overTime := func(cols []string) bool {
		inPair, timed := false, false
		for _, c := range cols {
			switch col := t.Column(c); {
			case slices.Contains(pair[:], c):
				inPair = true
			case col != nil && isTimestampTypeName(col.Type):
				timed = true
			default:
				return false
			}
		}
		return inPair && timed
	}
	if t.PrimaryKey != nil && overTime(t.PrimaryKey.Columns) {
		return true
	}
	for _, u := range t.Uniques {
		if overTime(u.Columns) {
			return true
		}
	}
	for _, ix := range t.Indexes {
		if ix.Unique && overTime(ix.Columns) {
			return true
		}
	}
	return false
}

// pairIsUnique reports whether the primary key, a unique constraint or a
// unique index of t covers some of pair's columns and no other column.
func pairIsUnique(t *schema.Table, pair [2]string) bool {
	if t.PrimaryKey != nil && within(t.PrimaryKey.Columns, pair) {
		return true
	}
	for _, u := range t.Uniques {
		if within(u.Columns, pair) {
			return true
		}
	}
	for _, ix := range t.Indexes {
		if ix.Unique && !slices.Contains(ix.Columns, "") && within(ix.Columns, pair) {
			return true
		}
	}
	return false
}
