CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, email text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers, created timestamptz, note text);
CREATE TABLE events (id bigint PRIMARY KEY, kind text, payload jsonb, "insertedAt" timestamptz, source text);
CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint REFERENCES orders, total numeric, date_added date);

-- Lookup tables, junction tables, temporary tables, partitions and copies.
CREATE TABLE countries (code char(2) PRIMARY KEY, name text NOT NULL);
CREATE TABLE order_statuses (id smallint PRIMARY KEY, name text NOT NULL, description text);
CREATE TABLE tags (id bigint PRIMARY KEY, name text, created_at timestamptz);
CREATE TABLE order_tags (order_id bigint REFERENCES orders, tag_id bigint REFERENCES tags, PRIMARY KEY (order_id, tag_id));
CREATE TEMP TABLE scratch (a int, b int, c int, d int);
CREATE TABLE measurements (id bigint, at date NOT NULL, value int, created_at timestamptz) PARTITION BY RANGE (at);
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE orders_archive (LIKE orders INCLUDING ALL);
CREATE TABLE big_orders AS SELECT * FROM orders;
CREATE TABLE special_orders (reason text, priority int, owner text) INHERITS (orders);

-- A created_at added by a later statement counts.
CREATE TABLE payments (id bigint PRIMARY KEY, order_id bigint REFERENCES orders, amount numeric, method text);
ALTER TABLE payments ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();

-- Lookup tables by their label columns; tables that record a time on
-- insert under another name; tables with nothing but a key.
CREATE TABLE genres (genre_id integer PRIMARY KEY, name varchar(120));
CREATE TABLE device_codes (code text PRIMARY KEY, client_id text NOT NULL, scope text, requested_at timestamp NOT NULL DEFAULT now());
CREATE TABLE auth_token_deleted (public_id text PRIMARY KEY, delete_time timestamptz NOT NULL);
CREATE TABLE ledger_lines (id bigint PRIMARY KEY, account_id bigint, amount numeric, transdate date DEFAULT current_date);
CREATE TABLE history_base (history_id text PRIMARY KEY);
CREATE TABLE us_states (state_id smallint NOT NULL, state_name varchar(100), state_abbr varchar(2), state_region varchar(50));
CREATE TABLE place_alias_type (id serial, name text NOT NULL);
CREATE TABLE host_set (public_id text PRIMARY KEY, catalog_id text NOT NULL REFERENCES history_base);
CREATE TABLE purchase_orders (order_id smallint PRIMARY KEY, customer_id text, order_date date, shipped_date date, ship_name text);
CREATE TABLE release_attribute_type (id serial PRIMARY KEY, name text NOT NULL, free_text boolean NOT NULL, parent int REFERENCES release_attribute_type, child_order int);
CREATE TABLE employee_class (label text NOT NULL PRIMARY KEY, id serial NOT NULL UNIQUE);
-- A validity period, and references by table name whose keys are declared elsewhere.
CREATE TABLE store_hst (public_id text NOT NULL, name text, history_id text PRIMARY KEY, valid_range tstzrange NOT NULL DEFAULT tstzrange(now(), NULL));
CREATE TABLE editor (id int PRIMARY KEY, name text NOT NULL, email text, bio text, created timestamptz);
CREATE TABLE place (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE tag_raw (place integer NOT NULL, editor integer NOT NULL, tag integer NOT NULL);
