package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sqlsage/sqlsage/diagnostics/database/pgtest"
)

const explainQueries = `-- queries of the shop
SELECT * FROM orders WHERE status = 'open';

SELECT total
FROM orders
WHERE id = 42;

DELETE FROM orders WHERE status = 'open';
CREATE TABLE audit (id int);
SELECT * FROM nosuch WHERE x = 1;
`

func TestExplain(t *testing.T) {
	srv := pgtest.New(t)
	ctx := context.Background()
	dsn, err := srv.CreateDatabase(ctx, "shop")
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Exec(ctx, dsn, `
		CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL, total numeric(10,2) NOT NULL);
		INSERT INTO orders SELECT i, CASE WHEN i % 100 = 0 THEN 'open' ELSE 'closed' END, i % 500 FROM generate_series(1, 50000) i;
		ANALYZE orders;`); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "queries.sql")
	os.WriteFile(file, []byte(explainQueries), 0o644)
	count := func() int {
		conn, err := srv.Connect(ctx, "shop")
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		var n int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM orders").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	t.Run("seq scan", func(t *testing.T) {
		stdout, stderr, code := runCLI(t, "", "explain", "--dsn", dsn, file+":2")
		want := regexp.MustCompile(`^Seq Scan on public\.orders  \(cost=0\.00\.\.\d+\.\d\d rows=\d+ width=\d+\)
    Filter: \(orders\.status = 'open'::text\)

` + regexp.QuoteMeta(file) + `:2:1: warning: sequential scan of public\.orders reads all of its ~50000 rows to keep ~\d+ with filter \(orders\.status = 'open'::text\); an index on the filtered columns would read only those \[plan-seq-scan\]
$`)
		if code != exitOK || !want.MatchString(stdout) || stderr != "" {
			t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
		}
	})

	t.Run("index scan, line inside the statement, FILE:LINE:COL", func(t *testing.T) {
		stdout, stderr, code := runCLI(t, "", "explain", "--dsn", dsn, file+":5:3")
		want := regexp.MustCompile(`^Index Scan using orders_pkey on public\.orders  \(cost=[\d.]+ rows=1 width=\d+\)
    Index Cond: \(orders\.id = 42\)
$`)
		if code != exitOK || !want.MatchString(stdout) {
			t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
		}
	})

	t.Run("analyze DELETE is rolled back", func(t *testing.T) {
		stdout, stderr, code := runCLI(t, "", "explain", "--analyze", "--dsn", dsn, file+":8")
		if code != exitOK || !strings.HasPrefix(stdout, "Delete on public.orders  (cost=") ||
			!regexp.MustCompile(`\n└── Seq Scan on public\.orders  \(cost=[^)]+\) \(actual time=[\d.]+ rows=500 loops=1\)\n        Filter: \(orders\.status = 'open'::text\)\n        Rows Removed by Filter: 49500\n`).MatchString(stdout) ||
			!strings.Contains(stdout, "\nExecution time: ") {
			t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
		}
		if n := count(); n != 50000 {
			t.Errorf("after explain --analyze DELETE, orders has %d rows; want 50000", n)
		}
	})

	t.Run("DSN from the configured variable", func(t *testing.T) {
		os.WriteFile(filepath.Join(dir, ".sqlsage.toml"), []byte(`database-url-env = "SHOP_DB"`+"\n"), 0o644)
		defer os.Remove(filepath.Join(dir, ".sqlsage.toml"))
		t.Setenv("SHOP_DB", dsn)
		t.Setenv("DATABASE_URL", "")
		if stdout, stderr, code := runCLI(t, "", "explain", file+":5"); code != exitOK || !strings.HasPrefix(stdout, "Index Scan using orders_pkey") {
			t.Errorf("with SHOP_DB: exit %d\n%s%s", code, stdout, stderr)
		}
		t.Setenv("SHOP_DB", "")
		if _, stderr, code := runCLI(t, "", "explain", file+":5"); code != exitError ||
			stderr != "sqlsage explain: no database configured: set SHOP_DB to a connection string (postgres://user@host/db) or pass --dsn\n" {
			t.Errorf("without SHOP_DB: exit %d\n%s", code, stderr)
		}
	})

	t.Run("database down", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		l.Close()
		start := time.Now()
		down := fmt.Sprintf("postgres://app:Sw0rdfish@127.0.0.1:%d/shop", port)
		stdout, stderr, code := runCLI(t, "", "explain", "--dsn", down, file+":2")
		want := fmt.Sprintf("sqlsage explain: cannot connect to postgres://app:xxxxx@127.0.0.1:%d/shop: dial tcp 127.0.0.1:%d: connect: connection refused\n", port, port)
		if code != exitError || stdout != "" || stderr != want || time.Since(start) > 3*time.Second {
			t.Errorf("exit %d after %v\nstderr: %q\nwant:   %q", code, time.Since(start), stderr, want)
		}
	})

	for _, tc := range []struct{ name, arg, want string }{
		{"not explainable", ":9", "sqlsage explain: " + file + ":9: EXPLAIN shows plans of SELECT, INSERT, UPDATE, DELETE, MERGE, VALUES, EXECUTE, DECLARE and CREATE TABLE AS only, not of CREATE TABLE\n"},
		{"blank line", ":3", "sqlsage explain: " + file + ":3: no SQL statement on this line\n"},
		{"server error at its position", ":10", file + ":10:15: error: relation \"nosuch\" does not exist\n"},
		{"no line", "", "sqlsage explain: \"" + file + "\": want FILE:LINE\n"},
		{"line 0", ":0", "sqlsage explain: \"" + file + ":0\": want FILE:LINE with a line number from 1\n"},
		{"past the end", ":99", "sqlsage explain: " + file + ":99: the file has 10 lines\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, stderr, code := runCLI(t, "", "explain", "--dsn", dsn, file+tc.arg); code != exitError || stderr != tc.want {
				t.Errorf("exit %d\nstderr: %q\nwant:   %q", code, stderr, tc.want)
			}
		})
	}
}
