-- Stars in the columns a SELECT returns.
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, "displayName" text, avatar bytea);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, total numeric(10, 2));
CREATE TABLE shop.items (id bigint PRIMARY KEY, sku text);
CREATE TABLE shop.users (id bigint PRIMARY KEY, email text);
ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE users DROP COLUMN avatar;

SELECT id, email, "displayName", created_at FROM users WHERE id = $1; -- want: select-star@"*" "SELECT \* returns every column of users, so the result changes whenever the table does"

select u.id, u.email, u."displayName", u.created_at, o.id, o.user_id, o.total -- want: select-star@"*" "every column of users and orders"
  from users u
  join orders o on o.user_id = u.id; -- comments and layout are kept

SELECT o.id, u.id, u.email, u."displayName", u.created_at FROM orders o JOIN users u ON u.id = o.user_id; -- want: select-star@"u.*" "u.\* returns every column of users"

SELECT DISTINCT id, sku FROM shop.items; -- want: select-star@"*" "every column of shop.items"

SELECT shop.items.id, shop.items.sku FROM shop.items; -- want: select-star@"shop.items.*"

-- Each branch of a UNION returns its own columns.
SELECT id, user_id, total FROM orders WHERE total > 100 -- want: select-star
UNION ALL
SELECT id, user_id, total FROM orders WHERE user_id = 1; -- want: select-star

-- A subquery that selects * passes every column on.
SELECT * FROM (SELECT * FROM orders) recent; -- want: select-star

-- Relations the schema does not declare are reported without a fix.
SELECT * FROM user_summary; -- want: select-star "every column of user_summary"
SELECT * FROM users JOIN orders USING (id); -- want: select-star
SELECT * FROM users, shop.users; -- want: select-star "every column of users and shop.users"

-- In a routine body the result is the caller's: a different row type, or a scalar.
CREATE TYPE user_summary_row AS (id bigint, email text, n bigint);
CREATE FUNCTION user_summaries() RETURNS SETOF user_summary_row AS $$
  SELECT u.id, u.email, u."displayName", u.created_at, count(*) FROM users u JOIN orders o ON o.user_id = u.id GROUP BY u.id; -- want: select-star@"u.*"
$$ LANGUAGE sql;
