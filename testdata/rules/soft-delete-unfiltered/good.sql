CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, deleted_at timestamptz);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, deleted_at timestamptz);
CREATE TABLE countries (code text PRIMARY KEY, name text NOT NULL);

SELECT id, email FROM users WHERE email = $1 AND deleted_at IS NULL;
SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id AND u.deleted_at IS NULL WHERE o.deleted_at IS NULL;
SELECT u.email FROM users u LEFT JOIN orders o ON o.user_id = u.id AND o.deleted_at IS NULL WHERE u.deleted_at IS NULL;
-- Queries that mention deleted_at know what they want: the trash, a purge, the status.
SELECT id FROM users WHERE deleted_at IS NOT NULL;
SELECT id FROM users WHERE deleted_at < now() - interval '30 days';
SELECT id, email, deleted_at FROM users;
SELECT id FROM users WHERE coalesce(deleted_at, 'infinity') > now();
SELECT email FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id AND o.deleted_at IS NULL AND u.deleted_at IS NULL);
-- Tables without deleted_at, unknown tables, WITH queries, and statements that are not reads.
SELECT name FROM countries;
SELECT id FROM sessions;
WITH live AS (SELECT id FROM users WHERE deleted_at IS NULL) SELECT count(*) FROM live;
INSERT INTO orders (id, user_id) SELECT id, id FROM users;
UPDATE users SET email = lower(email);
DELETE FROM orders WHERE user_id = 1;
SELECT id INTO TEMP users_copy FROM users;
CREATE VIEW all_users AS SELECT id FROM users;
-- A NOT NULL deleted_at records when something was deleted; it marks nothing.
CREATE TABLE deleted_entities (gid uuid PRIMARY KEY, deleted_at timestamptz NOT NULL DEFAULT now());
SELECT gid FROM deleted_entities ORDER BY deleted_at;
SELECT count(*) FROM deleted_entities;
