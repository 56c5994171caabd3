-- sqlsage-test: pg-version=9
-- Identity columns arrived in PostgreSQL 10.
CREATE TABLE events (name text NOT NULL); -- want: missing-primary-key
