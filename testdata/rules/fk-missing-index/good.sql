-- Every foreign key is the leading part of some index, key or unique constraint.
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE tags (id bigint PRIMARY KEY, name text NOT NULL);

CREATE TABLE orders (
  id      bigint PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id)
);
CREATE INDEX idx_orders_user_id ON orders (user_id);

-- A one-to-one extension table: the primary key is the foreign key.
CREATE TABLE user_profiles (
  user_id bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  bio     text
);

-- A join table: the composite primary key leads with one key, an index
-- on the other covers the reverse direction.
CREATE TABLE order_tags (
  order_id bigint REFERENCES orders,
  tag_id   bigint REFERENCES tags,
  PRIMARY KEY (order_id, tag_id)
);
CREATE INDEX ON order_tags (tag_id);

-- Leftmost columns in a different order still serve the lookup.
CREATE TABLE shipments (
  id       bigint PRIMARY KEY,
  order_id bigint,
  user_id  bigint,
  FOREIGN KEY (user_id, order_id) REFERENCES order_owner (user_id, order_id),
  UNIQUE (order_id, user_id, id)
);

-- Indexed by a unique constraint added later.
CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint REFERENCES orders);
ALTER TABLE invoices ADD CONSTRAINT invoices_order_key UNIQUE (order_id);

-- Indexed under the column's later name.
CREATE TABLE notes (id bigint PRIMARY KEY, author bigint REFERENCES users);
ALTER TABLE notes RENAME COLUMN author TO author_id;
CREATE INDEX notes_author ON notes (author_id, id);

-- A key dropped later is not reported, nor is one of a dropped table.
CREATE TABLE drafts (id bigint PRIMARY KEY, user_id bigint CONSTRAINT drafts_user_fk REFERENCES users);
ALTER TABLE drafts DROP CONSTRAINT drafts_user_fk;
CREATE TABLE scratch (id bigint PRIMARY KEY, user_id bigint REFERENCES users);
DROP TABLE scratch;

-- Suppressed on purpose.
CREATE TABLE audit (id bigint PRIMARY KEY, user_id bigint REFERENCES users); -- sqlsage-ignore fk-missing-index write-only log
