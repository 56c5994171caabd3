CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL);
CREATE TABLE orders (
  id      bigint,
  user_id bigint NOT NULL,
  CONSTRAINT orders_pkey PRIMARY KEY (id)
);
CREATE TABLE order_tags (order_id bigint, tag_id bigint, PRIMARY KEY (order_id, tag_id));

-- Keys added after the CREATE TABLE count.
CREATE TABLE payments (id bigint NOT NULL, amount numeric(10, 2));
ALTER TABLE payments ADD PRIMARY KEY (id);
CREATE TABLE refunds (payment_id bigint NOT NULL, amount numeric(10, 2));
ALTER TABLE ONLY refunds ADD CONSTRAINT refunds_pkey PRIMARY KEY (payment_id);

-- Not tables that need a key of their own.
CREATE TEMPORARY TABLE import_rows (line text);
CREATE TEMP TABLE scratch AS SELECT 1 AS x;
CREATE TABLE measurements (at date NOT NULL, value int, PRIMARY KEY (at)) PARTITION BY RANGE (at);
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- pg_dump writes a partition as a plain table and attaches it later.
CREATE TABLE public.measurements_2025 (at date NOT NULL, value int);
ALTER TABLE ONLY public.measurements ATTACH PARTITION public.measurements_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE big_orders AS SELECT * FROM orders WHERE id > 1000;
SELECT * INTO order_copy FROM orders;
CREATE TABLE users_copy (LIKE users INCLUDING ALL);
CREATE TABLE orders_copy (LIKE orders INCLUDING INDEXES INCLUDING DEFAULTS);
CREATE FOREIGN TABLE remote_events (name text) SERVER other;

-- A repeated CREATE TABLE IF NOT EXISTS creates nothing.
CREATE TABLE IF NOT EXISTS users (email text);

-- A table a later statement drops is not in the final schema.
CREATE TABLE tmp_backfill (user_id bigint);
DROP TABLE tmp_backfill;

-- The key this statement declares is dropped later: the drop is the
-- place to judge, not this statement.
CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint);
ALTER TABLE sessions DROP CONSTRAINT sessions_pkey;

-- Suppressed on purpose.
CREATE TABLE raw_log (line text); -- sqlsage-ignore missing-primary-key append-only, never updated
