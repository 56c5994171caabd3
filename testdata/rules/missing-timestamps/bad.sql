CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, email text NOT NULL); -- want: missing-timestamps@"customers"
CREATE TABLE orders ( -- want: missing-timestamps@"orders" "table orders has no created_at column"
  id          bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  total       numeric(10, 2) NOT NULL, -- before tax
  status      text NOT NULL
);

-- An update time column alone: only created_at is added.
CREATE TABLE "Invoices" ( -- want: missing-timestamps@"\"Invoices\""
	id         bigint PRIMARY KEY,
	order_id   bigint REFERENCES orders,
	amount     numeric(10, 2),
	modified_at timestamptz
);

-- created_by says who, not when.
CREATE TABLE shop.notes (id bigint PRIMARY KEY, order_id bigint REFERENCES orders, body text, created_by bigint); -- want: missing-timestamps@"shop.notes"
