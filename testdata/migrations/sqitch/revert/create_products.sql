-- Revert shop:create_products from pg

BEGIN;

DROP TABLE products;

COMMIT;
