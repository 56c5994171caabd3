package rules_test

import (
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/rules"
)

// TestUnboundedTextFixes applies unbounded-text's fix, which is never
// preferred: a length limit rejects values accepted today.
func TestUnboundedTextFixes(t *testing.T) {
	runFixCases(t, rules.UnboundedText, "", []fixCase{
		{in: "CREATE TABLE t (email text NOT NULL);", fix: "Use VARCHAR(254)", want: "CREATE TABLE t (email VARCHAR(254) NOT NULL);"},
		{in: "CREATE TABLE t (work_phone varchar);", fix: "Use VARCHAR(32)", want: "CREATE TABLE t (work_phone VARCHAR(32));"},
		{in: "CREATE TABLE t (postcode TEXT DEFAULT '');", fix: "Use VARCHAR(16)", want: "CREATE TABLE t (postcode VARCHAR(16) DEFAULT '');"},
		{in: "ALTER TABLE t ADD COLUMN country_code text;", fix: "Use VARCHAR(2)", want: "ALTER TABLE t ADD COLUMN country_code VARCHAR(2);"},
	})
}
