package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// FkMissingReference reports <x>_id columns without a foreign key when
// the workspace has a table named x (or its plural).
var FkMissingReference = &diagnostics.Rule{
	ID:       "fk-missing-reference",
	Category: diagnostics.Schema,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Reference column without a foreign key",
		Why: "A column named `user_id` next to a table `users` is a reference in all but name. Without a " +
			"`FOREIGN KEY`, nothing stops it from holding the id of a user that never existed or was deleted: " +
			"orphaned rows accumulate, joins silently drop them, and every consumer must defend against " +
			"them. The constraint costs one index lookup per insert and documents the relationship for " +
			"people, ORMs and query planners alike.\n\n" +
			"The rule looks at integer and uuid columns named `<x>_id` (or `<x>Id`) that no foreign key of the " +
			"workspace's final schema covers, when the workspace has a table `<x>` or its plural (`<x>s`, " +
			"`<x>es`, `<y>` → `<ies>`) in the same schema or the default one, whose one-column primary key has " +
			"a type of the same kind. It leaves alone a table's own id (`customer.customer_id`), polymorphic " +
			"references (a `<x>_type` column beside `<x>_id`), history, audit, log, archive and snapshot tables " +
			"(which keep ids after the rows are gone, on purpose), partitions and partitioned tables whose " +
			"partitions hold the key, temporary tables and down migrations.",
		Bad: "CREATE TABLE users (id bigint PRIMARY KEY);\n" +
			"CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);",
		Good: "CREATE TABLE users (id bigint PRIMARY KEY);\n" +
			"CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id));",
		Fix: "Appends `REFERENCES <table> (<key>)` to the column's definition. On a table created by an " +
			"earlier file the fix is offered but not applied by `sqlsage fix`: adding the key takes a lock on " +
			"both tables and checks every existing row, and fails if any row is already orphaned — there, add " +
			"it `NOT VALID` and `VALIDATE CONSTRAINT` separately.",
		Ignore: "Columns that hold ids of another system (an external `customer_id` with a `customers` table " +
			"of a different origin), and tables kept without keys on purpose (sharded or very large tables " +
			"whose integrity the application checks).",
	},
	Run: runFkMissingReference,
}

// referencedCandidates returns the table names a column named for x may
// refer to: x and its plurals.
func referencedCandidates(x string) []string {
	c := []string{x, x + "s", x + "es"}
	if strings.HasSuffix(x, "y") {
		c = append(c, x[:len(x)-1]+"ies")
	}
	return c
}

func runFkMissingReference(pass *diagnostics.Pass) {
	st := pass.Stmt
	var tbl *schema.Table // the statement's table, looked up for the first candidate column
	checked := false
	for col := range eachColumn(st) {
		if col.Alter != nil && col.Alter.Subtype != syntax.AlterTableType_AT_AddColumn || len(col.Name) <= 3 || !hasSuffixFold(col.Name, "id") {
			continue
		}
		if !checked {
			tbl, _ = statementTable(pass)
			if tbl == nil || tbl.Partition {
				return
			}
			checked = true
		}
		fc := columnIn(pass, tbl, col)
		if fc == nil || inForeignKey(tbl, fc.Name) {
			continue
		}
		words := nameWords(col.Name)
		if len(words) < 2 || words[len(words)-1] != "id" || serialTypes[syntax.TypeBase(col.Def.TypeName)] {
			continue // not <x>_id, or a key of its own (serial)
		}
		_, family := keyType(fc.Type)
		if family != "integer" && family != "uuid" {
			continue
		}
		x := strings.Join(words[:len(words)-1], "_")
		if tbl.Column(x+"_type") != nil || namedFor(tbl, x) {
			continue // polymorphic (<x>_type says which table), or the table's own id
		}
		target, pk := referencedTable(pass.Schema, tbl, x, family)
		if target == nil || tbl.Partitioned && partitionsReference(pass.Schema, fc.Name, target) {
			continue
		}
		if hasWord(tbl.Name.Object, keepsIDsWords...) || inDownMigration(pass) {
			return
		}
		nameTok := st.LexemeAt(int(col.Def.Location))
		span := st.LexemeSpan(nameTok)
		ref := qualifiedTableName(target.Name)
		d := diagnostics.Diagnostic{
			Span: span,
			Message: fmt.Sprintf("column %q looks like a reference to %s but has no foreign key, so it can hold ids of %s rows that do not exist",
				col.Name, target.Name, target.Name),
			Related: []diagnostics.Related{{URI: target.Def.URI, Span: target.Def.Span, Message: "table " + target.Name.String() + " is declared here"}},
		}
		clause := fmt.Sprintf(" REFERENCES %s (%s)", ref, syntax.QuoteIdent(pk))
		insert := edit.InsertTokens(pass.File, st.ColumnSpan(col.Def).End, clause)
		title := fmt.Sprintf("Add REFERENCES %s (%s)", ref, syntax.QuoteIdent(pk))
		if pass.Schema.CreatedBefore(tbl, pass.File.URI) {
			d.Fixes = []diagnostics.Fix{edit.UnsafeFix(title, insert)}
		} else {
			d.Fixes = []diagnostics.Fix{edit.Fix(title, insert)}
		}
		pass.Report(d)
	}
}

