package rules_test

import (
	"context"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/rules"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// A queryFixTest is one statement (after schema statements that give the
// model) whose single diagnostic has a fix titled fix that gives want.
// Goldens only show preferred fixes; these tests show the unsafe ones.
type queryFixTest struct {
	in, fix, want string
	unsafe        bool
}

func runQueryFixTests(t *testing.T, rule *diagnostics.Rule, schemaSQL string, tests []queryFixTest) {
	t.Helper()
	engine := strictEngine(t, rule)
	cfg := diagnostics.Config{Rules: map[string]diagnostics.Severity{rule.ID: rule.Severity}}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			schemaFile := source.NewFile("schema.sql", 0, schemaSQL)
			f := source.NewFile("query.sql", 0, tt.in)
			diags, err := engine.Analyze(context.Background(), workspace.New(syntax.NewParser(0), schemaFile, f), f.URI, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if len(diags) != 1 {
				t.Fatalf("%d diagnostics, want 1: %v", len(diags), diags)
			}
			if fix, ok := applyFixTitled(t, diags[0].Fixes, tt.fix, tt.in, tt.want); ok && fix.Unsafe != tt.unsafe {
				t.Errorf("fix %q: unsafe = %v, want %v", fix.Title, fix.Unsafe, tt.unsafe)
			}
		})
	}
}

func TestOrderWithoutLimitFix(t *testing.T) {
	runQueryFixTests(t, rules.OrderWithoutLimit, "", []queryFixTest{
		{in: "SELECT id FROM posts ORDER BY id;", fix: "Add LIMIT 100", unsafe: true,
			want: "SELECT id FROM posts ORDER BY id LIMIT 100;"},
		{in: "SELECT id FROM posts\nORDER BY id -- newest last\n;", fix: "Add LIMIT 100", unsafe: true,
			want: "SELECT id FROM posts\nORDER BY id LIMIT 100 -- newest last\n;"},
		{in: "SELECT id FROM jobs ORDER BY id OFFSET 5 FOR UPDATE", fix: "Add LIMIT 100", unsafe: true,
			want: "SELECT id FROM jobs ORDER BY id OFFSET 5 FOR UPDATE LIMIT 100"},
		{in: "(SELECT id FROM a) UNION (SELECT id FROM b) ORDER BY 1;", fix: "Add LIMIT 100", unsafe: true,
			want: "(SELECT id FROM a) UNION (SELECT id FROM b) ORDER BY 1 LIMIT 100;"},
	})
}

func TestNotInSubqueryFix(t *testing.T) {
	schema := `CREATE TABLE users (id bigint PRIMARY KEY, referrer_id bigint);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, coupon_id bigint, status text);
CREATE TABLE coupons (id bigint PRIMARY KEY);`
	runQueryFixTests(t, rules.NotInSubquery, schema, []queryFixTest{
		{in: "SELECT id FROM users WHERE id NOT IN (SELECT user_id FROM orders);", fix: "Use NOT EXISTS",
			want: "SELECT id FROM users WHERE NOT EXISTS (SELECT 1 FROM orders WHERE orders.user_id = users.id);"},
		{in: "SELECT id FROM coupons c WHERE c.id NOT IN (SELECT coupon_id FROM orders WHERE status = 'paid');", fix: "Use NOT EXISTS", unsafe: true,
			want: "SELECT id FROM coupons c WHERE NOT EXISTS (SELECT 1 FROM orders WHERE status = 'paid' AND orders.coupon_id = c.id);"},
		{in: "SELECT id FROM orders o WHERE $1 NOT IN (SELECT user_id FROM orders);", fix: "Use NOT EXISTS", unsafe: true,
			want: "SELECT id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM orders WHERE orders.user_id = $1);"},
		{in: "SELECT id FROM users WHERE referrer_id NOT IN (SELECT o.user_id FROM orders o);", fix: "Use NOT EXISTS", unsafe: true,
			want: "SELECT id FROM users WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.user_id = users.referrer_id);"},
		{in: "SELECT id FROM coupons WHERE 7 NOT IN (SELECT coupon_id FROM orders WHERE user_id = coupons.id);", fix: "Use NOT EXISTS", unsafe: true,
			want: "SELECT id FROM coupons WHERE NOT EXISTS (SELECT 1 FROM orders WHERE user_id = coupons.id AND orders.coupon_id = 7);"},
	})
}

