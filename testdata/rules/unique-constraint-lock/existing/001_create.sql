CREATE TABLE users (id bigint, email text NOT NULL, handle text, tenant_id bigint);
CREATE TABLE billing.invoices (id bigint, number text);
CREATE TABLE events (id bigint, code text, taken_at timestamptz) PARTITION BY RANGE (taken_at);
