package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckBase runs check --base in a real git repository: only files
// changed since the base are reported, and editing a merged migration is
// an error.
func TestCheckBase(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	write := func(path, text string) {
		t.Helper()
		p := filepath.Join(repo, path)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q", "-b", "main")
	write("db/migrations/001_init.sql", "CREATE TABLE users (id bigint PRIMARY KEY, price real);\n")
	write("db/migrations/002_orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, total float8);\n")
	git("add", ".")
	git("commit", "-q", "-m", "init")
	git("checkout", "-q", "-b", "feature")
	write("db/migrations/001_init.sql", "CREATE TABLE users (id bigint PRIMARY KEY, price real, email text);\n")
	write("db/migrations/003_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY, cost real);\n")
	chdir(t, repo)

	stdout, stderr, code := runCLI(t, "", "check", "--base", "main", "--excerpt=false", "--rule", "edited-applied-migration,money-float", "db")
	want := "db/migrations/001_init.sql:1:1: error: migration db/migrations/001_init.sql existed at main and was edited; it may already have run where main is deployed, so add a new migration instead [edited-applied-migration]\n" +
		"db/migrations/001_init.sql:1:50: warning: column \"price\" stores money as real, which cannot represent cents exactly [money-float]\n" +
		"db/migrations/003_items.sql:1:49: warning: column \"cost\" stores money as real, which cannot represent cents exactly [money-float]\n"
	if code != exitFindings || stdout != want {
		t.Errorf("check --base main: exit %d\n%s\nwant\n%s\nstderr: %s", code, stdout, want, stderr)
	}
	// Without --base every file is reported and the rule stays silent.
	stdout, _, _ = runCLI(t, "", "check", "--excerpt=false", "db")
	if strings.Contains(stdout, "edited-applied-migration") || !strings.Contains(stdout, "002_orders.sql") {
		t.Errorf("check without --base:\n%s", stdout)
	}
	if _, stderr, code := runCLI(t, "", "check", "--base", "no-such-ref", "db"); code != exitError || !strings.Contains(stderr, "--base no-such-ref: git merge-base") {
		t.Errorf("unknown base: exit %d, stderr %q", code, stderr)
	}
}
