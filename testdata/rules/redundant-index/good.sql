CREATE TABLE orders (
  id         bigint PRIMARY KEY,
  user_id    bigint NOT NULL,
  status     text NOT NULL,
  email      text,
  created_at timestamptz NOT NULL
);
CREATE INDEX orders_user_created ON orders (user_id, created_at);
CREATE INDEX orders_created ON orders (created_at);              -- not a leftmost prefix
CREATE INDEX orders_user_live ON orders (user_id) WHERE status = 'live'; -- another predicate
CREATE INDEX orders_user_hash ON orders USING hash (user_id);    -- another method
CREATE INDEX orders_user_desc ON orders (user_id DESC, id);      -- another ordering
CREATE INDEX orders_email_pattern ON orders (email text_pattern_ops); -- another operator class
CREATE INDEX orders_email_ci ON orders (lower(email));
CREATE UNIQUE INDEX orders_user_status ON orders (user_id, status); -- unique on fewer columns than an index
CREATE INDEX orders_user_created_cover ON orders (user_id) INCLUDE (email); -- INCLUDE not in the longer index
CREATE INDEX orders_status_cover ON orders (status, created_at) INCLUDE (user_id);
CREATE INDEX orders_status ON orders (status, created_at, email);

-- The longer index is dropped later: the short one is needed.
CREATE TABLE items (id bigint PRIMARY KEY, order_id bigint, sku text);
CREATE INDEX items_order ON items (order_id);
CREATE INDEX items_order_sku ON items (order_id, sku);
DROP INDEX items_order_sku;

-- pg_dump writes unique constraints as an index plus USING INDEX.
CREATE TABLE tokens (id bigint, value text);
CREATE UNIQUE INDEX tokens_value_key ON tokens (value);
ALTER TABLE tokens ADD CONSTRAINT tokens_value_key UNIQUE USING INDEX tokens_value_key;
