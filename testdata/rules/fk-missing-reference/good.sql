CREATE TABLE users (id bigint PRIMARY KEY, manager_id bigint);
CREATE TABLE tenants (id uuid PRIMARY KEY);
CREATE TABLE orders (
  id          bigint PRIMARY KEY,
  user_id     bigint REFERENCES users,       -- a key
  tenant_id   bigint,                        -- tenants.id is a uuid: not that table's id
  external_id text,                          -- not an integer or uuid
  session_id  bigint,                        -- no sessions table
  owner_id    bigint,                        -- polymorphic, with owner_type
  owner_type  text
);
-- A key added by a later statement counts; so does a composite one.
CREATE TABLE carts (id bigint PRIMARY KEY, user_id bigint, tenant_id uuid);
ALTER TABLE carts ADD CONSTRAINT carts_user_fk FOREIGN KEY (tenant_id, user_id) REFERENCES tenant_users (tenant_id, user_id);
-- A table's own key, and a partition.
CREATE TABLE user (user_id bigint PRIMARY KEY);
CREATE TABLE order_items (id bigint, order_id bigint REFERENCES orders) PARTITION BY HASH (id);
CREATE TABLE order_items_0 (id bigint, order_id bigint); -- pg_dump writes a partition as a table, then attaches it
ALTER TABLE ONLY order_items ATTACH PARTITION order_items_0 FOR VALUES WITH (MODULUS 2, REMAINDER 0);
-- A temporary table.
CREATE TEMP TABLE import_orders (user_id bigint);
-- History and audit tables keep ids after the rows are gone.
CREATE TABLE user_history (id bigint PRIMARY KEY, user_id bigint NOT NULL, changed_at timestamptz);
-- A quoted table's own id.
CREATE TABLE "User" ("UserId" integer PRIMARY KEY, "Name" text);
