package rules_test

import (
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/rules"
)

// TestFloatColumnFixes applies float-column's fix, which is never
// preferred: NUMERIC changes arithmetic and speed.
func TestFloatColumnFixes(t *testing.T) {
	runFixCases(t, rules.FloatColumn, "", []fixCase{
		{in: "CREATE TABLE t (quantity double precision NOT NULL);", fix: "Use NUMERIC", want: "CREATE TABLE t (quantity NUMERIC NOT NULL);"},
		{in: "CREATE TABLE t (levels float8[]);", fix: "Use NUMERIC[]", want: "CREATE TABLE t (levels NUMERIC[]);"},
		{in: "ALTER TABLE t ADD COLUMN v FLOAT(24) DEFAULT 0;", fix: "Use NUMERIC", want: "ALTER TABLE t ADD COLUMN v NUMERIC DEFAULT 0;"},
	})
}
