CREATE TABLE orders (
  id         bigint PRIMARY KEY,
  user_id    bigint NOT NULL,
  status     text NOT NULL,
  email      text,
  created_at timestamptz NOT NULL,
  CONSTRAINT orders_email_key UNIQUE (email, status)
);
CREATE INDEX orders_user_created ON orders (user_id, created_at);
CREATE INDEX orders_user ON orders (user_id); -- want: redundant-index@"orders_user" "index orders_user on orders \(user_id\) is a leftmost prefix of index orders_user_created \(user_id, created_at\)"

-- A duplicate of the primary key, and of a unique constraint's leftmost column.
CREATE INDEX orders_id_idx ON orders USING btree (id); -- want: redundant-index@"orders_id_idx" "duplicates the primary key orders_pkey \(id\)"
CREATE INDEX ON orders (email); -- want: redundant-index@"orders" "unnamed index on orders \(email\) is a leftmost prefix of the unique constraint orders_email_key"

-- Two identical indexes, spelled differently: the later one is reported.
CREATE INDEX orders_lower_email ON orders (LOWER(email)) WHERE status <> 'void';
CREATE INDEX orders_lower_email2 -- want: redundant-index@"orders_lower_email2" "duplicates index orders_lower_email"
  ON orders (lower( email ))
  WHERE status <>  'void';

-- A unique index that another unique index duplicates: deleting it is offered, not applied.
CREATE UNIQUE INDEX orders_status_created ON orders (status, created_at);
CREATE UNIQUE INDEX orders_status_created_2 ON orders (status, created_at); -- want: redundant-index@"orders_status_created_2"

-- The same name created again (a retry after a failing statement):
-- reported, without a fix, since the retry would take its place.
CREATE INDEX orders_user_created_2 ON orders (user_id, created_at) WITH (fillfactor = 200); -- want: redundant-index@"orders_user_created_2"
CREATE INDEX orders_user_created_2 ON orders (user_id, created_at) WITH (fillfactor = 90);
