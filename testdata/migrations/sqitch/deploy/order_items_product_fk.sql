-- Deploy shop:order_items_product_fk to pg

BEGIN;

ALTER TABLE order_items
    ADD CONSTRAINT order_items_product_id_fkey FOREIGN KEY (product_id) REFERENCES products (id);

COMMIT;
