-- Flyway runs a script with CONCURRENTLY without a transaction.
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';