func TestSoftDeleteUnfilteredFix(t *testing.T) {
	schema := `CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, deleted_at timestamptz);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, deleted_at timestamptz);`
	const fix = "Exclude soft-deleted rows"
	runQueryFixTests(t, rules.SoftDeleteUnfiltered, schema, []queryFixTest{
		{in: "SELECT id FROM users WHERE email = $1;", fix: fix, unsafe: true,
			want: "SELECT id FROM users WHERE email = $1 AND deleted_at IS NULL;"},
		{in: "SELECT id FROM users;", fix: fix, unsafe: true,
			want: "SELECT id FROM users WHERE deleted_at IS NULL;"},
		{in: "SELECT id FROM users ORDER BY id LIMIT 5;", fix: fix, unsafe: true,
			want: "SELECT id FROM users WHERE deleted_at IS NULL ORDER BY id LIMIT 5;"},
		{in: "SELECT id FROM users WHERE id = 1 OR email = 'a' -- either\nGROUP BY id;", fix: fix, unsafe: true,
			want: "SELECT id FROM users WHERE (id = 1 OR email = 'a') AND deleted_at IS NULL -- either\nGROUP BY id;"},
		{in: "SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id WHERE o.deleted_at IS NULL;", fix: fix, unsafe: true,
			want: "SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id WHERE o.deleted_at IS NULL AND u.deleted_at IS NULL;"},
		{in: "SELECT u.id FROM users u LEFT JOIN orders o ON o.user_id = u.id WHERE u.deleted_at IS NULL;", fix: fix, unsafe: true,
			want: "SELECT u.id FROM users u LEFT JOIN orders o ON o.user_id = u.id AND o.deleted_at IS NULL WHERE u.deleted_at IS NULL;"},
		{in: "SELECT u.id FROM users u LEFT JOIN orders o ON (o.user_id = u.id OR o.id = 0) JOIN x ON true WHERE u.deleted_at IS NULL;", fix: fix, unsafe: true,
			want: "SELECT u.id FROM users u LEFT JOIN orders o ON (o.user_id = u.id OR o.id = 0) AND o.deleted_at IS NULL JOIN x ON true WHERE u.deleted_at IS NULL;"},
		{in: "SELECT id FROM users WHERE (id = 1 OR email = 'a');", fix: fix, unsafe: true,
			want: "SELECT id FROM users WHERE (id = 1 OR email = 'a') AND deleted_at IS NULL;"},
		{in: "SELECT email FROM users u WHERE u.deleted_at IS NULL AND EXISTS (SELECT 1 FROM orders WHERE user_id = u.id);", fix: fix, unsafe: true,
			want: "SELECT email FROM users u WHERE u.deleted_at IS NULL AND EXISTS (SELECT 1 FROM orders WHERE user_id = u.id AND deleted_at IS NULL);"},
		{in: "SELECT id FROM users WHERE deleted_at IS NULL UNION SELECT user_id FROM orders ORDER BY 1;", fix: fix, unsafe: true,
			want: "SELECT id FROM users WHERE deleted_at IS NULL UNION SELECT user_id FROM orders WHERE deleted_at IS NULL ORDER BY 1;"},
		{in: "WITH big AS (SELECT user_id FROM orders) SELECT count(*) FROM big;", fix: fix, unsafe: true,
			want: "WITH big AS (SELECT user_id FROM orders WHERE deleted_at IS NULL) SELECT count(*) FROM big;"},
	})
}
