-- Verify shop:create_order_items on pg

BEGIN;

SELECT 1 FROM order_items WHERE false;

ROLLBACK;
