package rules

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// DenormalizedColumn reports columns that copy a column of a table their
// table already references (customer_email beside customer_id).
var DenormalizedColumn = &diagnostics.Rule{
	ID:       "denormalized-column",
	Category: diagnostics.Schema,
	Severity: diagnostics.Info,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Column copies a value its foreign key already reaches",
		Why: "`orders.customer_email` beside `orders.customer_id REFERENCES customers` stores a fact about the " +
			"customer in every order: the table is not in third normal form. When the customer changes their " +
			"email, the copies do not follow — old orders keep the old address unless every writer remembers " +
			"to update them all, in the same transaction. Reading it through the key (`JOIN customers`), or " +
			"through a view that does the join, always gives the current value, and the database stores it " +
			"once.\n\n" +
			"The rule reads the workspace's final schema: a column `<x>_<col>` is reported when its table has " +
			"a one-column `NOT NULL` foreign key `<x>_id` to a table that has a column `<col>` (or `<x>_<col>` " +
			"itself). A nullable key, or one declared `ON DELETE SET NULL`, means the column also stands for " +
			"rows without a reference (an anonymous sender's email, the name of a deleted list) and is not a " +
			"mere copy. A yes/no flag (`student_banned` beside `student_id`) usually records the state when " +
			"the row was written, and is left alone too. " +
			"It leaves alone tables whose name says they hold copies on purpose — summaries, stats, reports, " +
			"snapshots, history, archives, audit logs — and views, which are the recommended way to show the " +
			"joined value.",
		Bad: "CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);\n" +
			"CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id), customer_email text);",
		Good: "CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);\n" +
			"CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id));\n" +
			"CREATE VIEW order_emails AS SELECT o.id, c.email AS customer_email FROM orders o JOIN customers c ON c.id = o.customer_id;",
		Ignore: "A value copied on purpose as of a moment — the price of a product when it was ordered, the " +
			"address an order was shipped to — is history, not a copy: say so with " +
			"`-- sqlsage-ignore denormalized-column price at the time of the order`, or name the column for " +
			"the moment (`price_at_order`).",
	},
	Run: runDenormalizedColumn,
}

// copiesWords are table name words that say the table holds copies on purpose.
var copiesWords = []string{"summary", "summaries", "stats", "stat", "statistics", "report", "reports", "reporting",
	"snapshot", "snapshots", "history", "histories", "archive", "archives", "audit", "audits", "log", "logs",
	"cache", "cached", "denormalized", "rollup", "rollups", "aggregate", "aggregates"}

func runDenormalizedColumn(pass *diagnostics.Pass) {
	st := pass.Stmt
	tbl, _ := statementTable(pass)
	if tbl == nil || len(tbl.ForeignKeys) == 0 {
		return
	}
	checked := false
	for col := range eachColumn(st) {
		if col.Alter != nil && col.Alter.Subtype != syntax.AlterTableType_AT_AddColumn || !extendsReference(tbl, col.Name) {
			continue
		}
		fc := columnIn(pass, tbl, col)
		if fc == nil || inForeignKey(tbl, fc.Name) || modelTypeBase(fc.Type) == "bool" {
			continue // a yes/no copied onto a row records the state when it was written (student_banned)
		}
		target, source := copiedColumn(pass.Schema, tbl, fc.Name)
		if source == nil {
			continue
		}
		if !checked {
			if inDownMigration(pass) || hasWord(tbl.Name.Object, copiesWords...) {
				return
			}
			checked = true
		}
		fk, _ := fkToward(tbl, fc.Name, target)
		span := st.LexemeSpan(st.LexemeAt(int(col.Def.Location)))
		pass.Report(diagnostics.Diagnostic{
			Span: span,
			Message: fmt.Sprintf("column %q copies %s.%s through %s, so the copy goes stale when %s.%s changes; "+
				"read it with a join or a view instead", col.Name, target.Name, source.Name, fk, target.Name, source.Name),
			Related: []diagnostics.Related{{URI: source.Def.URI, Span: source.Def.Span,
				Message: fmt.Sprintf("%s.%s is declared here", target.Name, source.Name)}},
		})
	}
}

// extendsReference is a cheap test that rules out most columns before
// copiedColumn looks at the referenced tables: name starts with the <x>
// of a foreign key column <x>_id (or <x>Id) of tbl, and is longer.
func extendsReference(tbl *schema.Table, name string) bool {
	for _, fk := range tbl.ForeignKeys {
		if len(fk.Columns) == 1 {
			if x, sep, ok := referencePrefix(fk.Columns[0]); ok && len(name) > len(x)+len(sep) &&
				strings.HasPrefix(name, x) && strings.HasPrefix(name[len(x):], sep) {
				return true
			}
		}
	}
	return false
}

// copiedColumn returns the table and column that column name of tbl
// copies: name is <x>_<col> (or <x><Col>), tbl has a one-column foreign
// key <x>_id (or <x>Id) to a table with a column <col> or <x>_<col>.
func copiedColumn(m *schema.Model, tbl *schema.Table, name string) (*schema.Table, *schema.Column) {
	for _, fk := range tbl.ForeignKeys {
		// Only a reference every row has makes the copy redundant: with a
		// nullable key the column also holds values for rows without one
		// (the email of an anonymous sender), and ON DELETE SET NULL keeps
		// it after the referenced row is gone (a deleted list's name).
		if len(fk.Columns) != 1 || fk.OnDelete == schema.SetNull || fk.OnDelete == schema.SetDefault {
			continue
		}
		if c := tbl.Column(fk.Columns[0]); c == nil || !c.NotNull {
			continue
		}
		x, sep, ok := referencePrefix(fk.Columns[0])
		if !ok {
			continue
		}
		rest, ok := strings.CutPrefix(name, x+sep)
		if !ok || rest == "" {
			continue
		}
		if sep == "" { // camelCase: the rest starts with a capital
			r, size := utf8.DecodeRuneInString(rest)
			if !unicode.IsUpper(r) {
				continue
			}
			rest = string(unicode.ToLower(r)) + rest[size:]
		}
		if rest == "id" || rest == "type" || strings.HasPrefix(rest, "id_") {
			continue
		}
		target := m.Table(fk.RefTable)
		if target == nil || target == tbl {
			continue
		}
		if c := target.Column(rest); c != nil {
			return target, c
		}
		if c := target.Column(name); c != nil {
			return target, c
		}
	}
	return nil, nil
}

// referencePrefix splits a foreign key column named <x>_id or <x>Id into
// x and the separator that follows it in names built on it ("_" or "").
func referencePrefix(col string) (x, sep string, ok bool) {
	if x, ok := strings.CutSuffix(col, "_id"); ok && x != "" {
		return x, "_", true
	}
	if x, ok := strings.CutSuffix(col, "Id"); ok && x != "" {
		return x, "", true
	}
	return "", "", false
}

// fkToward returns the name of the one-column foreign key column of tbl
// that leads to target and prefixes name.
func fkToward(tbl *schema.Table, name string, target *schema.Table) (string, bool) {
	for _, fk := range tbl.ForeignKeys {
		if len(fk.Columns) == 1 && fk.RefTable.Key() == target.Name.Key() {
			if x, sep, ok := referencePrefix(fk.Columns[0]); ok && strings.HasPrefix(name, x+sep) {
				return fk.Columns[0], true
			}
		}
	}
	return "", false
}
