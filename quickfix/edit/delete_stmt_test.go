package edit_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

func TestDeleteStmt(t *testing.T) {
	tests := []struct{ text, del, want string }{
		{"SELECT 1;\nCREATE INDEX i ON t (a);\nSELECT 2;\n", "CREATE", "SELECT 1;\nSELECT 2;\n"},
		{"SELECT 1;\r\nCREATE INDEX i ON t (a); -- dup\r\nSELECT 2;\r\n", "CREATE", "SELECT 1;\r\nSELECT 2;\r\n"},
		{"-- keep me\n  CREATE INDEX i\n    ON t (a);\n", "CREATE", "-- keep me\n"},
		{"SELECT 1; CREATE INDEX i ON t (a);\nSELECT 2;", "CREATE", "SELECT 1;\nSELECT 2;"},
		{"CREATE INDEX i ON t (a); SELECT 2;\n", "CREATE", "; SELECT 2;\n"[1:]},
		{"SELECT 1;\nCREATE INDEX i ON t (a)", "CREATE", "SELECT 1;\n"},
	}
	for _, tt := range tests {
		f := source.NewFile("t.sql", 0, tt.text)
		pf, err := syntax.NewParser(0).ParseFile(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		st := pf.StmtAt(strings.Index(tt.text, tt.del))
		got := apply(t, tt.text, edit.DeleteStmt(f, st))
		if got != tt.want {
			t.Errorf("DeleteStmt in %q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}