// keepsIDsWords are table name words that say the rows must outlive the
// rows they mention: history, audit and log tables keep ids on purpose.
var keepsIDsWords = []string{"history", "histories", "audit", "audits", "log", "logs", "archive", "archives",
	"archived", "snapshot", "snapshots"}

// namedFor reports whether a column named for x is tbl's own id: x names
// tbl itself, in any case or number ("Customer"."CustomerId").
func namedFor(tbl *schema.Table, x string) bool {
	for _, cand := range referencedCandidates(x) {
		if strings.EqualFold(strings.ReplaceAll(tbl.Name.Object, "_", ""), strings.ReplaceAll(cand, "_", "")) {
			return true
		}
	}
	return false
}

// partitionsReference reports whether a partition in the model has a
// foreign key from a column called col to target: before PostgreSQL 12
// keys could not be declared on a partitioned table, so pg_dump output of
// such schemas has them on each partition.
func partitionsReference(m *schema.Model, col string, target *schema.Table) bool {
	for _, r := range m.ReferencedBy(target.Name) {
		if r.Table.Partition && len(r.FK.Columns) == 1 && r.FK.Columns[0] == col {
			return true
		}
	}
	return false
}

// inForeignKey reports whether column col of t is a column of one of its foreign keys.
func inForeignKey(t *schema.Table, col string) bool {
	return slices.ContainsFunc(t.ForeignKeys, func(fk *schema.ForeignKey) bool { return slices.Contains(fk.Columns, col) })
}

// referencedTable returns the table other than tbl that a column named
// for x refers to, looked up in tbl's schema and then the default one,
// and its one-column primary key, whose type must be of family.
func referencedTable(m *schema.Model, tbl *schema.Table, x, family string) (*schema.Table, string) {
	for _, sch := range []string{tbl.Name.Schema, ""} {
		for _, cand := range referencedCandidates(x) {
			t := m.Table(schema.Name{Schema: sch, Object: cand})
			if t == nil || t == tbl || t.PrimaryKey == nil || len(t.PrimaryKey.Columns) != 1 {
				continue
			}
			pk := t.Column(t.PrimaryKey.Columns[0])
			if pk == nil {
				continue
			}
			if _, f := keyType(pk.Type); f != family {
				continue
			}
			return t, pk.Name
		}
	}
	return nil, ""
}

// qualifiedTableName writes a table's name as SQL: schema-qualified
// unless it lives in the default schema.
func qualifiedTableName(n schema.Name) string {
	if n.Schema == "" || n.Schema == "public" {
		return syntax.QuoteIdent(n.Object)
	}
	return syntax.QuoteIdent(n.Schema) + "." + syntax.QuoteIdent(n.Object)
}
