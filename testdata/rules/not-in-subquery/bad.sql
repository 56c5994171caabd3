-- NOT IN over a subquery.
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, referrer_id bigint);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, coupon_id bigint, status text);
CREATE TABLE coupons (id bigint PRIMARY KEY, code text NOT NULL);

-- Both columns NOT NULL: the plan is the problem, and the rewrite is safe.
SELECT id FROM users WHERE id NOT IN (SELECT user_id FROM orders); -- want: not-in-subquery@"NOT IN" "NOT IN over a subquery of orders cannot be planned as an anti-join"
SELECT u.email FROM users u WHERE u.id NOT IN (SELECT o.user_id FROM orders o WHERE o.status = 'paid') AND u.email LIKE '%@example.com'; -- want: not-in-subquery
DELETE FROM users WHERE users.id not in ( -- want: not-in-subquery@"not in"
  SELECT user_id
  FROM orders
  WHERE status = 'open' OR status = 'paid' -- still owes money
);

-- A nullable column: one NULL and nothing matches.
SELECT id FROM coupons c WHERE c.id NOT IN (SELECT coupon_id FROM orders WHERE status = 'paid'); -- want: not-in-subquery "matches no row at all once orders.coupon_id yields a NULL, and cannot be planned as an anti-join"
SELECT id FROM users WHERE referrer_id NOT IN (SELECT id FROM users WHERE email LIKE '%@spam.example'); -- want: not-in-subquery
SELECT id FROM orders WHERE $1 NOT IN (SELECT coupon_id FROM orders); -- want: not-in-subquery
SELECT id FROM unknown_table WHERE ref NOT IN (SELECT ref FROM other_unknown); -- want: not-in-subquery "subquery of other_unknown matches no row at all if the subquery yields a NULL"

-- Reported without a fix.
SELECT id FROM users WHERE NOT (id IN (SELECT user_id FROM orders)); -- want: not-in-subquery
SELECT id FROM users WHERE id NOT IN (SELECT user_id FROM orders UNION SELECT referrer_id FROM users); -- want: not-in-subquery
SELECT id FROM users WHERE id NOT IN (SELECT user_id FROM orders GROUP BY user_id HAVING count(*) > 3); -- want: not-in-subquery
SELECT id FROM users WHERE lower(email) NOT IN (SELECT lower(code) FROM coupons); -- want: not-in-subquery
SELECT id FROM users WHERE id NOT IN (SELECT id FROM users WHERE referrer_id IS NOT NULL); -- want: not-in-subquery
