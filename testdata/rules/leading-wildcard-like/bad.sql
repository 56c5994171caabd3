-- Patterns a B-tree index cannot serve, on B-tree indexed columns.
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, name text, city text);
CREATE INDEX users_name_idx ON users (name);
CREATE INDEX users_city_name_idx ON users (city, name);

SELECT id FROM users WHERE email LIKE '%@example.com'; -- want: leading-wildcard-like@"'%@example.com'" "LIKE cannot use the B-tree index of unique constraint users_email_key on users.email for a pattern that starts with a wildcard, so it scans every row of users; a pg_trgm GIN index can serve it"
SELECT id FROM users u WHERE u.name ILIKE '%ann%'; -- want: leading-wildcard-like@"'%ann%'" "ILIKE cannot use the B-tree index users_name_idx on users.name"
SELECT id FROM users WHERE name LIKE '_nn'; -- want: leading-wildcard-like
SELECT id FROM users WHERE name ILIKE 'ann%'; -- want: leading-wildcard-like "for a case-insensitive match"
SELECT id FROM users WHERE name LIKE '%' || $1 || '%'; -- want: leading-wildcard-like@"'%'"
SELECT id FROM users WHERE name LIKE concat('%', $1::text); -- want: leading-wildcard-like@"'%'"
SELECT id FROM users WHERE city LIKE '%ville' AND name IS NOT NULL; -- want: leading-wildcard-like@"'%ville'"
