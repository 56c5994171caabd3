-- Revert shop:add_orders_status from pg

BEGIN;

ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;

COMMIT;
