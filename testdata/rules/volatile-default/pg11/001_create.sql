-- sqlsage-test: pg-version=11
CREATE TABLE accounts (id bigint PRIMARY KEY);
