-- sqlsage-test: pg-version=12
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);
