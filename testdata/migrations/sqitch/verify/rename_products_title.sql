-- Verify shop:rename_products_title on pg

BEGIN;

SELECT 1 FROM products WHERE false;

ROLLBACK;
