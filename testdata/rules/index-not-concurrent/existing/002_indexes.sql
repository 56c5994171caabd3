CREATE INDEX orders_user_id_idx ON orders (user_id); -- want: index-not-concurrent "CREATE INDEX on table orders blocks writes to it until it finishes; use CONCURRENTLY"
CREATE UNIQUE INDEX IF NOT EXISTS invoices_number_key ON billing.invoices USING btree (number); -- want: index-not-concurrent "table billing.invoices"
create index -- want: index-not-concurrent
  orders_created_at_idx on orders (created_at);
DROP INDEX orders_status_idx; -- want: index-not-concurrent "DROP INDEX orders_status_idx blocks reads and writes of its table"
DROP INDEX IF EXISTS billing.old_idx, billing.older_idx; -- want: index-not-concurrent "DROP INDEX billing.old_idx"
DROP INDEX orders_legacy_idx CASCADE; -- want: index-not-concurrent "DROP INDEX orders_legacy_idx"
REINDEX TABLE orders; -- want: index-not-concurrent "REINDEX TABLE orders blocks writes"
REINDEX (VERBOSE) INDEX orders_status_idx; -- want: index-not-concurrent "REINDEX INDEX orders_status_idx"

-- Already concurrent.
CREATE INDEX CONCURRENTLY orders_user_status_idx ON orders (user_id, status);
DROP INDEX CONCURRENTLY orders_user_status_idx;
REINDEX TABLE CONCURRENTLY orders;
REINDEX (CONCURRENTLY) INDEX orders_status_idx;

-- A partitioned table cannot be indexed concurrently.
CREATE INDEX measurements_taken_at_idx ON measurements (taken_at);

-- An index the migration built itself is new.
CREATE TABLE sessions (id bigint PRIMARY KEY, token text);
CREATE INDEX sessions_token_idx ON sessions (token);
DROP INDEX sessions_token_idx;
