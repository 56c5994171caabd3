CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE products (id bigint PRIMARY KEY, sku text UNIQUE);
CREATE TABLE orders (
  id          bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id), -- want: fk-on-delete-implicit@"REFERENCES customers" "foreign key orders \(customer_id\) does not say what happens on delete"
  coupon_id   bigint REFERENCES customers ON UPDATE CASCADE DEFERRABLE -- want: fk-on-delete-implicit@"REFERENCES customers ON UPDATE"
);
CREATE TABLE order_lines (
  order_id bigint,
  sku      text,
  CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id) REFERENCES orders MATCH SIMPLE, -- want: fk-on-delete-implicit@"CONSTRAINT order_lines_order_fk"
  FOREIGN KEY (sku) REFERENCES products (sku) NOT VALID -- want: fk-on-delete-implicit@"FOREIGN KEY (sku)"
);
ALTER TABLE order_lines ADD CONSTRAINT order_lines_sku_fk2 FOREIGN KEY (sku) REFERENCES public.products (sku); -- want: fk-on-delete-implicit@"CONSTRAINT order_lines_sku_fk2"
