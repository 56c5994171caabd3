-- Alone in its file, the statement runs outside a transaction block.
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
