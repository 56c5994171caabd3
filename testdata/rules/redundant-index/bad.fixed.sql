CREATE TABLE orders (
  id         bigint PRIMARY KEY,
  user_id    bigint NOT NULL,
  status     text NOT NULL,
  email      text,
  created_at timestamptz NOT NULL,
  CONSTRAINT orders_email_key UNIQUE (email, status)
);
CREATE INDEX orders_user_created ON orders (user_id, created_at);

-- A duplicate of the primary key, and of a unique constraint's leftmost column.

-- Two identical indexes, spelled differently: the later one is reported.
CREATE INDEX orders_lower_email ON orders (LOWER(email)) WHERE status <> 'void';

-- A unique index that another unique index duplicates: deleting it is offered, not applied.
CREATE UNIQUE INDEX orders_status_created ON orders (status, created_at);
CREATE UNIQUE INDEX orders_status_created_2 ON orders (status, created_at); -- want: redundant-index@"orders_status_created_2"

-- The same name created again (a retry after a failing statement):
-- reported, without a fix, since the retry would take its place.
CREATE INDEX orders_user_created_2 ON orders (user_id, created_at) WITH (fillfactor = 200); -- want: redundant-index@"orders_user_created_2"
CREATE INDEX orders_user_created_2 ON orders (user_id, created_at) WITH (fillfactor = 90);
