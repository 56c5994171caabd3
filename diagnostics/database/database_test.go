package database_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sqlsage/sqlsage/diagnostics/database"
	"github.com/sqlsage/sqlsage/diagnostics/database/catalog"
	"github.com/sqlsage/sqlsage/diagnostics/database/pgtest"
	"github.com/sqlsage/sqlsage/diagnostics/database/plan"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// pg is one PostgreSQL server for the package's tests, each of which
// takes a database of its own.
var pg pgtest.Shared

func TestMain(m *testing.M) { pgtest.Main(m, &pg) }

func connect(t *testing.T, dsn string, opts database.Options) *database.DB {
	t.Helper()
	db, err := database.Connect(context.Background(), dsn, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close(context.Background()) })
	return db
}

// count returns the rows of table, read by a connection of its own.
func count(t *testing.T, srv *pgtest.Server, dbname, table string) int {
	t.Helper()
	conn, err := srv.Connect(context.Background(), dbname)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func dbName(dsn string) string {
	u, _ := url.Parse(dsn)
	return strings.TrimPrefix(u.Path, "/")
}

func TestTransactions(t *testing.T) {
	t.Parallel()
	srv := pg.Get(t)
	dsn := srv.NewDatabase(t)
	ctx := context.Background()
	if err := srv.Exec(ctx, dsn, "CREATE TABLE t (id int); INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	db := connect(t, dsn, database.Options{StatementTimeout: 600 * time.Millisecond, LockTimeout: 300 * time.Millisecond})

	// ReadOnly: read only, with the timeouts, refused any write.
	var ro, st, lt, app string
	err := db.ReadOnly(ctx, "test", func(ctx context.Context, tx *database.Tx) error {
		return tx.QueryRow(ctx, "SELECT current_setting('transaction_read_only'), current_setting('statement_timeout'), current_setting('lock_timeout'), current_setting('application_name')").Scan(&ro, &st, &lt, &app)
	})
	if err != nil || ro != "on" || st != "600ms" || lt != "300ms" || app != "sqlsage" {
		t.Errorf("in ReadOnly: read only %q, statement_timeout %q, lock_timeout %q, application_name %q, %v; want on, 600ms, 300ms, sqlsage", ro, st, lt, app, err)
	}
	err = db.ReadOnly(ctx, "writing", func(ctx context.Context, tx *database.Tx) error {
		_, err := tx.Exec(ctx, "INSERT INTO t VALUES (2)")
		return err
	})
	var e *database.Error
	if !errors.As(err, &e) || e.Code != "25006" || e.Op != "writing" || e.Msg != "cannot execute INSERT in a read-only transaction" {
		t.Errorf("write in ReadOnly: %#v; want SQLSTATE 25006 read_only_sql_transaction", err)
	}

	// DryRun: writes are seen inside, gone after.
	var inside int
	err = db.DryRun(ctx, "test", func(ctx context.Context, tx *database.Tx) error {
		if n, err := tx.Exec(ctx, "INSERT INTO t VALUES ($1), ($2)", 2, 3); err != nil || n != 2 {
			return fmt.Errorf("inserted %d rows: %v", n, err)
		}
		return tx.QueryRow(ctx, "SELECT count(*) FROM t").Scan(&inside)
	})
	if err != nil || inside != 3 {
		t.Errorf("DryRun: %d rows inside, %v; want 3", inside, err)
	}
	if n := count(t, srv, dbName(dsn), "t"); n != 1 {
		t.Errorf("after DryRun, t has %d rows; want 1 (rolled back)", n)
	}

	// statement_timeout ends a slow statement.
	start := time.Now()
	err = db.ReadOnly(ctx, "sleeping", func(ctx context.Context, tx *database.Tx) error {
		// Left open on purpose: the error shows when the transaction ends.
		_, err := tx.Query(ctx, "SELECT pg_sleep(30)")
		return err
	})
	if !errors.As(err, &e) || e.Code != "57014" || time.Since(start) > 10*time.Second {
		t.Errorf("pg_sleep(30) under a 600 ms statement_timeout: %v after %v; want SQLSTATE 57014 query_canceled", err, time.Since(start))
	}

	// lock_timeout gives up on a lock another session holds.
	holder, err := srv.Connect(ctx, dbName(dsn))
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close(ctx)
	if _, err := holder.Exec(ctx, "BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	err = db.ReadOnly(ctx, "reading a locked table", func(ctx context.Context, tx *database.Tx) error {
		var n int
		return tx.QueryRow(ctx, "SELECT count(*) FROM t").Scan(&n)
	})
	if !errors.As(err, &e) || e.Code != "55P03" || time.Since(start) > 5*time.Second {
		t.Errorf("reading a locked table under a 300 ms lock_timeout: %v after %v; want SQLSTATE 55P03 lock_not_available", err, time.Since(start))
	}
	holder.Exec(ctx, "ROLLBACK")

	// The connection is still usable after those errors.
	var one int
	if err := db.ReadOnly(ctx, "test", func(ctx context.Context, tx *database.Tx) error {
		return tx.QueryRow(ctx, "SELECT 1").Scan(&one)
	}); err != nil || one != 1 {
		t.Errorf("after errors: %d, %v", one, err)
	}
}

// shopSchema has 50,000 orders, 1% of them open, and an index on id only.
const shopSchema = `
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  status text NOT NULL,
  total numeric(10,2) NOT NULL
);
INSERT INTO orders SELECT i, CASE WHEN i % 100 = 0 THEN 'open' ELSE 'closed' END, i % 500 FROM generate_series(1, 50000) i;
ANALYZE orders;
`

func parse(t *testing.T, text string) *syntax.Stmt {
	t.Helper()
	pf, err := syntax.NewParser(0).ParseFile(context.Background(), source.NewFile("q.sql", 0, text))
	if err != nil || len(pf.Stmts) != 1 {
		t.Fatalf("parsing %q: %v, %d statements", text, err, len(pf.Stmts))
	}
	return pf.Stmts[0]
}

func TestExplain(t *testing.T) {
	t.Parallel()
	srv := pg.Get(t)
	dsn := srv.NewDatabase(t)
	ctx := context.Background()
	if err := srv.Exec(ctx, dsn, shopSchema); err != nil {
		t.Fatal(err)
	}
	db := connect(t, dsn, database.Options{})
	cat, err := catalog.Read(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}

	// A filter on an unindexed column: a sequential scan of 50,000 rows.
	p, err := db.Explain(ctx, "SELECT * FROM orders WHERE status = 'open';", database.ExplainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r := p.Root; r.Type != "Seq Scan" || r.Relation != "orders" || r.Schema != "public" || r.Index != "" ||
		r.Filter != "(orders.status = 'open'::text)" || p.Analyzed || len(r.Children) != 0 {
		t.Errorf("plan of the status filter:\n%s", plan.Render(p))
	}
	found := plan.SeqScans(p, cat.RowEstimate, 0)
	if len(found) != 1 || found[0].Rule != "plan-seq-scan" || !strings.HasPrefix(found[0].Message, "sequential scan of public.orders reads all of its ~50000 rows to keep ~") {
		t.Errorf("SeqScans = %+v; want one plan-seq-scan on public.orders", found)
	}
	// Below the threshold, or for an index scan, nothing.
	if found := plan.SeqScans(p, cat.RowEstimate, 100_000); len(found) != 0 {
		t.Errorf("SeqScans above 100,000 rows = %+v", found)
	}

	// A primary key lookup: an index scan.
	p, err = db.Explain(ctx, "SELECT total FROM orders WHERE id = 42", database.ExplainOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r := p.Root; r.Type != "Index Scan" || r.Relation != "orders" || r.Index != "orders_pkey" || r.IndexCond != "(orders.id = 42)" || r.Rows != 1 {
		t.Errorf("plan of the id lookup:\n%s", plan.Render(p))
	}
	if found := plan.SeqScans(p, cat.RowEstimate, 0); len(found) != 0 {
		t.Errorf("SeqScans of an index scan = %+v", found)
	}

	// Analysed: actual rows.
	p, err = db.Explain(ctx, "SELECT * FROM orders WHERE status = 'open'", database.ExplainOptions{Analyze: true})
	if err != nil {
		t.Fatal(err)
	}
	if r := p.Root; !p.Analyzed || r.ActualRows != 500 || r.Loops != 1 || r.RowsRemoved != 49500 || p.ExecutionTime <= 0 {
		t.Errorf("analysed plan:\n%s", plan.Render(p))
	}
}

func TestExplainAnalyzeRollsBack(t *testing.T) {
	t.Parallel()
	srv := pg.Get(t)
	dsn := srv.NewDatabase(t)
	ctx := context.Background()
	if err := srv.Exec(ctx, dsn, shopSchema); err != nil {
		t.Fatal(err)
	}
	db := connect(t, dsn, database.Options{})
	const del = "DELETE FROM orders WHERE status = 'open'"
	writes, err := database.Explainable(parse(t, del+";"))
	if err != nil || !writes {
		t.Fatalf("Explainable(DELETE) = %v, %v; want a write", writes, err)
	}
	p, err := db.Explain(ctx, del, database.ExplainOptions{Analyze: true, Writes: true})
	if err != nil {
		t.Fatal(err)
	}
	if r := p.Root; r.Type != "ModifyTable" || r.Operation != "Delete" || r.Relation != "orders" ||
		len(r.Children) != 1 || r.Children[0].ActualRows != 500 {
		t.Errorf("analysed DELETE:\n%s", plan.Render(p))
	}
	if n := count(t, srv, dbName(dsn), "orders"); n != 50000 {
		t.Errorf("after EXPLAIN ANALYZE DELETE, orders has %d rows; want 50000 (rolled back)", n)
	}

	// Not said to write: it runs read only, and the server refuses.
	_, err = db.Explain(ctx, del, database.ExplainOptions{Analyze: true})
	var e *database.Error
	if !errors.As(err, &e) || e.Code != "25006" {
		t.Errorf("analysed DELETE in a read-only transaction: %v; want SQLSTATE 25006", err)
	}
	// Planned only: read only works for a DELETE.
	if p, err := db.Explain(ctx, del, database.ExplainOptions{}); err != nil || p.Root.Operation != "Delete" || p.Analyzed {
		t.Errorf("planned DELETE: %v", err)
	}
	// A second statement cannot ride along.
	if _, err := db.Explain(ctx, "SELECT 1; DELETE FROM orders", database.ExplainOptions{Analyze: true, Writes: true}); err == nil ||
		!strings.Contains(err.Error(), "cannot insert multiple commands") {
		t.Errorf("two statements: %v; want the server's refusal", err)
	}
	if n := count(t, srv, dbName(dsn), "orders"); n != 50000 {
		t.Errorf("at the end, orders has %d rows; want 50000", n)
	}

	// An error's position is in the statement, not in the EXPLAIN sent.
	_, err = db.Explain(ctx, "SELECT * FROM nosuch", database.ExplainOptions{})
	if !errors.As(err, &e) || e.Code != "42P01" || e.Position != 15 || e.Msg != `relation "nosuch" does not exist` {
		t.Errorf("unknown table: %#v; want 42P01 at character 15", err)
	}
}

func TestExplainable(t *testing.T) {
	for _, tc := range []struct {
		sql    string
		writes bool
		err    string
	}{
		{"SELECT * FROM orders", false, ""},
		{"VALUES (1)", false, ""},
		{"WITH x AS (SELECT 1) SELECT * FROM x", false, ""},
		{"SELECT * FROM orders FOR UPDATE", true, ""},
		{"SELECT * INTO copy FROM orders", true, ""},
		{"WITH gone AS (DELETE FROM orders RETURNING id) SELECT count(*) FROM gone", true, ""},
		{"INSERT INTO orders VALUES (1)", true, ""},
		{"UPDATE orders SET total = 0", true, ""},
		{"MERGE INTO orders o USING src s ON o.id = s.id WHEN MATCHED THEN DELETE", true, ""},
		{"CREATE TABLE copy AS SELECT * FROM orders", true, ""},
		{"EXECUTE q(1)", true, ""},
		{"CREATE TABLE t (id int)", false, "not of CREATE TABLE"},
		{"EXPLAIN SELECT 1", false, "already an EXPLAIN"},
		{"SELEC 1", false, "does not parse"},
	} {
		writes, err := database.Explainable(parse(t, tc.sql))
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Explainable(%q) error = %v; want %q", tc.sql, err, tc.err)
			}
			continue
		}
		if err != nil || writes != tc.writes {
			t.Errorf("Explainable(%q) = %v, %v; want %v", tc.sql, writes, err, tc.writes)
		}
	}
}

// closedPort returns a port of 127.0.0.1 on which nothing listens.
func closedPort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

func TestPasswordNeverShown(t *testing.T) {
	srv := pg.Get(t)
	ctx := context.Background()
	const secret = "Tr0ub4dor&3-horse"
	for _, tc := range []struct {
		name, dsn   string
		unavailable bool
		want        string // in the message
	}{
		{"wrong port, URL", fmt.Sprintf("postgres://postgres:%s@127.0.0.1:%d/db?sslmode=disable", url.QueryEscape(secret), closedPort(t)), true,
			"cannot connect to postgres://postgres:xxxxx@127.0.0.1:"},
		{"wrong port, keywords", fmt.Sprintf("host=127.0.0.1 port=%d user=postgres password='%s' dbname=db sslmode=disable", closedPort(t), secret), true,
			"password=xxxxx"},
		{"wrong password", fmt.Sprintf("postgres://postgres:%s@127.0.0.1:%d/postgres?sslmode=disable", url.QueryEscape(secret), srv.Port), true,
			`password authentication failed for user "postgres"`},
		{"not a URL", fmt.Sprintf("postgres://postgres:%s@127.0.0.1:notaport/db", url.QueryEscape(secret)), false,
			"reading the connection string"},
	} {
		_, err := database.Connect(ctx, tc.dsn, database.Options{ConnectTimeout: 3 * time.Second})
		if err == nil {
			t.Errorf("%s: connected", tc.name)
			continue
		}
		msg := err.Error()
		t.Logf("%s: %s", tc.name, msg)
		if strings.Contains(msg, secret) || strings.Contains(msg, url.QueryEscape(secret)) || strings.Contains(msg, "Tr0ub") {
			t.Errorf("%s: the password shows: %s", tc.name, msg)
		}
		if !strings.Contains(msg, tc.want) || errors.Is(err, database.ErrUnavailable) != tc.unavailable || strings.Contains(msg, "\n") {
			t.Errorf("%s: %q (unavailable %v); want one line with %q, unavailable %v", tc.name, msg, errors.Is(err, database.ErrUnavailable), tc.want, tc.unavailable)
		}
		if errors.Unwrap(err) != nil {
			t.Errorf("%s: the error unwraps to the driver's", tc.name)
		}
	}

	// A password from PGPASSWORD, in neither DSN nor message.
	t.Run("PGPASSWORD", func(t *testing.T) {
		t.Setenv("PGPASSWORD", secret)
		_, err := database.Connect(ctx, fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", srv.Port), database.Options{})
		if err == nil || strings.Contains(err.Error(), secret) || !strings.Contains(err.Error(), "password authentication failed") {
			t.Errorf("wrong PGPASSWORD: %v", err)
		}
	})

	// The server's own messages are redacted too: here it quotes the
	// password back in an error.
	db := connect(t, srv.DSN("postgres"), database.Options{})
	err := db.ReadOnly(ctx, "test", func(ctx context.Context, tx *database.Tx) error {
		var n int
		return tx.QueryRow(ctx, "SELECT $1::text::int", srv.Password).Scan(&n)
	})
	if err == nil || strings.Contains(err.Error(), srv.Password) || !strings.Contains(err.Error(), `invalid input syntax for type integer: "xxxxx"`) {
		t.Errorf("server error quoting the password: %v", err)
	}
	if strings.Contains(db.Target(), srv.Password) || db.Target() != strings.Replace(srv.DSN("postgres"), srv.Password, "xxxxx", 1) {
		t.Errorf("Target() = %q", db.Target())
	}
}

func TestDatabaseDown(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	// Nothing listens: refused at once.
	start := time.Now()
	port := closedPort(t)
	_, err := database.Connect(ctx, fmt.Sprintf("postgres://app:pw@127.0.0.1:%d/shop", port), database.Options{})
	if !errors.Is(err, database.ErrUnavailable) || time.Since(start) > 2*time.Second || !strings.HasSuffix(err.Error(), "/shop: dial tcp 127.0.0.1:"+strconv.Itoa(port)+": connect: connection refused") {
		t.Errorf("closed port: %v after %v; want a quick ErrUnavailable saying connection refused", err, time.Since(start))
	}

	// Something listens and never answers: given up after the timeout.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			defer c.Close() // hold the connection open, say nothing
		}
	}()
	port = l.Addr().(*net.TCPAddr).Port
	start = time.Now()
	_, err = database.Connect(ctx, "postgres://app:pw@127.0.0.1:"+strconv.Itoa(port)+"/shop", database.Options{ConnectTimeout: 700 * time.Millisecond})
	elapsed := time.Since(start)
	if !errors.Is(err, database.ErrUnavailable) || elapsed < 600*time.Millisecond || elapsed > 2*time.Second {
		t.Errorf("silent server: %v after %v; want ErrUnavailable after about 700ms", err, elapsed)
	}
	if want := fmt.Sprintf("cannot connect to postgres://app:xxxxx@127.0.0.1:%d/shop: no answer within 700ms", port); err != nil && err.Error() != want {
		t.Errorf("silent server: %q; want %q", err, want)
	}
	t.Logf("%v\n(after %v)", err, elapsed)
}
