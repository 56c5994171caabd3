package rules

import (
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// runsOnce reports whether the pass's statement is one that runs once,
// when a migration or upgrade script is applied, rather than every time
// an application asks: a statement of a DO block; a statement of a
// migration file (by its tool's naming, or a folder named migrations,
// updates, upgrade…), except in the body of a function it defines; or an
// UPDATE or DELETE in a file that also changes the schema (a data
// migration). An index that would serve it costs every later write for
// one run's benefit, so the index rules leave such statements alone.
func runsOnce(pass *diagnostics.Pass) bool {
	st := pass.Stmt
	top := st.Top()
	if top.Node.GetDoStmt() != nil {
		return true
	}
	if st.Parent != nil {
		return false // a function body runs whenever it is called
	}
	if pass.Schema.InMigrations(pass.File.URI) || inUpgradeFolder(pass.File.URI) {
		return true
	}
	switch st.Node.GetNode().(type) {
	case *syntax.Node_UpdateStmt, *syntax.Node_DeleteStmt:
		return changesSchema(pass.Parsed())
	}
	return false
}

// upgradeFolders are folder names that hold one-off upgrade scripts.
var upgradeFolders = []string{"updates", "upgrade", "upgrades", "changes"}

// inUpgradeFolder reports whether uri lies in a folder of upgrade scripts.
func inUpgradeFolder(uri string) bool {
	parts := strings.Split(strings.ReplaceAll(uri, "\\", "/"), "/")
	for _, dir := range parts[:len(parts)-1] {
		for _, f := range upgradeFolders {
			if strings.EqualFold(dir, f) {
				return true
			}
		}
	}
	return false
}

// changesSchema reports whether a file creates, alters or drops tables or indexes.
func changesSchema(pf *syntax.ParsedFile) bool {
	for _, st := range pf.Stmts {
		switch st.Node.GetNode().(type) {
		case *syntax.Node_CreateStmt, *syntax.Node_AlterTableStmt, *syntax.Node_IndexStmt, *syntax.Node_DropStmt:
			return true
		}
	}
	return false
}

// indexableHere reports whether a CREATE INDEX on t may go right after
// the pass's statement: t is created before it, in an earlier file of the
// workspace's order or earlier in this file. (Queries files that sort
// before the schema file, and tables dropped and created again later,
// would put the index before its table.)
func indexableHere(pass *diagnostics.Pass, t *schema.Table) bool {
	if t.Def.URI == pass.File.URI {
		return t.Def.Span.Start < pass.Stmt.Span.Start
	}
	return pass.Schema.CreatedBefore(t, pass.File.URI)
}
