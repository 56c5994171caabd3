package rules

import (
	"fmt"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// TimestampAsText reports columns named for a point in time (created_at,
// due_date, start_time, updated_on) that are declared with a text type.
var TimestampAsText = &diagnostics.Rule{
	ID:       "timestamp-as-text",
	Category: diagnostics.Schema,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Point in time stored in a text column",
		Why: "A timestamp kept as `VARCHAR`, `CHAR` or `TEXT` accepts any string (`'yesterday'`, " +
			"`'2024-02-30'`, `'03/04/05'`), sorts and compares as text (so `'9:00' > '10:00'`), cannot " +
			"use date arithmetic, ranges or time zones without a cast in every query, and an index on it " +
			"does not serve date-range queries. `TIMESTAMPTZ` stores an instant in 8 bytes, validated, " +
			"ordered and time-zone aware; it is the right type for when something happened. `TIMESTAMP` " +
			"(without time zone) suits wall-clock times that must not shift with the session's time " +
			"zone, and `DATE` calendar days.\n\n" +
			"The rule looks at column names whose last word is `at`, `date`, `time` or `on` (`created_at`, " +
			"`due_date`, `start_time`, `updatedOn`) declared `VARCHAR`, `CHAR` or `TEXT`, in `CREATE TABLE`, " +
			"`ADD COLUMN` and `ALTER COLUMN … TYPE`, except names that say a duration (`response_time`, " +
			"`wait_time`) or a relation (`depends_on`, `based_on`). Down migrations (`*.down.sql`, goose and dbmate down " +
			"sections) restore an earlier schema as it was and are not judged.",
		Bad:  "CREATE TABLE posts (id bigint PRIMARY KEY, published_at varchar(32));",
		Good: "CREATE TABLE posts (id bigint PRIMARY KEY, published_at TIMESTAMPTZ);",
		Fix: "Replaces the type with `TIMESTAMPTZ` (preferred) or `TIMESTAMP`. Use `DATE` by hand for " +
			"calendar days. No fix is offered for `ALTER COLUMN … TYPE` (converting existing text needs a " +
			"`USING` expression that parses it), nor when the column has a `CHECK` constraint or a default " +
			"other than the current time, which would not fit the new type.",
		Ignore: "Columns that hold text about a time rather than a time: a free-form `meeting_time` typed by " +
			"people, a cron expression in `run_at`, or an ISO string kept verbatim for an external API.",
	},
	Run: runTimestampAsText,
}

// timeWords are the last words of a column name that say it holds a point in time.
var timeWords = []string{"at", "date", "time", "on"}

// notTimeBefore lists, for a last word, the words before it that make the
// name mean something other than a point in time: a duration
// (response_time) or a relation (depends_on).
var notTimeBefore = map[string][]string{
	"time": {"response", "wait", "waiting", "run", "running", "lead", "cpu", "exec", "execution", "processing",
		"elapsed", "total", "avg", "average", "mean", "spent", "up", "down", "idle", "travel", "load", "build",
		"query", "screen", "prep", "cook", "reading", "play", "dwell", "cycle", "turnaround", "hold", "delay"},
	"on": {"depends", "depend", "based", "runs", "run", "add", "turned", "switched", "focus", "focused", "relies",
		"rely", "opt", "log", "logged", "carry", "hands", "head", "walk", "drop", "plug", "click"},
}

// isTimeName reports whether a column's name ends in a time word after at
// least one other word (created_at, dueDate, start_time, updated_on), and
// the word before it does not make it a duration or a relation.
func isTimeName(settings diagnostics.Settings, name string) bool {
	w := nameWords(name)
	if len(w) < 2 || !hasWord(w[len(w)-1], timeWords...) && !hasWord(w[len(w)-1], settings.TimestampWords...) {
		return false
	}
	return !hasWord(w[len(w)-2], notTimeBefore[w[len(w)-1]]...)
}

// isTextType reports whether tn is VARCHAR, CHAR or TEXT, not an array.
func isTextType(tn *syntax.TypeName) bool {
	if tn == nil || syntax.IsArray(tn) {
		return false
	}
	switch syntax.TypeBase(tn) {
	case "varchar", "bpchar", "text":
		return true
	}
	return false
}

func runTimestampAsText(pass *diagnostics.Pass) {
	var down downCheck
	for col := range eachColumn(pass.Stmt) {
		if down.inDown(pass) {
			return
		}
		tn := col.Def.TypeName
		if !isTextType(tn) || !isTimeName(pass.Settings, col.Name) {
			continue
		}
		span := pass.Stmt.TypeSpan(tn)
		d := diagnostics.Diagnostic{
			Span: span,
			Message: fmt.Sprintf("column %q stores a point in time as %s, which accepts any string and sorts as text",
				col.Name, pass.File.Text[span.Start:span.End]),
		}
		if retypable(col) {
			d.Fixes = []diagnostics.Fix{
				edit.Fix("Use TIMESTAMPTZ", edit.ReplaceTokens(pass.File, span, "TIMESTAMPTZ")),
				edit.Fix("Use TIMESTAMP", edit.ReplaceTokens(pass.File, span, "TIMESTAMP")),
			}
		}
		pass.Report(d)
	}
}

// retypable reports whether replacing the type of col, a column that a
// CREATE TABLE or ADD COLUMN declares, with a timestamp type keeps the
// statement valid: no CHECK constraint that works on text, and no default
// but NULL or the current date or time.
func retypable(col column) bool {
	if col.Alter != nil && col.Alter.Subtype != syntax.AlterTableType_AT_AddColumn {
		return false
	}
	for _, n := range col.Def.Constraints {
		con := n.GetConstraint()
		switch con.GetContype() {
		case syntax.ConstrType_CONSTR_CHECK, syntax.ConstrType_CONSTR_GENERATED:
			return false
		case syntax.ConstrType_CONSTR_DEFAULT:
			if !isTimestampDefault(con.RawExpr) {
				return false
			}
		}
	}
	return true
}

// isTimestampDefault reports whether a default expression is NULL or the
// current date or timestamp, valid for a timestamp column as well.
func isTimestampDefault(expr *syntax.Node) bool {
	if c := expr.GetAConst(); c != nil {
		return c.Isnull
	}
	if f := expr.GetSqlvalueFunction(); f != nil {
		switch f.Op {
		case syntax.SQLValueFunctionOp_SVFOP_CURRENT_DATE,
			syntax.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP, syntax.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP_N,
			syntax.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP, syntax.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP_N:
			return true
		}
		return false
	}
	if fc := expr.GetFuncCall(); fc != nil && len(fc.Args) == 0 {
		parts := syntax.Strings(fc.Funcname)
		switch parts[len(parts)-1] {
		case "now", "transaction_timestamp", "statement_timestamp", "clock_timestamp":
			return true
		}
	}
	return false
}
