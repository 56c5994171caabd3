-- Verify shop:add_orders_status on pg

BEGIN;

SELECT 1 FROM orders WHERE false;

ROLLBACK;
