package rules

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

const scopeSchema = `
CREATE TABLE users (id bigint PRIMARY KEY, email text, deleted_at timestamptz);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, status text, total numeric);
CREATE TABLE shop.items (id bigint PRIMARY KEY, order_id bigint, sku text);
CREATE TABLE audit (id bigint, email text);
`

// parseQuery parses the statements of sql after building a model from
// scopeSchema.
func parseQuery(t *testing.T, sql string) (*schema.Model, *syntax.Stmt) {
	t.Helper()
	p := syntax.NewParser(0)
	ctx := context.Background()
	schemaFile, err := p.ParseFile(ctx, source.NewFile("schema.sql", 0, scopeSchema))
	if err != nil {
		t.Fatal(err)
	}
	m, err := schema.Build(ctx, []*syntax.ParsedFile{schemaFile})
	if err != nil {
		t.Fatal(err)
	}
	pf, err := p.ParseFile(ctx, source.NewFile("q.sql", 0, sql))
	if err != nil {
		t.Fatal(err)
	}
	if len(pf.Stmts) != 1 || pf.Stmts[0].Node == nil {
		t.Fatalf("%q: want one statement that parses", sql)
	}
	return m, pf.Stmts[0]
}

// resolutions describes how each column reference of the statement
// resolves, in source order: "ref→owner", where owner is the model table,
// "cte:name" or "sub:name" for WITH queries and subqueries, and "?" when
// the reference is left unresolved.
func resolutions(t *testing.T, sql string) []string {
	m, st := parseQuery(t, sql)
	type res struct {
		loc  int32
		desc string
	}
	var got []res
	forEachQuery(m, st, func(q *query) {
		q.eachExpr(func(e *syntax.Node) {
			walkExpr(e, func(n *syntax.Node) bool {
				ref := n.GetColumnRef()
				if ref == nil {
					return true
				}
				span := st.NameSpan(ref.Location)
				text := sql[span.Start:span.End]
				owner := "?"
				if it, col, ok := q.scope.resolve(ref); ok {
					switch {
					case it.table != nil:
						owner = it.table.Name.Key() + "." + col
					case it.cte:
						owner = "cte:" + it.name + "." + col
					case it.rel != nil:
						owner = "rel:" + it.name + "." + col
					default:
						owner = "sub:" + it.name + "." + col
					}
				}
				got = append(got, res{ref.Location, text + "→" + owner})
				return true
			})
		})
	})
	slices.SortFunc(got, func(a, b res) int { return int(a.loc - b.loc) })
	out := make([]string, len(got))
	for i, r := range got {
		out[i] = r.desc
	}
	return out
}

