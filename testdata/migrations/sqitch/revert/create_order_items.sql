-- Revert shop:create_order_items from pg

BEGIN;

DROP TABLE order_items;

COMMIT;
