-- Alone or not, Flyway runs a script with CONCURRENTLY without a transaction
-- (unless V3__index_status.sql.conf says executeInTransaction=true).
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
