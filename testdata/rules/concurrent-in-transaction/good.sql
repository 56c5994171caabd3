-- No transaction block: CONCURRENTLY runs.
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
BEGIN;
CREATE INDEX orders_status_idx ON orders (status);
-- REFRESH MATERIALIZED VIEW CONCURRENTLY may run in a transaction.
REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;
COMMIT;
