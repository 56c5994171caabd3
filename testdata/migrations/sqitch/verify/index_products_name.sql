-- Verify shop:index_products_name on pg

BEGIN;

SELECT 1 FROM products WHERE false;

ROLLBACK;
