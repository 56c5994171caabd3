-- Verify shop:create_products on pg

BEGIN;

SELECT 1 FROM products WHERE false;

ROLLBACK;
