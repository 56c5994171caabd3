package rules

import (
	"fmt"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// UniqueConstraintLock reports UNIQUE and PRIMARY KEY constraints added
// to a table created by an earlier migration, whose index is built under
// an ACCESS EXCLUSIVE lock.
var UniqueConstraintLock = &diagnostics.Rule{
	ID:       "unique-constraint-lock",
	Category: diagnostics.Migration,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "UNIQUE or PRIMARY KEY added to an existing table",
		Why: "`ALTER TABLE … ADD CONSTRAINT … UNIQUE` (or `PRIMARY KEY`) builds the constraint's unique " +
			"index while it holds an `ACCESS EXCLUSIVE` lock on the table: every read and write waits until " +
			"the whole table is indexed. Building the index first with `CREATE UNIQUE INDEX CONCURRENTLY` " +
			"lets traffic go on, and `ADD CONSTRAINT … UNIQUE USING INDEX` then turns it into the " +
			"constraint in an instant.\n\n" +
			"The rule judges up migrations that alter a table created by an earlier file (a table the file " +
			"creates is empty).",
		Bad: "-- file: 001_create.sql\n" +
			"CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n" +
			"-- file: 002_unique_email.sql\n" +
			"ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
		Good: "-- file: 001_create.sql\n" +
			"CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n" +
			"-- file: 002_unique_email.sql\n" +
			"CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n" +
			"ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
		Fix: "Builds the index before the statement with `CREATE UNIQUE INDEX CONCURRENTLY <name> ON table " +
			"(columns)` and rewrites the constraint as `CONSTRAINT <name> UNIQUE USING INDEX <name>` (or " +
			"`PRIMARY KEY USING INDEX`). An unnamed constraint gets the name PostgreSQL would give it " +
			"(`<table>_<columns>_key`, `<table>_pkey`). `CONCURRENTLY` fails in a transaction block (an " +
			"explicit `BEGIN`, or a goose or dbmate migration): there the fix is offered but not preferred, " +
			"and the `CREATE INDEX` must move to a migration without a transaction. A constraint with " +
			"`INCLUDE`, `WITH`, `USING INDEX TABLESPACE`, `NULLS NOT DISTINCT` or `DEFERRABLE`, and one on " +
			"a partitioned table, gets no fix. `PRIMARY KEY USING INDEX` still sets its columns `NOT NULL`, " +
			"which scans the table when they are nullable.",
		Ignore: "Tables known to be small, and migrations that run in a maintenance window.",
	},
	Run: runUniqueConstraintLock,
}

func runUniqueConstraintLock(pass *diagnostics.Pass) {
	st := pass.Stmt
	at := st.Node.GetAlterTableStmt()
	if at == nil || at.Objtype != syntax.ObjectType_OBJECT_TABLE {
		return
	}
	tbl := existingTable(pass, at.Relation)
	if tbl == nil {
		return
	}
	table := tableText(pass, at.Relation)
	spans := alterCmdSpans(st, at)
	for i, c := range at.Cmds {
		cmd := c.GetAlterTableCmd()
		con := cmd.GetDef().GetConstraint()
		if cmd.GetSubtype() != syntax.AlterTableType_AT_AddConstraint || con.GetIndexname() != "" {
			continue
		}
		kind, label := "UNIQUE", "key"
		switch con.GetContype() {
		case syntax.ConstrType_CONSTR_UNIQUE:
		case syntax.ConstrType_CONSTR_PRIMARY:
			kind, label = "PRIMARY KEY", "pkey"
		default:
			continue
		}
		cols := syntax.Strings(con.Keys)
		name := con.Conname
		if name == "" {
			if label == "pkey" {
				name = objectName(at.Relation.Relname, nil, label)
			} else {
				name = objectName(at.Relation.Relname, cols, label)
			}
		}
		d := diagnostics.Diagnostic{Span: cmdSpan(st, at, i),
			Message: fmt.Sprintf("%s constraint %s builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes of table %s; create a unique index CONCURRENTLY and add the constraint USING INDEX",
				kind, name, table)}
		if spans != nil && !tbl.Partitioned && len(con.Including) == 0 && len(con.Options) == 0 && con.Indexspace == "" &&
			!con.NullsNotDistinct && !con.Deferrable && !con.Initdeferred {
			if fix, ok := uniqueUsingIndex(pass, con, spans[i], kind, table, name); ok {
				d.Fixes = []diagnostics.Fix{fix}
			}
		}
		pass.Report(d)
	}
}

// uniqueUsingIndex returns the fix that builds constraint con's index
// concurrently before the pass's statement and adds con, the ADD
// CONSTRAINT command at span, USING INDEX.
func uniqueUsingIndex(pass *diagnostics.Pass, con *syntax.Constraint, span source.Span, kind, table, name string) (diagnostics.Fix, bool) {
	st := pass.Stmt
	toks := st.Lexemes()
	// The constraint's keyword (UNIQUE or PRIMARY) and its column list.
	kw, open, closing := -1, -1, -1
	for i := st.LexemeAt(int(con.Location)); i >= 0 && i < len(toks) && st.Span.Start+toks[i].End <= span.End; i++ {
		t := toks[i]
		switch {
		case kw < 0 && (t.Is(st.Text, "unique") || t.Is(st.Text, "primary")):
			kw = i
		case kw >= 0 && open < 0 && t.Kind == syntax.LexPunct && t.Text(st.Text) == "(":
			open = i
		case open >= 0 && t.Kind == syntax.LexPunct && t.Text(st.Text) == ")":
			closing = i
		}
		if closing >= 0 {
			break
		}
	}
	if closing < 0 {
		return diagnostics.Fix{}, false
	}
	quoted := syntax.QuoteIdent(name)
	columns := pass.File.Text[st.LexemeSpan(open).Start:st.LexemeSpan(closing).End]
	create := fmt.Sprintf("CREATE UNIQUE INDEX CONCURRENTLY %s ON %s %s;", quoted, table, columns)
	using := kind + " USING INDEX " + quoted
	if con.Conname == "" {
		using = "CONSTRAINT " + quoted + " " + using
	}
	edits := []source.Edit{
		insertBeforeStmt(pass.File, st, create),
		edit.ReplaceTokens(pass.File, source.Span{Start: st.LexemeSpan(kw).Start, End: span.End}, using),
	}
	if inTransaction(pass) {
		return edit.UnsafeFix("Build the index CONCURRENTLY (outside the transaction), then add the constraint USING INDEX", edits...), true
	}
	return edit.Fix("Build the index CONCURRENTLY, then add the constraint USING INDEX", edits...), true
}
