-- sqlsage-test: pg-version=10
CREATE TABLE accounts (id bigint PRIMARY KEY);
