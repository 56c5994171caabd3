CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, seller_id bigint, buyer_id bigint);
CREATE TABLE billing.invoices (id bigint PRIMARY KEY, order_id bigint);
CREATE TABLE measurements (id bigint, user_id bigint, taken_at timestamptz) PARTITION BY RANGE (taken_at);
