CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, name text, bio text, city text);
CREATE INDEX users_name_idx ON users (name);
CREATE INDEX users_name_trgm ON users USING gin (name gin_trgm_ops);
CREATE INDEX users_city_name_idx ON users (city, name);

-- A prefix pattern: a B-tree (with text_pattern_ops or the C collation) can serve it.
SELECT id FROM users WHERE email LIKE 'ann%';
-- A trigram index serves any pattern.
SELECT id FROM users WHERE name LIKE '%ann%';
SELECT id FROM users WHERE name ILIKE 'ann%';
-- No B-tree index leads with the column: nothing is lost (unindexed-filter's business).
SELECT id FROM users WHERE bio LIKE '%sql%';
-- Another condition is served by an index: the pattern filters its few rows.
SELECT id FROM users WHERE id = $1 AND email LIKE '%@example.com';
SELECT id FROM users WHERE city = 'Paris' AND email LIKE '%@example.com';
-- Not a constant-led pattern, NOT LIKE, digits under ILIKE, and a LIKE that is not a filter.
SELECT id FROM users WHERE email LIKE $1;
SELECT id FROM users WHERE email NOT LIKE '%@example.com';
SELECT id FROM users WHERE email ILIKE '42%';
SELECT email LIKE '%@example.com' AS internal FROM users;
SELECT id FROM accounts WHERE email LIKE '%@example.com';
