-- Soft-deleted tables read without deleted_at IS NULL.
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, deleted_at timestamptz);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, total numeric, deleted_at timestamptz);
CREATE TABLE countries (code text PRIMARY KEY, name text NOT NULL);

SELECT id, email FROM users WHERE email = $1; -- want: soft-delete-unfiltered@"users" "users has a deleted_at column, but this query reads it without deleted_at IS NULL, so it returns soft-deleted rows"
SELECT count(*) FROM users; -- want: soft-delete-unfiltered
SELECT id FROM users WHERE id = 1 OR email = 'a@example.com'; -- want: soft-delete-unfiltered

-- Each soft-deleted table of a join, and of subqueries.
SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id WHERE o.deleted_at IS NULL; -- want: soft-delete-unfiltered@"users"
SELECT u.email, o.total FROM users u LEFT JOIN orders o ON o.user_id = u.id WHERE u.deleted_at IS NULL; -- want: soft-delete-unfiltered@"orders"
SELECT email FROM users u WHERE u.deleted_at IS NULL AND EXISTS (SELECT 1 FROM orders WHERE user_id = u.id); -- want: soft-delete-unfiltered@"orders"
WITH big AS (SELECT user_id FROM orders WHERE total > 100) SELECT count(*) FROM big; -- want: soft-delete-unfiltered@"orders"
SELECT id FROM users WHERE deleted_at IS NULL UNION SELECT user_id FROM orders; -- want: soft-delete-unfiltered@"orders"
SELECT c.name, u.email FROM countries c, users u; -- want: soft-delete-unfiltered@"users"
