package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const fixInput = `CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  user_id bigint REFERENCES users (id), -- who ordered
  total float8
);
`

const fixWant = `CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  user_id bigint REFERENCES users (id), -- who ordered
  total DECIMAL(10, 2)
);
CREATE INDEX idx_orders_user_id ON orders (user_id);
`

func TestFix(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "001_init.sql")
	os.WriteFile(path, []byte(fixInput), 0o640)

	// --diff prints and writes nothing.
	stdout, stderr, code := runCLI(t, "", "fix", "--diff", "--rule", "money-float,fk-missing-index", dir)
	if code != exitOK || !strings.Contains(stdout, "-  total float8\n+  total DECIMAL(10, 2)\n") ||
		!strings.Contains(stdout, "+CREATE INDEX idx_orders_user_id ON orders (user_id);\n") ||
		!strings.Contains(stderr, "would fix 2 findings in 1 file") {
		t.Errorf("fix --diff: exit %d\n%s%s", code, stdout, stderr)
	}
	if b, _ := os.ReadFile(path); string(b) != fixInput {
		t.Fatalf("fix --diff changed the file")
	}

	// --rule applies only that rule's fixes.
	if _, stderr, code := runCLI(t, "", "fix", "--rule", "money-float", dir); code != exitOK || !strings.Contains(stderr, "fixed 1 finding in 1 file") {
		t.Errorf("fix --rule money-float: exit %d, %s", code, stderr)
	}
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), "total DECIMAL(10, 2)") || strings.Contains(string(b), "CREATE INDEX") {
		t.Errorf("after --rule money-float:\n%s", b)
	}

	os.WriteFile(path, []byte(fixInput), 0o640)
	if _, stderr, code := runCLI(t, "", "fix", "--rule", "money-float,fk-missing-index", dir); code != exitOK {
		t.Fatalf("fix: exit %d, %s", code, stderr)
	}
	b, _ := os.ReadFile(path)
	if string(b) != fixWant {
		t.Errorf("fixed file:\n%s\nwant:\n%s", b, fixWant)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
		t.Errorf("mode after fix = %v, want 0640", info.Mode().Perm())
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*sqlsage-*")); len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
	// A second run finds nothing to do.
	if _, stderr, _ := runCLI(t, "", "fix", "--rule", "money-float,fk-missing-index", dir); !strings.Contains(stderr, "fixed 0 findings in 0 files") {
		t.Errorf("second fix: %s", stderr)
	}

	for _, args := range [][]string{{"fix", "-"}, {"fix", "--rule", "nope", dir}, {"fix", filepath.Join(dir, "missing")}} {
		if _, _, code := runCLI(t, "", args...); code != exitError {
			t.Errorf("sqlsage %s: exit %d, want 2", strings.Join(args, " "), code)
		}
	}
}
