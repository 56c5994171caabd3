-- Foreign keys that no index of their table leads with.
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE TABLE shops (id bigint PRIMARY KEY, region text NOT NULL, UNIQUE (id, region));

CREATE TABLE orders (
  id        bigint PRIMARY KEY,
  user_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE, -- want: fk-missing-index@"REFERENCES" "foreign key orders \(user_id\) referencing users has no index"
  shop_id   bigint,
  region    text,
  coupon_id bigint CONSTRAINT orders_coupon_fk REFERENCES users, -- want: fk-missing-index@"CONSTRAINT orders_coupon_fk"
  CONSTRAINT orders_shop_fk FOREIGN KEY (shop_id, region) REFERENCES shops (id, region) -- want: fk-missing-index@"CONSTRAINT orders_shop_fk"
);
CREATE INDEX idx_orders_user_id ON orders (user_id);
CREATE INDEX idx_orders_coupon_id ON orders (coupon_id);
CREATE INDEX idx_orders_shop_id_region ON orders (shop_id, region);
-- A partial index and a GIN index do not serve the key's lookups.
CREATE INDEX orders_open_user ON orders (user_id) WHERE id > 0;
CREATE INDEX orders_coupon_gin ON orders USING gin (coupon_id);
-- An index that leads with only part of a composite key does not either.
CREATE INDEX orders_shop ON orders (shop_id);

CREATE TABLE sales."Line_Items" (
  id bigint PRIMARY KEY,
  "Order" bigint, FOREIGN KEY ("Order") REFERENCES orders -- want: fk-missing-index@"FOREIGN KEY" "foreign key sales.\"Line_Items\" \(\"Order\"\) referencing orders"
);
CREATE INDEX "idx_Line_Items_Order" ON sales."Line_Items" ("Order");

-- A key added to a table created in the same file gets a plain index.
CREATE TABLE refunds (id bigint PRIMARY KEY, order_id bigint);
ALTER TABLE refunds ADD CONSTRAINT refunds_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID; -- want: fk-missing-index@"CONSTRAINT refunds_order_fk"
CREATE INDEX idx_refunds_order_id ON refunds (order_id);
ALTER TABLE refunds ADD COLUMN user_id bigint REFERENCES users; -- want: fk-missing-index@"REFERENCES users"
CREATE INDEX idx_refunds_user_id ON refunds (user_id);

-- The name idx_payments_user_id is taken by an index on other columns.
CREATE TABLE payments (id bigint PRIMARY KEY, user_id bigint REFERENCES users, amount numeric); -- want: fk-missing-index
CREATE INDEX idx_payments_user_id_2 ON payments (user_id);
CREATE INDEX idx_payments_user_id ON payments (amount);

-- An unnamed key dropped by the name PostgreSQL gave it and added again is
-- reported once, where it is added again.
CREATE TABLE comments (id bigint PRIMARY KEY, user_id bigint REFERENCES users);
ALTER TABLE comments DROP CONSTRAINT comments_user_id_fkey;
ALTER TABLE comments ADD FOREIGN KEY (user_id) REFERENCES users ON DELETE CASCADE; -- want: fk-missing-index
CREATE INDEX idx_comments_user_id ON comments (user_id);
