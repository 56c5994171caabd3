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
	for _, d := range schema.DownSectionsOf(pass.File.Text, pass.Comments()) {
		if d.Contains(pass.Stmt.Span.Start) {
			return true
		}
	}
	return false
}

// A downCheck asks inDownMigration at most once per statement, when a
// rule first finds something to report: most statements give it nothing,
// and the question may read the file's down sections. The zero value is
// ready to use.
type downCheck struct{ asked bool }

// inDown reports, the first time it is called, whether the pass's
// statement belongs to a down migration; later calls report false (a
// rule returns at a true).
func (c *downCheck) inDown(pass *diagnostics.Pass) bool {
	if c.asked {
		return false
	}
	c.asked = true
	return inDownMigration(pass)
}
