CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, name text, customer_tier text);
CREATE TABLE products (id bigint PRIMARY KEY, title text, "unitPrice" numeric(10, 2));
CREATE TABLE orders (
  id             bigint PRIMARY KEY,
  customer_id    bigint NOT NULL REFERENCES customers (id),
  customer_email text,   -- want: denormalized-column@"customer_email" "column \"customer_email\" copies customers.email through customer_id"
  customer_tier  text    -- want: denormalized-column@"customer_tier" "copies customers.customer_tier"
);
ALTER TABLE orders ADD COLUMN customer_name text; -- want: denormalized-column@"customer_name"
CREATE TABLE "orderLines" (
  id          bigint PRIMARY KEY,
  "productId" bigint NOT NULL REFERENCES products,
  "productTitle" text -- want: denormalized-column@"\"productTitle\""
);
