package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// TestCheckPathological runs `sqlsage check` end to end on files that
// break other tools, generated into a temporary folder, and checks the
// exact syntax-error findings (position and message) and exit status of
// each: a located error or a bounded skip, never a crash, each in a few
// seconds.
func TestCheckPathological(t *testing.T) {
	dir := t.TempDir()
	chdir(t, dir)
	over := "INSERT INTO t VALUES " + strings.Repeat("(1), ", syntax.MaxStatementSize/5) + "(1);"
	const nul = "NUL byte in the statement: PostgreSQL cannot read it (is this a binary file, or UTF-16 text?)"
	tests := []struct {
		name, text string
		want       string // stdout
		code       int
	}{
		{"bom.sql", "\uFEFFCREATE TABLE t (id bigint PRIMARY KEY);\n", "", exitOK},
		{"nested.sql", "SELECT " + strings.Repeat("(", 100_000) + "1" + strings.Repeat(")", 100_000) + ";\n",
			`nested.sql:1:10004: error: statement nested too deeply for PostgreSQL's parser (memory exhausted at or near "(") [syntax-error]` + "\n", exitFindings},
		{"large.sql", "SELECT 1;\n" + over + "\n",
			fmt.Sprintf("large.sql:2:1: error: statement too large to analyse (%d bytes; limit %d) [syntax-error]\n", len(over), syntax.MaxStatementSize), exitFindings},
		{"line.sql", strings.Repeat("SELECT 1; ", 2<<20/10) + "SELECT * FROM;", "line.sql:1:2097164: error: syntax error at or near \";\" [syntax-error]\n", exitFindings},
		{"semicolons.sql", strings.Repeat(";", 200_000), "", exitOK},
		{"dollar.sql", "SELECT 1;\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1;\n" + strings.Repeat("SELECT 2;\n", 1000),
			`dollar.sql:2:36: error: unterminated dollar-quoted string at or near "$$ SELECT 1;…" [syntax-error]` + "\n", exitFindings},
		{"nul.sql", strings.Repeat("\x00", 4096), "nul.sql:1:1: error: " + nul + " [syntax-error]\n", exitFindings},
		{"utf8.sql", "SELECT '\xff\xfe' AS x;\n", "utf8.sql:1:9: error: invalid UTF-8 byte 0xff: sqlsage reads UTF-8 text; convert the file to UTF-8 [syntax-error]\n", exitFindings},
		{"crlf.sql", "SELECT 1;\r\nSELECT * FROM;\r\n", "crlf.sql:2:14: error: syntax error at or near \";\" [syntax-error]\n", exitFindings},
		{"cr.sql", "SELECT 1;\rSELECT 'é' FROM;\r", "cr.sql:2:16: error: syntax error at or near \";\" [syntax-error]\n", exitFindings},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(dir, tt.name), []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			stdout, stderr, code := runCLI(t, "", "check", "--excerpt=false", "--rule", "syntax-error", tt.name)
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("check took %v", d)
			}
			if stdout != tt.want || code != tt.code {
				t.Errorf("exit %d, stdout:\n%s\nwant exit %d, stdout:\n%s\nstderr: %s", code, stdout, tt.code, tt.want, stderr)
			}
		})
	}
}
