CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, status text, created_at timestamptz);
CREATE TABLE billing.invoices (id bigint PRIMARY KEY, number text);
CREATE TABLE measurements (id bigint, taken_at timestamptz) PARTITION BY RANGE (taken_at);
CREATE INDEX orders_status_idx ON orders (status);
