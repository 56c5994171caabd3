package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics"
)

var testRules = []*diagnostics.Rule{{ID: "money-float"}, {ID: "unbounded-text"}}

func TestParse(t *testing.T) {
	f, err := Parse("proj/.sqlsage.toml", []byte(`
pg-version = 12
migrations = ["db/migrations"]
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
