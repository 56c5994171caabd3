CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10, 2), discount numeric(10, 2), status text);
