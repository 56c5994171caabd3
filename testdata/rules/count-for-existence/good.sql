CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, total numeric);

-- Existence tests written as such.
SELECT id FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id);
SELECT id FROM users u WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id);

-- Counts compared with other numbers are about the count itself.
SELECT id FROM users u WHERE (SELECT count(*) FROM orders o WHERE o.user_id = u.id) > 5;
SELECT id FROM users u WHERE (SELECT count(*) FROM orders o WHERE o.user_id = u.id) = 1;
SELECT id FROM users u WHERE (SELECT count(*) FROM orders o WHERE o.user_id = u.id) >= 2;
SELECT id FROM users u WHERE (SELECT count(*) FROM orders o WHERE o.user_id = u.id) > $1;
SELECT id FROM users u WHERE (SELECT count(*) FROM orders o WHERE o.user_id = u.id) < 0;

-- Not a bare count: grouped, limited, windowed, summed or without FROM.
SELECT id FROM users u WHERE (SELECT count(*) FROM orders GROUP BY user_id HAVING user_id = u.id) > 0;
SELECT id FROM users u WHERE (SELECT sum(total) FROM orders o WHERE o.user_id = u.id) > 0;
SELECT id FROM users u WHERE (SELECT count(*) + 1 FROM orders o WHERE o.user_id = u.id) > 0;
SELECT (SELECT count(*) FROM orders) AS n FROM users;
SELECT count(*) > 0 FROM orders;
SELECT id FROM users HAVING count(*) > 0;
SELECT id FROM users WHERE (SELECT count(*)) > 0;
