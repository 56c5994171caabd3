package rules

import (
	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
)

// inDownMigration reports whether the pass's statement belongs to a down
// migration (a *.down.sql file, or a goose or dbmate down section), which
// restores an earlier schema rather than designing a new one.
func inDownMigration(pass *diagnostics.Pass) bool {
	if schema.IsDownFile(pass.File.URI) {
		return true
	}
	for _, d := range schema.DownSections(pass.Parsed) {
		if d.Contains(pass.Stmt.Span.Start) {
			return true
		}
	}
	return false
}
