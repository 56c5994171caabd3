-- sqlsage-test: pg-version=9
-- Identity columns arrived in PostgreSQL 10.
CREATE TABLE events (id BIGSERIAL PRIMARY KEY, name text NOT NULL); -- want: missing-primary-key
