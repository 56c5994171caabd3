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

// runMigrationFixCases runs a migration rule's fix table: each case is a
// migration 002_change.sql after 001_init.sql, which holds schemaSQL. It
// must report exactly one diagnostic, offer a fix titled fix that gives
// want, and prefer the fix titled preferred ("" when every fix is unsafe).
func runMigrationFixCases(t *testing.T, rule *diagnostics.Rule, schemaSQL, preferred string, tests []fixCase) {
	t.Helper()
	engine := strictEngine(t, rule)
	for _, tt := range tests {
		t.Run(tt.fix+"/"+tt.in, func(t *testing.T) {
			cfg := diagnostics.Config{Rules: map[string]diagnostics.Severity{rule.ID: rule.Severity}, PGVersion: tt.pgVersion}
			init := source.NewFile("001_init.sql", 0, schemaSQL)
			f := source.NewFile("002_change.sql", 0, tt.in)
			diags, err := engine.Analyze(context.Background(), workspace.New(syntax.NewParser(0), init, f), f.URI, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if len(diags) != 1 {
				t.Fatalf("%d diagnostics, want 1: %v", len(diags), diags)
			}
			d := diags[0]
			switch p := d.Preferred(); {
			case preferred == "" && p >= 0:
				t.Errorf("fix %q is preferred, want none (all unsafe)", d.Fixes[p].Title)
			case preferred != "" && (p < 0 || d.Fixes[p].Title != preferred):
				t.Errorf("preferred fix is %d (%v), want %q", p, d.Fixes, preferred)
			}
			applyFixTitled(t, d.Fixes, tt.fix, tt.in, tt.want)
		})
	}
}

func TestVolatileDefaultFix(t *testing.T) {
	const title = "Add the column without a default, then SET DEFAULT and backfill"
	runMigrationFixCases(t, rules.VolatileDefault, "CREATE TABLE accounts (id bigint PRIMARY KEY);", "", []fixCase{
		{in: "ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid();", fix: title,
			want: "ALTER TABLE accounts ADD COLUMN token uuid;\n" +
				"ALTER TABLE accounts ALTER COLUMN token SET DEFAULT gen_random_uuid();\n" +
				"-- UPDATE accounts SET token = gen_random_uuid() WHERE token IS NULL;  -- run in batches"},
		{in: "  ALTER TABLE Accounts\n    ADD COLUMN \"Seen\" timestamptz DEFAULT clock_timestamp() CHECK (\"Seen\" > '2000-01-01'); -- audit\n", fix: title,
			want: "  ALTER TABLE Accounts\n    ADD COLUMN \"Seen\" timestamptz CHECK (\"Seen\" > '2000-01-01'); -- audit\n" +
				"  ALTER TABLE Accounts ALTER COLUMN \"Seen\" SET DEFAULT clock_timestamp();\n" +
				"  -- UPDATE Accounts SET \"Seen\" = clock_timestamp() WHERE \"Seen\" IS NULL;  -- run in batches\n"},
		{in: "ALTER TABLE accounts ADD COLUMN tier text DEFAULT 'basic';", fix: title, pgVersion: 10,
			want: "ALTER TABLE accounts ADD COLUMN tier text;\n" +
				"ALTER TABLE accounts ALTER COLUMN tier SET DEFAULT 'basic';\n" +
				"-- UPDATE accounts SET tier = 'basic' WHERE tier IS NULL;  -- run in batches"},
	})
}
