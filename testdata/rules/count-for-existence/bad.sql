-- Subqueries that count rows only to compare the count with zero.
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, banned_at timestamptz);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, coupon text, status text);

SELECT id FROM users u WHERE (SELECT count(*) FROM orders o WHERE o.user_id = u.id) > 0; -- want: count-for-existence@"(SELECT count(*)" "counting every matching row of orders only to test whether one exists; EXISTS stops at the first"

SELECT id FROM users u
WHERE ( -- want: count-for-existence "NOT EXISTS stops at the first"
  SELECT COUNT(1)
  FROM orders o
  WHERE o.user_id = u.id AND o.status = 'open' -- the open ones
) = 0;

SELECT id FROM users u WHERE 0 < (SELECT count(o.id) FROM orders o WHERE o.user_id = u.id); -- want: count-for-existence@"0 <"
SELECT id FROM users u WHERE 1 > (SELECT count(*) FROM orders WHERE user_id = u.id); -- want: count-for-existence@"1 >" "NOT EXISTS"
SELECT id FROM users u WHERE (SELECT count(*) FROM orders WHERE user_id = u.id) >= 1 AND email LIKE '%@example.com'; -- want: count-for-existence
SELECT id FROM users u WHERE (SELECT count(*) FROM orders WHERE user_id = u.id) != 0; -- want: count-for-existence
SELECT id FROM users u WHERE (SELECT count(*) FROM orders WHERE user_id = u.id) <= 0; -- want: count-for-existence "NOT EXISTS"

-- count(column) counts non-null values: a nullable column keeps that condition.
SELECT id FROM users u WHERE (SELECT count(coupon) FROM orders WHERE user_id = u.id) > 0; -- want: count-for-existence
SELECT id FROM users u WHERE (SELECT count(o.coupon) FROM orders o WHERE o.user_id = u.id OR o.status = 'gift') > 0; -- want: count-for-existence
SELECT (SELECT count(DISTINCT banned_at) FROM users) > 0 AS any_banned; -- want: count-for-existence

-- In an UPDATE, a CASE and a nested subquery.
UPDATE users u SET banned_at = now() WHERE (SELECT count(*) FROM orders WHERE user_id = u.id AND status = 'fraud') > 0; -- want: count-for-existence
SELECT id, CASE WHEN (SELECT count(*) FROM orders o WHERE o.user_id = u.id) = 0 THEN 'new' END FROM users u; -- want: count-for-existence
SELECT id FROM users WHERE id IN (SELECT user_id FROM orders o WHERE (SELECT count(*) FROM orders o2 WHERE o2.coupon = o.coupon) > 0); -- want: count-for-existence

-- No fix for a FILTER or a counted expression.
SELECT id FROM users u WHERE (SELECT count(*) FILTER (WHERE status = 'open') FROM orders WHERE user_id = u.id) > 0; -- want: count-for-existence
SELECT id FROM users u WHERE (SELECT count(coalesce(coupon, status)) FROM orders WHERE user_id = u.id) > 0; -- want: count-for-existence
