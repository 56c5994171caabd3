-- A table created in the same file is empty: no need for CONCURRENTLY.
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);
CREATE INDEX orders_user_id_idx ON orders (user_id);
-- A table the workspace does not create is unknown.
CREATE INDEX elsewhere_idx ON somewhere_else (x);
