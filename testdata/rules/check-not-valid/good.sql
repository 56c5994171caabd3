CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10, 2));
ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);
ALTER TABLE somewhere_else ADD CHECK (total >= 0);
