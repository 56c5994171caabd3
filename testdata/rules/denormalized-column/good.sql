CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, name text);
CREATE TABLE orders (
  id            bigint PRIMARY KEY,
  customer_id   bigint NOT NULL REFERENCES customers (id),
  customer_note text,       -- customers has no note column
  shipping_name text        -- no shipping_id key
);
-- Tables that keep copies on purpose.
CREATE TABLE order_summaries (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers, customer_email text);
CREATE TABLE customer_stats (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers, customer_name text);
CREATE TABLE orders_history (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers, customer_email text);
-- A copy that outlives the reference, or stands for rows without one.
CREATE TABLE campaign_lists (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers ON DELETE SET NULL, customer_name text NOT NULL DEFAULT '');
CREATE TABLE contact_messages (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers, customer_email text NOT NULL);
-- A view is the way to show the joined value.
CREATE VIEW order_emails AS SELECT o.id, o.customer_id, c.email AS customer_email FROM orders o JOIN customers c ON c.id = o.customer_id;
-- Without a key there is nothing to copy through.
CREATE TABLE leads (id bigint PRIMARY KEY, customer_id bigint, customer_email text);
-- A copy on purpose, said so.
CREATE TABLE invoices (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers, customer_name text); -- sqlsage-ignore denormalized-column legal name at the time of invoicing
-- A flag records the state when the row was written.
CREATE TABLE accounts (id bigint PRIMARY KEY, banned boolean NOT NULL DEFAULT false);
CREATE TABLE sessions (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts, account_banned boolean);
