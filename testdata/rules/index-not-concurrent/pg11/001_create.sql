-- sqlsage-test: pg-version=11
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);
