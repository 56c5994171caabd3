CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, country text, deleted_at timestamptz);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, status text NOT NULL, kind text, placed_at timestamptz);
CREATE INDEX orders_user_status_idx ON orders (user_id, status);
CREATE INDEX orders_placed_brin ON orders USING brin (placed_at);
CREATE INDEX orders_kind_open ON orders (kind) WHERE status = 'open';
CREATE TABLE logs (id bigint, body text);

-- Served by the primary key, a unique constraint, or the leading column of an index.
SELECT email FROM users WHERE id = $1;
SELECT id FROM users WHERE email = $1;
SELECT id FROM orders WHERE user_id = $1;
SELECT id FROM orders WHERE user_id = $1 AND status = 'open';
SELECT id FROM orders WHERE placed_at > now() - interval '1 day';
SELECT id FROM orders WHERE kind = 'gift' AND status = 'open';
SELECT id FROM users WHERE id IN (SELECT user_id FROM orders WHERE user_id = 7);
SELECT id FROM users WHERE id = ANY ($1::bigint[]);

-- One indexed condition on a table: the others filter what the index returns.
SELECT id FROM users WHERE id = $1 AND country = 'FR' AND deleted_at IS NULL;
SELECT id FROM orders WHERE user_id = $1 AND kind = 'gift' ORDER BY placed_at;
SELECT id FROM orders o WHERE o.user_id = $1 ORDER BY o.id DESC LIMIT 10;

-- Both sides of an OR served: a bitmap OR.
SELECT id FROM users WHERE id = 1 OR email = 'a@example.com';

-- A join into a table through its key, and joins of whole tables.
SELECT o.id, u.email FROM orders o JOIN users u ON u.id = o.user_id WHERE o.user_id = $1 AND u.country = 'FR';
SELECT o.id, u.email FROM orders o JOIN users u ON u.email = o.kind;
SELECT u.id FROM users u LEFT JOIN orders o ON o.user_id = u.id AND o.kind = 'gift' WHERE u.id = 3;

-- Not conditions an index serves: expressions, IS NULL, <>, LIKE, OR with an unindexed side.
SELECT id FROM users WHERE lower(country) = 'fr';
SELECT id FROM users WHERE country IS NULL;
SELECT id FROM users WHERE country <> 'FR';
SELECT id FROM users WHERE country LIKE 'F%';
SELECT id FROM users WHERE id = 1 OR country = 'FR';
SELECT id FROM users WHERE country NOT IN ('FR');

-- Tables the schema does not declare, and columns of unknown tables.
SELECT id FROM accounts WHERE name = 'x';
SELECT id FROM users, some_function() f WHERE country = 'FR';
SELECT id FROM (SELECT id, country FROM users) s WHERE s.country = 'FR';

-- ORDER BY without LIMIT, ORDER BY an output column, or with an indexed key.
SELECT id FROM logs ORDER BY body;
SELECT id, email AS body FROM users ORDER BY body LIMIT 5;
SELECT id FROM users ORDER BY email LIMIT 5;
SELECT body FROM logs LIMIT 10;

-- An exclusion constraint's index, a GIN index (any of its columns), and a
-- partitioned table (its partitions may carry the indexes).
CREATE TABLE bookings (id bigint PRIMARY KEY, room_id bigint, during tstzrange, EXCLUDE USING gist (room_id WITH =, during WITH &&));
SELECT id FROM bookings WHERE room_id = $1;
CREATE TABLE docs (id bigint PRIMARY KEY, owner_id bigint, tags text[]);
CREATE INDEX docs_gin ON docs USING gin (owner_id, tags);
SELECT id FROM docs WHERE tags = '{a}';
CREATE TABLE measurements (city_id int, logdate date) PARTITION BY RANGE (logdate);
SELECT logdate FROM measurements WHERE city_id = 5;

-- Reached by index from a restricted table: orders by its user_id from
-- the one user, then shipments by their order_id from those orders; the
-- condition on carrier filters the few shipments found.
CREATE TABLE shipments (id bigint PRIMARY KEY, order_id bigint NOT NULL, carrier text);
CREATE INDEX shipments_order ON shipments (order_id);
SELECT s.id FROM users u JOIN orders o ON o.user_id = u.id JOIN shipments s ON s.order_id = o.id
 WHERE u.email = $1 AND s.carrier = 'ups';
-- A boolean column: an index on two values rarely beats reading the table.
CREATE TABLE flags (id bigint PRIMARY KEY, enabled boolean NOT NULL);
SELECT id FROM flags WHERE enabled = true;
