package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMigrationsSetting checks that the migrations setting of
// .sqlsage.toml makes a folder a migration history whatever its name and
// its files' names: the same files, with and without the setting, are
// judged as migrations only with it (CREATE INDEX without CONCURRENTLY
// on a table an earlier migration created).
func TestMigrationsSetting(t *testing.T) {
	files := map[string]string{
		"schema_history/a_create.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
		"schema_history/b_index.sql":  "CREATE INDEX users_email_idx ON users (email);\n",
	}
	write := func(dir string) {
		for name, text := range files {
			path := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	configured, plain := t.TempDir(), t.TempDir()
	write(configured)
	write(plain)
	if err := os.WriteFile(filepath.Join(configured, ".sqlsage.toml"), []byte(`migrations = ["plain:schema_history"]`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	chdir(t, configured)
	stdout, stderr, code := runCLI(t, "", "check", "--rule", "index-not-concurrent", "--color", "never", "--excerpt=false", ".")
	want := "schema_history/b_index.sql:1:1: warning: CREATE INDEX on table users blocks writes to it until it finishes; use CONCURRENTLY [index-not-concurrent]\n"
	if code != exitOK || stdout != want {
		t.Errorf("with the setting: exit %d, stdout %q, stderr %q; want exit 0 (warnings are below --fail-on) and %q", code, stdout, stderr, want)
	}
	chdir(t, plain)
	stdout, stderr, code = runCLI(t, "", "check", "--rule", "index-not-concurrent", "--color", "never", "--excerpt=false", ".")
	if code != exitOK || stdout != "" {
		t.Errorf("without the setting: exit %d, stdout %q, stderr %q; want no finding (not a migration folder)", code, stdout, stderr)
	}
}
