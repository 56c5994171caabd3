-- REINDEX CONCURRENTLY needs PostgreSQL 12: not reported before.
REINDEX TABLE orders;
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id); -- want: index-not-concurrent
