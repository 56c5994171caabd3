-- sqlsage-test: pg-version=12
CREATE TABLE accounts (id bigint PRIMARY KEY, email text, name text);
