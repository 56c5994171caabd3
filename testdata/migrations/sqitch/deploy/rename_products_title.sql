-- Deploy shop:rename_products_title to pg

BEGIN;

ALTER TABLE products RENAME COLUMN title TO name;

COMMIT;
