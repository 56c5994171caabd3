-- Verify shop:create_orders on pg

BEGIN;

SELECT 1 FROM orders WHERE false;

ROLLBACK;
