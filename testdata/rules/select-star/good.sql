CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, total numeric(10, 2));

SELECT id, email FROM users WHERE id = $1;
SELECT count(*) FROM orders;
SELECT u.id, count(o.*) FROM users u LEFT JOIN orders o ON o.user_id = u.id GROUP BY u.id;
SELECT id FROM users u WHERE EXISTS (SELECT * FROM orders o WHERE o.user_id = u.id);
SELECT id FROM users WHERE id IN (SELECT * FROM (SELECT user_id FROM orders) x);
SELECT row_to_json(u.*) FROM users u;
SELECT 2 * 3 AS six;

-- Stars over subqueries and WITH queries that list their columns.
SELECT * FROM (SELECT id, total FROM orders) o;
WITH big AS (SELECT id, total FROM orders WHERE total > 100) SELECT * FROM big;
SELECT * FROM (VALUES (1, 'a')) v (n, s);
SELECT * FROM generate_series(1, 3) g;

-- Not a SELECT statement's result.
INSERT INTO orders SELECT * FROM orders WHERE false;
CREATE TABLE orders_copy AS SELECT id FROM orders;
SELECT * INTO TEMP orders_tmp FROM orders;
