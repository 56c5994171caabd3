-- Sorted SELECTs that return every row.
SELECT id, title FROM posts ORDER BY created_at DESC; -- want: order-without-limit@"ORDER BY" "ORDER BY without LIMIT sorts every matching row of posts and returns them all"

select p.id, u.name
from blog.posts p join users u on u.id = p.author_id
where p.published
order  by p.created_at; -- want: order-without-limit@"order  by" "rows of blog.posts|row of blog.posts"

-- The ORDER BY of a UNION sorts the whole union.
SELECT id FROM posts UNION SELECT id FROM drafts ORDER BY id; -- want: order-without-limit

-- OFFSET alone skips rows but still returns all the rest.
SELECT id FROM posts ORDER BY id OFFSET 20; -- want: order-without-limit

-- A comment before the semicolon stays where it is.
SELECT id FROM posts ORDER BY id /* newest last */ ; -- want: order-without-limit

-- Locking clauses come before the added LIMIT just as well.
SELECT id FROM jobs ORDER BY priority FOR UPDATE SKIP LOCKED; -- want: order-without-limit

WITH recent AS (SELECT id FROM posts WHERE created_at > now() - interval '1 day')
SELECT id FROM recent ORDER BY id; -- want: order-without-limit

-- A filter that is not a key still returns every matching row.
CREATE TABLE authors (id bigint PRIMARY KEY, handle text UNIQUE);
CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES authors, status text, created_at timestamptz);
SELECT id FROM posts WHERE status = 'published' ORDER BY created_at DESC; -- want: order-without-limit
SELECT id FROM posts WHERE author_id > $1 ORDER BY created_at DESC; -- want: order-without-limit
