-- Verify shop:order_items_product_fk on pg

BEGIN;

SELECT 1 FROM order_items WHERE false;

ROLLBACK;
