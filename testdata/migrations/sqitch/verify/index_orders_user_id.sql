-- Verify shop:index_orders_user_id on pg

BEGIN;

SELECT 1 FROM orders WHERE false;

ROLLBACK;
