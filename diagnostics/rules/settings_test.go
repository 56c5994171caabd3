package rules

import (
	"context"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// TestSettingsWords checks that the name words from config widen what
// money-float and timestamp-as-text recognise.
func TestSettingsWords(t *testing.T) {
	tests := []struct {
		rule     *diagnostics.Rule
		sql      string
		settings diagnostics.Settings
	}{
		{MoneyFloat, "CREATE TABLE t (id int PRIMARY KEY, pennies float8);", diagnostics.Settings{MoneyWords: []string{"pennies"}}},
		{TimestampAsText, "CREATE TABLE t (id int PRIMARY KEY, valid_until text);", diagnostics.Settings{TimestampWords: []string{"until"}}},
	}
	for _, tt := range tests {
		engine, err := diagnostics.NewEngine([]*diagnostics.Rule{tt.rule})
		if err != nil {
			t.Fatal(err)
		}
		engine.Strict = true
		count := func(s diagnostics.Settings) int {
			snap := workspace.New(syntax.NewParser(0), source.NewFile("t.sql", 0, tt.sql))
			diags, err := engine.Analyze(context.Background(), snap, "t.sql", diagnostics.Config{Settings: s})
			if err != nil {
				t.Fatal(err)
			}
			return len(diags)
		}
		if n := count(diagnostics.Settings{}); n != 0 {
			t.Errorf("%s without settings: %d findings on %s, want 0", tt.rule.ID, n, tt.sql)
		}
		if n := count(tt.settings); n != 1 {
			t.Errorf("%s with %+v: %d findings on %s, want 1", tt.rule.ID, tt.settings, n, tt.sql)
		}
	}
}
