ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id); -- want: fk-not-valid@"ADD CONSTRAINT" "foreign key orders_user_fk on table orders \(user_id\) checks every existing row while it blocks writes to orders and users; add it NOT VALID, then VALIDATE CONSTRAINT"
ALTER TABLE billing.invoices ADD FOREIGN KEY (order_id) REFERENCES orders ON DELETE CASCADE; -- want: fk-not-valid "foreign key invoices_order_id_fkey on table billing.invoices"
ALTER TABLE orders
  ADD COLUMN note text,
  ADD CONSTRAINT orders_seller_fk FOREIGN KEY (seller_id) REFERENCES users (id) DEFERRABLE; -- want: fk-not-valid@"ADD CONSTRAINT"
ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES users (id) ON DELETE SET NULL; -- want: fk-not-valid@"REFERENCES" "column \"coupon_id\" is added with a foreign key to users, which checks every existing row of orders"
ALTER TABLE orders ADD COLUMN referrer_id bigint CONSTRAINT orders_referrer_fk REFERENCES users NOT NULL; -- want: fk-not-valid@"CONSTRAINT orders_referrer_fk"

-- Already NOT VALID.
ALTER TABLE orders ADD CONSTRAINT orders_buyer_fk FOREIGN KEY (buyer_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_buyer_fk;

-- Partitioned tables do not take NOT VALID foreign keys.
ALTER TABLE measurements ADD FOREIGN KEY (user_id) REFERENCES users (id);

-- A table the file creates is empty.
CREATE TABLE shipments (id bigint PRIMARY KEY, order_id bigint);
ALTER TABLE shipments ADD FOREIGN KEY (order_id) REFERENCES orders (id);
