BEGIN;
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id); -- want: concurrent-in-transaction@"CONCURRENTLY" "CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and the BEGIN on line 1 opens one: the migration fails"
DROP INDEX CONCURRENTLY orders_status_idx; -- want: concurrent-in-transaction "DROP INDEX CONCURRENTLY"
REINDEX (CONCURRENTLY) TABLE orders; -- want: concurrent-in-transaction@"CONCURRENTLY" "REINDEX CONCURRENTLY"
ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY; -- want: concurrent-in-transaction "DETACH PARTITION CONCURRENTLY"
COMMIT;

-- After COMMIT there is no transaction block.
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);

START TRANSACTION;
REINDEX INDEX CONCURRENTLY orders_status_idx; -- want: concurrent-in-transaction "START TRANSACTION on line 11"
ROLLBACK;
REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;
