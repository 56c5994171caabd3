package rules_test

import (
	"context"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/rules"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// TestMissingDownMigrationTODOFix checks the fix that cannot invert every
// up statement: it writes TODO comments for the others and is unsafe.
func TestMissingDownMigrationTODOFix(t *testing.T) {
	engine := strictEngine(t, rules.MissingDownMigration)
	cfg := diagnostics.Config{Rules: map[string]diagnostics.Severity{rules.MissingDownMigration.ID: diagnostics.Warning}}
	in := "-- +goose Up\nUPDATE users SET email = lower(email);\nCREATE TABLE audit (id bigint);\nCREATE INDEX ON audit (id);\n\n-- +goose Down\n"
	f := source.NewFile("db/20240103000000_backfill.sql", 0, in)
	diags, err := engine.Analyze(context.Background(), workspace.New(syntax.NewParser(0), f), f.URI, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) != 1 || diags[0].Preferred() >= 0 {
		t.Fatalf("diagnostics = %v, want one with no preferred fix", diags)
	}
	applyFixTitled(t, diags[0].Fixes, "Write the down section (with TODOs)", in,
		"-- +goose Up\nUPDATE users SET email = lower(email);\nCREATE TABLE audit (id bigint);\nCREATE INDEX ON audit (id);\n\n-- +goose Down\n"+
			"-- TODO: undo CREATE INDEX\nDROP TABLE audit;\n-- TODO: undo UPDATE\n")
}