func TestQueryScopeResolve(t *testing.T) {
	tests := []struct {
		name, sql string
		want      []string
	}{
		{"alias and unqualified", `SELECT u.email, status FROM users u JOIN orders o ON o.user_id = u.id WHERE total > 0`,
			[]string{"u.email→users.email", "status→orders.status", "o.user_id→orders.user_id", "u.id→users.id", "total→orders.total"}},
		{"ambiguous unqualified", `SELECT id, email FROM users JOIN audit USING (email) WHERE id = 1`,
			[]string{"id→?", "email→?", "id→?"}},
		{"relation name as qualifier", `SELECT users.email FROM users WHERE users.id = 1`,
			[]string{"users.email→users.email", "users.id→users.id"}},
		{"schema-qualified", `SELECT shop.items.sku, i2.order_id FROM shop.items, shop.items i2 WHERE items.id = i2.id`,
			[]string{"shop.items.sku→shop.items.sku", "i2.order_id→shop.items.order_id", "items.id→shop.items.id", "i2.id→shop.items.id"}},
		{"unknown relation blocks unqualified", `SELECT email FROM users, some_view WHERE some_view.x = 1`,
			[]string{"email→?", "some_view.x→rel:some_view.x"}},
		{"cte shadows table", `WITH orders AS (SELECT id AS order_id, email FROM users) SELECT order_id, o.email FROM orders o`,
			[]string{"id→users.id", "email→users.email", "order_id→cte:o.order_id", "o.email→cte:o.email"}},
		{"cte column aliases", `WITH x (a, b) AS (SELECT id, email FROM users) SELECT a, b FROM x`,
			[]string{"id→users.id", "email→users.email", "a→cte:x.a", "b→cte:x.b"}},
		{"subquery in FROM", `SELECT s.n, status FROM (SELECT user_id, count(*) AS n FROM orders GROUP BY user_id) s JOIN orders ON orders.user_id = s.user_id`,
			[]string{"s.n→sub:s.n", "status→orders.status", "user_id→orders.user_id", "user_id→orders.user_id", "orders.user_id→orders.user_id", "s.user_id→sub:s.user_id"}},
		{"correlated subquery", `SELECT email FROM users u WHERE EXISTS (SELECT 1 FROM orders WHERE user_id = u.id AND email = 'x')`,
			[]string{"email→users.email", "user_id→orders.user_id", "u.id→users.id", "email→users.email"}},
		{"union branches have their own scope", `SELECT email FROM users UNION ALL SELECT email FROM audit ORDER BY 1`,
			[]string{"email→users.email", "email→audit.email"}},
		{"update with from", `UPDATE orders o SET status = 'x' FROM users u WHERE u.id = o.user_id AND u.deleted_at IS NULL`,
			[]string{"u.id→users.id", "o.user_id→orders.user_id", "u.deleted_at→users.deleted_at"}},
		{"delete using", `DELETE FROM orders USING users WHERE orders.user_id = users.id AND email = 'x' RETURNING total`,
			[]string{"orders.user_id→orders.user_id", "users.id→users.id", "email→users.email", "total→orders.total"}},
		{"insert select", `INSERT INTO audit (id, email) SELECT id, email FROM users WHERE deleted_at IS NOT NULL`,
			[]string{"id→users.id", "email→users.email", "deleted_at→users.deleted_at"}},
		{"function in FROM", `SELECT x, email FROM users, unnest(ARRAY[1]) AS f(x)`,
			[]string{"x→sub:f.x", "email→users.email"}},
		{"star is not a column", `SELECT *, u.* FROM users u`, []string{"*→?", "u→?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := resolutions(t, tt.sql)
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s\n got  %s\n want %s", tt.sql, strings.Join(got, ", "), strings.Join(tt.want, ", "))
			}
		})
	}
}

func TestForEachQueryRoles(t *testing.T) {
	sql := `WITH recent AS (SELECT * FROM orders WHERE id > 10)
SELECT email, (SELECT count(*) FROM recent r WHERE r.user_id = u.id)
FROM users u JOIN (SELECT user_id FROM orders) o ON o.user_id = u.id
WHERE u.id IN (SELECT user_id FROM recent)
UNION SELECT email FROM audit`
	m, st := parseQuery(t, sql)
	var got []string
	names := map[queryRole]string{roleTop: "top", roleInsert: "insert", roleCTE: "cte", roleFrom: "from", roleSublink: "sublink"}
	forEachQuery(m, st, func(q *query) {
		var items []string
		for _, it := range q.scope.items {
			label := it.name
			if it.table != nil {
				label += "=" + it.table.Name.Key()
			} else if it.cte {
				label += "=cte"
			}
			items = append(items, label)
		}
		got = append(got, names[q.role]+"("+strings.Join(items, " ")+")")
	})
	want := []string{"cte(orders=orders)", "top(u=users o)", "sublink(r=cte)", "sublink(recent=cte)", "from(orders=orders)", "top(audit=audit)"}
	if !slices.Equal(got, want) {
		t.Errorf("queries:\n got  %v\n want %v", got, want)
	}
}

func TestIndexFold(t *testing.T) {
	tests := []struct {
		text, word string
		want       int
	}{
		{"SELECT count(*) FROM t", "count", 7},
		{"select COUNT(*)", "count", 7},
		{"select CoUnT(*)", "count", 7},
		{"select cnt", "count", -1},
		{"ccount", "count", 1},
		{"coun", "count", -1},
		{"x @> y", "@>", 2},
	}
	for _, tt := range tests {
		if got := indexFold(tt.text, tt.word); got != tt.want {
			t.Errorf("indexFold(%q, %q) = %d, want %d", tt.text, tt.word, got, tt.want)
		}
	}
}
