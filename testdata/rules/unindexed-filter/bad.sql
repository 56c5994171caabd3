-- Conditions no index can serve.
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, country text, created_at timestamptz NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, status text NOT NULL, kind text, total numeric, placed_at timestamptz);
CREATE INDEX orders_user_status_idx ON orders (user_id, status);
CREATE TABLE events (id bigint PRIMARY KEY, name text, created_at timestamptz NOT NULL);

SELECT id FROM users WHERE email = $1; -- want: unindexed-filter@"email" "no index on users starts with email, so this filter scans every row of users"
SELECT id FROM orders WHERE status = 'open'; -- want: unindexed-filter@"status" "index orders_user_status_idx \(user_id, status\) cannot serve a filter on status alone"
select id from orders o where o.total > 100; -- want: unindexed-filter@"o.total"

-- Several equality conditions make a composite index, then one range.
SELECT id FROM orders WHERE status = 'open' AND kind = 'gift' AND placed_at > now() - interval '1 day'; -- want: unindexed-filter@"status"
SELECT id FROM users WHERE created_at BETWEEN $1 AND $2 AND country IN ('FR', 'DE'); -- want: unindexed-filter@"created_at"

-- A join from a restricted table needs the other side's join column indexed.
SELECT e.name FROM users u JOIN events e ON e.name = u.email WHERE u.id = $1; -- want: unindexed-filter@"e.name =" "no index on events starts with name, so the join from users reads every row of events"

-- ORDER BY … LIMIT on a column without an index reads the whole table.
SELECT id, name FROM events ORDER BY created_at DESC LIMIT 20; -- want: unindexed-filter@"created_at" "ORDER BY … LIMIT reads and sorts every row of events"
SELECT id FROM orders WHERE kind = 'gift' ORDER BY placed_at LIMIT 10; -- want: unindexed-filter@"kind"

-- Subqueries, WITH queries and UNION branches are queries of their own.
SELECT id FROM users u WHERE EXISTS (SELECT 1 FROM events e WHERE e.name = u.email); -- want: unindexed-filter@"e.name"
WITH recent AS (SELECT id FROM events WHERE name = 'signup') SELECT count(*) FROM recent; -- want: unindexed-filter@"name"
SELECT id FROM users WHERE id = 1 UNION SELECT id FROM users WHERE country = 'FR'; -- want: unindexed-filter@"country"

-- In a routine body: reported, but no CREATE INDEX inside the body (it would run on every call).
CREATE FUNCTION users_in(c text) RETURNS SETOF bigint AS $$
  SELECT id FROM users WHERE country = c; -- want: unindexed-filter@"country"
$$ LANGUAGE sql;

-- A join with a WITH query (here a recursive one) looks rows up by the join column.
CREATE TABLE categories (id bigint PRIMARY KEY, parent_id bigint, name text);
WITH RECURSIVE tree AS (
  SELECT id FROM categories WHERE id = $1
  UNION ALL
  SELECT c.id FROM categories c JOIN tree ON tree.id = c.parent_id -- want: unindexed-filter@"c.parent_id" "no index on categories starts with parent_id, so the join from tree reads every row of categories"
)
SELECT id FROM tree;
