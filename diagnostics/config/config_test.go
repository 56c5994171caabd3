package config

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/migration"
)

var testRules = []*diagnostics.Rule{{ID: "money-float"}, {ID: "unbounded-text"}}

func TestParse(t *testing.T) {
	f, err := Parse("proj/.sqlsage.toml", []byte(`
pg-version = 12
migrations = ["db/migrations", "goose:/srv/goose"]
primary-key-style = "uuid"
money-words = ["Pennies"]
database-url-env = "SHOP_DB"

[rules]
money-float = "error"
unbounded-text = "hint"
`), testRules)
	if err != nil {
		t.Fatal(err)
	}
	c := f.Config
	if c.PGVersion != 12 || c.Rules["money-float"] != diagnostics.Error || c.Rules["unbounded-text"] != diagnostics.Hint ||
		c.Settings.KeyStyle() != "uuid" || c.Settings.MoneyWords[0] != "pennies" || f.Migrations[0] != "db/migrations" || f.DatabaseURLEnv != "SHOP_DB" {
		t.Errorf("parsed %+v", f)
	}
	want := []migration.Folder{{Dir: filepath.Join("proj", "db", "migrations")}, {Dir: "/srv/goose", Tool: migration.Goose}}
	if !slices.Equal(f.MigrationFolders, want) {
		t.Errorf("MigrationFolders = %+v, want %+v", f.MigrationFolders, want)
	}
}

func TestParseErrorsNameFileLineAndKey(t *testing.T) {
	tests := []struct{ toml, want string }{
		{"pg-verison = 12\n", `cfg.toml:1: unknown key "pg-verison" (did you mean "pg-version"?)`},
		{"\n[rules]\nmoney-flaot = \"error\"\n", `cfg.toml:3: [rules] has unknown rule "money-flaot" (did you mean "money-float"?)`},
		{"[rules]\nmoney-float = \"fatal\"\n", `cfg.toml:2: rule money-float: unknown severity "fatal"`},
		{"pg-version = 7\n", "cfg.toml:1: pg-version 7: want a PostgreSQL major version between 9 and 18"},
		{"primary-key-style = \"guid\"\n", `cfg.toml:1: primary-key-style "guid": want one of identity, serial, uuid`},
		{"database-url-env = \"postgres://u:secret@h/db\"\n", "cfg.toml:1: database-url-env names an environment variable"},
		{"pg-version = \n", "cfg.toml:1: "},
		{"[rules]\nmoney-float = 3\n", "cfg.toml: "},
		{"pg-version = 15\nmigrations = [\"liquibase:db\"]\n", `cfg.toml:2: migrations entry "liquibase:db": unknown tool "liquibase"`},
	}
	for _, tt := range tests {
		_, err := Parse("cfg.toml", []byte(tt.toml), testRules)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want an error starting %q", tt.toml, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("error repeats the password: %v", err)
		}
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "db", "migrations")
	os.MkdirAll(deep, 0o755)
	if got := Find(deep); got != "" {
		t.Errorf("Find with no file = %q", got)
	}
	os.WriteFile(filepath.Join(root, FileName), []byte("pg-version = 14\n"), 0o644)
	if got := Find(deep); got != filepath.Join(root, FileName) {
		t.Errorf("Find = %q, want %q", got, filepath.Join(root, FileName))
	}
}

// TestErrorLocatesTheKey checks the fields of *Error, which the language
// server uses to place a diagnostic on the key in .sqlsage.toml.
func TestErrorLocatesTheKey(t *testing.T) {
	tests := []struct {
		toml string
		want Error
	}{
		{"pg-version = 14\n\n[rules]\nmoney-float = \"error\"\nmoney-flaot = \"off\"\n",
			Error{Path: "cfg.toml", Line: 5, Key: "money-flaot", Message: `[rules] has unknown rule "money-flaot" (did you mean "money-float"?); ` + "`sqlsage rules` lists them"}},
		{"[rules]\nunbounded-text = \"off\"\nmoney-float = \"loud\"\n",
			Error{Path: "cfg.toml", Line: 3, Key: "money-float", Message: `rule money-float: unknown severity "loud" (want off, hint, info, warning or error)`}},
		{"# comment\npg-verison = 12\n",
			Error{Path: "cfg.toml", Line: 2, Key: "pg-verison", Message: `unknown key "pg-verison" (did you mean "pg-version"?)`}},
		{"pg-version = 30\n",
			Error{Path: "cfg.toml", Line: 1, Key: "pg-version", Message: "pg-version 30: want a PostgreSQL major version between 9 and 18"}},
	}
	for _, tt := range tests {
		_, err := Parse("cfg.toml", []byte(tt.toml), testRules)
		var got *Error
		if !errors.As(err, &got) {
			t.Fatalf("Parse(%q) = %v, want a *config.Error", tt.toml, err)
		}
		if *got != tt.want {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.toml, *got, tt.want)
		}
	}
	// Two mistakes in [rules]: the first in the file is reported, whatever
	// the order of Go's maps.
	for range 20 {
		_, err := Parse("cfg.toml", []byte("[rules]\nzz-unknown = \"off\"\naa-unknown = \"off\"\n"), testRules)
		if e := (*Error)(nil); !errors.As(err, &e) || e.Line != 2 {
			t.Fatalf("two unknown rules: %v, want the one on line 2", err)
		}
	}
}
