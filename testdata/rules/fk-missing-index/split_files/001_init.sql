CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE accounts (
  id          bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  referrer_id bigint REFERENCES customers (id) -- want: fk-missing-index
);
