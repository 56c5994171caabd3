-- Revert shop:index_orders_user_id from pg

BEGIN;

DROP INDEX orders_user_id_idx;

COMMIT;
