CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);

SELECT id FROM users u WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id);
SELECT id FROM users u WHERE id IN (SELECT user_id FROM orders);
SELECT id FROM users WHERE id NOT IN (1, 2, 3);
SELECT id FROM users WHERE id <> ALL (ARRAY[1, 2]);
SELECT id FROM users WHERE id = ANY (SELECT user_id FROM orders);
SELECT id FROM users u LEFT JOIN orders o ON o.user_id = u.id WHERE o.id IS NULL;
SELECT id FROM users WHERE NOT EXISTS (SELECT 1 FROM orders WHERE orders.user_id = users.id) AND email NOT LIKE '%@x';
