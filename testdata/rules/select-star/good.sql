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

-- Whole rows wanted: functions returning the table's row type, PL/pgSQL
-- row variables, loops and PERFORM.
CREATE FUNCTION user_get(in_id bigint) RETURNS users AS $$ SELECT * FROM users WHERE id = in_id; $$ LANGUAGE sql;
CREATE FUNCTION users_all() RETURNS SETOF public.users LANGUAGE sql AS 'SELECT * FROM users ORDER BY id';
CREATE FUNCTION user_touch(in_id bigint) RETURNS void AS $$
DECLARE
  u users;
  r record;
BEGIN
  SELECT * INTO u FROM users WHERE id = in_id;
  FOR r IN SELECT * FROM orders WHERE user_id = in_id LOOP
    RAISE NOTICE '%', r.total;
  END LOOP;
  PERFORM * FROM orders WHERE user_id = in_id FOR UPDATE;
END;
$$ LANGUAGE plpgsql;
CREATE FUNCTION orders_of(in_id bigint) RETURNS SETOF orders AS $$
BEGIN
  RETURN QUERY SELECT * FROM orders WHERE user_id = in_id;
END;
$$ LANGUAGE plpgsql;

-- Probes that a relation exists (migration verify scripts).
SELECT * FROM users WHERE false;
SELECT * FROM orders LIMIT 0;
CREATE FUNCTION order_user(in_order bigint) RETURNS SETOF users AS $$
  SELECT users.* FROM orders JOIN users ON users.id = orders.user_id WHERE orders.id = in_order;
$$ LANGUAGE sql;
CREATE FUNCTION summaries() RETURNS SETOF user_summary AS $$ SELECT * FROM user_summary $$ LANGUAGE sql;
