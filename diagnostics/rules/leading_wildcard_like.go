package rules

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// LeadingWildcardLike reports LIKE patterns that start with a wildcard,
// and ILIKE patterns, on a column whose only help is a B-tree index.
var LeadingWildcardLike = &diagnostics.Rule{
	ID:       "leading-wildcard-like",
	Category: diagnostics.Query,
	Severity: diagnostics.Hint,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "LIKE with a leading wildcard on a B-tree indexed column",
		Why: "A B-tree index keeps values in order, so it can find `email LIKE 'ann%'` (with the " +
			"`text_pattern_ops` operator class or the C collation) by a range scan of the values that " +
			"start with `ann`. A pattern that starts with `%` or `_` has no such prefix, and `ILIKE` " +
			"folds case, which the index's order does not: the index is no use, and the query reads " +
			"every row of the table, however selective the pattern. It is easy to miss, since the column " +
			"is indexed and the query looks served.\n\n" +
			"The rule reports `LIKE` and `ILIKE` whose pattern is a constant (or a concatenation that " +
			"starts with one, as in `'%' || $1 || '%'`) starting with a wildcard, and `ILIKE` patterns " +
			"starting with a letter, on a column that a B-tree index, primary key or unique constraint " +
			"starts with, and that no `pg_trgm` index covers. When another condition on the table is " +
			"served by an index, the pattern only filters the rows that index finds, and is not reported; " +
			"neither are statements that run once (migrations, `DO` blocks, data migrations).",
		Bad: "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);\n" +
			"SELECT id FROM users WHERE email LIKE '%@example.com';",
		Good: "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n" +
			"CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);\n" +
			"CREATE INDEX users_email_trgm ON users USING GIN (email gin_trgm_ops);\n" +
			"SELECT id FROM users WHERE email LIKE '%@example.com';",
		Fix: "There is no automatic fix. Create a trigram index, which serves `LIKE` and `ILIKE` with any " +
			"pattern (and regular expressions): `CREATE EXTENSION pg_trgm;` then " +
			"`CREATE INDEX … ON users USING GIN (email gin_trgm_ops);`. For a fixed suffix, an index on " +
			"`reverse(email)` queried with `reverse(email) LIKE reverse('%@example.com')` also works; for " +
			"words in text, full-text search.",
		Ignore: "Small tables, and patterns whose other conditions already narrow the rows to a few.",
	},
	Run: runLeadingWildcardLike,
}

func runLeadingWildcardLike(pass *diagnostics.Pass) {
	st := pass.Stmt
	if !isQueryStmt(st) {
		return
	}
	if indexFold(st.Text, "like") < 0 {
		return
	}
	forEachUnservedPredicate(pass, predLike, func(p predicate) bool {
		checkLike(pass, &p)
		return true
	})
}

// checkLike reports a LIKE or ILIKE whose pattern a B-tree index on its
// column cannot serve.
func checkLike(pass *diagnostics.Pass, p *predicate) {
	t := p.item.table
	index := btreeLeading(t, p.col)
	if index == "" {
		return
	}
	pattern, at := patternPrefix(p.expr.Rexpr)
	if at < 0 || pattern == "" {
		return
	}
	ilike := p.expr.Kind == syntax.A_Expr_Kind_AEXPR_ILIKE
	first := rune(pattern[0])
	wildcard := first == '%' || first == '_'
	if !wildcard && !(ilike && unicode.IsLetter(first)) {
		return
	}
	st := pass.Stmt
	i := lexemeAtLoc(st, at)
	if i < 0 || runsOnce(pass) {
		return
	}
	op, why := "LIKE", "a pattern that starts with a wildcard"
	if ilike {
		op = "ILIKE"
		if !wildcard {
			why = "a case-insensitive match"
		}
	}
	table := itemLabel(p.item)
	pass.Reportf(st.LexemeSpan(i),
		"%s cannot use the B-tree %s on %s.%s for %s, so it scans every row of %s; a pg_trgm GIN index can serve it",
		op, index, table, p.col, why, table)
}

// btreeLeading describes the B-tree index (primary key, unique
// constraint or index) that starts with col, or returns "".
func btreeLeading(t *schema.Table, col string) string {
	if t.PrimaryKey != nil && len(t.PrimaryKey.Columns) > 0 && t.PrimaryKey.Columns[0] == col {
		return "primary key"
	}
	for _, u := range t.Uniques {
		if len(u.Columns) > 0 && u.Columns[0] == col {
			return fmt.Sprintf("index of unique constraint %s", u.Name)
		}
	}
	for _, ix := range t.Indexes {
		if len(ix.Columns) > 0 && ix.Columns[0] == col && (ix.Method == "" || ix.Method == "btree") {
			return "index " + ix.Name
		}
	}
	return ""
}

// patternPrefix returns the constant text a LIKE pattern starts with and
// its location: the pattern itself, or the first operand of a
// concatenation or concat() call. It returns location -1 when the pattern
// does not start with a constant.
func patternPrefix(n *syntax.Node) (string, int32) {
	for {
		switch x := n.GetNode().(type) {
		case *syntax.Node_AConst:
			if s := x.AConst.GetSval(); s != nil {
				return s.Sval, x.AConst.Location
			}
			return "", -1
		case *syntax.Node_TypeCast:
			n = x.TypeCast.Arg
		case *syntax.Node_AExpr:
			if x.AExpr.Kind != syntax.A_Expr_Kind_AEXPR_OP || len(x.AExpr.Name) != 1 || x.AExpr.Name[0].GetString_().GetSval() != "||" {
				return "", -1
			}
			n = x.AExpr.Lexpr
		case *syntax.Node_FuncCall:
			names := x.FuncCall.Funcname
			if len(x.FuncCall.Args) == 0 || !strings.EqualFold(names[len(names)-1].GetString_().GetSval(), "concat") {
				return "", -1
			}
			n = x.FuncCall.Args[0]
		default:
			return "", -1
		}
	}
}
