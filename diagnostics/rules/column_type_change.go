package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// ColumnTypeChange reports ALTER COLUMN … TYPE on a table created by an
// earlier migration when the change rewrites the table.
var ColumnTypeChange = &diagnostics.Rule{
	ID:       "column-type-change",
	Category: diagnostics.Migration,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Column type change rewrites an existing table",
		Why: "`ALTER TABLE … ALTER COLUMN … TYPE` takes an `ACCESS EXCLUSIVE` lock and, for most changes, " +
			"rewrites every row of the table and rebuilds its indexes while it holds the lock: no query of " +
			"the table runs until it finishes, and it needs twice the table's disk space meanwhile.\n\n" +
			"PostgreSQL skips the rewrite when the old type is binary coercible to the new one and no " +
			"`USING` clause changes the values (ALTER TABLE, Notes). The rule knows these cases and does " +
			"not report them: the same type; `varchar(n)` to `varchar(m)` with m ≥ n, to `varchar` or to " +
			"`text`; `text` to `varchar`; `numeric(p, s)` to `numeric(q, s)` with q ≥ p, or to `numeric`; " +
			"`varbit(n)` to a longer `varbit`; a higher or removed precision of `timestamp`, `timestamptz` " +
			"and `interval` (PostgreSQL 9.2 release notes); `cidr` to `inet` (binary coercible in " +
			"`pg_cast`). Anything else, `int` to `bigint` included, rewrites.\n\n" +
			"The previous type is the column's type before the migration, as the workspace's earlier " +
			"migrations declare it. The rule judges up migrations that alter a table created by an earlier " +
			"file (a table the file creates, truncates or deletes all rows of is empty).\n\n" +
			"To change the type of a busy table's column, add a column of the new type, write both and " +
			"backfill in batches, then switch readers and drop the old column in a later migration.",
		Bad: "-- file: 001_create.sql\n" +
			"CREATE TABLE events (id integer PRIMARY KEY, payload text);\n" +
			"-- file: 002_bigint.sql\n" +
			"ALTER TABLE events ALTER COLUMN id TYPE bigint;",
		Good: "-- file: 001_create.sql\n" +
			"CREATE TABLE events (id integer PRIMARY KEY, name varchar(50));\n" +
			"-- file: 002_longer_name.sql\n" +
			"ALTER TABLE events ALTER COLUMN name TYPE varchar(200);",
		Ignore: "Tables known to be small, migrations that run in a maintenance window, and `timestamp` to " +
			"`timestamptz` on PostgreSQL 12+ when the session time zone is UTC (then no rewrite happens).",
	},
	Run: runColumnTypeChange,
}

func runColumnTypeChange(pass *diagnostics.Pass) {
	st := pass.Stmt
	at := st.Node.GetAlterTableStmt()
	if at == nil || at.Objtype != syntax.ObjectType_OBJECT_TABLE || existingTable(pass, at.Relation) == nil {
		return
	}
	var diags []diagnostics.Diagnostic
	for i, c := range at.Cmds {
		cmd := c.GetAlterTableCmd()
		def := cmd.GetDef().GetColumnDef()
		if cmd.GetSubtype() != syntax.AlterTableType_AT_AlterColumnType || def == nil {
			continue
		}
		to := syntax.TypeString(def.TypeName)
		from := pass.Schema.ColumnTypeBefore(schema.RangeVarName(at.Relation), cmd.Name, pass.File.URI)
		if from == "" || to == "" || keepsValues(def.RawDefault, cmd.Name) && noRewrite(from, to) {
			continue
		}
		diags = append(diags, diagnostics.Diagnostic{Span: cmdSpan(st, at, i),
			Message: fmt.Sprintf("changing column %q of table %s from %s to %s rewrites the table and its indexes under an ACCESS EXCLUSIVE lock",
				cmd.Name, tableText(pass, at.Relation), from, to)})
	}
	if len(diags) == 0 || emptiedBefore(pass, at.Relation) {
		return
	}
	for _, d := range diags {
		pass.Report(d)
	}
}

// keepsValues reports whether using, the USING expression of an ALTER
// COLUMN … TYPE (nil when there is none), leaves the values of column
// col as they are: no USING, the column itself, or a cast of it (which
// is what PostgreSQL does without USING).
func keepsValues(using *syntax.Node, col string) bool {
	if using == nil {
		return true
	}
	if tc := using.GetTypeCast(); tc != nil {
		using = tc.Arg
	}
	fields := syntax.Strings(using.GetColumnRef().GetFields())
	return len(fields) > 0 && fields[len(fields)-1] == col
}

// noRewrite reports whether PostgreSQL changes a column from type from
// to type to (as Column.Type writes them) without rewriting the table.
func noRewrite(from, to string) bool {
	if from == to {
		return true
	}
	fb, fm, fok := splitType(from)
	tb, tm, tok := splitType(to)
	if !fok || !tok {
		return false
	}
	// atLeast: the new limit is absent or not below the old one.
	atLeast := func(i int) bool {
		return len(tm) == 0 || len(fm) > i && len(tm) > i && tm[i] >= fm[i]
	}
	switch {
	case fb == "varchar" && tb == "varchar", fb == "varbit" && tb == "varbit":
		return atLeast(0)
	case fb == "varchar" && tb == "text":
		return true
	case fb == "text" && tb == "varchar":
		return len(tm) == 0
	case fb == "numeric" && tb == "numeric":
		if len(tm) == 0 {
			return true
		}
		if len(fm) == 0 {
			return false // unconstrained to constrained rounds every value
		}
		scale := func(m []int) int {
			if len(m) > 1 {
				return m[1]
			}
			return 0
		}
		return tm[0] >= fm[0] && scale(tm) == scale(fm)
	case fb == tb && (fb == "timestamp" || fb == "timestamptz" || fb == "interval"):
		return len(fm) <= 1 && len(tm) <= 1 && (len(tm) == 0 || len(fm) == 1 && tm[0] >= fm[0])
	case fb == "cidr" && tb == "inet":
		return len(fm) == 0 && len(tm) == 0
	}
	return false
}

// splitType splits a type as Column.Type writes it ("numeric(10,2)")
// into its name and numeric modifiers; ok is false for arrays and
// modifiers that are not numbers.
func splitType(t string) (base string, mods []int, ok bool) {
	if strings.HasSuffix(t, "]") {
		return "", nil, false
	}
	base, rest, found := strings.Cut(t, "(")
	if !found {
		return base, nil, true
	}
	for _, s := range strings.Split(strings.TrimSuffix(rest, ")"), ",") {
		n, err := strconv.Atoi(s)
		if err != nil {
			return "", nil, false
		}
		mods = append(mods, n)
	}
	return base, mods, true
}
