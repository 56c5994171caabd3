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
