-- Sorted SELECTs that are bounded, and ORDER BYs that do not sort a result.
SELECT id, title FROM posts ORDER BY created_at DESC LIMIT 50;
SELECT id FROM posts ORDER BY id OFFSET 20 LIMIT 10;
SELECT id FROM posts ORDER BY id FETCH FIRST 10 ROWS ONLY;
SELECT id FROM posts ORDER BY id LIMIT ALL;
SELECT id FROM posts ORDER BY id LIMIT $1;

-- No table: the query lists its own rows.
SELECT * FROM (VALUES (2), (1)) v (n) ORDER BY n;
SELECT g FROM generate_series(1, 10) g ORDER BY g DESC;
SELECT 1 ORDER BY 1;

-- An ORDER BY inside a subquery, an aggregate or a window is not the statement's.
SELECT * FROM (SELECT id FROM posts ORDER BY id LIMIT 5) p;
SELECT string_agg(title, ', ' ORDER BY title) FROM posts;
SELECT id, row_number() OVER (ORDER BY created_at) FROM posts LIMIT 10;

-- SELECT INTO creates a table; INSERT … SELECT and views are not reads by a client.
SELECT id INTO posts_copy FROM posts ORDER BY id;
INSERT INTO archive SELECT * FROM posts ORDER BY id;
CREATE VIEW posts_sorted AS SELECT * FROM posts ORDER BY id;

-- order by in a comment or a string is not a clause
SELECT 'order by' FROM posts LIMIT 1;

-- Groups, distinct values and catalogs: reports and metadata want them all.
SELECT author_id, count(*) FROM posts GROUP BY author_id ORDER BY 2 DESC;
SELECT DISTINCT author_id FROM posts ORDER BY author_id;
SELECT max(created_at) FROM posts ORDER BY 1;
SELECT relname FROM pg_class ORDER BY relname;
SELECT table_name FROM information_schema.tables ORDER BY table_name;

-- Routine bodies hand their rows to a loop, a variable or a caller.
CREATE FUNCTION posts_sorted() RETURNS SETOF posts AS $$ SELECT * FROM posts ORDER BY id $$ LANGUAGE sql;
CREATE FUNCTION walk() RETURNS void AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT id FROM posts ORDER BY created_at LOOP
    RAISE NOTICE '%', r.id;
  END LOOP;
END $$ LANGUAGE plpgsql;

-- Rows bounded by the caller's keys: a list of ids, one row, one parent's children.
CREATE TABLE authors (id bigint PRIMARY KEY, handle text UNIQUE);
CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES authors, title text, created_at timestamptz);
SELECT id FROM posts WHERE id = ANY($1) ORDER BY created_at;
SELECT id FROM posts WHERE id IN (1, 2, 3) ORDER BY created_at;
SELECT id FROM posts WHERE author_id = $1 ORDER BY created_at;
SELECT p.id FROM posts p JOIN authors a ON a.id = p.author_id WHERE a.handle = $1 ORDER BY p.created_at;
SELECT x.id FROM unnest($1::bigint[]) AS x (id) JOIN posts USING (id) ORDER BY array_position($1, x.id);
CREATE INDEX posts_title ON posts (title);
SELECT id FROM posts WHERE title = $1 ORDER BY created_at;
