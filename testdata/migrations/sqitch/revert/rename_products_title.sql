-- Revert shop:rename_products_title from pg

BEGIN;

ALTER TABLE products RENAME COLUMN name TO title;

COMMIT;
